using System.Diagnostics;
using System.Globalization;

namespace Vae.Benchmarks.Training;

/// <summary>
/// A PyTorch peer script from <c>tools/reference/</c> in <c>--serve</c> mode, kept running so its start-up is not timed:
/// one command per line on stdin, one number per line back; "ready" when loaded, "quit" to stop.
/// </summary>
internal sealed class TorchPeer : IDisposable
{
    private readonly Process _process;

    /// <summary>Starts <c>/usr/bin/python3 tools/reference/SCRIPT --serve ARGS</c> and waits for "ready".</summary>
    /// <exception cref="FileNotFoundException">The script is not found above the benchmark's directory.</exception>
    /// <exception cref="InvalidOperationException">The peer did not start.</exception>
    internal TorchPeer(string script, params string[] arguments)
    {
        var path = Find(script);
        _process = Process.Start(new ProcessStartInfo("/usr/bin/python3", [path, "--serve", .. arguments])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(path)!,
        }) ?? throw new InvalidOperationException($"Could not start the PyTorch peer {script}.");
        var ready = _process.StandardOutput.ReadLine();
        if (ready != "ready") throw new InvalidOperationException($"The PyTorch peer {script} did not start (said '{ready}').");
    }

    /// <summary>Sends one command and parses the number it replies.</summary>
    internal double Ask(string command)
    {
        _process.StandardInput.WriteLine(command);
        return double.Parse(_process.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Asks the peer to quit; kills it (and any children) if it has not exited after 10 s, e.g. still busy.</summary>
    public void Dispose()
    {
        try
        {
            _process.StandardInput.WriteLine("quit");
        }
        catch (IOException)
        {
            // The peer has already exited and closed its stdin.
        }
        if (!_process.WaitForExit(10_000)) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static string Find(string script)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tools", "reference", script);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"tools/reference/{script} not found above {AppContext.BaseDirectory}");
    }
}
