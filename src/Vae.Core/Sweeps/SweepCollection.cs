namespace Vae.Core.Sweeps;

/// <summary>What <see cref="SweepCollector.Collect"/> wrote.</summary>
/// <param name="SummaryJsonPath">Absolute path of <c>SWEEP/summary.json</c>.</param>
/// <param name="SummaryHtmlPath">Absolute path of <c>SWEEP/summary.html</c>.</param>
/// <param name="Configurations">Configurations (option sets without the seed) with at least one complete run.</param>
/// <param name="CompleteRuns">Complete runs summarised.</param>
/// <param name="MissingRuns">Runs of the grid not complete (left out).</param>
public sealed record SweepCollection(string SummaryJsonPath, string SummaryHtmlPath, int Configurations, int CompleteRuns, int MissingRuns);
