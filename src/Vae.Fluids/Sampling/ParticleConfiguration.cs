namespace Vae.Fluids.Sampling;

/// <summary>Positions of N particles in the box [0, L]², in σ: particle i is at (<see cref="X"/>[i], <see cref="Y"/>[i]), y up.</summary>
/// <remarks>Immutable: the factory copies its inputs.</remarks>
public sealed record ParticleConfiguration
{
    private ParticleConfiguration(double[] x, double[] y, double box)
    {
        X = Array.AsReadOnly(x);
        Y = Array.AsReadOnly(y);
        Box = box;
    }

    /// <summary>Horizontal coordinates, shape [N], in σ.</summary>
    public IReadOnlyList<double> X { get; }

    /// <summary>Heights above the floor, shape [N], in σ.</summary>
    public IReadOnlyList<double> Y { get; }

    /// <summary>Box side L in σ.</summary>
    public double Box { get; }

    /// <summary>Number of particles N.</summary>
    public int Count => X.Count;

    /// <summary>A configuration from coordinate lists (copied).</summary>
    /// <param name="x">Horizontal coordinates, shape [N], each in [0, L].</param>
    /// <param name="y">Heights, shape [N], each in [0, L].</param>
    /// <param name="box">Box side L &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="box"/> ≤ 0 or not finite, or a coordinate is NaN or outside [0, L].</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> and <paramref name="y"/> differ in length or are empty.</exception>
    public static ParticleConfiguration FromCoordinates(IReadOnlyList<double> x, IReadOnlyList<double> y, double box)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (!(box > 0) || !double.IsFinite(box))
            throw new ArgumentOutOfRangeException(nameof(box), box, "box must be finite and > 0.");
        if (x.Count != y.Count)
            throw new ArgumentException($"x has {x.Count} entries but y has {y.Count}.", nameof(y));
        if (x.Count == 0)
            throw new ArgumentException("A configuration needs at least one particle.", nameof(x));
        var xs = x.ToArray();
        var ys = y.ToArray();
        for (int i = 0; i < xs.Length; i++)
        {
            if (!(xs[i] >= 0 && xs[i] <= box))
                throw new ArgumentOutOfRangeException(nameof(x), xs[i], $"x[{i}] must be in [0, {box}] (hard walls).");
            if (!(ys[i] >= 0 && ys[i] <= box))
                throw new ArgumentOutOfRangeException(nameof(y), ys[i], $"y[{i}] must be in [0, {box}] (hard walls).");
        }
        return new ParticleConfiguration(xs, ys, box);
    }

    /// <summary>Builds a configuration without copying or validation (library-internal, arrays owned by the result).</summary>
    internal static ParticleConfiguration Wrap(double[] x, double[] y, double box) => new(x, y, box);

    /// <summary>The smallest pair distance and the pair that has it (i &lt; j), or (∞, −1, −1) for N = 1.</summary>
    internal (double Distance, int I, int J) ClosestPair()
    {
        double best = double.PositiveInfinity;
        int bi = -1, bj = -1;
        for (int i = 0; i < Count; i++)
            for (int j = i + 1; j < Count; j++)
            {
                double dx = X[i] - X[j], dy = Y[i] - Y[j];
                double r = Math.Sqrt(dx * dx + dy * dy);
                if (r < best) (best, bi, bj) = (r, i, j);
            }
        return (best, bi, bj);
    }

    /// <summary>Value equality: the same box and the same coordinates, particle by particle.</summary>
    public bool Equals(ParticleConfiguration? other) =>
        other is not null && X.SequenceEqual(other.X) && Y.SequenceEqual(other.Y) && Box.Equals(other.Box);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in X) hash.Add(item);
        foreach (var item in Y) hash.Add(item);
        hash.Add(Box);
        return hash.ToHashCode();
    }
}
