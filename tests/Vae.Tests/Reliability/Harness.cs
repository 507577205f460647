using System.Diagnostics;
using System.Security.Cryptography;
using NUnit.Framework;
using Vae.Tests.Cli;

namespace Vae.Tests.Reliability;

/// <summary>What the reliability tests share: a scratch directory, the real <c>vae</c> executable, the one-line error
/// check and a fingerprint of a directory tree (every name and every file's SHA-256) to prove "no new files" and
/// "previous output intact".</summary>
internal static class Harness
{
    /// <summary>Tiny, fast, valid arguments of each writing command (without <c>--out</c>), for contract tests.</summary>
    internal static readonly string[] TinyTrain = ["train", "--dataset", "classification", "--epochs", "1", "--hidden", "4", "--latent", "2", "--batch", "1000"];

    internal static readonly string[] TinySample = ["fluids", "sample", "--gamma", "0.1,0.5", "--count", "8", "--particles", "5", "--sweeps", "5", "--threads", "1"];

    /// <summary><paramref name="args"/> with <paramref name="option"/>'s value replaced (or the pair appended).</summary>
    internal static string[] With(string[] args, string option, string value)
    {
        int i = Array.IndexOf(args, option);
        if (i < 0) return [.. args, option, value];
        var copy = (string[])args.Clone();
        copy[i + 1] = value;
        return copy;
    }

    internal static (int ExitCode, string Output, string Error) Vae(params string[] args) => VaeExecutable.Run(args);

    /// <summary>Exactly one line on standard error, starting "vae: " and containing every fragment; no stack trace.</summary>
    internal static void AssertOneLineError((int ExitCode, string Output, string Error) result, int exitCode, params string[] fragments)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), $"one line on standard error; got:\n{result.Error}");
        Assert.That(lines[0], Does.StartWith("vae: "));
        foreach (var f in fragments) Assert.That(lines[0], Does.Contain(f));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
        Assert.That(lines[0], Does.Not.Contain("(Parameter '"), "no .NET message suffix");
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
    }

    /// <summary>Every entry under <paramref name="root"/> (hidden ones included), relative path → SHA-256 of a file or "dir".</summary>
    internal static SortedDictionary<string, string> Fingerprint(string root)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(root)) return result;
        foreach (var entry in Directory.EnumerateFileSystemEntries(root, "*", SearchOption.AllDirectories))
        {
            var key = Path.GetRelativePath(root, entry);
            result[key] = Directory.Exists(entry) ? "dir"
                : entry.EndsWith(".vae-lock", StringComparison.Ordinal) ? "lock" // held by the test: not readable
                : Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(entry)));
        }
        return result;
    }

    /// <summary>Starts <c>vae ARGS</c> without waiting (for kill and concurrency tests).</summary>
    internal static Process Start(params string[] args)
    {
        var process = Process.Start(VaeExecutable.StartInfo(args))!;
        process.StandardOutput.ReadToEndAsync();
        process.StandardError.ReadToEndAsync();
        return process;
    }

    /// <summary>Starts <c>vae ARGS</c> and collects its output (for concurrency tests).</summary>
    internal static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var process = Process.Start(VaeExecutable.StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        return Task.Run(async () =>
        {
            await process.WaitForExitAsync();
            var result = (process.ExitCode, await output, await error);
            process.Dispose();
            return result;
        });
    }

    /// <summary>Leftovers of the output contract next to <paramref name="target"/> (lock, staging, previous result).</summary>
    internal static string[] Leftovers(string target) =>
        Directory.Exists(Path.GetDirectoryName(target)!)
            ? Directory.GetFileSystemEntries(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.vae-*")
            : [];
}
