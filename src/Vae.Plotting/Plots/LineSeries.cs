namespace Vae.Plotting.Plots;

/// <summary>One line of a <see cref="LinePlot"/>: points (X[i], Y[i]) joined in order.</summary>
/// <param name="Name">Legend text; empty to leave the series out of the legend.</param>
/// <param name="X">Horizontal coordinates, shape <c>[points]</c>, finite.</param>
/// <param name="Y">Vertical coordinates, shape <c>[points]</c>, finite.</param>
public sealed record LineSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)
{
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<double> X { get => _x; init => _x = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _x = ContentEquality.Copy(X);
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<double> Y { get => _y; init => _y = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _y = ContentEquality.Copy(Y);

    /// <summary>Error bars: half-lengths e[i] ≥ 0, drawn from Y[i] − e[i] to Y[i] + e[i] (e.g. a standard deviation
    /// across seeds); shape <c>[points]</c>, or empty (the default) for none. A read-only copy of the list passed in.</summary>
    public IReadOnlyList<double> YError { get => _yError; init => _yError = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<double> _yError = ContentEquality.Copy(Array.Empty<double>());

    /// <summary>A series with X = 0, 1, …, n − 1 (e.g. a value per epoch).</summary>
    public static LineSeries FromValues(string name, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(y);
        return new LineSeries(name, Array.AsReadOnly(Enumerable.Range(0, y.Count).Select(i => (double)i).ToArray()), Array.AsReadOnly(y.ToArray()));
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(LineSeries? other) =>
        other is not null && Name == other.Name && ContentEquality.Lists(X, other.X)
        && ContentEquality.Lists(Y, other.Y) && ContentEquality.Lists(YError, other.YError);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Name);
        ContentEquality.Add(ref hash, X);
        ContentEquality.Add(ref hash, Y);
        ContentEquality.Add(ref hash, YError);
        return hash.ToHashCode();
    }
}
