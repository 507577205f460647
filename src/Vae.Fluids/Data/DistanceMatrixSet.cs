using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Data;

/// <summary>A stack of distance matrices [count, N, N] in single precision (σ), e.g. a data set or VAE output.</summary>
/// <remarks>Immutable; <see cref="Values"/> is a read-only view and <see cref="Matrix"/> returns a fresh matrix.</remarks>
public sealed class DistanceMatrixSet
{
    private readonly float[] _values;

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
}
