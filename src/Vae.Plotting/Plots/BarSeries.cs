namespace Vae.Plotting.Plots;

/// <summary>One value per category of a <see cref="BarChart"/>.</summary>
/// <param name="Name">Legend text; empty to leave it out of the legend.</param>
/// <param name="Values">Bar heights, shape <c>[categories]</c>, finite (negative bars point down).</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values);
