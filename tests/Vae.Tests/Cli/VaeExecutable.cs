using System.Diagnostics;
using NUnit.Framework;

namespace Vae.Tests.Cli;

/// <summary>The built <c>vae</c> command (vae.dll next to the tests), run as its own process, as a user runs it.</summary>
internal static class VaeExecutable
{
    /// <summary>How to start <c>dotnet vae.dll ARGS</c> with redirected output and without <c>VAE_DEBUG</c>.</summary>
    internal static ProcessStartInfo StartInfo(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "vae.dll"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment.Remove("VAE_DEBUG");
        return info;
    }

    /// <summary>As <see cref="StartInfo"/>, with SIGINT and SIGTERM reset to their default disposition
    /// (<c>env --default-signal</c>): a test run started in the background of a non-interactive shell inherits SIGINT
    /// ignored, a child keeps it ignored, and the signal tests would then test the caller's shell instead of vae.</summary>
    internal static ProcessStartInfo StartInfoWithDefaultSignals(params string[] args)
    {
        var vae = StartInfo(args);
        var info = new ProcessStartInfo("/usr/bin/env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("--default-signal=INT,TERM");
        info.ArgumentList.Add(vae.FileName);
        foreach (var a in vae.ArgumentList) info.ArgumentList.Add(a);
        info.Environment.Remove("VAE_DEBUG");
        return info;
    }

    /// <summary>Runs <c>vae ARGS</c> to the end.</summary>
    internal static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
