using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Data;

/// <summary>A stack of distance matrices [count, N, N] in single precision (σ), e.g. a data set or VAE output.</summary>
/// <remarks>Immutable; <see cref="Values"/> is a read-only view and <see cref="Matrix"/> returns a fresh matrix.</remarks>
public sealed class DistanceMatrixSet
{
    private readonly float[] _values;

    /// <summary>
    /// The distance matrices of <paramref name="configurations"/>, [count, N, N], with particles in the data sets'
    /// canonical order (sorted by y, then x, then index) — the same matrices <see cref="FluidDataSet.Write(string, string, ConfigurationSet)"/> writes.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 particles per configuration.</exception>
    public static DistanceMatrixSet FromConfigurations(ConfigurationSet configurations)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        if (configurations.Particles < 2)
            throw new ArgumentException($"Distance matrices need N ≥ 2 particles; got N = {configurations.Particles}.", nameof(configurations));
        var (_, distances) = FluidDataSet.SortedArrays(configurations.Coordinates, configurations.Count, configurations.Particles);
        return new DistanceMatrixSet(distances, configurations.Count, configurations.Particles);
    }

    /// <summary>Wraps <paramref name="values"/> (copied) as <paramref name="count"/> matrices of size N × N.</summary>
    /// <exception cref="ArgumentException">The length is not count·N², or count &lt; 0 or N &lt; 1.</exception>
    public DistanceMatrixSet(ReadOnlySpan<float> values, int count, int particles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        if (values.Length != (long)count * particles * particles)
            throw new ArgumentException($"values has {values.Length} entries; {count}×{particles}×{particles} = {(long)count * particles * particles} expected.", nameof(values));
        _values = values.ToArray();
        Count = count;
        Particles = particles;
    }

    internal DistanceMatrixSet(float[] values, int count, int particles)
    {
        _values = values;
        Count = count;
        Particles = particles;
    }

    /// <summary>Number of matrices.</summary>
    public int Count { get; }

    /// <summary>Matrix size N.</summary>
    public int Particles { get; }

    /// <summary>All entries, row-major [count, N, N], as a read-only view.</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Matrix <paramref name="index"/> as a fresh double-precision MathNet matrix [N, N].</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public Matrix<double> Matrix(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int n = Particles, offset = index * n * n;
        return Matrix<double>.Build.Dense(n, n, (i, j) => _values[offset + i * n + j]);
    }

    /// <summary>Matrices [start, start + count) as a new set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public DistanceMatrixSet Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"start {start} + count {count} exceeds the {Count} matrices.");
        int d = Particles * Particles;
        return new DistanceMatrixSet(_values.AsSpan(start * d, count * d).ToArray(), count, Particles);
    }

    /// <summary>The sets one after the other.</summary>
    /// <exception cref="ArgumentException">No sets, or they differ in N.</exception>
    public static DistanceMatrixSet Concatenate(IReadOnlyList<DistanceMatrixSet> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        if (sets.Count == 0) throw new ArgumentException("Nothing to concatenate.", nameof(sets));
        int n = sets[0].Particles;
        if (sets.Any(s => s.Particles != n)) throw new ArgumentException("All sets must have the same N.", nameof(sets));
        return new DistanceMatrixSet(sets.SelectMany(s => s._values).ToArray(), sets.Sum(s => s.Count), n);
    }
}
