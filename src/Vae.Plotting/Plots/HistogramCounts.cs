namespace Vae.Plotting.Plots;

/// <summary>The bins of a histogram and the number of values in each.</summary>
/// <param name="Edges">Bin edges, shape <c>[bins + 1]</c>, increasing.</param>
/// <param name="Counts">Values per bin, shape <c>[bins]</c>; bin i is [Edges[i], Edges[i+1]), the last one closed.</param>
public sealed record HistogramCounts(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<double> Edges { get => _edges; init => _edges = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _edges = ContentEquality.Copy(Edges);
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<int> Counts { get => _counts; init => _counts = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<int> _counts = ContentEquality.Copy(Counts);

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(HistogramCounts? other) =>
        other is not null && ContentEquality.Lists(Edges, other.Edges)
        && ContentEquality.Lists(Counts, other.Counts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        ContentEquality.Add(ref hash, Edges);
        ContentEquality.Add(ref hash, Counts);
        return hash.ToHashCode();
    }
}
