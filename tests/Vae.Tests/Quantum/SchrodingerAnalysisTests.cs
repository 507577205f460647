using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Core.Models;
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
    public void ALabelWithoutAComputedLevelTakesNoPartInTheEnergyStatisticsOrTheAgreement()
    {
        // With one computed level only the ground state's well has a level; the other labels' wells have none (Level 0,
        // no energy). Their mean and SD are undefined (NaN), not 0, and they do not count as agreeing on "level 0".
        var (codes, labels) = Blobs();
        var swap = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, -1.0 }, { 1.0, 0.0 } });
        var report = SchrodingerAnalysis.CompareReplicas([codes, codes * swap.Transpose(), codes.Clone()], labels,
            spectrum: DataSpectrumOptions.Default with { Levels = 1 });
        var withLevel = report.Reports[0].ClusterLevels.Select(c => c.Level > 0).ToArray();
        Assert.That(withLevel, Has.Some.False, "the case must have a label without a level");
        Assert.That(withLevel, Has.Some.True);
        for (var l = 0; l < withLevel.Length; l++)
        {
            Assert.That(report.Reports.Select(r => r.ClusterLevels[l].Level > 0), Is.All.EqualTo(withLevel[l]));
            Assert.That(double.IsNaN(report.ReducedEnergyMean[l]), Is.EqualTo(!withLevel[l]));
            Assert.That(double.IsNaN(report.ReducedEnergyStdDev[l]), Is.EqualTo(!withLevel[l]));
        }
        Assert.That(report.LevelAgreement, Is.EqualTo(withLevel.Count(w => w) / (double)withLevel.Length));
    }

    [Test]
    public void ACompareReplicasOfAConstantReplicaFailsBeforeAnyAnalysis()
    {
        var (codes, labels) = Blobs();
        var constant = Matrix<double>.Build.Dense(codes.RowCount, codes.ColumnCount, 1.0);
        var error = Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.CompareReplicas([codes, constant], labels))!;
        Assert.That((error.ParamName, error.Message.Contains("constant")), Is.EqualTo(("latents", true)));
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

    [Test]
    public void PosteriorAnalysisShapesTheKernelsByThePosteriorsAndReducesToTheCodesWhenEveryPosteriorIsTheSameRoundGaussian()
    {
        var (codes, labels) = Blobs();
        // Equal round posteriors: every shape is I, so the kernels are Abramson's (σλ_i)²I and the analysis is that of the codes.
        var round = new PosteriorCodes(codes, Matrix<double>.Build.Dense(400, 2, -3.0));
        var reference = SchrodingerAnalysis.Analyze(codes, labels);
        var same = SchrodingerAnalysis.Analyze(round, labels);
        Assert.That(same.Clustering.Sigma, Is.EqualTo(reference.Clustering.Sigma));
        Assert.That(same.Clustering.Labels, Is.EqualTo(reference.Clustering.Labels));
        Assert.That(same.Spectrum.Levels.Select(l => l.Exact), Is.EqualTo(reference.Spectrum.Levels.Select(l => l.Exact)));
        // Elongated posteriors (sd 0.1 along x, 0.4 along y): the pipeline's kernels keep that shape and Abramson's size.
        var elongated = new PosteriorCodes(codes, Matrix<double>.Build.Dense(400, 2, (_, j) => 2 * Math.Log(j == 0 ? 0.1 : 0.4)));
        var report = SchrodingerAnalysis.Analyze(elongated, labels);
        var direct = QuantumClustering.Fit(elongated, SchrodingerAnalysis.DefaultClustering with { Clusters = 4 });
        Assert.That(report.Clustering.Labels, Is.EqualTo(direct.Labels));
        Assert.That(report.Clustering.Sigma, Is.EqualTo(direct.Sigma));
        var widths = KernelCovariances.Abramson(codes, report.Clustering.Sigma);
        var covariances = report.Clustering.Potential.Covariances();
        Assert.That(report.Clustering.Potential.Points().ToArray(), Is.EqualTo(codes.ToArray()), "row i is code i");
        for (var i = 0; i < 400; i += 37)
        {
            var size = report.Clustering.Sigma * widths[i];
            Assert.That(covariances[i][0, 0], Is.EqualTo(size * size * 0.25).Within(1e-12 * size * size), "x: (σλ)² × 0.1/0.4");
            Assert.That(covariances[i][1, 1], Is.EqualTo(size * size * 4).Within(1e-12 * size * size), "y: (σλ)² × 0.4/0.1");
            Assert.That(covariances[i][0, 1], Is.EqualTo(0.0));
        }
        Assert.That(report.Clustering.ClusterCount, Is.EqualTo(4));
        Assert.That(report.KMeansAdjustedRandIndex, Is.EqualTo(reference.KMeansAdjustedRandIndex), "the peers see the means");
    }

    [Test]
    public void CompareReplicasOfPosteriorsAnalysesEachReplicasPosteriorAndRejectsBadOnes()
    {
        var (codes, labels) = Blobs();
        var swap = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, -1.0 }, { 1.0, 0.0 } });
        var logVariance = Matrix<double>.Build.Dense(400, 2, (i, j) => -3.0 - 0.5 * j + 0.001 * i);
        PosteriorCodes[] posteriors = [new(codes, logVariance), new(codes * swap.Transpose(), logVariance.Clone())];
        var report = SchrodingerAnalysis.CompareReplicas(posteriors, labels);
        for (var r = 0; r < 2; r++)
            Assert.That(report.Reports[r].Clustering.Labels, Is.EqualTo(SchrodingerAnalysis.Analyze(posteriors[r], labels).Clustering.Labels), $"replica {r}");
        Assert.That(report.MeanMatchedCorrelation, Is.EqualTo(1.0).Within(1e-12));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SchrodingerAnalysis.CompareReplicas([posteriors[0]], labels))!.ParamName, Is.EqualTo("posteriors"));
        var other = Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.CompareReplicas(
            [posteriors[0], new PosteriorCodes(codes.SubMatrix(0, 300, 0, 2), logVariance.SubMatrix(0, 300, 0, 2))], labels))!;
        Assert.That(other.ParamName, Is.EqualTo("posteriors"));
        Assert.That(other.Message, Does.Contain("posteriors[1] is 300×2"));
        var nan = logVariance.Clone();
        nan[5, 1] = double.NaN;
        Assert.That(Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.Analyze(new PosteriorCodes(codes, nan), labels))!.ParamName, Is.EqualTo("posterior"));
        Assert.That(Assert.Throws<ArgumentException>(() => SchrodingerAnalysis.CompareReplicas([posteriors[0], new PosteriorCodes(codes, nan)], labels))!.ParamName,
            Is.EqualTo("posteriors[1]"), "every replica is checked before any is analysed");
    }
}
