namespace Vae.Plotting.Axes;

/// <summary>Tick positions on an axis and their labels.</summary>
/// <param name="Values">Tick values in increasing order, in data units.</param>
/// <param name="Labels">The text shown at each tick, same length as <paramref name="Values"/>.</param>
public sealed record TickSet(IReadOnlyList<double> Values, IReadOnlyList<string> Labels)
{
    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(TickSet? other) =>
        other is not null && ContentEquality.Lists(Values, other.Values)
        && ContentEquality.Lists(Labels, other.Labels);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        ContentEquality.Add(ref hash, Values);
        ContentEquality.Add(ref hash, Labels);
        return hash.ToHashCode();
    }
}
