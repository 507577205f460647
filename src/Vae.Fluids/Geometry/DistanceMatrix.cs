using MathNet.Numerics.LinearAlgebra;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Euclidean distance matrices D_ij = |x_i − x_j| of particle configurations, the canonical particle order that
/// makes them permutation-stable, and the checks a matrix must pass before reconstruction.
/// </summary>
/// <remarks>
/// Sort key (<see cref="CanonicalOrder(ParticleConfiguration)"/>): particles ascending by height y, ties by x, then by original index.
/// Under gravity y is the physically meaningful label (row 0 is the lowest particle); exact ties have probability 0
/// for sampled data, and the tie-breaks make the order a function of the positions alone, so relabelling the
/// particles of a configuration leaves its sorted matrix unchanged.
/// </remarks>
public static class DistanceMatrix
{
    /// <summary>Distance matrix of <paramref name="configuration"/> in its own particle order.</summary>
    /// <returns>A new symmetric [N, N] matrix in σ with zero diagonal.</returns>
    public static Matrix<double> Compute(ParticleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Of(configuration.X, configuration.Y);
    }

    /// <summary>Distance matrix of points given as rows of <paramref name="points"/> ([N, d]).</summary>
    /// <returns>A new symmetric [N, N] matrix with zero diagonal.</returns>
    /// <exception cref="ArgumentException"><paramref name="points"/> contains NaN or ±∞.</exception>
    public static Matrix<double> Compute(Matrix<double> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Enumerate().Any(v => !double.IsFinite(v)))
            throw new ArgumentException("points contains NaN or ±∞.", nameof(points));
        int n = points.RowCount;
        var d = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double s = 0;
                for (int a = 0; a < points.ColumnCount; a++)
                {
                    double t = points[i, a] - points[j, a];
                    s += t * t;
                }
                d[i, j] = d[j, i] = Math.Sqrt(s);
            }
        return d;
    }

    /// <summary>The canonical order: indices of the particles sorted by (y, x, index) ascending.</summary>
    /// <returns>A permutation p of 0..N−1: row k of a sorted matrix is particle p[k].</returns>
    public static IReadOnlyList<int> CanonicalOrder(ParticleConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var order = new int[configuration.Count];
        CanonicalOrder(configuration.X.ToArray(), configuration.Y.ToArray(), order);
        return Array.AsReadOnly(order);
    }

    /// <summary>The configuration relabelled into the canonical order (<see cref="CanonicalOrder(ParticleConfiguration)"/>).</summary>
    public static ParticleConfiguration Sorted(ParticleConfiguration configuration)
    {
        var order = CanonicalOrder(configuration);
        return ParticleConfiguration.Wrap(order.Select(i => configuration.X[i]).ToArray(), order.Select(i => configuration.Y[i]).ToArray(), configuration.Box);
    }

    /// <summary>
    /// Checks that <paramref name="distances"/> is a distance matrix: square, at least 2×2, finite, non-negative,
    /// symmetric and zero on the diagonal, each to within <paramref name="tolerance"/> (absolute, in the matrix's units).
    /// </summary>
    /// <exception cref="ArgumentException">The first property that fails, with the offending entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative or not finite (NaN would
    /// pass every entry).</exception>
    public static void Validate(Matrix<double> distances, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(distances);
        if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be finite and ≥ 0.");
        const string name = "distances";
        if (distances.RowCount != distances.ColumnCount)
            throw new ArgumentException($"A distance matrix must be square; got {distances.RowCount}×{distances.ColumnCount}.", name);
        int n = distances.RowCount;
        if (n < 2)
            throw new ArgumentException($"A distance matrix needs N ≥ 2 points; got N = {n}.", name);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                double v = distances[i, j];
                if (!double.IsFinite(v))
                    throw new ArgumentException($"distances[{i}, {j}] = {v} is not finite.", name);
                if (v < -tolerance)
                    throw new ArgumentException($"distances[{i}, {j}] = {v} is negative.", name);
                if (i == j && Math.Abs(v) > tolerance)
                    throw new ArgumentException($"distances[{i}, {i}] = {v} must be 0 on the diagonal.", name);
                if (j > i && Math.Abs(v - distances[j, i]) > tolerance)
                    throw new ArgumentException($"distances is not symmetric: [{i}, {j}] = {v} but [{j}, {i}] = {distances[j, i]}.", name);
            }
    }

    internal static void CanonicalOrder(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<int> order)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        // Insertion sort: N is small (30) and it is allocation-free and stable.
        for (int k = 1; k < order.Length; k++)
        {
            int p = order[k];
            int m = k - 1;
            while (m >= 0 && Before(p, order[m], x, y))
            {
                order[m + 1] = order[m];
                m--;
            }
            order[m + 1] = p;
        }

        static bool Before(int a, int b, ReadOnlySpan<double> x, ReadOnlySpan<double> y) =>
            y[a] < y[b] || (y[a] == y[b] && (x[a] < x[b] || (x[a] == x[b] && a < b)));
    }

    /// <summary>Sorts interleaved coordinates [N, 2] canonically into <paramref name="sorted"/> and writes the sorted distance matrix [N, N].</summary>
    internal static void SortedInto(ReadOnlySpan<double> coordinates, Span<double> sorted, Span<float> distances, Span<double> x, Span<double> y, Span<int> order)
    {
        int n = order.Length;
        for (int i = 0; i < n; i++)
        {
            x[i] = coordinates[2 * i];
            y[i] = coordinates[2 * i + 1];
        }
        CanonicalOrder(x, y, order);
        for (int k = 0; k < n; k++)
        {
            sorted[2 * k] = x[order[k]];
            sorted[2 * k + 1] = y[order[k]];
        }
        for (int a = 0; a < n; a++)
        {
            distances[a * n + a] = 0f;
            for (int b = a + 1; b < n; b++)
            {
                double dx = sorted[2 * a] - sorted[2 * b], dy = sorted[2 * a + 1] - sorted[2 * b + 1];
                float r = (float)Math.Sqrt(dx * dx + dy * dy);
                distances[a * n + b] = r;
                distances[b * n + a] = r;
            }
        }
    }

    private static Matrix<double> Of(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        int n = x.Count;
        var d = Matrix<double>.Build.Dense(n, n);
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double dx = x[i] - x[j], dy = y[i] - y[j];
                d[i, j] = d[j, i] = Math.Sqrt(dx * dx + dy * dy);
            }
        return d;
    }
}
