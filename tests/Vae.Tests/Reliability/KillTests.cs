using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Core.Models;
using Vae.Fluids.Data;

namespace Vae.Tests.Reliability;

/// <summary>
/// SIGKILL at random moments (no chance to clean up): afterwards the output is either absent or complete and loadable,
/// and running the command again succeeds (with <c>--force</c> when the killed run had already finished) and leaves no
/// leftovers. Five kills each for <c>train</c>, <c>fluids sample</c> and <c>sweep run</c>; the moments are uniform over
/// one undisturbed run's duration (measured first), from a fixed seed printed with the result.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class KillTests : ScratchDirectoryTest
{
    private const int Kills = 5;

    [Test]
    public void Train_killed_at_random_moments()
    {
        string[] args = Harness.With(Harness.With(Harness.TinyTrain, "--batch", "100"), "--epochs", "3");
        KillAndRerun("train", output => [.. args, "--out", output], AssertTrainingComplete, force: true, seed: 15);
    }

    [Test]
    public void Fluids_sample_killed_at_random_moments()
    {
        string[] args = Harness.With(Harness.With(Harness.TinySample, "--count", "3000"), "--sweeps", "200");
        KillAndRerun("fluids sample", output => [.. args, "--out", output], AssertDataSetComplete, force: true, seed: 16);
    }

    [Test]
    public void Sweep_run_killed_at_random_moments()
    {
        KillAndRerun("sweep run", sweep =>
        {
            if (!File.Exists(Path.Combine(sweep, "sweep.json")))
            {
                Directory.CreateDirectory(sweep);
                File.WriteAllText(Path.Combine(sweep, "sweep.json"), HostileInputTests.SweepJson);
            }
            return ["sweep", "run", sweep];
        }, AssertRunsCompleteOrAbsent, force: false, seed: 17);
    }

    [Test]
    public void A_training_killed_after_an_epoch_resumes_from_its_staged_checkpoint()
    {
        var output = Path.Combine(Scratch, "out");
        string[] args = [.. Harness.With(Harness.With(Harness.TinyTrain, "--batch", "100"), "--epochs", "1000"), "--out", output];
        var info = Cli.VaeExecutable.StartInfo(args);
        using var process = Process.Start(info)!;
        var firstEpoch = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("epoch 1:", StringComparison.Ordinal) == true) firstEpoch.TrySetResult(); };
        process.BeginOutputReadLine();
        process.StandardError.ReadToEndAsync();
        bool started = firstEpoch.Task.Wait(TimeSpan.FromMinutes(2));
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        Assert.That(started, Is.True, "the first epoch finished");
        Assert.That(Directory.Exists(output), Is.False, "a killed run leaves no output");

        var resumed = Harness.Vae([.. Harness.With(args, "--epochs", "2"), "--resume"]);
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.Error);
        Assert.That(resumed.Output, Does.Not.Contain("epoch 1:").And.Contain("epoch 2:"), "continued from the killed run's checkpoint");
        AssertTrainingComplete(output, required: true, epochs: 1);
        Assert.That(Harness.Leftovers(output), Is.Empty);
    }

    private void KillAndRerun(string name, Func<string, string[]> command, Action<string, bool> assertState, bool force, int seed)
    {
        var clock = Stopwatch.StartNew();
        var undisturbed = Path.Combine(Scratch, "undisturbed");
        var reference = Harness.Vae(command(undisturbed));
        Assert.That(reference.ExitCode, Is.EqualTo(0), reference.Error);
        double duration = clock.Elapsed.TotalSeconds;
        assertState(undisturbed, true);
        var random = new Random(seed);
        var outcomes = new List<string>();
        for (int k = 0; k < Kills; k++)
        {
            var output = Path.Combine(Scratch, $"killed-{k}");
            var delay = TimeSpan.FromSeconds(random.NextDouble() * duration);
            using var process = Harness.Start(command(output));
            bool exited = process.WaitForExit(delay);
            if (!exited)
            {
                process.Kill(entireProcessTree: true); // SIGKILL
                process.WaitForExit();
            }
            assertState(output, false);
            bool complete = Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any();
            outcomes.Add($"{delay.TotalSeconds:F2} s: {(exited ? "had exited" : "killed")}, {Describe(output)}");
            var rerun = Harness.Vae(force && complete ? [.. command(output), "--force"] : command(output));
            Assert.That(rerun.ExitCode, Is.EqualTo(0), $"re-run after kill {k} ({outcomes[^1]}): {rerun.Error}");
            assertState(output, true);
            Assert.That(Harness.Leftovers(output), Is.Empty, "no lock, staging or previous-result leftovers after the re-run");
        }
        TestContext.Out.WriteLine($"{name}: undisturbed run {duration:F2} s; seed {seed}; " + string.Join("; ", outcomes));
    }

    /// <summary>What a killed run left: the output absent or complete; for a sweep, how many runs are complete or partial.</summary>
    private static string Describe(string output)
    {
        var runs = Path.Combine(output, "runs");
        if (Directory.Exists(runs))
        {
            var directories = Directory.GetDirectories(runs);
            return $"{directories.Count(d => !d.EndsWith(".partial", StringComparison.Ordinal))} runs complete, {directories.Count(d => d.EndsWith(".partial", StringComparison.Ordinal))} partial";
        }
        return Directory.Exists(output) && !File.Exists(Path.Combine(output, "sweep.json")) ? "output complete" : "output absent";
    }

    private static void AssertTrainingComplete(string output, bool required) => AssertTrainingComplete(output, required, epochs: 3);

    private static void AssertTrainingComplete(string output, bool required, int epochs)
    {
        if (!required && !Directory.Exists(output)) return;
        Assert.That(Directory.GetFiles(output).Select(Path.GetFileName), Is.EquivalentTo(new[] { "model.safetensors", "metrics.json", "checkpoint.safetensors" }), "complete");
        using var model = VariationalAutoencoder.Load(Path.Combine(output, "model.safetensors"));
        Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!["epochs"]!.AsArray(), Has.Count.EqualTo(epochs));
    }

    private static void AssertDataSetComplete(string output, bool required)
    {
        if (!required && !Directory.Exists(output)) return;
        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metadata.json")))!;
        var sets = metadata["dataSets"]!.AsArray();
        Assert.That(sets, Has.Count.EqualTo(2));
        foreach (var set in sets)
            Assert.That(FluidDataSet.ReadDistances(Path.Combine(output, set!["distancesFile"]!.GetValue<string>())).Count, Is.EqualTo(3000));
        Assert.That(Directory.GetFiles(output), Has.Length.EqualTo(5));
    }

    private static void AssertRunsCompleteOrAbsent(string sweep, bool required)
    {
        var runs = Path.Combine(sweep, "runs");
        var complete = Directory.Exists(runs) ? Directory.GetDirectories(runs).Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)).ToArray() : [];
        foreach (var run in complete)
        {
            Assert.That(File.Exists(Path.Combine(run, Vae.Core.Sweeps.SweepRunner.CompleteMarker)), Is.True, $"{run} is complete");
            using var model = VariationalAutoencoder.Load(Path.Combine(run, "model.safetensors"));
            Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(run, "metrics.json"))), Is.Not.Null);
        }
        if (required) Assert.That(complete, Has.Length.EqualTo(2), "both runs complete");
    }
}
