using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

public static partial class Bandwidth
{
    /// <summary>At most this many points (a fixed random subset) define V and descend it at each σ of the cluster-count search.</summary>
    internal const int SearchSample = 1000;

    /// <summary>Ladder of the cluster-count search: σ_j = σ₀ · 2^(j/4).</summary>
    internal const int SearchStepsPerOctave = 4;

    /// <summary>The upward scan stops at j = 24 (σ₀ · 64) at the latest.</summary>
    internal const int SearchHighestStep = 24;

    /// <summary>The downward scan stops at j = −16 (σ₀ / 16) at the latest.</summary>
    internal const int SearchLowestStep = -16;

    /// <summary>
    /// The σ in the middle of the coarsest range of σ over which the Schrödinger potential of <paramref name="points"/>
    /// has <paramref name="clusters"/> substantial minima — the σ rule for a given number of clusters k, as k-means is
    /// given k (never the labels).
    /// </summary>
    /// <param name="points">Points, shape [samples, d], finite, samples &gt; K of the start σ₀ (K = ⌈n/12⌉ unless
    /// <see cref="QuantumClusteringOptions.Neighbours"/> is set).</param>
    /// <param name="clusters">k, the number of clusters wanted, 1 ≤ k ≤ samples.</param>
    /// <param name="options">Descent options (<see cref="QuantumClusteringOptions.Neighbours"/> and
    /// <see cref="QuantumClusteringOptions.BandwidthScale"/> give σ₀; tolerance, merge radius, iterations and threads as in
    /// the clustering; σ, the selection, <see cref="QuantumClusteringOptions.Clusters"/> and PCA are ignored); default when null.</param>
    /// <param name="cancellationToken">Checked at each σ.</param>
    /// <returns>The chosen σ, every σ evaluated (ascending) with its count of substantial minima, and the count at the
    /// chosen σ (k when some σ gave exactly k).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points, or too few for the K-th neighbour of σ₀.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="clusters"/> &lt; 1 or above the number of points,
    /// or an invalid option.</exception>
    /// <remarks>
    /// <para>Counting: at a given σ, up to 1000 points (all of them when n ≤ 1000, else a fixed random subset, System.Random
    /// seed 0) descend the V built from those same points, and their end points are merged exactly as in
    /// <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>; a minimum is substantial when it holds at least
    /// <see cref="SubstantialSize"/>(sample, k) = max(2, ⌈min(5 %, 1/(2k)) · sample⌉) of them, so single outliers and
    /// small fragments split off a cluster's edge do not count.</para>
    /// <para>Search, on the log-scale ladder σ_j = σ₀ 2^(j/4), σ₀ = <see cref="FromNearestNeighbours"/> with K = ⌈n/12⌉
    /// (the default rule): (1) upward in steps of √2 (j = 0, 2, 4, …, at most 24) to the first σ with at most one
    /// substantial minimum, the top; (2) downward one step (2^(1/4)) at a time from the top (at most to j = −16) until
    /// the count exceeds k, or leaves k after having been k: the steps with exactly k substantial minima met on the way
    /// form the first (coarsest) run of k; (3) σ is the middle step of that run (of two middles, the larger σ). The scan
    /// never goes on to the small σ where the clusters fragment and a count of k could recur by accident. The middle,
    /// not the smallest σ of the run: at the small end of the run the clusters already shed non-substantial fragment
    /// minima (measured on well-separated test blobs of sd 0.5: at the smallest σ with k substantial minima, 3–6 extra
    /// fragment minima), at the large end two clusters are about to merge; the middle is the scale at which the
    /// k-partition is stable, as in the lifetime rule. Every step of the run was evaluated, so V at the returned σ has k
    /// substantial minima on the sample. If no σ scanned gives exactly k (the count jumps over k, or the data do not hold
    /// k substantial groups), the σ whose count is nearest k is returned (ties: the larger σ), and
    /// <see cref="BandwidthLadder.SelectedCount"/> (and <see cref="QuantumClusteringResult.SubstantialClusterCount"/>)
    /// differ from k.</para>
    /// <para>Rationale: Horn &amp; Gottlieb (PRL 88, 018702) chose σ by hand to obtain the wanted number of clusters; this
    /// makes that choice a rule. k is the same information k-means and a GMM receive. Deterministic; with n ≤ 1000, a
    /// refit at the returned σ (<see cref="QuantumClusteringOptions.Sigma"/>, same other options and
    /// <see cref="QuantumClusteringOptions.Clusters"/> = k) finds the same substantial minima.</para>
    /// </remarks>
    public static BandwidthLadder FromClusterCount(Matrix<double> points, int clusters, QuantumClusteringOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        options = (options ?? QuantumClusteringOptions.Default) with { Clusters = clusters };
        return SearchClusterCount(points, clusters, options,
            (searchPoints, sigma, rows, searchOptions) => QuantumClustering.DescendAndMerge(searchPoints, sigma, rows, searchOptions, cancellationToken).Sizes, cancellationToken);
    }

    /// <summary>
    /// The search of <see cref="FromClusterCount"/> with the minima counted by <paramref name="minimumSizes"/>: given the
    /// search points, σ, the rows that move and the options of the search points (per-point posterior covariances
    /// restricted to the sample), the sizes of the minima they reach (static descent, or the rest points
    /// of <see cref="DynamicQuantumClustering"/>). Steps of the ladder below <paramref name="smallestSigma"/> (σ the
    /// counting cannot resolve, e.g. the quadrature grid of the dynamic method) are taken at that σ, and the downward scan
    /// ends there.
    /// </summary>
    internal static BandwidthLadder SearchClusterCount(Matrix<double> points, int clusters, QuantumClusteringOptions? options,
        Func<Matrix<double>, double, int[], QuantumClusteringOptions, IReadOnlyList<int>> minimumSizes, CancellationToken cancellationToken, double smallestSigma = 0)
    {
        SchrodingerPotential.RequirePoints(points, nameof(points));
        if (clusters < 1 || clusters > points.RowCount)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, $"The number of clusters must be between 1 and the number of points, {points.RowCount}.");
        options = (options ?? QuantumClusteringOptions.Default) with { Clusters = clusters };
        options.Validate();
        var sigma0 = FromNearestNeighbours(points, options.Neighbours ?? DefaultNeighbours(points.RowCount), options.BandwidthScale);
        var sample = Sample(points.RowCount, SearchSample);
        // The search works on the sample alone, V included: a Parzen potential of 1000 points at the σ of a k-partition
        // resolves the same k basins as that of all points, at a tenth of the cost per σ when n = 10 000.
        var searchPoints = sample.Length == points.RowCount ? points : Matrix<double>.Build.DenseOfRowVectors(sample.Select(points.Row));
        var searchRows = Enumerable.Range(0, sample.Length).ToArray();
        var searchOptions = sample.Length == points.RowCount || options.PosteriorCovariances is not { } posterior ? options
            : options with { PosteriorCovariances = Array.AsReadOnly(sample.Select(i => posterior[i]).ToArray()) };
        var minimum = SubstantialSize(sample.Length, clusters);
        var counts = new SortedDictionary<double, int>();
        int Count(double sigma)
        {
            if (counts.TryGetValue(sigma, out var known)) return known;
            cancellationToken.ThrowIfCancellationRequested();
            var count = minimumSizes(searchPoints, sigma, searchRows, searchOptions).Count(s => s >= minimum);
            counts[sigma] = count;
            return count;
        }
        double Ladder(int j) => Math.Max(smallestSigma, sigma0 * Math.Pow(2, j / (double)SearchStepsPerOctave));

        var top = 0;
        while (top < SearchHighestStep && Count(Ladder(top)) > 1) top += 2;
        int? runTop = null, runBottom = null;
        for (var step = top; step >= SearchLowestStep; step--)
        {
            var count = Count(Ladder(step));
            if (count == clusters) { runTop ??= step; runBottom = step; }
            else if (runTop is not null || count > clusters) break;   // the first run of k has ended, or k was jumped over
            if (Ladder(step) <= smallestSigma) break;                 // nothing smaller can be counted
        }
        var chosen = runTop is { } high && runBottom is { } low
            ? Ladder((int)Math.Floor((high + low + 1) / 2.0))   // the middle step of the run (of two middles, the larger σ)
            : counts.OrderBy(p => Math.Abs(p.Value - clusters)).ThenByDescending(p => p.Key).First().Key;
        return new BandwidthLadder(chosen, counts.Keys.ToArray(), counts.Values.ToArray(), counts[chosen]);
    }
}
