using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

/// <summary>The σ rule given the number of clusters (<see cref="BandwidthSelection.ClusterCount"/>, <see cref="Bandwidth.FromClusterCount"/>).</summary>
[TestFixture]
public sealed class SchrodingerClusterCountTests
{
    /// <summary>
    /// k Gaussian blobs in 2-D (sd 0.5, 120 points each, centres on a circle of radius 4: neighbours at least 4.7 apart),
    /// plus two single outliers 15 and 20 units from the origin, far from everything; labels: the blob, or k and k + 1
    /// for the outliers.
    /// </summary>
    internal static (Matrix<double> Codes, int[] Labels) Blobs(int k, int perBlob = 120)
    {
        var random = new Random(41 + k);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var n = k * perBlob + 2;
        var labels = new int[n];
        var codes = Matrix<double>.Build.Dense(n, 2);
        for (var i = 0; i < k * perBlob; i++)
        {
            var c = i % k;
            labels[i] = c;
            codes[i, 0] = 4 * Math.Cos(2 * Math.PI * c / k + 0.3) + 0.5 * Gauss();
            codes[i, 1] = 4 * Math.Sin(2 * Math.PI * c / k + 0.3) + 0.5 * Gauss();
        }
        (codes[n - 2, 0], codes[n - 2, 1], labels[n - 2]) = (15.0, 0.0, k);
        (codes[n - 1, 0], codes[n - 1, 1], labels[n - 1]) = (0.0, -20.0, k + 1);
        return (codes, labels);
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void FindsKWellSeparatedBlobsAndLeavesTheOutliersTheirOwnMinima(int k)
    {
        var (codes, labels) = Blobs(k);
        var options = QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = k };
        var result = QuantumClustering.Fit(codes, options);
        Assert.That(result.SubstantialClusterCount, Is.EqualTo(k));
        Assert.That(result.MinimumClusterSize, Is.EqualTo(Math.Max(2, (int)Math.Ceiling(0.05 * codes.RowCount))));
        // k blob minima and one minimum per outlier (each is more than 8σ from every other point), not reassigned.
        Assert.That(result.ClusterCount, Is.EqualTo(k + 2), $"σ = {result.Sigma}");
        Assert.That(Clustering.AdjustedRandIndex(labels, result.Labels), Is.GreaterThan(0.98));
        var blobs = codes.RowCount - 2;
        Assert.That(Clustering.AdjustedRandIndex(labels.Take(blobs).ToArray(), result.Labels.Take(blobs).ToArray()), Is.GreaterThan(0.98));
        Assert.That(result.Labels[^1], Is.Not.EqualTo(result.Labels[^2]));
        Assert.That(result.Labels.Take(blobs), Has.None.EqualTo(result.Labels[^1]));
    }

    [TestCase(2)]
    [TestCase(4)]
    public void WithFragmentsAssignedTheOutliersJoinTheNearestBlobAndKClustersRemain(int k)
    {
        var (codes, labels) = Blobs(k);
        var result = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with
        {
            Selection = BandwidthSelection.ClusterCount, Clusters = k, AssignFragments = true,
        });
        Assert.That(result.ClusterCount, Is.EqualTo(k));
        Assert.That(result.Labels, Has.All.InRange(0, k - 1));
        var blobs = codes.RowCount - 2;
        Assert.That(Clustering.AdjustedRandIndex(labels.Take(blobs).ToArray(), result.Labels.Take(blobs).ToArray()), Is.GreaterThan(0.98));
        // Each outlier joins the blob whose minimum is nearest to the outlier's own minimum (the outlier itself).
        for (var o = blobs; o < codes.RowCount; o++)
        {
            var nearest = Enumerable.Range(0, k).MinBy(c => Math.Pow(result.Centres[c, 0] - codes[o, 0], 2) + Math.Pow(result.Centres[c, 1] - codes[o, 1], 2));
            Assert.That(result.Labels[o], Is.EqualTo(nearest), $"outlier {o}");
        }
    }

    [Test]
    public void AFragmentJoinsTheNearestSubstantialMinimumWhichKeepsItsPosition()
    {
        List<double[]> centres = [[0.0, 0.0], [2.0, 0.0], [10.0, 0.0], [9.0, 1.0]];
        List<int> sizes = [10, 1, 12, 1];
        var (labels, merged, mergedSizes) = QuantumClustering.AssignFragments([0, 1, 2, 3, 0, 2], centres, sizes, minimum: 2);
        Assert.That(labels, Is.EqualTo(new[] { 0, 0, 1, 1, 0, 1 }));
        Assert.That(merged, Has.Count.EqualTo(2));
        Assert.That(merged[0], Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(merged[1], Is.EqualTo(new[] { 10.0, 0.0 }));
        Assert.That(mergedSizes, Is.EqualTo(new[] { 11, 13 }));
        var (same, _, _) = QuantumClustering.AssignFragments([0, 1], [[0.0], [1.0]], [1, 1], minimum: 2);
        Assert.That(same, Is.EqualTo(new[] { 0, 1 }), "no substantial minimum: nothing is reassigned");
    }

    [Test]
    public void AboveTheSearchSampleTheRuleStillFindsTheBlobs()
    {
        // 3 × 800 + 2 points: the σ search runs on a 1000-point sample (V included); the final descent uses all points.
        var (codes, labels) = Blobs(3, perBlob: 800);
        Assert.That(codes.RowCount, Is.GreaterThan(Bandwidth.SearchSample));
        var ladder = Bandwidth.FromClusterCount(codes, 3);
        Assert.That(ladder.SelectedCount, Is.EqualTo(3));
        var result = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 3 });
        Assert.That(result.Sigma, Is.EqualTo(ladder.Sigma));
        Assert.That(result.SubstantialClusterCount, Is.EqualTo(3));
        var blobs = codes.RowCount - 2;
        Assert.That(Clustering.AdjustedRandIndex(labels.Take(blobs).ToArray(), result.Labels.Take(blobs).ToArray()), Is.GreaterThan(0.98));
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void TheChosenSigmaIsTheMiddleOfTheCoarsestRunOfKAndARefitReproducesIt(int k)
    {
        var (codes, _) = Blobs(k);
        var ladder = Bandwidth.FromClusterCount(codes, k);
        Assert.That(ladder.SelectedCount, Is.EqualTo(k));
        Assert.That(ladder.Sigmas, Is.Ordered.Ascending);
        var at = ladder.Sigmas.ToList().IndexOf(ladder.Sigma);
        Assert.That(ladder.Counts[at], Is.EqualTo(k));
        // The run of k around the chosen σ (every ladder step of the downward scan was evaluated, so neighbours in the
        // sorted list are neighbouring ladder steps there): the chosen σ is its middle, and a well-separated set of
        // blobs keeps k minima over several steps (a factor 2^(1/4) each).
        int low = at, high = at;
        while (low > 0 && ladder.Counts[low - 1] == k) low--;
        while (high < ladder.Counts.Count - 1 && ladder.Counts[high + 1] == k) high++;
        Assert.That(high - low + 1, Is.GreaterThanOrEqualTo(3), $"counts {string.Join(",", ladder.Counts)}");
        Assert.That(at, Is.EqualTo((low + high + 1) / 2));
        Assert.That(ladder.Sigmas[high] / ladder.Sigmas[low], Is.EqualTo(Math.Pow(2, (high - low) / 4.0)).Within(1e-9));
        // Above the run the count is below k: the run is the coarsest one.
        Assert.That(ladder.Counts.Skip(high + 1), Is.All.LessThan(k));

        var fitted = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = k });
        Assert.That(fitted.Sigma, Is.EqualTo(ladder.Sigma));
        var refit = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Sigma = ladder.Sigma, Clusters = k });
        Assert.That(refit.SubstantialClusterCount, Is.EqualTo(k));
        Assert.That(refit.Labels, Is.EqualTo(fitted.Labels));
        // Independently of the merge bookkeeping: the clusters holding ≥ 5 % of the points, counted from the labels.
        var substantial = refit.Labels.GroupBy(l => l).Count(g => g.Count() >= Math.Ceiling(0.05 * codes.RowCount));
        Assert.That(substantial, Is.EqualTo(k));
    }

    [Test]
    public void NearestCountIsReportedWhenNoSigmaGivesK()
    {
        // k = n: a substantial minimum holds at least 2 points, so no σ can give n of them; the rule returns the σ with
        // the count nearest n (the largest count scanned) and says so.
        var (codes, _) = Blobs(2);
        var n = codes.RowCount;
        var ladder = Bandwidth.FromClusterCount(codes, n);
        Assert.That(ladder.SelectedCount, Is.LessThan(n));
        Assert.That(ladder.SelectedCount, Is.EqualTo(ladder.Counts.Max()));
        Assert.That(ladder.Sigma, Is.EqualTo(ladder.Sigmas.Where((_, i) => ladder.Counts[i] == ladder.Counts.Max()).Max()));
        var result = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = n });
        Assert.That(result.SubstantialClusterCount, Is.EqualTo(ladder.SelectedCount));
    }

    [Test]
    public void BadClusterCountsThrowNamingTheParameter()
    {
        var (codes, _) = Blobs(2);
        var missing = Assert.Throws<ArgumentException>(() =>
            QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount }))!;
        Assert.That(missing.ParamName, Is.EqualTo("Clusters"));
        foreach (var bad in new[] { 0, -3 })
        {
            var low = Assert.Throws<ArgumentOutOfRangeException>(() =>
                QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = bad }))!;
            Assert.That(low.ParamName, Is.EqualTo("Clusters"));
            Assert.That(low.ActualValue, Is.EqualTo(bad));
        }
        var high = Assert.Throws<ArgumentOutOfRangeException>(() =>
            QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = codes.RowCount + 1 }))!;
        Assert.That(high.ParamName, Is.EqualTo("Clusters"));
        Assert.That(high.ActualValue, Is.EqualTo(codes.RowCount + 1));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.FromClusterCount(codes, 0))!.ParamName, Is.EqualTo("clusters"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.FromClusterCount(codes, codes.RowCount + 1))!.ParamName, Is.EqualTo("clusters"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.SubstantialSize(10, 0))!.ParamName, Is.EqualTo("clusters"));
        // k = n is allowed (nearest count reported), as k-means allows it.
        Assert.DoesNotThrow(() => Bandwidth.SubstantialSize(codes.RowCount, codes.RowCount));
    }

    [Test]
    public void SubstantialSizeIsFivePercentOrHalfTheMeanClusterShare()
    {
        Assert.That(Bandwidth.SubstantialSize(1000, null), Is.EqualTo(50));
        Assert.That(Bandwidth.SubstantialSize(1000, 4), Is.EqualTo(50));
        Assert.That(Bandwidth.SubstantialSize(1000, 20), Is.EqualTo(25));
        Assert.That(Bandwidth.SubstantialSize(10, 2), Is.EqualTo(2));
    }
}
