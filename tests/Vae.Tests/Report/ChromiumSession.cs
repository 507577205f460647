using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vae.Tests.Report;

/// <summary>
/// A headless Debian Chromium driven over the Chrome DevTools Protocol with .NET's own WebSocket client:
/// navigate, evaluate JavaScript, collect console errors and failed loads, capture a PNG screenshot.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly string _profile;
    private readonly ClientWebSocket _socket = new();
    private readonly List<string> _errors = [];
    private readonly List<JsonObject> _pendingEvents = [];
    private int _nextId;

    private ChromiumSession(Process process, string profile)
    {
        _process = process;
        _profile = profile;
    }

    /// <summary>Console errors, uncaught exceptions and failed resource loads seen so far.</summary>
    internal IReadOnlyList<string> Errors => _errors;

    /// <summary>The Chromium executable: <c>VAE_CHROMIUM</c> or Debian's <c>/usr/bin/chromium</c>; empty when absent.</summary>
    internal static string Executable =>
        Environment.GetEnvironmentVariable("VAE_CHROMIUM") is { Length: > 0 } custom ? custom
        : File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : "";

    internal static async Task<ChromiumSession> StartAsync()
    {
        var profile = Directory.CreateTempSubdirectory("vae-chromium-").FullName;
        var info = new ProcessStartInfo(Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
                 {
                     "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars",
                     "--window-size=1280,900", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
                 })
            info.ArgumentList.Add(flag);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Executable}");
        process.ErrorDataReceived += (_, _) => { };
        process.OutputDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var session = new ChromiumSession(process, profile);
        await session.ConnectAsync();
        return session;
    }

    private async Task ConnectAsync()
    {
        var portFile = Path.Combine(_profile, "DevToolsActivePort");
        var deadline = DateTime.UtcNow + Timeout;
        while (!File.Exists(portFile) || new FileInfo(portFile).Length == 0)
        {
            if (_process.HasExited) throw new InvalidOperationException($"Chromium exited with code {_process.ExitCode} before opening DevTools");
            if (DateTime.UtcNow > deadline) throw new TimeoutException("Chromium did not open its DevTools port");
            await Task.Delay(50);
        }
        var port = int.Parse((await File.ReadAllLinesAsync(portFile))[0], System.Globalization.CultureInfo.InvariantCulture);
        using var http = new HttpClient { Timeout = Timeout };
        var targets = JsonNode.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/json/list"))!.AsArray();
        var page = targets.First(t => (string?)t!["type"] == "page")!;
        await _socket.ConnectAsync(new Uri((string)page["webSocketDebuggerUrl"]!), CancellationToken.None);
        await SendAsync("Runtime.enable");
        await SendAsync("Log.enable");
        await SendAsync("Page.enable");
    }

    /// <summary>Navigates to <paramref name="url"/> and waits for the load event.</summary>
    internal async Task NavigateAsync(string url)
    {
        await SendAsync("Page.navigate", new JsonObject { ["url"] = url });
        await WaitForEventAsync("Page.loadEventFired");
    }

    /// <summary>Evaluates <paramref name="expression"/> in the page and returns its JSON value.</summary>
    internal async Task<JsonNode?> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new JsonObject { ["expression"] = expression, ["returnByValue"] = true, ["awaitPromise"] = true });
        if (result["exceptionDetails"] is { } details) throw new InvalidOperationException($"page script failed: {details.ToJsonString()}");
        return result["result"]?["value"];
    }

    /// <summary>A PNG of the whole page (beyond the viewport).</summary>
    internal async Task<byte[]> ScreenshotAsync()
    {
        var result = await SendAsync("Page.captureScreenshot", new JsonObject { ["format"] = "png", ["captureBeyondViewport"] = true });
        return Convert.FromBase64String((string)result["data"]!);
    }

    private async Task<JsonObject> SendAsync(string method, JsonObject? parameters = null)
    {
        int id = Interlocked.Increment(ref _nextId);
        var message = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = parameters ?? new JsonObject() };
        await _socket.SendAsync(Encoding.UTF8.GetBytes(message.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        while (true)
        {
            var reply = await ReceiveAsync();
            if ((int?)reply["id"] == id)
            {
                if (reply["error"] is { } error) throw new InvalidOperationException($"{method} failed: {error.ToJsonString()}");
                return reply["result"]?.AsObject() ?? new JsonObject();
            }
            if (reply["method"] is not null) _pendingEvents.Add(reply);
        }
    }

    private async Task WaitForEventAsync(string method)
    {
        if (_pendingEvents.RemoveAll(e => (string?)e["method"] == method) > 0) return;
        while ((string?)(await ReceiveAsync())["method"] != method) { }
    }

    private async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(Timeout);
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        WebSocketReceiveResult part;
        do
        {
            part = await _socket.ReceiveAsync(buffer, timeout.Token);
            message.Write(buffer, 0, part.Count);
        } while (!part.EndOfMessage);
        var json = JsonNode.Parse(message.ToArray())!.AsObject();
        Record(json);
        return json;
    }

    private void Record(JsonObject json)
    {
        var method = (string?)json["method"];
        var parameters = json["params"];
        if (method is null || parameters is null) return;
        string? type = (string?)parameters["type"];
        string? level = (string?)parameters["entry"]?["level"];
        if (method == "Runtime.consoleAPICalled" && type is "error" or "assert")
            _errors.Add($"console.{type}: {parameters["args"]?.ToJsonString()}");
        else if (method == "Runtime.exceptionThrown")
            _errors.Add($"exception: {parameters["exceptionDetails"]?.ToJsonString()}");
        else if (method == "Log.entryAdded" && level == "error")
            _errors.Add($"log: {parameters["entry"]!["text"]} {parameters["entry"]!["url"]}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", CancellationToken.None);
        }
        catch (WebSocketException) { }
        _socket.Dispose();
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        try { Directory.Delete(_profile, recursive: true); } catch (IOException) { }
    }
}
