using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

/// <summary>Unsupervised rules for the kernel width σ of Schrödinger clustering (no labels involved).</summary>
public static class Bandwidth
{
    /// <summary>At most this many evenly strided query points enter the median (each against all points).</summary>
    internal const int MaximumQueries = 2000;

    /// <summary>
    /// σ = scale × median over points of the Euclidean distance to their K-th nearest neighbour (the point itself not counted).
    /// </summary>
    /// <param name="points">Points, shape [samples, d], samples ≥ K + 1, finite.</param>
    /// <param name="neighbours">K ≥ 1. Default 20.</param>
    /// <param name="scale">Multiplier, &gt; 0. Default 1.</param>
    /// <returns>σ in the units of the points, &gt; 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points, fewer than K + 1 points, or a zero median
    /// (more than half the points have K exact duplicates).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neighbours"/> &lt; 1 or <paramref name="scale"/> not positive and finite.</exception>
    /// <remarks>
    /// The K-th neighbour distance is a local length scale of the density (the k-NN density estimate ∝ K / (N r_K^d));
    /// its median over points is robust to outliers. With more than 2000 points the median is taken over 2000 evenly
    /// strided query points (rows 0, s, 2s, … with s = ⌈N/2000⌉), each against all N points. Deterministic.
    /// Rationale: Horn &amp; Gottlieb choose σ by hand; the rule here ties σ to the spacing of the data so that it scales
    /// with the codes (docs/quantum.md §10).
    /// </remarks>
    public static double FromNearestNeighbours(Matrix<double> points, int neighbours = 20, double scale = 1.0)
    {
        SchrodingerPotential.RequirePoints(points, nameof(points));
        if (neighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, "K must be at least 1.");
        if (!(scale > 0) || !double.IsFinite(scale))
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "The scale must be positive and finite.");
        int count = points.RowCount, d = points.ColumnCount;
        if (count < neighbours + 1)
            throw new ArgumentException($"points has {count} rows; the K = {neighbours}-th nearest neighbour needs at least {neighbours + 1}.", nameof(points));
        var data = new double[count * d];
        for (var i = 0; i < count; i++)
            for (var j = 0; j < d; j++)
                data[i * d + j] = points[i, j];
        var stride = (count + MaximumQueries - 1) / MaximumQueries;
        var queries = Enumerable.Range(0, (count + stride - 1) / stride).Select(q => q * stride).ToArray();
        var distances = new double[queries.Length];
        Parallel.For(0, queries.Length, q =>
        {
            var best = new double[neighbours];           // the K smallest squared distances, ascending
            Array.Fill(best, double.PositiveInfinity);
            var row = queries[q];
            for (var i = 0; i < count; i++)
            {
                if (i == row) continue;
                var squared = 0.0;
                for (var j = 0; j < d; j++)
                {
                    var delta = data[row * d + j] - data[i * d + j];
                    squared += delta * delta;
                }
                if (squared >= best[^1]) continue;
                var k = neighbours - 1;
                while (k > 0 && best[k - 1] > squared) { best[k] = best[k - 1]; k--; }
                best[k] = squared;
            }
            distances[q] = Math.Sqrt(best[^1]);
        });
        Array.Sort(distances);
        var n = distances.Length;
        var median = n % 2 == 1 ? distances[n / 2] : 0.5 * (distances[n / 2 - 1] + distances[n / 2]);
        if (!(median > 0))
            throw new ArgumentException($"The median distance to the {neighbours}-th nearest neighbour is 0 (duplicated points); give σ explicitly.", nameof(points));
        return scale * median;
    }
}
