using System.Text.Json.Nodes;
using NUnit.Framework;
using PuppeteerSharp;

namespace Vae.Tests.Report;

/// <summary>
/// What a headless Chromium saw of one HTML page: each figure's rendered box, errors, a screenshot. The browser is
/// Debian's Chromium driven by PuppeteerSharp (its own browser download is never used).
/// </summary>
internal sealed record BrowserCheck(IReadOnlyList<FigureBox> Figures, IReadOnlyList<string> Errors, byte[] Screenshot)
{
    private const int TimeoutMilliseconds = 60_000;

    /// <summary>Flags this machine needs (no sandbox in containers, no GPU, no network chatter); a fresh profile is added per run.</summary>
    private static readonly string[] ChromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--hide-scrollbars",
    ];

    /// <summary>Script returning every <c>figure</c>'s id and the bounding box of its SVG (or image).</summary>
    private const string FigureBoxes = """
        JSON.stringify([...document.querySelectorAll('figure')].map((f, i) => {
          const g = f.querySelector('svg, img');
          const r = g ? g.getBoundingClientRect() : { width: 0, height: 0 };
          const drawn = g && g.tagName.toLowerCase() === 'svg' ? g.querySelectorAll('path, line, rect, circle, polyline, image, text').length : 1;
          return { id: f.id || ('figure-' + i), width: r.width, height: r.height, elements: drawn };
        }))
        """;

    /// <summary>
    /// The Chromium executable: <c>VAE_CHROMIUM</c> or Debian's <c>/usr/bin/chromium</c>; empty when the file is absent.
    /// </summary>
    internal static string Executable =>
        Environment.GetEnvironmentVariable("VAE_CHROMIUM") is { Length: > 0 } custom ? (File.Exists(custom) ? custom : "")
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "";

    /// <summary>Opens <paramref name="htmlFile"/> in headless Chromium and inspects it.</summary>
    internal static async Task<BrowserCheck> RunAsync(string htmlFile)
    {
        RequireChromium();
        var profile = Directory.CreateTempSubdirectory("vae-chromium-").FullName;
        try
        {
            var options = new LaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ChromiumArguments,
                UserDataDir = profile,
                DefaultViewport = new ViewPortOptions { Width = 1280, Height = 900 },
                Timeout = TimeoutMilliseconds,
            };
            await using var browser = await Puppeteer.LaunchAsync(options);
            await using var page = await browser.NewPageAsync();
            page.DefaultTimeout = TimeoutMilliseconds;

            var errors = new List<string>();
            void Add(string error)
            {
                lock (errors) errors.Add(error);
            }
            page.Console += (_, e) =>
            {
                if (e.Message.Type is ConsoleType.Error or ConsoleType.Assert)
                    Add($"console.{e.Message.Type.ToString().ToLowerInvariant()}: {e.Message.Text} {e.Message.Location?.URL}");
            };
            page.PageError += (_, e) => Add($"exception: {e.Message}");
            page.RequestFailed += (_, e) => Add($"failed load: {e.Request.Url} {e.Request.FailureText}");

            await page.GoToAsync(new Uri(Path.GetFullPath(htmlFile)).AbsoluteUri, WaitUntilNavigation.Load);
            var json = await page.EvaluateExpressionAsync<string>(FigureBoxes);
            var figures = JsonNode.Parse(json)!.AsArray()
                .Select(f => new FigureBox((string)f!["id"]!, (double)f["width"]!, (double)f["height"]!, (int)f["elements"]!))
                .ToList();
            var screenshot = await page.ScreenshotDataAsync(new ScreenshotOptions { Type = ScreenshotType.Png, FullPage = true });
            lock (errors) return new BrowserCheck(figures, errors.ToList(), screenshot);
        }
        finally
        {
            try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Fails when Chromium is required (<c>VAE_REQUIRE_BROWSER=1</c>, set by CI) but missing; otherwise ignores.</summary>
    internal static void RequireChromium()
    {
        if (Executable.Length > 0) return;
        const string message = "Chromium is not installed (scripts/setup.sh installs Debian's chromium; VAE_CHROMIUM overrides its path).";
        if (Environment.GetEnvironmentVariable("VAE_REQUIRE_BROWSER") == "1") Assert.Fail(message);
        Assert.Ignore(message);
    }
}

/// <summary>The rendered size (CSS pixels) and number of drawn elements of one figure.</summary>
internal sealed record FigureBox(string Id, double Width, double Height, int Elements);
