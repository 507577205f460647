namespace Vae.Core.Sweeps;

/// <summary>
/// Resources and limits of the Slurm job array that <see cref="SlurmScript.Create"/> writes: one CPU per task, no
/// partition, time, memory or GPU request (the cluster's defaults), no throttle, at most 1 000 array tasks.
/// </summary>
public sealed record SlurmScriptOptions
{
    /// <summary>The defaults listed on the type.</summary>
    public static SlurmScriptOptions Default { get; } = new();

    /// <summary>Every property at its documented default.</summary>
    public SlurmScriptOptions() { }

    /// <summary>A copy of <paramref name="original"/> (used by <c>with</c>; F# copies and updates with it).</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public SlurmScriptOptions(SlurmScriptOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Partition = original.Partition;
        Time = original.Time;
        CpusPerTask = original.CpusPerTask;
        GpusPerTask = original.GpusPerTask;
        MaxConcurrent = original.MaxConcurrent;
        Memory = original.Memory;
        MaxArrayTasks = original.MaxArrayTasks;
    }

    /// <summary><c>--partition</c>; empty = the cluster's default.</summary>
    public string Partition { get; init; } = "";

    /// <summary><c>--time</c> per array task (Slurm's formats, e.g. <c>2:00:00</c>); empty = the partition's default.</summary>
    public string Time { get; init; } = "";

    /// <summary><c>--cpus-per-task</c>, ≥ 1.</summary>
    public int CpusPerTask { get; init; } = 1;

    /// <summary><c>--gpus-per-task</c>, ≥ 0; 0 = not requested.</summary>
    public int GpusPerTask { get; init; }

    /// <summary>The array throttle <c>%M</c>: at most M tasks at once, ≥ 0; 0 = no throttle.</summary>
    public int MaxConcurrent { get; init; }

    /// <summary><c>--mem</c> per node (e.g. <c>4G</c>); empty = the cluster's default.</summary>
    public string Memory { get; init; } = "";

    /// <summary>The most array tasks to ask for, ≥ 1: with more runs than this, each task runs a shard (<c>--tasks</c>).</summary>
    public int MaxArrayTasks { get; init; } = 1000;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and its value.</exception>
    /// <exception cref="ArgumentException">A text value holds a line break or white space.</exception>
    public void Validate()
    {
        if (CpusPerTask < 1) throw new ArgumentOutOfRangeException(nameof(CpusPerTask), CpusPerTask, $"CpusPerTask = {CpusPerTask} must be ≥ 1.");
        if (GpusPerTask < 0) throw new ArgumentOutOfRangeException(nameof(GpusPerTask), GpusPerTask, $"GpusPerTask = {GpusPerTask} must be ≥ 0.");
        if (MaxConcurrent < 0) throw new ArgumentOutOfRangeException(nameof(MaxConcurrent), MaxConcurrent, $"MaxConcurrent = {MaxConcurrent} must be ≥ 0.");
        if (MaxArrayTasks < 1) throw new ArgumentOutOfRangeException(nameof(MaxArrayTasks), MaxArrayTasks, $"MaxArrayTasks = {MaxArrayTasks} must be ≥ 1.");
        foreach (var (name, value) in new[] { (nameof(Partition), Partition), (nameof(Time), Time), (nameof(Memory), Memory) })
        {
            ArgumentNullException.ThrowIfNull(value, name);
            if (value.Any(char.IsWhiteSpace)) throw new ArgumentException($"{name} = '{value}' must not contain white space.", name);
        }
    }
}
