using System.Text.RegularExpressions;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Reproduce;

namespace Vae.Tests.Report;

/// <summary>
/// Issue 7's end-to-end check: the report's index.html opened in headless Chromium renders every figure with a
/// non-empty box and drawn content, with no console error or failed load. CI points <c>VAE_REPORT_DIR</c> at
/// the main job's <c>vae reproduce --quick</c> output; otherwise a smoke-scale report is generated here.
/// </summary>
[NonParallelizable]
public sealed partial class ReportBrowserTests
{
    [Test]
    public async Task Every_figure_of_the_report_renders_in_Chromium_without_errors()
    {
        BrowserCheck.RequireChromium();
        var reportDirectory = Environment.GetEnvironmentVariable("VAE_REPORT_DIR");
        string? temporary = null;
        if (string.IsNullOrEmpty(reportDirectory))
        {
            temporary = Directory.CreateTempSubdirectory("vae-report-").FullName;
            ReproduceRunner.Run(new ReproduceOptions(temporary, ReproduceScale.Smoke, 1, []), ReportParts.All, "test (smoke scale)", CommandRunner.UseBestNumerics(), CancellationToken.None);
            reportDirectory = temporary;
        }
        try
        {
            var index = Path.Combine(reportDirectory, "index.html");
            Assert.That(File.Exists(index), $"{index} does not exist");
            var html = await File.ReadAllTextAsync(index);
            int declared = FigureTag().Matches(html).Count;
            Assert.That(declared, Is.GreaterThanOrEqualTo(ReportParts.All.Count), "each part contributes figures");

            var check = await BrowserCheck.RunAsync(index);
            var screenshot = Path.Combine(TestContext.CurrentContext.WorkDirectory, "report-screenshot.png");
            await File.WriteAllBytesAsync(screenshot, check.Screenshot);
            TestContext.AddTestAttachment(screenshot, "index.html in headless Chromium");

            Assert.That(check.Errors, Is.Empty, "console errors / failed loads");
            Assert.That(check.Figures, Has.Count.EqualTo(declared));
            foreach (var figure in check.Figures)
            {
                Assert.That(figure.Width, Is.GreaterThan(50), $"{figure.Id} width");
                Assert.That(figure.Height, Is.GreaterThan(50), $"{figure.Id} height");
                Assert.That(figure.Elements, Is.GreaterThan(3), $"{figure.Id} drawn elements");
            }
            Assert.That(check.Screenshot.Length, Is.GreaterThan(10_000), "a screenshot of a rendered page");
        }
        finally
        {
            if (temporary is not null) Directory.Delete(temporary, recursive: true);
        }
    }

    [GeneratedRegex("<figure ")]
    private static partial Regex FigureTag();
}
