using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vae.Core.IO;
using Vae.Core.Numerics;
using Vae.Core.Sweeps;
using Vae.Reproduce;
using Vae.Reproduce.Sweeps;
using Vae.InfoGeometry.Probes;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae sweep run|status|collect|slurm SWEEP</c>: grids of training runs described by <c>SWEEP/sweep.json</c>
/// (docs/sweeps.md). <c>run</c> trains the runs not yet complete (a shard with <c>--task I --tasks N</c>, several at once
/// with <c>--workers N</c>); SIGINT/SIGTERM checkpoint the running runs and exit 130, and the next <c>run</c> resumes
/// them. <c>status</c> counts runs and asks <c>squeue</c> about a submitted job; <c>collect</c> writes
/// <c>summary.json</c> and <c>summary.html</c>; <c>slurm</c> writes (and with <c>--submit</c> submits) a job array.
/// </summary>
internal static class SweepCommand
{
    internal static Command Create()
    {
        var command = new Command("sweep", "Grids of training runs (SWEEP/sweep.json): run locally or as shards, status, collect, Slurm job arrays.");
        command.Subcommands.Add(RunCommand());
        command.Subcommands.Add(StatusCommand());
        command.Subcommands.Add(CollectCommand());
        command.Subcommands.Add(SlurmCommand());
        return command;
    }

    private static Argument<string> SweepArgument() => new("SWEEP") { Description = "The sweep directory (holding sweep.json)." };

    private static Command RunCommand()
    {
        var sweep = SweepArgument();
        var workers = new Option<int>("--workers") { Description = "Runs trained at once in this process (each with one libtorch thread).", DefaultValueFactory = _ => 1 };
        var task = new Option<int>("--task") { Description = "This shard's index I: runs i with i mod N = I.", DefaultValueFactory = _ => 0 };
        var tasks = new Option<int>("--tasks") { Description = "Number of shards N.", DefaultValueFactory = _ => 1 };
        var command = new Command("run", "Train the sweep's runs that are not complete; completed runs are skipped, interrupted ones resume.") { sweep, workers, task, tasks };
        command.SetAction((parse, cancellationToken) => CommandRunner.Interruptible(() =>
        {
            var options = new SweepRunOptions { Workers = parse.GetValue(workers), Task = parse.GetValue(task), Tasks = parse.GetValue(tasks) };
            OptionChecks.Check(options.Validate);
            CommandRunner.UseBestNumerics();
            var directory = Path.GetFullPath(parse.GetValue(sweep)!);
            var result = SweepRunner.Run(directory, options, new LineWriter(), cancellationToken);
            Console.WriteLine($"vae sweep run: shard {options.Task} of {options.Tasks}: {result.Trained.Count} runs trained, {result.Skipped.Count} already complete.");
            return 0;
        }, cancellationToken, () => $"vae sweep run: interrupted; running runs saved their position under {Path.Combine(Path.GetFullPath(parse.GetValue(sweep)!), "runs")} (run again to resume)."));
        return command;
    }

    private static Command StatusCommand()
    {
        var sweep = SweepArgument();
        var command = new Command("status", "Count complete, partial and pending runs; ask squeue about a submitted job.") { sweep };
        command.SetAction(parse =>
        {
            var directory = Path.GetFullPath(parse.GetValue(sweep)!);
            var status = SweepRunner.Status(directory);
            Console.WriteLine($"{directory}: {status.Total} runs: {status.Complete} complete, {status.Partial} partial, {status.Pending} pending");
            var jobFile = Path.Combine(directory, "slurm", "job.json");
            if (File.Exists(jobFile))
            {
                var job = ReadJobId(jobFile);
                Console.WriteLine($"slurm job {job}:");
                try
                {
                    var (code, output, error) = Execute("squeue", ["-j", job, "-h", "-o", "%i %T"]);
                    if (code != 0) Console.WriteLine($"  squeue failed ({code}): {error.Trim()}");
                    else if (output.Trim().Length == 0) Console.WriteLine("  no tasks in the queue (finished or not yet known to squeue)");
                    else foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries)) Console.WriteLine("  " + line);
                }
                catch (System.ComponentModel.Win32Exception)
                {
                    Console.WriteLine("  squeue was not found on PATH; cannot ask Slurm about the job (install the Slurm client or run status on a login node).");
                }
            }
            return 0;
        });
        return command;
    }

    private static Command CollectCommand()
    {
        var sweep = SweepArgument();
        var command = new Command("collect", "Write SWEEP/summary.json and SWEEP/summary.html: per configuration, mean ± sd across seeds and the replica-degeneracy metrics.") { sweep };
        command.SetAction(parse =>
        {
            CommandRunner.UseBestNumerics();
            using var busy = LockSweep(parse.GetValue(sweep)!);
            var result = SweepCollector.Collect(parse.GetValue(sweep)!, new SweepCollectOptions { Analyses = [ProbeAnalysis.Accuracy()] });
            var htmlPath = Path.Combine(Path.GetDirectoryName(result.SummaryJsonPath)!, "summary.html");
            var section = SweepSection.Build(result, "sweep", $"Sweep {result.Sweep}");
            AtomicFile.WriteAllText(htmlPath, HtmlReport.Render($"Sweep {result.Sweep}", [section],
                "Every number is also in <a href=\"summary.json\">summary.json</a>; each run's options and per-epoch metrics are in runs/&lt;id&gt;/."));
            Console.WriteLine($"vae sweep collect: {result.CompleteRuns} complete runs ({result.MissingRuns} missing) in {result.Configurations.Count} configurations; wrote {result.SummaryJsonPath} and {htmlPath}");
            return 0;
        });
        return command;
    }

    private static Command SlurmCommand()
    {
        var sweep = SweepArgument();
        var partition = new Option<string>("--partition") { Description = "Slurm partition (default: the cluster's).", DefaultValueFactory = _ => "" };
        var time = new Option<string>("--time") { Description = "Time limit per array task, e.g. 2:00:00 (default: the partition's).", DefaultValueFactory = _ => "" };
        var cpus = new Option<int>("--cpus-per-task") { Description = "CPUs per array task.", DefaultValueFactory = _ => 1 };
        var gpus = new Option<int>("--gpus-per-task") { Description = "GPUs per array task (0 = none requested).", DefaultValueFactory = _ => 0 };
        var maxConcurrent = new Option<int>("--max-concurrent") { Description = "Array throttle %M: at most M tasks at once (0 = no throttle).", DefaultValueFactory = _ => 0 };
        var memory = new Option<string>("--mem") { Description = "Memory per node, e.g. 4G (default: the cluster's).", DefaultValueFactory = _ => "" };
        var submit = new Option<bool>("--submit") { Description = "Submit the script with sbatch --parsable and record the job id in SWEEP/slurm/job.json." };
        var command = new Command("slurm", "Write SWEEP/slurm/sweep.sbatch, a Slurm job array with one task per run (or per shard), and optionally submit it.")
        {
            sweep, partition, time, cpus, gpus, maxConcurrent, memory, submit,
        };
        command.SetAction(parse =>
        {
            var options = new SlurmScriptOptions
            {
                Partition = parse.GetValue(partition)!, Time = parse.GetValue(time)!, CpusPerTask = parse.GetValue(cpus),
                GpusPerTask = parse.GetValue(gpus), MaxConcurrent = parse.GetValue(maxConcurrent), Memory = parse.GetValue(memory)!,
            };
            OptionChecks.Check(options.Validate);
            var directory = Path.GetFullPath(parse.GetValue(sweep)!);
            var definition = SweepRunner.Open(directory);
            using var busy = LockSweep(directory);
            var script = SlurmScript.Create(directory, definition.Name, definition.Expand().Count, Launcher(), options);
            string? sbatch = null;
            if (parse.GetValue(submit))
                sbatch = FindOnPath("sbatch") ?? throw new FileNotFoundException("--submit: sbatch was not found on PATH; install the Slurm client (slurm-wlm) or submit SWEEP/slurm/sweep.sbatch on a login node.", "sbatch");
            var slurm = Path.Combine(directory, "slurm");
            Directory.CreateDirectory(Path.Combine(slurm, "logs"));
            var path = Path.Combine(slurm, "sweep.sbatch");
            AtomicFile.WriteAllText(path, script);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            Console.WriteLine($"vae sweep slurm: wrote {path}");
            if (sbatch is null) return 0;
            var (code, output, error) = Execute(sbatch, ["--parsable", path]);
            if (code != 0) throw new InvalidOperationException($"sbatch --parsable {path} failed with exit code {code}: {error.Trim()}");
            var jobId = output.Trim().Split(';')[0];
            if (jobId.Length == 0 || !jobId.All(char.IsAsciiDigit)) throw new InvalidOperationException($"sbatch --parsable printed '{output.Trim()}', not a job id.");
            var job = new JsonObject { ["job_id"] = jobId, ["submitted"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture), ["script"] = path };
            AtomicFile.WriteAllText(Path.Combine(slurm, "job.json"), job.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
            Console.WriteLine($"vae sweep slurm: submitted job {jobId} (recorded in {Path.Combine(slurm, "job.json")})");
            return 0;
        });
        return command;
    }

    /// <summary>One writer of a sweep's derived files (summary.*, slurm/) at a time: a second collect or slurm fails at once
    /// (docs/reliability.md). Runs have their own per-run locks, so this does not block <c>sweep run</c>.</summary>
    private static Vae.Core.IO.OutputLock LockSweep(string sweep)
    {
        var directory = Path.GetFullPath(sweep);
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"SWEEP '{directory}' does not exist.");
        return Vae.Core.IO.OutputLock.Acquire(Path.Combine(directory, ".sweep.vae-lock"), $"SWEEP '{directory}'");
    }

    /// <summary>The command that starts this vae: its executable, or <c>dotnet DLL</c> when run through the dotnet host.</summary>
    internal static string Launcher()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of the running executable is unknown.");
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
            return $"{Quote(process)} {Quote(typeof(SweepCommand).Assembly.Location)}";
        return Quote(process);
    }

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '+') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string ReadJobId(string path)
    {
        try
        {
            var id = JsonNode.Parse(File.ReadAllText(path))?["job_id"]?.GetValue<string>();
            if (id is null || id.Length == 0 || !id.All(char.IsAsciiDigit)) throw new InvalidDataException($"'{path}': field 'job_id' is missing or not a job id.");
            return id;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}': field 'job_id' is not readable ({e.Message}).", e);
        }
    }

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>Runs a program (environment inherited, e.g. SLURM_CONF) and returns its exit code and output.</summary>
    private static (int Code, string Output, string Error) Execute(string program, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {program}.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error.Result);
    }

    /// <summary>Writes progress lines at once, in order (System.Progress would post them to the thread pool).</summary>
    private sealed class LineWriter : IProgress<string>
    {
        private readonly Lock _gate = new();

        public void Report(string value)
        {
            lock (_gate) Console.WriteLine("vae sweep run: " + value);
        }
    }
}
