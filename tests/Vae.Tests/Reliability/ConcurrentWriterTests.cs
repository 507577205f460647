using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Vae.Tests.Reliability;

/// <summary>
/// Two writers to one <c>--out</c> at the same moment (issue 15: two <c>vae train</c> both exited 0 and the directory
/// held one run's model beside the other's metrics): exactly one succeeds, the other fails with one line (exit 1 "in
/// use" while the first runs, or exit 2 "not empty" once it finished), and the directory holds wholly the winner's
/// result — every data file byte for byte equal to a reference run with the winner's seed.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.Self)]
public sealed class ConcurrentWriterTests : ScratchDirectoryTest
{
    [Test]
    public void Two_fluids_samples_into_one_directory_20_times_exactly_one_wins_wholly()
    {
        string[] Args(int seed, string output) => [.. Harness.TinySample, "--seed", seed.ToString(), "--out", output];
        var reference = new Dictionary<int, SortedDictionary<string, string>>();
        foreach (int seed in new[] { 1, 2 })
        {
            var path = Path.Combine(Scratch, $"reference-{seed}");
            Assert.That(Harness.Vae(Args(seed, path)).ExitCode, Is.EqualTo(0));
            reference[seed] = DataFiles(path);
        }
        Assert.That(reference[1], Is.Not.EqualTo(reference[2]), "the two writers' results differ, so a mix would show");
        int inUse = 0, notEmpty = 0;
        for (int round = 0; round < 20; round++)
        {
            var output = Path.Combine(Scratch, $"race-{round}");
            var first = Harness.RunAsync(Args(1, output));
            var second = Harness.RunAsync(Args(2, output));
            var results = new[] { first.Result, second.Result };
            var winners = results.Select((r, i) => (r, seed: i + 1)).Where(x => x.r.ExitCode == 0).ToArray();
            Assert.That(winners, Has.Length.EqualTo(1), $"round {round}: exactly one succeeds: {string.Join(" | ", results.Select(r => $"{r.ExitCode} {r.Error.Trim()}"))}");
            var loser = results.Single(r => r.ExitCode != 0);
            Assert.That(loser.Error.Trim().Split('\n'), Has.Length.EqualTo(1));
            if (loser.ExitCode == 1 && loser.Error.Contains("is in use by another vae process")) inUse++;
            else if (loser.ExitCode == 2 && loser.Error.Contains("is not empty")) notEmpty++;
            else Assert.Fail($"round {round}: unexpected failure {loser.ExitCode}: {loser.Error}");
            int seed = winners[0].seed;
            Assert.That(DataFiles(output), Is.EqualTo(reference[seed]), $"round {round}: the result is wholly seed {seed}'s");
            Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metadata.json")))!["seed"]!.GetValue<long>(), Is.EqualTo(seed));
            Assert.That(Harness.Leftovers(output), Is.Empty);
        }
        TestContext.Out.WriteLine($"20 rounds: the loser found the output in use {inUse} times and already written {notEmpty} times");
    }

    [Test]
    public void Two_trainings_into_one_directory_3_times_exactly_one_wins_wholly()
    {
        string[] Args(int seed, string output) => [.. Harness.TinyTrain, "--seed", seed.ToString(), "--out", output];
        var reference = new Dictionary<int, string>();
        foreach (int seed in new[] { 1, 2 })
        {
            var path = Path.Combine(Scratch, $"reference-{seed}");
            Assert.That(Harness.Vae(Args(seed, path)).ExitCode, Is.EqualTo(0));
            reference[seed] = Harness.Fingerprint(path)["model.safetensors"];
        }
        Assert.That(reference[1], Is.Not.EqualTo(reference[2]));
        for (int round = 0; round < 3; round++)
        {
            var output = Path.Combine(Scratch, $"race-{round}");
            var first = Harness.RunAsync(Args(1, output));
            var second = Harness.RunAsync(Args(2, output));
            var results = new[] { first.Result, second.Result };
            Assert.That(results.Count(r => r.ExitCode == 0), Is.EqualTo(1), string.Join(" | ", results.Select(r => $"{r.ExitCode} {r.Error.Trim()}")));
            int seed = results[0].ExitCode == 0 ? 1 : 2;
            Assert.That(Harness.Fingerprint(output)["model.safetensors"], Is.EqualTo(reference[seed]), "the winner's model");
            Assert.That(JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metrics.json")))!["seed"]!.GetValue<int>(), Is.EqualTo(seed), "beside the winner's metrics");
        }
    }

    [Test]
    public void Two_sweep_runs_on_one_sweep_train_each_run_once()
    {
        File.WriteAllText(Path.Combine(Scratch, "sweep.json"), HostileInputTests.SweepJson);
        var first = Harness.RunAsync("sweep", "run", Scratch);
        var second = Harness.RunAsync("sweep", "run", Scratch);
        var results = new[] { first.Result, second.Result };
        Assert.That(results.Select(r => r.ExitCode), Is.All.EqualTo(0), string.Join(" | ", results.Select(r => r.Error)));
        var log = string.Concat(results.Select(r => r.Output));
        var runs = Directory.GetDirectories(Path.Combine(Scratch, "runs"));
        Assert.That(runs.Select(Path.GetFileName).ToArray(), Has.Length.EqualTo(2).And.None.EndsWith(".partial"));
        foreach (var run in runs)
        {
            var id = Path.GetFileName(run);
            Assert.That(System.Text.RegularExpressions.Regex.Matches(log, $"run {id}: complete\n").Count, Is.EqualTo(1), $"run {id} trained exactly once:\n{log}");
            using var model = Vae.Core.Models.VariationalAutoencoder.Load(Path.Combine(run, "model.safetensors"));
        }
        Assert.That(Directory.GetFiles(Path.Combine(Scratch, "runs")), Is.Empty, "no run locks left");
    }

    /// <summary>The .npy files of a fluids data set (metadata.json carries timings, so it is compared by its seed).</summary>
    private static SortedDictionary<string, string> DataFiles(string directory) =>
        new(Harness.Fingerprint(directory).Where(p => p.Key.EndsWith(".npy", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
}
