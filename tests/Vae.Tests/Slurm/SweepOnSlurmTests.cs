using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Vae.Tests.Slurm;

/// <summary>
/// Issue 11 against the real local cluster (scripts/slurm-local.sh): a sweep submitted by <c>vae sweep slurm --submit</c>
/// as a job array completes, and <c>collect</c> matches the same sweep run in one process byte for byte; a task
/// requeued mid-training (<c>scontrol requeue</c>: Slurm sends SIGTERM, the trainer checkpoints, the requeued task
/// resumes) ends bit-identical to an uninterrupted run; a task whose process is killed leaves no completed half-run,
/// and the next <c>sweep run</c> redoes only that run.
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SweepOnSlurmTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(150);
    private string _root = "";

    [SetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("vae-slurm-sweep-").FullName;

    [TearDown]
    public void RemoveRoot()
    {
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string SweepFile(string name, int epochs, string grid) => $$"""
        { "name": "{{name}}",
          "base": { "dataset": "mnist", "epochs": {{epochs}}, "batch_size": 500, "hidden": [16], "latent": 2, "seed": 1 },
          "grid": {{grid}} }
        """;

    private string NewSweep(string directory, string json)
    {
        var path = Path.Combine(_root, directory);
        Directory.CreateDirectory(path);
        File.WriteAllText(Path.Combine(path, "sweep.json"), json);
        return path;
    }

    [Test]
    public void AJobArrayRunsTheSweepAndCollectMatchesOneProcess()
    {
        SlurmCli.RequireCluster();
        var grid = """{ "latent": [2, 3], "seed": [1, 2, 3] }""";
        var onSlurm = NewSweep("slurm", SweepFile("array", 2, grid));
        var local = NewSweep("local", SweepFile("array", 2, grid));

        var job = Submit(onSlurm, "--max-concurrent", "4");
        try { SlurmCli.WaitUntilGone(job, Budget); } finally { SlurmCli.Cancel(job); }
        var script = File.ReadAllText(Path.Combine(onSlurm, "slurm", "sweep.sbatch"));
        Assert.That(script, Does.Contain("#SBATCH --array=0-5%4"), "six runs, one array task each, at most four at once");
        Assert.That(Directory.GetFiles(Path.Combine(onSlurm, "runs"), "complete", SearchOption.AllDirectories), Has.Length.EqualTo(6), Logs(onSlurm));

        Succeed(Vae("sweep", "run", local));
        Succeed(Vae("sweep", "collect", onSlurm));
        Succeed(Vae("sweep", "collect", local));
        Assert.That(File.ReadAllBytes(Path.Combine(onSlurm, "summary.json")), Is.EqualTo(File.ReadAllBytes(Path.Combine(local, "summary.json"))),
            "collect over the Slurm array equals collect over the same sweep run in one process");
        foreach (var run in Directory.GetDirectories(Path.Combine(local, "runs")))
            Assert.That(File.ReadAllBytes(Path.Combine(onSlurm, "runs", Path.GetFileName(run), "model.safetensors")),
                Is.EqualTo(File.ReadAllBytes(Path.Combine(run, "model.safetensors"))), Path.GetFileName(run));
    }

    [Test]
    public void ARequeuedTaskResumesFromItsCheckpointAndEndsBitIdentical()
    {
        SlurmCli.RequireCluster();
        // One run long enough to be caught mid-training: 9 000 images, batch 500, 12 epochs.
        var json = SweepFile("requeue", 12, """{ "seed": [5] }""");
        var onSlurm = NewSweep("slurm", json);
        var local = NewSweep("local", json);

        var job = Submit(onSlurm);
        try
        {
            var partial = WaitFor(() => Checkpoint(onSlurm), "a checkpoint in the running task's .partial directory");
            Assert.That(Path.GetDirectoryName(partial), Does.EndWith(".partial"));
            SlurmCli.Run("scontrol", "requeue", job);
            SlurmCli.WaitUntilGone(job, Budget);
        }
        finally
        {
            SlurmCli.Cancel(job);
        }
        var log = Logs(onSlurm);
        Assert.That(log, Does.Contain("interrupted"), "the first attempt stopped on SIGTERM and saved its position");
        var runs = Directory.GetDirectories(Path.Combine(onSlurm, "runs"));
        Assert.That(runs, Has.Length.EqualTo(1), log);
        Assert.That(File.Exists(Path.Combine(runs[0], "complete")), Is.True, log);

        Succeed(Vae("sweep", "run", local));
        var id = Path.GetFileName(runs[0]);
        Assert.That(File.ReadAllBytes(Path.Combine(runs[0], "model.safetensors")), Is.EqualTo(File.ReadAllBytes(Path.Combine(local, "runs", id, "model.safetensors"))),
            "requeued and resumed = uninterrupted, bit for bit");
        var epochs = JsonNode.Parse(File.ReadAllText(Path.Combine(runs[0], "metrics.json")))!["epochs"]!.AsArray();
        Assert.That(epochs, Has.Count.EqualTo(12), "every epoch recorded across the requeue");
    }

    [Test]
    public void AKilledTaskLeavesNoCompletedHalfRunAndTheNextRunRedoesOnlyIt()
    {
        SlurmCli.RequireCluster();
        var json = SweepFile("kill", 12, """{ "seed": [7, 8] }""");
        var onSlurm = NewSweep("slurm", json);
        var job = Submit(onSlurm, "--max-concurrent", "1");
        try
        {
            WaitFor(() => Checkpoint(onSlurm), "the first task's checkpoint");
            // SIGKILL to the task's vae process: no chance to save anything.
            var pids = SlurmCli.TryRun("pgrep", "-f", $"sweep run {onSlurm}").Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(pids, Is.Not.Empty, "the task's process is running");
            foreach (var pid in pids) SlurmCli.TryRun("kill", "-KILL", pid.Trim());
            SlurmCli.WaitUntilGone(job, Budget);
        }
        finally
        {
            SlurmCli.Cancel(job);
        }
        var runs = Path.Combine(onSlurm, "runs");
        var complete = Directory.GetDirectories(runs).Where(d => !d.EndsWith(".partial", StringComparison.Ordinal)).ToArray();
        var partial = Directory.GetDirectories(runs, "*.partial");
        Assert.That(complete.All(d => File.Exists(Path.Combine(d, "complete"))), Is.True, "every run directory without .partial is complete");
        Assert.That(partial, Has.Length.EqualTo(1), "the killed run stays .partial: " + Logs(onSlurm));
        Assert.That(File.Exists(Path.Combine(partial[0], "complete")), Is.False);
        var before = complete.ToDictionary(d => d, d => File.GetLastWriteTimeUtc(Path.Combine(d, "model.safetensors")));

        var (code, output, error) = Vae("sweep", "run", onSlurm);
        Assert.That(code, Is.EqualTo(0), error);
        Assert.That(Directory.GetDirectories(runs, "*.partial"), Is.Empty);
        Assert.That(Directory.GetFiles(runs, "complete", SearchOption.AllDirectories), Has.Length.EqualTo(2));
        foreach (var (directory, written) in before)
            Assert.That(File.GetLastWriteTimeUtc(Path.Combine(directory, "model.safetensors")), Is.EqualTo(written), "completed runs are skipped, not redone");
        TestContext.Out.WriteLine(output);
    }

    /// <summary>Writes and submits the sweep's job array through the real executable; returns the job id.</summary>
    private static string Submit(string sweep, params string[] options)
    {
        var (code, output, error) = Vae(["sweep", "slurm", sweep, "--submit", "--time", "5", .. options]);
        Assert.That(code, Is.EqualTo(0), error);
        var job = JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "slurm", "job.json")))!["job_id"]!.ToString();
        Assert.That(job, Does.Match(@"^\d+$"), output);
        return job;
    }

    private static string? Checkpoint(string sweep)
    {
        var runs = Path.Combine(sweep, "runs");
        return Directory.Exists(runs) ? Directory.GetFiles(runs, "checkpoint.safetensors", SearchOption.AllDirectories).FirstOrDefault() : null;
    }

    private static string WaitFor(Func<string?> probe, string what)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Budget)
        {
            if (probe() is { } found) return found;
            Thread.Sleep(200);
        }
        Assert.Fail($"no {what} after {Budget.TotalSeconds:F0} s");
        return "";
    }

    private static string Logs(string sweep)
    {
        var directory = Path.Combine(sweep, "slurm", "logs");
        return Directory.Exists(directory)
            ? string.Join("\n", Directory.GetFiles(directory).Order().Select(f => $"--- {Path.GetFileName(f)}\n{File.ReadAllText(f)}"))
            : "(no Slurm logs)";
    }

    private static void Succeed((int ExitCode, string Output, string Error) result) =>
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error + result.Output);

    private static (int ExitCode, string Output, string Error) Vae(params string[] args) => global::Vae.Tests.Cli.VaeExecutable.Run(args);
}
