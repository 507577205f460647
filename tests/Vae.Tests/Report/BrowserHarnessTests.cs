using NUnit.Framework;

namespace Vae.Tests.Report;

/// <summary>The browser check itself can fail: it sees an empty figure, a console error, an uncaught exception and a missing image.</summary>
[NonParallelizable]
public sealed class BrowserHarnessTests
{
    [Test]
    public async Task Harness_measures_figures_and_catches_console_errors_and_missing_images()
    {
        var dir = Directory.CreateTempSubdirectory("vae-browser-").FullName;
        try
        {
            var page = Path.Combine(dir, "page.html");
            await File.WriteAllTextAsync(page, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
                <figure id="good"><svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><rect x="10" y="10" width="50" height="50"/></svg></figure>
                <figure id="empty"><svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg></figure>
                <img src="missing.png" alt="">
                <script>console.error('boom');</script>
                <script>throw new Error('kaput');</script>
                </body></html>
                """);
            var check = await BrowserCheck.RunAsync(page);
            var good = check.Figures.Single(f => f.Id == "good");
            Assert.That(good.Width, Is.EqualTo(300).Within(0.5));
            Assert.That(good.Height, Is.EqualTo(200).Within(0.5));
            Assert.That(good.Elements, Is.EqualTo(1));
            Assert.That(check.Figures.Single(f => f.Id == "empty").Width, Is.EqualTo(0));
            Assert.That(check.Errors, Has.Some.Contains("boom"));
            Assert.That(check.Errors, Has.Some.Contains("missing.png"));
            Assert.That(check.Errors, Has.Some.Contains("kaput"), "uncaught exception");
            Assert.That(check.Screenshot.Take(8), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "PNG signature");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
