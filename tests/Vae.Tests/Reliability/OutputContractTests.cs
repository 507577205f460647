using NUnit.Framework;
using Vae.Core.IO;

namespace Vae.Tests.Reliability;

/// <summary>
/// The output contract (docs/reliability.md) for every writing command of <c>vae</c>, through the real executable: a
/// non-empty target is refused without <c>--force</c>, an unwritable target fails before any work, a target another
/// process holds fails at once, and in every case nothing new appears and the previous content is intact; a success
/// leaves the result and no lock, staging or previous-result leftovers.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class OutputContractTests : ScratchDirectoryTest
{
    /// <summary>Each writing command with tiny valid arguments; the target (a directory, or a file for --csv/validate --out) is the argument.</summary>
    private static readonly Dictionary<string, Func<string, string[]>> Commands = new()
    {
        ["train"] = o => [.. Harness.TinyTrain, "--out", o],
        ["fluids sample"] = o => [.. Harness.TinySample, "--out", o],
        ["fluids anomaly-data"] = o => ["fluids", "anomaly-data", "--count", "4", "--particles", "5", "--sweeps", "5", "--mask-block", "2", "--threads", "1", "--out", o],
        ["fluids train"] = o => ["fluids", "train", "--data", Inputs.FluidsData, "--holdout", "2", "--epochs", "1", "--channels", "2", "--hidden", "0", "--latent", "2", "--batch-size", "4", "--out", o],
        ["fluids anomalies"] = o => ["fluids", "anomalies", "--model", Inputs.FluidsModel, "--anomalies", Inputs.AnomalyData, "--out", o],
        ["fluids sweep"] = o => ["fluids", "sweep", "--data", Inputs.FluidsData, "--holdout", "2", "--train-per-gamma", "0", "--epochs", "1", "--lambdas", "1e-2", "--latents", "2", "--out", o],
        ["fluids evaluate"] = o => [.. FluidsEvaluateTests.Evaluate, "--out", o],
        ["fluids equilibrate --csv"] = o => ["fluids", "equilibrate", "--replicas", "2", "--trace-sweeps", "5", "--particles", "5", "--threads", "1", "--csv", o],
        ["geometry analyse"] = o => ["geometry", "analyse", "--model", Inputs.MnistModel, "--out", o],
        ["quantum validate --out"] = o => ["quantum", "validate", "--nmax", "3", "--t", "1", "--json", "--out", o],
        ["quantum spectrum"] = o => ["quantum", "spectrum", "--clusters", "2", "--samples", "40", "--vae-epochs", "1", "--epochs", "2", "--out", o],
        ["reproduce"] = o => ["reproduce", "--quick", "--only", "quantum", "--out", o],
    };

    /// <summary>Commands whose target is a single file.</summary>
    private static readonly HashSet<string> FileTargets = ["fluids equilibrate --csv", "quantum validate --out"];

    /// <summary>Commands cheap enough to run to completion here (the others are exercised to the point of writing).</summary>
    private static readonly string[] Cheap = ["train", "fluids sample", "fluids anomaly-data", "fluids train", "fluids anomalies", "fluids sweep", "fluids evaluate", "quantum validate --out"];

    private static IEnumerable<string> All() => Commands.Keys;

    [TestCaseSource(nameof(All))]
    public void An_existing_output_is_refused_without_force_and_left_intact(string command)
    {
        var target = Path.Combine(Scratch, "out");
        if (FileTargets.Contains(command)) File.WriteAllText(target, "previous result");
        else
        {
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(target, "keep.txt"), "previous result");
        }
        var before = Harness.Fingerprint(Scratch);
        var result = Harness.Vae(Commands[command](target));
        Harness.AssertOneLineError(result, 2, target, "pass --force");
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before), "no new files, previous output intact");
    }

    [TestCaseSource(nameof(All))]
    public void An_unwritable_output_fails_before_any_work_and_creates_nothing(string command)
    {
        var file = Path.Combine(Scratch, "a-file");
        File.WriteAllText(file, "");
        var before = Harness.Fingerprint(Scratch);
        var target = Path.Combine(file, "out");
        var result = Harness.Vae(Commands[command](target));
        Harness.AssertOneLineError(result, 1, target, "is not writable");
        Assert.That(result.Output, Is.Empty, "no work reported before the failure");
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before));
    }

    [TestCaseSource(nameof(All))]
    public void An_output_another_process_writes_fails_at_once(string command)
    {
        var target = Path.Combine(Scratch, "out");
        using (OutputLock.Acquire(Path.Combine(Scratch, ".out.vae-lock"), "test"))
        {
            var before = Harness.Fingerprint(Scratch);
            var result = Harness.Vae(Commands[command](target));
            Harness.AssertOneLineError(result, 1, target, "is in use by another vae process");
            Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before));
        }
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty, "the lock file goes with its holder");
    }

    [TestCaseSource(nameof(Cheap))]
    public void A_successful_run_leaves_its_result_and_no_leftovers_and_force_replaces_it(string command)
    {
        var target = Path.Combine(Scratch, "new", "out");
        var first = Harness.Vae(Commands[command](target));
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        Assert.That(FileTargets.Contains(command) ? File.Exists(target) : Directory.EnumerateFiles(target).Any(), Is.True);
        Assert.That(Harness.Leftovers(target), Is.Empty);
        if (!FileTargets.Contains(command)) File.WriteAllText(Path.Combine(target, "notes.txt"), "the user's own file");
        var second = Harness.Vae([.. Commands[command](target), "--force"]);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.Error);
        Assert.That(Harness.Leftovers(target), Is.Empty);
        if (!FileTargets.Contains(command))
            Assert.That(File.ReadAllText(Path.Combine(target, "notes.txt")), Is.EqualTo("the user's own file"), "--force replaces the command's files, keeps the user's");
    }
}
