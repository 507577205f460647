using System.CommandLine;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Core.Data;
using Vae.Core.Sweeps;
using Vae.Core.Training;
using Vae.InfoGeometry.Probes;

namespace Vae.Tests.Sweeps;

/// <summary>Running sweeps on the embedded MNIST split with tiny networks: skipping completed runs, shards vs one
/// process (byte-identical summaries), resume after cancellation (bit-identical model), the sweep-file lock, the CLI.</summary>
[TestFixture]
public sealed class SweepRunnerTests
{
    private const string SixRuns = """
        {"name": "tiny", "base": {"dataset": "mnist", "epochs": 1, "batch_size": 500, "hidden": [16], "latent": 2},
         "grid": {"latent": [2, 3], "seed": [1, 2, 3]}}
        """;

    private const string OneRun = """
        {"name": "one", "base": {"dataset": "mnist", "epochs": 2, "batch_size": 500, "hidden": [16], "latent": 2},
         "grid": {"seed": [7]}}
        """;

    private string _root = "";

    [SetUp]
    public void CreateDirectory() => _root = Directory.CreateTempSubdirectory("vae-sweep-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_root, recursive: true);

    private string Sweep(string name, string json)
    {
        var directory = Path.Combine(_root, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, SweepDefinition.FileName), json);
        return directory;
    }

    private static byte[] Model(string sweep, string id) => File.ReadAllBytes(Path.Combine(sweep, "runs", id, "model.safetensors"));

    [Test]
    public void ShardsAndOneProcessGiveIdenticalRunsAndSummaries()
    {
        var whole = Sweep("whole", SixRuns);
        var sharded = Sweep("sharded", SixRuns);
        var result = SweepRunner.Run(whole, SweepRunOptions.Default);
        Assert.That(result.Trained, Has.Count.EqualTo(6));
        for (int task = 0; task < 3; task++)
        {
            var shard = SweepRunner.Run(sharded, SweepRunOptions.Default with { Task = task, Tasks = 3, Workers = 2 });
            Assert.That(shard.Trained, Has.Count.EqualTo(2));
        }
        var runs = SweepDefinition.Load(whole).Expand();
        foreach (var run in runs)
        {
            Assert.That(Model(sharded, run.Id), Is.EqualTo(Model(whole, run.Id)), run.Id);
            Assert.That(Directory.Exists(Path.Combine(whole, "runs", run.Id + ".partial")), Is.False);
            foreach (var file in new[] { "options.json", "metrics.json", "complete" })
                Assert.That(File.Exists(Path.Combine(whole, "runs", run.Id, file)), file);
        }
        Assert.That(SweepRunner.Status(sharded), Is.EqualTo(new SweepStatus(6, 6, 0, 0)));

        var collect = new SweepCollectOptions { Analyses = [ProbeAnalysis.Accuracy(maximumTrainSamples: 2000)] };
        var a = SweepCollector.Collect(whole, collect);
        var b = SweepCollector.Collect(sharded, collect);
        Assert.That((a.Configurations.Count, a.CompleteRuns, a.MissingRuns), Is.EqualTo((2, 6, 0)));
        Assert.That(File.ReadAllBytes(b.SummaryJsonPath), Is.EqualTo(File.ReadAllBytes(a.SummaryJsonPath)));
        Assert.That(b.Configurations.Select(c => c.Degeneracy), Is.EqualTo(a.Configurations.Select(c => c.Degeneracy)), "typed summaries agree too");
        var summary = File.ReadAllText(a.SummaryJsonPath);
        foreach (var key in new[] { "linear_cka", "procrustes_residual", "matched_abs_correlation", "raw_abs_correlation", "knn_overlap", "active_units",
                     "per_seed", "test_neg_elbo", "train_neg_elbo", "probe_accuracy", "per_pair" })
            Assert.That(summary, Does.Contain($"\"{key}\""), key);

        // The summary's degeneracy is ReplicaComparison on the posterior means of the test split, recomputed here.
        var first = a.Configurations[0];
        var split = DatasetRegistry.Load("mnist");
        var means = first.Runs.Select(id =>
        {
            using var model = Vae.Core.Models.VariationalAutoencoder.Load(Path.Combine(whole, "runs", id, "model.safetensors"));
            return model.Encode(split.Test).Mean;
        }).ToList();
        Assert.That(first.Degeneracy, Is.EqualTo(Vae.Core.Metrics.ReplicaComparison.Compare(means)));
        Assert.That(first.Seeds, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(first.Analyses["probe_accuracy"], Has.Count.EqualTo(3).And.All.InRange(0.2, 1.0), "a 2-d code of MNIST carries label information");

        // Re-running skips every completed run and leaves the models untouched.
        var before = File.GetLastWriteTimeUtc(Path.Combine(whole, "runs", runs[0].Id, "model.safetensors"));
        var again = SweepRunner.Run(whole, SweepRunOptions.Default);
        Assert.That(again.Trained, Is.Empty);
        Assert.That(again.Skipped, Is.EqualTo(runs.Select(r => r.Id)));
        Assert.That(File.GetLastWriteTimeUtc(Path.Combine(whole, "runs", runs[0].Id, "model.safetensors")), Is.EqualTo(before));
    }

    [Test]
    public void InterruptedRunResumesBitForBit()
    {
        var reference = Sweep("reference", OneRun);
        var interrupted = Sweep("interrupted", OneRun);
        SweepRunner.Run(reference, SweepRunOptions.Default);
        var run = SweepDefinition.Load(interrupted).Expand().Single();
        var data = DatasetRegistry.Load("mnist");
        using var cancellation = new CancellationTokenSource();
        // Cancel in the middle of epoch 2 (18 batches of 500 per epoch).
        var progress = new Hook(p => { if (p.Epoch == 2 && p.Batch == 7) cancellation.Cancel(); });
        Directory.CreateDirectory(Path.Combine(interrupted, "runs"));
        Assert.Throws<OperationCanceledException>(() => SweepRunner.RunOne(interrupted, run, 1, data, null, progress, cancellation.Token));
        var partial = Path.Combine(interrupted, "runs", run.Id + ".partial");
        Assert.That(File.Exists(Path.Combine(partial, "checkpoint.safetensors")), Is.True);
        Assert.That(File.Exists(Path.Combine(partial, "model.safetensors")), Is.False);
        Assert.That(SweepRunner.Status(interrupted), Is.EqualTo(new SweepStatus(1, 0, 1, 0)));

        var result = SweepRunner.Run(interrupted, SweepRunOptions.Default);
        Assert.That(result.Trained, Is.EqualTo(new[] { run.Id }));
        Assert.That(Directory.Exists(partial), Is.False);
        Assert.That(Model(interrupted, run.Id), Is.EqualTo(Model(reference, run.Id)));
        string Epochs(string sweep) => string.Join(",", System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "runs", run.Id, "metrics.json")))!["epochs"]!
            .AsArray().Select(e => e!["train_neg_elbo"]!.ToJsonString()));
        Assert.That(Epochs(interrupted), Is.EqualTo(Epochs(reference)), "both epochs recorded, with the same losses");
    }

    [Test]
    public void AChangedSweepFileIsRefusedBeforeAnythingIsWritten()
    {
        var sweep = Sweep("lock", OneRun.Replace("\"epochs\": 2", "\"epochs\": 1", StringComparison.Ordinal));
        SweepRunner.Run(sweep, SweepRunOptions.Default);
        File.WriteAllText(Path.Combine(sweep, SweepDefinition.FileName), OneRun.Replace("[7]", "[7, 8]", StringComparison.Ordinal));
        var e = Assert.Throws<InvalidDataException>(() => SweepRunner.Run(sweep, SweepRunOptions.Default));
        Assert.That(e!.Message, Does.Contain("different sweep file"));
        Assert.That(e.Message, Does.Contain(SweepDefinition.Load(sweep).Fingerprint()));
        Assert.That(Directory.GetDirectories(Path.Combine(sweep, "runs")), Has.Length.EqualTo(1));
        // Renaming the sweep does not change its runs.
        File.WriteAllText(Path.Combine(sweep, SweepDefinition.FileName), OneRun.Replace("\"epochs\": 2", "\"epochs\": 1", StringComparison.Ordinal).Replace("\"one\"", "\"renamed\"", StringComparison.Ordinal));
        Assert.That(SweepRunner.Run(sweep, SweepRunOptions.Default).Skipped, Has.Count.EqualTo(1));
    }

    [Test]
    public void InvalidOptionsOrFilesWriteNothing()
    {
        var sweep = Sweep("invalid", OneRun);
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Run(sweep, SweepRunOptions.Default with { Task = 3, Tasks = 3 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Run(sweep, SweepRunOptions.Default with { Workers = 0 }));
        File.WriteAllText(Path.Combine(sweep, SweepDefinition.FileName), OneRun.Replace("\"seed\": [7]", "\"seed\": []", StringComparison.Ordinal));
        Assert.Throws<InvalidDataException>(() => SweepRunner.Run(sweep, SweepRunOptions.Default));
        // A data set and data directory the registry refuses: caught when the file is read, not by the lazy load after
        // runs/ and sweep.lock.json were written.
        File.WriteAllText(Path.Combine(sweep, SweepDefinition.FileName), OneRun.Replace("\"dataset\": \"mnist\"", "\"dataset\": \"mnist-full\"", StringComparison.Ordinal));
        Assert.That(Assert.Throws<InvalidDataException>(() => SweepRunner.Run(sweep, SweepRunOptions.Default))!.Message, Does.Contain("base.data_dir"));
        Assert.That(Directory.GetFileSystemEntries(sweep), Is.EqualTo(new[] { Path.Combine(sweep, SweepDefinition.FileName) }));
    }

    [Test]
    public void CliWritesTheSbatchScriptAndReportsStatus()
    {
        var sweep = Sweep("cli", SixRuns);
        var root = new RootCommand("test");
        root.Subcommands.Add(SweepCommand.Create());
        Assert.That(CommandRunner.Run(root, ["sweep", "slurm", sweep, "--max-concurrent", "3", "--time", "0:05:00"]), Is.EqualTo(0));
        var lines = File.ReadAllLines(Path.Combine(sweep, "slurm", "sweep.sbatch"));
        Assert.That(lines, Does.Contain("#SBATCH --array=0-5%3"));
        Assert.That(lines.Last(), Does.StartWith("exec ").And.EndWith($"sweep run {sweep} --task \"$SLURM_ARRAY_TASK_ID\" --tasks 6"));
        Assert.That(Directory.Exists(Path.Combine(sweep, "slurm", "logs")), Is.True);
        Assert.That(CommandRunner.Run(root, ["sweep", "status", sweep]), Is.EqualTo(0));
        Assert.That(CommandRunner.Run(root, ["sweep", "run", sweep, "--task", "2", "--tasks", "2"]), Is.EqualTo(CommandRunner.Usage));
    }

    private const string AlphaGrid = """
        {"name": "alpha", "base": {"dataset": "mnist", "epochs": 2, "batch_size": 500, "hidden": [16], "latent": 2, "objective": "renyi",
          "samples": 2, "eval_samples": 4, "eval_every": 5, "bound_samples": 3},
         "grid": {"alpha": [0, 1], "seed": [1, 2]}}
        """;

    [Test]
    public void AlphaGridRecordsTheBoundAndTheReportPlotsItAgainstAlpha()
    {
        var sweep = Sweep("alpha", AlphaGrid);
        var root = new RootCommand("test");
        root.Subcommands.Add(SweepCommand.Create());
        Assert.That(CommandRunner.Run(root, ["sweep", "run", sweep, "--workers", "2"]), Is.EqualTo(0));
        var runs = SweepDefinition.Load(sweep).Expand();
        Assert.That(runs.Select(r => (r.EvaluateEvery, r.BoundSamples)).Distinct(), Is.EqualTo(new[] { (5, 3) }));
        foreach (var run in runs)
        {
            var metrics = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "runs", run.Id, "metrics.json")))!;
            var epochs = metrics["epochs"]!.AsArray();
            Assert.That(epochs[0]!["test_log_likelihood"], Is.Null, "eval_every 5: epoch 1 is not evaluated");
            Assert.That(epochs[1]!["test_log_likelihood"], Is.Not.Null, "the last epoch always is");
            var final = metrics["final"]!;
            Assert.That(final["renyi_bound_alpha"]!.GetValue<double>(), Is.EqualTo(run.Alpha));
            Assert.That(final["renyi_bound_samples"]!.GetValue<int>(), Is.EqualTo(3));
            double bound = final["test_renyi_bound"]!.GetValue<double>();
            using var model = Vae.Core.Models.VariationalAutoencoder.Load(Path.Combine(sweep, "runs", run.Id, "model.safetensors"));
            var test = DatasetRegistry.Load("mnist").Test;
            // Recomputed independently of the runner: the same estimator and seed give the same number; a different
            // noise seed gives a different estimate of the same bound (within a few standard errors).
            var again = Vae.Core.Models.Objectives.RenyiBound.Estimate(model, test, run.Alpha, 3, VaeTrainer.SeedOf(run.Seed, run.Epochs, 5), 500);
            Assert.That(again.Mean, Is.EqualTo(bound));
            var other = Vae.Core.Models.Objectives.RenyiBound.Estimate(model, test, run.Alpha, 3, 12345, 500);
            Assert.That(other.Mean, Is.EqualTo(bound).Within(6 * other.StandardError + 1e-9).And.Not.EqualTo(bound));
        }
        Assert.That(CommandRunner.Run(root, ["sweep", "collect", sweep]), Is.EqualTo(0));
        var html = File.ReadAllText(Path.Combine(sweep, "summary.html"));
        Assert.That(html, Does.Contain("id=\"sweep-active-units-vs-alpha\"").And.Contain("id=\"sweep-bound-vs-alpha\"").And.Contain("class=\"error-bar\"")
            .And.Contain("id=\"sweep-cka-0\"").And.Contain("id=\"sweep-matched-vs-raw\""));
        var summary = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "summary.json")))!;
        foreach (var configuration in summary["configurations"]!.AsArray())
            Assert.That(configuration!["metrics"]!["test_renyi_bound"]!["n"]!.GetValue<int>(), Is.EqualTo(2));
    }

    private sealed class Hook(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
