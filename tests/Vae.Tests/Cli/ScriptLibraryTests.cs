using System.Diagnostics;
using NUnit.Framework;
using Vae.Tests.Data;
using Vae.Tests.Reliability;

namespace Vae.Tests.Cli;

/// <summary>The decisions of <c>scripts/lib/common.sh</c> that <c>scripts/setup.sh</c> relies on, run by bash on small
/// inputs (nothing is installed): which apt sources provide Debian's non-free component, and where ldconfig's cache
/// puts a library when /sbin is not on the PATH.</summary>
[TestFixture]
public sealed class ScriptLibraryTests : ScratchDirectoryTest
{
    /// <summary>Debian 12's installer writes "main non-free-firmware": a different component, so MKL's non-free is still
    /// missing; "non-free" as a whole word, in a one-line or a deb822 source, is the component itself; a comment is not.</summary>
    [TestCase("sources.list", "deb http://deb.debian.org/debian bookworm main non-free-firmware\n", false)]
    [TestCase("debian.sources", "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main non-free-firmware\n", false)]
    [TestCase("sources.list", "deb http://deb.debian.org/debian bookworm main contrib non-free non-free-firmware\n", true)]
    [TestCase("debian.sources", "Types: deb\nSuites: bookworm\nComponents: main non-free\n", true)]
    [TestCase("sources.list", "# deb http://deb.debian.org/debian bookworm main non-free\n", false)]
    public void Apt_lists_non_free_only_for_the_non_free_component(string file, string content, bool expected)
    {
        File.WriteAllText(Path.Combine(Scratch, file), content);
        var (exitCode, output, error) = Bash($"if apt_lists_non_free '{Scratch}/' /nonexistent; then echo yes; else echo no; fi", "/usr/local/bin:/usr/bin:/bin");
        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output.Trim(), Is.EqualTo(expected ? "yes" : "no"));
    }

    /// <summary>A non-root user's PATH on Debian lacks /sbin, where ldconfig lives; under <c>set -euo pipefail</c> a bare
    /// <c>ldconfig -p</c> ended setup.sh with exit code 127. libc.so.6 is in every glibc system's cache.</summary>
    [Test]
    public void Library_path_finds_a_cached_library_without_sbin_on_the_path()
    {
        var (exitCode, output, error) = Bash("echo \"[$(library_path libc.so.6)] [$(library_path libvae-not-a-library.so)]\"", "/usr/local/bin:/usr/bin:/bin");
        Assert.That(exitCode, Is.EqualTo(0), error);
        Assert.That(output.Trim(), Does.Match(@"^\[/\S+/libc\.so\.6\] \[\]$"));
    }

    private static (int ExitCode, string Output, string Error) Bash(string script, string path)
    {
        var common = Path.Combine(MnistEmbeddedTests.RepositoryRoot(), "scripts", "lib", "common.sh");
        var start = new ProcessStartInfo("/bin/bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-c", $"set -euo pipefail; SCRIPT_NAME=test.sh; . '{common}'; {script}" }) start.ArgumentList.Add(argument);
        start.Environment["PATH"] = path;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Result, error);
    }
}
