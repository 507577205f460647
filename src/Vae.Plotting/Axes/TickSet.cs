namespace Vae.Plotting.Axes;

/// <summary>Tick positions on an axis and their labels.</summary>
/// <param name="Values">Tick values in increasing order, in data units.</param>
/// <param name="Labels">The text shown at each tick, same length as <paramref name="Values"/>.</param>
public sealed record TickSet(IReadOnlyList<double> Values, IReadOnlyList<string> Labels)
{
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<double> Values { get => _values; init => _values = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _values = ContentEquality.Copy(Values);
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<string> Labels { get => _labels; init => _labels = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<string> _labels = ContentEquality.Copy(Labels);

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
