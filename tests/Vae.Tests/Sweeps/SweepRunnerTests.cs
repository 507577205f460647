using System.CommandLine;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Core.Data;
using Vae.Core.Sweeps;
using Vae.Core.Training;

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

        var a = SweepCollector.Collect(whole);
        var b = SweepCollector.Collect(sharded);
        Assert.That((a.Configurations, a.CompleteRuns, a.MissingRuns), Is.EqualTo((2, 6, 0)));
        Assert.That(File.ReadAllBytes(b.SummaryJsonPath), Is.EqualTo(File.ReadAllBytes(a.SummaryJsonPath)));
        var summary = File.ReadAllText(a.SummaryJsonPath);
        foreach (var key in new[] { "linear_cka", "matched_abs_correlation", "raw_abs_correlation", "knn_overlap", "active_units", "per_seed", "test_neg_elbo", "train_neg_elbo" })
            Assert.That(summary, Does.Contain($"\"{key}\""), key);
        Assert.That(File.ReadAllText(a.SummaryHtmlPath), Does.Contain("<table>").And.Contain("linear CKA"));

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

    private sealed class Hook(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
