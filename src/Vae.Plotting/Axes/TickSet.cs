namespace Vae.Plotting.Axes;

/// <summary>Tick positions on an axis and their labels.</summary>
/// <param name="Values">Tick values in increasing order, in data units.</param>
/// <param name="Labels">The text shown at each tick, same length as <paramref name="Values"/>.</param>
public sealed record TickSet(IReadOnlyList<double> Values, IReadOnlyList<string> Labels);
