using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;

namespace Vae.Quantum.Schrodinger;

/// <summary>Unsupervised rules for the kernel width σ of Schrödinger clustering (no labels involved).</summary>
public static partial class Bandwidth
{
    /// <summary>At most this many evenly strided query points enter the median (each against all points).</summary>
    internal const int MaximumQueries = 2000;

    /// <summary>
    /// The default K of the nearest-neighbour rule for <paramref name="samples"/> points: ⌈n/12⌉ (84 neighbours for
    /// n = 1000), at least 1.
    /// </summary>
    /// <param name="samples">n, the number of points, ≥ 1.</param>
    /// <returns>K = ⌈n/12⌉ ≥ 1; K ≤ n − 1 whenever n ≥ 2, so the rule is defined for every n ≥ 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> &lt; 1.</exception>
    /// <remarks>Chosen among eight label-free candidates on held-out data (the Fig. 2 set-up, data seeds 100–104,
    /// k = 2..5; tools/experiments/sigma_rule.cs, docs/quantum.md §12): K ∝ n keeps σ at the scale of a cluster as the
    /// number of codes grows, where a fixed K shrinks σ towards the point spacing and splits the clusters.</remarks>
    public static int DefaultNeighbours(int samples)
    {
        if (samples < 1)
            throw new ArgumentOutOfRangeException(nameof(samples), samples, "At least one point.");
        return (samples + NeighbourDivisor - 1) / NeighbourDivisor;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="parameter"/> unless the σ rule's
    /// K = <paramref name="neighbours"/> is at most n − 1 for <paramref name="count"/> <paramref name="items"/> (e.g. "points"):
    /// the K-th nearest neighbour must exist. Checked by the callers before any work.</summary>
    internal static void RequireNeighbours(int neighbours, int count, string items, string parameter)
    {
        if (neighbours > count - 1)
            throw new ArgumentOutOfRangeException(parameter, neighbours,
                $"The σ rule needs the K-th nearest neighbour, so K must be at most n − 1 = {count - 1} for {count} {items}; give a smaller K or σ itself.");
    }

    /// <summary>n / K of the default nearest-neighbour rule (K = ⌈n/12⌉).</summary>
    internal const int NeighbourDivisor = 12;

    /// <summary>K of the σ₀ that starts the lifetime ladder when <see cref="QuantumClusteringOptions.Neighbours"/> is not given.</summary>
    internal const int LifetimeNeighbours = 10;

    /// <summary>
    /// σ = scale × median over points of the Euclidean distance to their K-th nearest neighbour (the point itself not counted).
    /// </summary>
    /// <param name="points">Points, shape [samples, d], samples ≥ K + 1, finite.</param>
    /// <param name="neighbours">K ≥ 1. Default 20 (<see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/> uses <see cref="DefaultNeighbours"/> unless
    /// <see cref="QuantumClusteringOptions.Neighbours"/> is set).</param>
    /// <param name="scale">Multiplier, &gt; 0. Default 1.</param>
    /// <returns>σ in the units of the points, &gt; 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points, fewer than K + 1 points, or a zero median
    /// (more than half the points have K exact duplicates).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neighbours"/> &lt; 1 or <paramref name="scale"/> not positive and finite.</exception>
    /// <remarks>
    /// The K-th neighbour distance is a local length scale of the density (the k-NN density estimate ∝ K / (N r_K^d));
    /// its median over points is robust to outliers. With more than 2000 points the median is taken over 2000 evenly
    /// strided query points (rows 0, s, 2s, … with s = ⌈N/2000⌉), each against all N points; the K-th smallest of a
    /// query's N − 1 squared distances is found by selection (O(N) on average, whatever K). Deterministic.
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
        var data = points.ToRowMajorArray();
        var stride = (count + MaximumQueries - 1) / MaximumQueries;
        var queries = Enumerable.Range(0, (count + stride - 1) / stride).Select(q => q * stride).ToArray();
        var distances = new double[queries.Length];
        Parallel.For(0, queries.Length, () => new double[count - 1], (q, _, squared) =>
        {
            KernelCovariances.SquaredDistances(data, d, queries[q], squared);
            distances[q] = Math.Sqrt(ArrayStatistics.OrderStatisticInplace(squared, neighbours));
            return squared;
        }, _ => { });
        Array.Sort(distances);
        var n = distances.Length;
        var median = n % 2 == 1 ? distances[n / 2] : 0.5 * (distances[n / 2 - 1] + distances[n / 2]);
        if (!(median > 0))
            throw new ArgumentException($"The median distance to the {neighbours}-th nearest neighbour is 0 (duplicated points); give σ explicitly.", nameof(points));
        return scale * median;
    }

    /// <summary>Ladder steps of the lifetime rule: σ_j = σ₀ · 2^(j/2), j = 0..11.</summary>
    internal const int LadderSteps = 12;

    /// <summary>At most this many evenly strided points descend at each σ of the lifetime ladder.</summary>
    internal const int LadderSample = 300;

    /// <summary>A cluster counts at a ladder step when it holds at least this fraction of the descending sample.</summary>
    internal const double SignificantFraction = 0.05;

    /// <summary>
    /// The points a minimum of V must hold to count as a substantial cluster: max(2, ⌈f · <paramref name="points"/>⌉)
    /// with f = 5 % when <paramref name="clusters"/> is null, else f = min(5 %, 1/(2k)).
    /// </summary>
    /// <param name="points">The points that descended (all of them, or the sample of a σ rule), ≥ 1.</param>
    /// <param name="clusters">k when the number of clusters is given, ≥ 1; else null.</param>
    /// <returns>The minimum size, ≥ 2.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="points"/> or <paramref name="clusters"/> &lt; 1.</exception>
    /// <remarks>5 % is the significance threshold of the lifetime rule: a single outlier, or a handful of points
    /// split off a cluster's edge, never counts. With k given, 1/(2k) (half the mean cluster share) takes over above
    /// k = 10, so that k equal clusters can all count.</remarks>
    public static int SubstantialSize(int points, int? clusters)
    {
        if (points < 1)
            throw new ArgumentOutOfRangeException(nameof(points), points, "At least one point.");
        if (clusters is < 1)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "At least one cluster.");
        var share = clusters is { } k ? Math.Min(SignificantFraction, 1.0 / (2.0 * k)) : SignificantFraction;
        return Math.Max(2, (int)Math.Ceiling(share * points));
    }

    /// <summary>Up to <paramref name="size"/> of <paramref name="count"/> rows, ascending: all rows when count ≤ size, else a
    /// fixed random subset (System.Random seed 0; a stride would alias with data stored in class order).</summary>
    internal static int[] Sample(int count, int size)
    {
        var sample = Enumerable.Range(0, count).ToArray();
        if (count <= size) return sample;
        new Random(0).Shuffle(sample);
        sample = sample[..size];
        Array.Sort(sample);
        return sample;
    }

    /// <summary>
    /// Scale-space lifetime rule: σ where the number of significant clusters is stable over the widest range of σ.
    /// </summary>
    /// <param name="points">Points, shape [samples, d], finite, samples &gt; K.</param>
    /// <param name="options">Descent options (<see cref="QuantumClusteringOptions.Neighbours"/>, 10 when not given, and
    /// <see cref="QuantumClusteringOptions.BandwidthScale"/> give σ₀; tolerance, merge radius, iterations and threads as in
    /// the clustering; σ, the selection and PCA are ignored); default when null.</param>
    /// <param name="cancellationToken">Checked at each step.</param>
    /// <returns>The chosen σ with the ladder it came from.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points, or too few for the K-th neighbour.</exception>
    /// <remarks>
    /// σ₀ = <see cref="FromNearestNeighbours"/> (K = 10 unless <see cref="QuantumClusteringOptions.Neighbours"/> is set); σ_j = σ₀ 2^(j/2) for j = 0..11 (a factor 45 in all). At each σ_j up to 300
    /// points (a fixed random subset, System.Random seed 0) descend V (built from all points) and their end points are merged as in
    /// <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>; a minimum holding ≥ 5 % of them is a significant cluster. The count c ≥ 2 that
    /// persists over the most consecutive steps wins (ties: the larger σ), and σ is the geometric mean of the first and
    /// last σ of that run; the ladder stops early once a single cluster remains. If no step has two significant
    /// clusters, σ₀ is returned. This is the "lifetime" criterion of scale-space clustering (Witkin 1983; Leung, Zhang
    /// &amp; Xu 2000, "Clustering by scale-space filtering", IEEE TPAMI 22:1396), applied to Horn &amp; Gottlieb's
    /// potential; labels play no part. Deterministic. Not the default of <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>: on held-out
    /// Fig. 2 codes it scored below the nearest-neighbour rule with K = ⌈n/12⌉ (docs/quantum.md §12).
    /// </remarks>
    public static BandwidthLadder FromLifetime(Matrix<double> points, QuantumClusteringOptions? options = null, CancellationToken cancellationToken = default)
    {
        SchrodingerPotential.RequirePoints(points, nameof(points));
        options ??= QuantumClusteringOptions.Default;
        options.Validate();
        var sigma0 = FromNearestNeighbours(points, options.Neighbours ?? LifetimeNeighbours, options.BandwidthScale);
        var sample = Sample(points.RowCount, LadderSample);
        var minimum = SubstantialSize(sample.Length, null);
        var sigmas = new List<double>();
        var counts = new List<int>();
        for (var j = 0; j < LadderSteps; j++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sigma = sigma0 * Math.Pow(2, j / 2.0);
            sigmas.Add(sigma);
            counts.Add(QuantumClustering.DescendAndMerge(points, sigma, sample, options, cancellationToken).Sizes.Count(s => s >= minimum));
            if (counts[^1] <= 1) break;
        }
        int bestStart = -1, bestLength = 0;
        for (var start = 0; start < counts.Count;)
        {
            var end = start;
            while (end + 1 < counts.Count && counts[end + 1] == counts[start]) end++;
            var length = end - start + 1;
            if (counts[start] >= 2 && length >= bestLength) { bestStart = start; bestLength = length; }
            start = end + 1;
        }
        var chosen = bestStart < 0 ? sigma0 : Math.Sqrt(sigmas[bestStart] * sigmas[bestStart + bestLength - 1]);
        return new BandwidthLadder(chosen, sigmas.AsReadOnly(), counts.AsReadOnly(), bestStart < 0 ? 0 : counts[bestStart]);
    }
}
