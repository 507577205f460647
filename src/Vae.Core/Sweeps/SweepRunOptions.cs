namespace Vae.Core.Sweeps;

/// <summary>
/// How <see cref="SweepRunner.Run"/> runs a sweep: one worker, the whole sweep (shard 0 of 1).
/// </summary>
public sealed record SweepRunOptions
{
    /// <summary>The defaults listed on the type.</summary>
    public static SweepRunOptions Default { get; } = new();

    /// <summary>Every property at its documented default.</summary>
    public SweepRunOptions() { }

    /// <summary>A copy of <paramref name="original"/> (used by <c>with</c>; F# copies and updates with it).</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public SweepRunOptions(SweepRunOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Workers = original.Workers;
        Task = original.Task;
        Tasks = original.Tasks;
    }

    /// <summary>Runs trained at once in this process, ≥ 1; with more than one, each run uses one libtorch thread.</summary>
    public int Workers { get; init; } = 1;

    /// <summary>This shard's index I, 0 ≤ I &lt; <see cref="Tasks"/>: it takes the runs whose position i in expansion order has i mod N = I.</summary>
    public int Task { get; init; }

    /// <summary>The number of shards N, ≥ 1.</summary>
    public int Tasks { get; init; } = 1;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it and its value.</exception>
    public void Validate()
    {
        if (Workers < 1) throw new ArgumentOutOfRangeException(nameof(Workers), Workers, $"Workers = {Workers} must be ≥ 1.");
        if (Tasks < 1) throw new ArgumentOutOfRangeException(nameof(Tasks), Tasks, $"Tasks = {Tasks} must be ≥ 1.");
        if (Task < 0 || Task >= Tasks) throw new ArgumentOutOfRangeException(nameof(Task), Task, $"Task = {Task} must be in [0, {Tasks - 1}] for {Tasks} tasks.");
    }
}
