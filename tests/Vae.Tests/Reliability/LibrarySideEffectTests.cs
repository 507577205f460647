using System.Text.RegularExpressions;
using NUnit.Framework;
using Vae.Core.Numerics;

namespace Vae.Tests.Reliability;

/// <summary>
/// The library reports, the application decides (issue 15): no library assembly writes to the console or changes the
/// process environment on its own. Checked on the sources of Vae.Core, Vae.InfoGeometry, Vae.Quantum, Vae.Fluids and
/// Vae.Plotting (comments aside): the one environment change left, OMP_WAIT_POLICY, sits behind the caller's
/// <see cref="NumericsOptions.PassiveOpenMpWait"/>, which is off by default.
/// </summary>
[TestFixture]
public sealed class LibrarySideEffectTests
{
    private static readonly string[] Libraries = ["Vae.Core", "Vae.InfoGeometry", "Vae.Quantum", "Vae.Fluids", "Vae.Plotting"];

    [Test]
    public void No_library_source_prints_or_sets_the_environment_unasked()
    {
        var root = RepositoryRoot();
        var failures = new List<string>();
        int files = 0;
        foreach (var library in Libraries)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src", library), "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
            {
                files++;
                var lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                {
                    var code = Regex.Replace(lines[i], "//.*$", "");
                    if (Regex.IsMatch(code, @"\bConsole\s*\.")) failures.Add($"{Path.GetRelativePath(root, file)}:{i + 1} writes to the console: {lines[i].Trim()}");
                    if (code.Contains("SetEnvironmentVariable", StringComparison.Ordinal)) failures.Add($"{Path.GetRelativePath(root, file)}:{i + 1} sets the environment: {lines[i].Trim()}");
                    if (Regex.IsMatch(code, @"\bSetEnv\s*\(\s*""") && !Enumerable.Range(Math.Max(0, i - 3), Math.Min(3, i)).Any(j => lines[j].Contains("if (_options.PassiveOpenMpWait)", StringComparison.Ordinal)))
                        failures.Add($"{Path.GetRelativePath(root, file)}:{i + 1} sets the environment without the caller's opt-in: {lines[i].Trim()}");
                }
            }
        }
        Assert.That(files, Is.GreaterThan(100), "the sources were found");
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    [Test]
    public void The_environment_change_is_off_by_default()
    {
        Assert.That(NumericsOptions.Default.PassiveOpenMpWait, Is.False);
        Assert.That(new NumericsOptions(NumericsOptions.Default with { PassiveOpenMpWait = true }).PassiveOpenMpWait, Is.True);
    }

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Vae.sln"))) return d.FullName;
        Assert.Fail("Vae.sln not found above the test directory.");
        return "";
    }
}
