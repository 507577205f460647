namespace Vae.Core.Sweeps;

/// <summary>Where a sweep stands (see <see cref="SweepRunner.Status"/>).</summary>
/// <param name="Total">Runs of the grid.</param>
/// <param name="Complete">Runs with <c>runs/&lt;id&gt;/complete</c>.</param>
/// <param name="Partial">Runs not complete with a <c>runs/&lt;id&gt;.partial</c> directory (started, interrupted or running).</param>
/// <param name="Pending">Runs not started.</param>
public sealed record SweepStatus(int Total, int Complete, int Partial, int Pending);
