using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;

namespace Vae.Core.Metrics;

/// <summary>k-means clustering: k-means++ seeding and Lloyd iterations, best of several restarts.</summary>
public static class KMeans
{
    /// <summary>Clusters the rows of <paramref name="x"/> into <see cref="KMeansOptions.Clusters"/> groups.</summary>
    /// <param name="x">Samples, shape [samples, features], finite, samples ≥ k.</param>
    /// <param name="options">Options; <see cref="KMeansOptions.Default"/> when null.</param>
    /// <returns>Labels, centres and inertia of the restart with the lowest inertia.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="x"/> is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option (k &lt; 1 or k &gt; samples, …).</exception>
    /// <remarks>
    /// Seeding: greedy k-means++ as scikit-learn (Arthur &amp; Vassilvitskii 2007; 2 + ⌊ln k⌋ candidates per centre drawn
    /// ∝ D², the one lowering the potential most kept). Lloyd: assign to the nearest centre, move centres to their
    /// means (an emptied cluster keeps its centre), stop when Σ‖Δc‖² ≤ tol × mean per-feature variance, then a final
    /// assignment. Deterministic for a fixed seed (System.Random). Peer: <c>sklearn.cluster.KMeans</c>
    /// (lloyd, n_init = 10), checked against a committed fixture (tools/reference/clustering_sklearn.py).
    /// </remarks>
    public static KMeansModel Fit(Matrix<double> x, KMeansOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(x);
        options ??= KMeansOptions.Default;
        if (x.RowCount == 0 || x.ColumnCount == 0)
            throw new ArgumentException($"x is empty ({x.RowCount}×{x.ColumnCount}).", nameof(x));
        MatrixValidation.RequireFinite(x, nameof(x));
        int n = x.RowCount, d = x.ColumnCount, k = options.Clusters;
        if (k < 1 || k > n)
            throw new ArgumentOutOfRangeException(nameof(options.Clusters), k, $"The number of clusters must be in 1..{n} (samples).");
        if (options.Restarts < 1)
            throw new ArgumentOutOfRangeException(nameof(options.Restarts), options.Restarts, "At least one restart.");
        if (options.MaxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(options.MaxIterations), options.MaxIterations, "At least one iteration.");
        if (!(options.Tolerance >= 0) || !double.IsFinite(options.Tolerance))
            throw new ArgumentOutOfRangeException(nameof(options.Tolerance), options.Tolerance, "The tolerance must be finite and ≥ 0.");
        var data = Rows(x);
        var variance = 0.0;
        for (var j = 0; j < d; j++)
        {
            var mean = 0.0;
            for (var i = 0; i < n; i++) mean += data[i * d + j];
            mean /= n;
            for (var i = 0; i < n; i++) variance += (data[i * d + j] - mean) * (data[i * d + j] - mean);
        }
        var threshold = options.Tolerance * variance / (n * d);
        var random = new Random(options.Seed);
        KMeansModel? best = null;
        for (var restart = 0; restart < options.Restarts; restart++)
        {
            var centres = PlusPlus(data, n, d, k, random);
            var labels = new int[n];
            var iterations = 0;
            for (; iterations < options.MaxIterations; )
            {
                Assign(data, n, d, centres, k, labels);
                var updated = Means(data, n, d, labels, k, centres);
                var shift = 0.0;
                for (var t = 0; t < updated.Length; t++) shift += (updated[t] - centres[t]) * (updated[t] - centres[t]);
                centres = updated;
                iterations++;
                if (shift <= threshold) break;
            }
            var inertia = Assign(data, n, d, centres, k, labels);
            if (best is null || inertia < best.Inertia)
                best = new KMeansModel(Array.AsReadOnly(labels), Matrix<double>.Build.Dense(k, d, (c, j) => centres[c * d + j]), inertia, iterations);
        }
        return best!;
    }

    internal static double[] Rows(Matrix<double> x)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var data = new double[n * d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++)
                data[i * d + j] = x[i, j];
        return data;
    }

    private static double Squared(double[] a, int ia, double[] b, int ib, int d)
    {
        var s = 0.0;
        for (var j = 0; j < d; j++) { var t = a[ia + j] - b[ib + j]; s += t * t; }
        return s;
    }

    private static double[] PlusPlus(double[] data, int n, int d, int k, Random random)
    {
        var centres = new double[k * d];
        var first = random.Next(n);
        Array.Copy(data, first * d, centres, 0, d);
        var closest = new double[n];
        for (var i = 0; i < n; i++) closest[i] = Squared(data, i * d, centres, 0, d);
        var trials = 2 + (int)Math.Log(k);
        for (var c = 1; c < k; c++)
        {
            var total = closest.Sum();
            int bestCandidate = -1;
            var bestPotential = double.PositiveInfinity;
            double[]? bestClosest = null;
            for (var t = 0; t < trials; t++)
            {
                var candidate = Draw(closest, total, random);
                var next = new double[n];
                var potential = 0.0;
                for (var i = 0; i < n; i++)
                {
                    next[i] = Math.Min(closest[i], Squared(data, i * d, data, candidate * d, d));
                    potential += next[i];
                }
                if (potential < bestPotential) { bestPotential = potential; bestCandidate = candidate; bestClosest = next; }
            }
            Array.Copy(data, bestCandidate * d, centres, c * d, d);
            closest = bestClosest!;
        }
        return centres;
    }

    private static int Draw(double[] weights, double total, Random random)
    {
        if (!(total > 0)) return random.Next(weights.Length);   // every point on a centre already
        var u = random.NextDouble() * total;
        var cumulative = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            cumulative += weights[i];
            if (u < cumulative) return i;
        }
        return weights.Length - 1;
    }

    private static double Assign(double[] data, int n, int d, double[] centres, int k, int[] labels)
    {
        var inertia = 0.0;
        for (var i = 0; i < n; i++)
        {
            var best = 0;
            var bestDistance = double.PositiveInfinity;
            for (var c = 0; c < k; c++)
            {
                var s = Squared(data, i * d, centres, c * d, d);
                if (s < bestDistance) { bestDistance = s; best = c; }
            }
            labels[i] = best;
            inertia += bestDistance;
        }
        return inertia;
    }

    private static double[] Means(double[] data, int n, int d, int[] labels, int k, double[] previous)
    {
        var sums = new double[k * d];
        var counts = new int[k];
        for (var i = 0; i < n; i++)
        {
            counts[labels[i]]++;
            for (var j = 0; j < d; j++) sums[labels[i] * d + j] += data[i * d + j];
        }
        for (var c = 0; c < k; c++)
            for (var j = 0; j < d; j++)
                sums[c * d + j] = counts[c] > 0 ? sums[c * d + j] / counts[c] : previous[c * d + j];
        return sums;
    }
}
