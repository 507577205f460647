using System.Globalization;
using System.Text;

namespace Vae.Core.Sweeps;

/// <summary>
/// The <c>sbatch</c> job-array script of a sweep: one array task per run, or per shard when the runs outnumber
/// <see cref="SlurmScriptOptions.MaxArrayTasks"/>; logs under <c>SWEEP/slurm/logs/</c>; SIGTERM 120 s before the time
/// limit and on preemption (<c>--signal=B:TERM@120</c>, <c>--requeue</c>), so that the run checkpoints and the requeued
/// task resumes it.
/// </summary>
public static class SlurmScript
{
    /// <summary>The number of array tasks for <paramref name="runs"/> runs: min(runs, maxArrayTasks).</summary>
    /// <param name="runs">Runs of the sweep, ≥ 1.</param>
    /// <param name="maxArrayTasks">The limit, ≥ 1.</param>
    /// <returns>The task count.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is &lt; 1.</exception>
    public static int TaskCount(int runs, int maxArrayTasks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxArrayTasks, 1);
        return Math.Min(runs, maxArrayTasks);
    }

    /// <summary>The script text.</summary>
    /// <param name="sweepDirectory">The sweep directory (made absolute).</param>
    /// <param name="name">The sweep's name (the job name is <c>vae-sweep-NAME</c>, reduced to letters, digits, '-', '_' and '.').</param>
    /// <param name="runs">Runs of the sweep, ≥ 1.</param>
    /// <param name="launcher">The command that starts <c>vae</c>, e.g. <c>/opt/vae/vae</c> or <c>dotnet /opt/vae/vae.dll</c>
    /// (written as given; quote paths with spaces).</param>
    /// <param name="options">Resources and limits.</param>
    /// <returns>The bash script, LF line ends.</returns>
    /// <exception cref="ArgumentException">Empty launcher, a sweep directory with a control character or a backslash, or
    /// an option is out of range.</exception>
    public static string Create(string sweepDirectory, string name, int runs, string launcher, SlurmScriptOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepDirectory);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(launcher);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = Path.GetFullPath(sweepDirectory);
        // A line break would end the #SBATCH line, and a backslash in --output turns off Slurm's %A/%a patterns.
        if (directory.Any(c => char.IsControl(c) || c == '\\'))
            throw new ArgumentException($"sweepDirectory '{directory}' holds a control character or a backslash, which an sbatch script cannot carry.", nameof(sweepDirectory));
        int tasks = TaskCount(runs, options.MaxArrayTasks);
        var job = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
        var b = new StringBuilder();
        void L(string line) => b.Append(line).Append('\n');
        L("#!/bin/bash");
        L($"#SBATCH --job-name=vae-sweep-{job}");
        L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{tasks - 1}{(options.MaxConcurrent > 0 ? $"%{options.MaxConcurrent}" : "")}"));
        L($"#SBATCH --output={SbatchArgument(Path.Combine(directory, "slurm", "logs").Replace("%", "%%", StringComparison.Ordinal) + "/%A_%a.out")}");
        L("#SBATCH --signal=B:TERM@120");
        L("#SBATCH --requeue");
        L("#SBATCH --open-mode=append");
        L("#SBATCH --ntasks=1");
        L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={options.CpusPerTask}"));
        if (options.GpusPerTask > 0) L(string.Create(CultureInfo.InvariantCulture, $"#SBATCH --gpus-per-task={options.GpusPerTask}"));
        if (options.Partition.Length > 0) L($"#SBATCH --partition={options.Partition}");
        if (options.Time.Length > 0) L($"#SBATCH --time={options.Time}");
        if (options.Memory.Length > 0) L($"#SBATCH --mem={options.Memory}");
        L($"# Written by vae sweep slurm for the sweep '{name.ReplaceLineEndings(" ")}': {runs} runs in {tasks} array tasks.");
        L("# SIGTERM (time limit, preemption, scontrol requeue) makes vae checkpoint the current run and exit 130; the");
        L("# requeued task resumes it from SWEEP/runs/<id>.partial. exec makes vae the batch shell, which receives B:TERM.");
        L("set -euo pipefail");
        L(string.Create(CultureInfo.InvariantCulture, $"exec {launcher} sweep run {Quote(directory)} --task \"$SLURM_ARRAY_TASK_ID\" --tasks {tasks}"));
        return b.ToString();
    }

    /// <summary>An argument of an <c>#SBATCH</c> line: sbatch splits those lines at white space and treats an unquoted
    /// <c>#</c> as a comment, but groups a double-quoted string and takes <c>\"</c> as a quote (Slurm's
    /// <c>src/sbatch/opt.c</c>, <c>_get_argument</c>).</summary>
    private static string SbatchArgument(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '+' or '%') ? value : "\"" + value.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Quote(string path) =>
        path.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.' or '+') ? path : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
