namespace Vae.Plotting.Plots;

/// <summary>One value per category of a <see cref="BarChart"/>.</summary>
/// <param name="Name">Legend text; empty to leave it out of the legend.</param>
/// <param name="Values">Bar heights, shape <c>[categories]</c>, finite (negative bars point down).</param>
public sealed record BarSeries(string Name, IReadOnlyList<double> Values)
{
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<double> Values { get => _values; init => _values = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _values = ContentEquality.Copy(Values);

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(BarSeries? other) =>
        other is not null && Name == other.Name && ContentEquality.Lists(Values, other.Values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        ContentEquality.Add(ref hash, Values);
        return hash.ToHashCode();
    }
}
