namespace Vae.Plotting.Plots;

/// <summary>The bins of a histogram and the number of values in each.</summary>
/// <param name="Edges">Bin edges, shape <c>[bins + 1]</c>, increasing.</param>
/// <param name="Counts">Values per bin, shape <c>[bins]</c>; bin i is [Edges[i], Edges[i+1]), the last one closed.</param>
public sealed record HistogramCounts(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts);
