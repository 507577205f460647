using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Vae.Tests.Report;

/// <summary>What a headless Chromium saw of one HTML page: each figure's rendered box, errors, a screenshot.</summary>
internal sealed record BrowserCheck(IReadOnlyList<FigureBox> Figures, IReadOnlyList<string> Errors, byte[] Screenshot)
{
    /// <summary>Script returning every <c>figure</c>'s id and the bounding box of its SVG (or image).</summary>
    private const string FigureBoxes = """
        JSON.stringify([...document.querySelectorAll('figure')].map((f, i) => {
          const g = f.querySelector('svg, img');
          const r = g ? g.getBoundingClientRect() : { width: 0, height: 0 };
          const drawn = g && g.tagName.toLowerCase() === 'svg' ? g.querySelectorAll('path, line, rect, circle, polyline, image, text').length : 1;
          return { id: f.id || ('figure-' + i), width: r.width, height: r.height, elements: drawn };
        }))
        """;

    /// <summary>Opens <paramref name="htmlFile"/> in headless Chromium and inspects it.</summary>
    internal static async Task<BrowserCheck> RunAsync(string htmlFile)
    {
        RequireChromium();
        await using var session = await ChromiumSession.StartAsync();
        await session.NavigateAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri);
        var json = (string)(await session.EvaluateAsync(FigureBoxes))!;
        var figures = JsonNode.Parse(json)!.AsArray()
            .Select(f => new FigureBox((string)f!["id"]!, (double)f["width"]!, (double)f["height"]!, (int)f["elements"]!))
            .ToList();
        var screenshot = await session.ScreenshotAsync();
        return new BrowserCheck(figures, session.Errors.ToList(), screenshot);
    }

    /// <summary>Fails when Chromium is required (<c>VAE_REQUIRE_BROWSER=1</c>, set by CI) but missing; otherwise ignores.</summary>
    internal static void RequireChromium()
    {
        if (ChromiumSession.Executable.Length > 0) return;
        const string message = "Chromium is not installed (scripts/setup.sh installs Debian's chromium).";
        if (Environment.GetEnvironmentVariable("VAE_REQUIRE_BROWSER") == "1") Assert.Fail(message);
        Assert.Ignore(message);
    }
}

/// <summary>The rendered size (CSS pixels) and number of drawn elements of one figure.</summary>
internal sealed record FigureBox(string Id, double Width, double Height, int Elements);
