using System.Diagnostics;
using NUnit.Framework;

namespace Vae.Tests.Slurm;

/// <summary>
/// Issue 11's real-cluster checks against the one-node Slurm cluster of <c>scripts/slurm-local.sh</c> (see
/// docs/cluster.md): a throttled job array runs every task, and a job requeued mid-run with <c>scontrol requeue</c>
/// runs again to completion. Slurm's clients read <c>SLURM_CONF</c> from the environment. Without a cluster the
/// tests are ignored, unless <c>VAE_REQUIRE_SLURM=1</c> (set by CI), which makes that a failure.
/// </summary>
[NonParallelizable]
public sealed class LocalClusterTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(50);

    [Test]
    public void A_throttled_job_array_runs_every_task_on_the_cluster()
    {
        var nodes = SlurmCli.RequireCluster();
        using var dir = new TempDir();
        const int tasks = 6;
        var script = $"echo \"$SLURM_ARRAY_TASK_ID $(hostname)\" > \"{dir.Path}/task-$SLURM_ARRAY_TASK_ID.txt\"";
        string job = SlurmCli.Submit(dir.Path, $"--array=0-{tasks - 1}%4", "--job-name=vae-array-test", "--wrap", script);
        try
        {
            var shown = SlurmCli.Run("scontrol", "show", "job", job);
            Assert.That(shown, Does.Contain("ArrayTaskThrottle=4"), "the %4 throttle reached slurmctld");
            SlurmCli.WaitUntilGone(job, Budget);

            for (int i = 0; i < tasks; i++)
            {
                var file = Path.Combine(dir.Path, $"task-{i}.txt");
                Assert.That(File.Exists(file), $"array task {i} wrote no output; logs: {dir.Logs()}");
                var fields = File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                Assert.That(fields, Has.Length.EqualTo(2), $"task {i} output '{File.ReadAllText(file)}'");
                Assert.That(fields[0], Is.EqualTo(i.ToString()), "SLURM_ARRAY_TASK_ID");
                Assert.That(nodes, Does.Contain(fields[1].Split('.')[0]), "the task ran on one of the cluster's nodes");
            }
            Assert.That(Directory.GetFiles(dir.Path, "task-*.txt"), Has.Length.EqualTo(tasks), "no extra tasks");
        }
        finally
        {
            SlurmCli.Cancel(job);
        }
    }

    [Test]
    public void A_job_requeued_mid_run_runs_again_to_completion()
    {
        SlurmCli.RequireCluster();
        using var dir = new TempDir();
        var marker = Path.Combine(dir.Path, "marker.txt");
        // Each start appends a line (SLURM_RESTART_COUNT is unset on the first run, 1 after one requeue); the
        // sleep keeps the first run busy long enough to requeue it.
        var script = $"echo \"start ${{SLURM_RESTART_COUNT:-0}}\" >> '{marker}'; sleep 6; echo done >> '{marker}'";
        string job = SlurmCli.Submit(dir.Path, "--requeue", "--job-name=vae-requeue-test", "--wrap", script);
        try
        {
            var clock = Stopwatch.StartNew();
            while (!(File.Exists(marker) && File.ReadAllText(marker).Contains("start 0")))
            {
                if (clock.Elapsed > TimeSpan.FromSeconds(20))
                    Assert.Fail($"job {job} did not start within 20 s: {SlurmCli.Run("scontrol", "show", "job", job)}");
                Thread.Sleep(200);
            }
            Assert.That(File.ReadAllText(marker), Does.Not.Contain("done"), "the job was still running when requeued");
            SlurmCli.Run("scontrol", "requeue", job);
            SlurmCli.WaitUntilGone(job, Budget - clock.Elapsed);

            var lines = File.ReadAllLines(marker);
            Assert.That(lines, Is.EqualTo(new[] { "start 0", "start 1", "done" }),
                $"one interrupted run, one complete run; logs: {dir.Logs()}");
            Assert.That(SlurmCli.Run("scontrol", "show", "job", job), Does.Contain("Restarts=1").And.Contain("JobState=COMPLETED"));
        }
        finally
        {
            SlurmCli.Cancel(job);
        }
    }

    /// <summary>A temporary directory the batch jobs write to (one node: local disk is shared by construction).</summary>
    private sealed class TempDir : IDisposable
    {
        internal string Path { get; } = Directory.CreateTempSubdirectory("vae-slurm-").FullName;

        internal string Logs() => string.Join(" | ", Directory.GetFiles(Path, "slurm-*.out")
            .Select(f => $"{System.IO.Path.GetFileName(f)}: {File.ReadAllText(f).Trim()}"));

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}

/// <summary>Slurm's command-line clients (sinfo, sbatch, squeue, scontrol, scancel), run with a bounded wait.</summary>
internal static class SlurmCli
{
    internal const string RequireVariable = "VAE_REQUIRE_SLURM";

    /// <summary>
    /// Returns the cluster's node names when a cluster answers and has a usable node; otherwise fails when
    /// <c>VAE_REQUIRE_SLURM=1</c> and ignores the test when not.
    /// </summary>
    internal static IReadOnlyList<string> RequireCluster()
    {
        var (nodes, problem) = Probe.Value;
        if (problem is null) return nodes;

        var conf = Environment.GetEnvironmentVariable("SLURM_CONF");
        var message = $"No Slurm cluster is up: {problem} (SLURM_CONF={(string.IsNullOrEmpty(conf) ? "<unset>" : conf)}). " +
                      "Start one with `bash scripts/slurm-local.sh start` and `eval \"$(bash scripts/slurm-local.sh env)\"`; see docs/cluster.md.";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1") Assert.Fail($"{RequireVariable}=1: {message}");
        Assert.Ignore(message);
        return nodes;
    }

    /// <summary>Asks sinfo once per test run: with the controller down it takes about 10 s to give up.</summary>
    private static readonly Lazy<(IReadOnlyList<string> Nodes, string? Problem)> Probe = new(ProbeCluster);

    private static (IReadOnlyList<string> Nodes, string? Problem) ProbeCluster()
    {
        string? problem = null;
        var nodes = new List<string>();
        var (code, stdout, stderr) = TryRun("sinfo", "-h", "-N", "-o", "%N %T");
        if (code is null)
            problem = "sinfo is not on PATH";
        else if (code != 0)
            problem = $"sinfo failed ({stderr.Trim()})";
        else
        {
            foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && (parts[1].StartsWith("idle") || parts[1].StartsWith("mix") || parts[1].StartsWith("alloc")))
                    nodes.Add(parts[0]);
            }
            if (nodes.Count == 0) problem = $"no node is idle, mixed or allocated (sinfo: {stdout.Trim()})";
        }
        return (nodes, problem);
    }

    /// <summary>Submits a batch job from <paramref name="directory"/> (logs there too) and returns its id.</summary>
    internal static string Submit(string directory, params string[] options)
    {
        var args = new List<string> { "--parsable", "--time=2", $"--chdir={directory}", $"--output={directory}/slurm-%j.out" };
        args.AddRange(options);
        var id = Run("sbatch", [.. args]).Trim();
        Assert.That(id, Does.Match(@"^\d+$"), "sbatch --parsable prints the job id");
        return id;
    }

    /// <summary>Waits until <c>squeue -j</c> lists none of the job's (array) tasks, or fails after <paramref name="limit"/>.</summary>
    internal static void WaitUntilGone(string job, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var (code, stdout, _) = TryRun("squeue", "-h", "-j", job, "-o", "%i %T %r");
            // squeue exits non-zero ("Invalid job id") once the job has left slurmctld's memory.
            if (code != 0 || stdout.Trim().Length == 0) return;
            if (clock.Elapsed > limit) Assert.Fail($"job {job} still queued after {limit.TotalSeconds:F0} s: {stdout.Trim()}");
            Thread.Sleep(500);
        }
    }

    /// <summary>Cancels the job if still queued (clean-up after a failed assertion); never throws.</summary>
    internal static void Cancel(string job) => TryRun("scancel", job);

    /// <summary>Runs a client and returns its standard output; fails the test on a non-zero exit.</summary>
    internal static string Run(string program, params string[] args)
    {
        var (code, stdout, stderr) = TryRun(program, args);
        if (code != 0)
            Assert.Fail($"{program} {string.Join(' ', args)} exited with {code?.ToString() ?? "<not found>"}: {stderr.Trim()}");
        return stdout;
    }

    /// <summary>Runs a client with a 20 s limit; the exit code is null when the program is not on PATH.</summary>
    internal static (int? Code, string Stdout, string Stderr) TryRun(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return (null, "", $"{program} is not on PATH");
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
                return (-1, stdout.Result, $"{program} timed out after 20 s");
            }
            return (process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
