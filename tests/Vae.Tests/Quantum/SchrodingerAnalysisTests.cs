using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Quantum.Schrodinger;
using Vae.Reproduce.QuantumPaper;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class SchrodingerAnalysisTests
{
    /// <summary>Four Gaussian clusters in 2-D (sd 0.5, centres 3 apart), 100 points each, deterministic.</summary>
    private static (Matrix<double> Codes, int[] Labels) Blobs()
    {
        var random = new Random(23);
        double[][] centres = [[0, 0], [3, 0.5], [0.5, 3.2], [3.4, 3.1]];
        var labels = Enumerable.Range(0, 400).Select(i => i % 4).ToArray();
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var codes = Matrix<double>.Build.Dense(400, 2);
        for (var i = 0; i < 400; i++)
            for (var j = 0; j < 2; j++)
                codes[i, j] = centres[labels[i]][j] + 0.5 * Gauss();
        return (codes, labels);
    }

    [Test]
    public void LifetimeRuleFindsTheFourBlobsWithoutLabels()
    {
        var (codes, labels) = Blobs();
        var ladder = Bandwidth.FromLifetime(codes);
        Assert.That(ladder.SelectedCount, Is.EqualTo(4), $"counts {string.Join(",", ladder.Counts)}");
        var report = SchrodingerAnalysis.Analyze(codes, labels, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.Lifetime });
        Assert.That(report.Clustering.Sigma, Is.EqualTo(ladder.Sigma));
        Assert.That(report.AdjustedRandIndex, Is.GreaterThan(0.9));
        Assert.That(report.KMeansAdjustedRandIndex, Is.GreaterThan(0.9));
        Assert.That(report.Spectrum.Levels[0].Exact / report.Spectrum.Lambda, Is.EqualTo(0.5).Within(1e-6));   // Parzen ground state, raised slightly by the walls
    }

    [Test]
    public void DefaultRuleIsTheNearestNeighbourRuleWithKFromNAndFindsTheFourBlobs()
    {
        var (codes, labels) = Blobs();
        Assert.That(QuantumClusteringOptions.Default.Selection, Is.EqualTo(BandwidthSelection.NearestNeighbours));
        Assert.That(QuantumClusteringOptions.Default.Neighbours, Is.Null);
        // K = ⌈400/12⌉ = 34; σ = median over the points of the distance to the 34th nearest other point, here by sorting.
        Assert.That(Bandwidth.DefaultNeighbours(400), Is.EqualTo(34));
        var kth = Enumerable.Range(0, 400).Select(i => Enumerable.Range(0, 400).Where(j => j != i)
            .Select(j => Math.Sqrt(Math.Pow(codes[i, 0] - codes[j, 0], 2) + Math.Pow(codes[i, 1] - codes[j, 1], 2))).Order().ElementAt(33)).Order().ToArray();
        var expected = 0.5 * (kth[199] + kth[200]);
        var report = SchrodingerAnalysis.Analyze(codes, labels, QuantumClusteringOptions.Default);
        Assert.That(report.Clustering.Sigma, Is.EqualTo(expected).Within(1e-12 * expected));
        Assert.That(report.Clustering.ClusterCount, Is.EqualTo(4));
        Assert.That(report.AdjustedRandIndex, Is.GreaterThan(0.9));
        Assert.That(report.Spectrum.Levels[0].Exact / report.Spectrum.Lambda, Is.EqualTo(0.5).Within(1e-6));   // Parzen ground state, raised slightly by the walls
        // An explicit K overrides the default.
        var explicitK = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { Neighbours = 10 });
        Assert.That(explicitK.Sigma, Is.EqualTo(Bandwidth.FromNearestNeighbours(codes, 10)));
    }

    [Test]
    public void AnalysisWithoutOptionsUsesTheClusterCountRuleWithKFromTheLabelsAsKMeansDoes()
    {
        var (codes, labels) = Blobs();
        var ladder = Bandwidth.FromClusterCount(codes, 4, QuantumClusteringOptions.Default with { AdaptiveWidths = true });
        var report = SchrodingerAnalysis.Analyze(codes, labels);
        Assert.That(report.Clustering.Potential.IsIsotropic, Is.False, "the pipeline's kernels have Abramson's widths");
        Assert.That(report.Clustering.Sigma, Is.EqualTo(ladder.Sigma));
        Assert.That(report.Clustering.SubstantialClusterCount, Is.EqualTo(4));
        Assert.That(report.Clustering.ClusterCount, Is.EqualTo(4), "fragments join the nearest substantial minimum: k clusters come back");
        Assert.That(report.AdjustedRandIndex, Is.GreaterThan(0.9));
        // The selection without k gets the labels' k; the label-free default stays the nearest-neighbour rule.
        var filled = SchrodingerAnalysis.Analyze(codes, labels, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount });
        Assert.That(filled.Clustering.Sigma, Is.EqualTo(Bandwidth.FromClusterCount(codes, 4).Sigma));
        var explicitK = SchrodingerAnalysis.Analyze(codes, labels, QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 2 });
        Assert.That(explicitK.Clustering.Sigma, Is.EqualTo(Bandwidth.FromClusterCount(codes, 2).Sigma));
        Assert.That(QuantumClustering.Fit(codes).Sigma, Is.EqualTo(Bandwidth.FromNearestNeighbours(codes, Bandwidth.DefaultNeighbours(400))));
    }

    [Test]
    public void AssignmentsAndLevelsAreInvariantUnderRotationsPermutationsAndShiftsOfTheCodes()
    {
        var (codes, labels) = Blobs();
        var angle = 0.7;
        var rotation = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(angle), -Math.Sin(angle) }, { Math.Sin(angle), Math.Cos(angle) } });
        var swap = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, -1.0 }, { 1.0, 0.0 } });   // permutation with a sign flip
        var reference = SchrodingerAnalysis.Analyze(codes, labels);
        foreach (var transform in new[] { rotation, swap })
        {
            var moved = codes * transform.Transpose() + Matrix<double>.Build.Dense(400, 2, (_, j) => 5.0 - 3 * j);
            var report = SchrodingerAnalysis.Analyze(moved, labels);
            Assert.That(report.Clustering.Sigma, Is.EqualTo(reference.Clustering.Sigma).Within(1e-9 * reference.Clustering.Sigma));
            Assert.That(Clustering.AdjustedRandIndex(reference.Clustering.Labels, report.Clustering.Labels), Is.EqualTo(1.0));
            for (var n = 0; n < reference.Spectrum.Levels.Count; n++)
                Assert.That(report.Spectrum.Levels[n].Exact, Is.EqualTo(reference.Spectrum.Levels[n].Exact).Within(1e-7 * reference.Spectrum.Levels[n].Exact));
            Assert.That(report.ClusterLevels.Select(c => c.Level), Is.EqualTo(reference.ClusterLevels.Select(c => c.Level)));
        }
        // The raw coordinates are degenerate under the swap: per-dimension correlation is low, matched correlation is 1.
        var swapped = codes * swap.Transpose();
        Assert.That(Similarity.RawCorrelation(codes, swapped).MeanAbsoluteCorrelation, Is.LessThan(0.5));
        Assert.That(Similarity.MatchDimensions(codes, swapped).MeanMatchedAbsoluteCorrelation, Is.EqualTo(1.0).Within(1e-12));
    }

    [Test]
    public void CompareReplicasSeesIdenticalAssignmentsThroughADegenerateSwapOfTheCoordinates()
    {
        var (codes, labels) = Blobs();
        var swap = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, -1.0 }, { 1.0, 0.0 } });
        var report = SchrodingerAnalysis.CompareReplicas([codes, codes * swap.Transpose(), codes.Clone()], labels);
        Assert.That(report.Reports, Has.Count.EqualTo(3));
        Assert.That(report.PairwiseAdjustedRandIndex, Has.Count.EqualTo(3));
        Assert.That(report.PairwiseAdjustedRandIndex, Is.All.EqualTo(1.0));
        Assert.That(report.LevelAgreement, Is.EqualTo(1.0));
        Assert.That(report.ReducedEnergyStdDev, Is.All.LessThan(1e-6));
        // Pairs (0,1) and (1,2) are swapped: raw per-dimension correlation is low; pair (0,2) is identical.
        var swappedRaw = Similarity.RawCorrelation(codes, codes * swap.Transpose()).MeanAbsoluteCorrelation;
        Assert.That(report.MeanRawCorrelation, Is.EqualTo((2 * swappedRaw + 1.0) / 3).Within(1e-12));
        Assert.That(report.MeanMatchedCorrelation, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(report.Clusters, Is.EqualTo(labels.Distinct().Count()));
    }

    [Test]
    public void ReplicaAnalysisRejectsFewerThanTwoReplicas()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Figure2.Replicas(3, 1))!.ParamName, Is.EqualTo("replicas"));
        var (codes, labels) = Blobs();
        Assert.That(Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.Analyze(codes, labels.Take(10).ToArray()))!.ParamName, Is.EqualTo("labels"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SchrodingerAnalysis.CompareReplicas([codes], labels))!.ParamName, Is.EqualTo("latents"));
        var other = Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.CompareReplicas([codes, codes.SubMatrix(0, 300, 0, 2)], labels))!;
        Assert.That(other.ParamName, Is.EqualTo("latents"));
        Assert.That(other.Message, Does.Contain("latents[1] is 300×2"));
    }
}
