namespace Vae.Plotting.Plots;

/// <summary>How a <see cref="HistogramPlot"/> chooses its bins: automatically, by count, or by explicit edges.</summary>
public sealed record HistogramBins
{
    private HistogramBins(int count, IReadOnlyList<double> edges)
    {
        BinCount = count;
        Edges = edges;
    }

    /// <summary>NumPy's <c>bins="auto"</c>: equal-width bins over [min, max] of the data, the width being the smaller of
    /// Sturges' range/(log₂ n + 1) and Freedman–Diaconis' 2·IQR·n^(−1/3) (Sturges alone when the IQR is 0), except that
    /// the number of bins is capped at 100 000 (NumPy has no cap: a far outlier can give it millions of bins).</summary>
    public static HistogramBins Auto { get; } = new(0, []);

    /// <summary>True for <see cref="Auto"/>.</summary>
    public bool IsAuto => BinCount == 0 && Edges.Count == 0;

    /// <summary>The requested number of equal-width bins over [min, max] of the data (0 when not given by count).</summary>
    public int BinCount { get; }

    /// <summary>The explicit bin edges (empty when not given by edges).</summary>
    public IReadOnlyList<double> Edges { get; }

    /// <summary><paramref name="count"/> equal-width bins over [min, max] of the data (NumPy's <c>bins=count</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is not in [1, 100 000].</exception>
    public static HistogramBins Count(int count)
    {
        if (count is < 1 or > 100_000) throw new ArgumentOutOfRangeException(nameof(count), count, "count must be in [1, 100000].");
        return new HistogramBins(count, []);
    }

    /// <summary>Bins [e₀, e₁), [e₁, e₂), …, [e_{n−1}, e_n] (the last closed, as NumPy); values outside are not counted.</summary>
    /// <exception cref="ArgumentException">Fewer than 2 edges, an edge not finite, or edges not strictly increasing.</exception>
    public static HistogramBins FromEdges(IReadOnlyList<double> edges)
    {
        ArgumentNullException.ThrowIfNull(edges);
        if (edges.Count < 2) throw new ArgumentException($"edges has {edges.Count} values; at least 2 are needed.", nameof(edges));
        for (int i = 0; i < edges.Count; i++)
        {
            if (!double.IsFinite(edges[i])) throw new ArgumentException($"edges[{i}] = {edges[i]} is not finite.", nameof(edges));
            if (i > 0 && edges[i] <= edges[i - 1])
                throw new ArgumentException($"edges[{i}] = {edges[i]} is not greater than edges[{i - 1}] = {edges[i - 1]}.", nameof(edges));
        }
        return new HistogramBins(0, Array.AsReadOnly(edges.ToArray()));
    }

    /// <summary>Value equality: the same bin count, or the same edges element by element.</summary>
    public bool Equals(HistogramBins? other) =>
        other is not null && BinCount == other.BinCount && ContentEquality.Lists(Edges, other.Edges);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(BinCount);
        ContentEquality.Add(ref hash, Edges);
        return hash.ToHashCode();
    }
}
