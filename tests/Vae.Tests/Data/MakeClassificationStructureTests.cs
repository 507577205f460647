using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>The documented structure of make_classification, checked exactly (up to single-precision storage).</summary>
[TestFixture]
public sealed class MakeClassificationStructureTests
{
    private static readonly MakeClassificationOptions Unshuffled = MakeClassificationOptions.Default with
    {
        SampleCount = 2000, FeatureCount = 12, InformativeCount = 4, RedundantCount = 3, RepeatedCount = 2,
        ClassCount = 3, ClustersPerClass = 2, FlipY = 0, ClassSep = 1.5, Shuffle = false, Seed = 7,
    };

    [Test]
    public void DefaultsAreScikitLearns()
    {
        var o = MakeClassificationOptions.Default;
        Assert.That((o.SampleCount, o.FeatureCount, o.InformativeCount, o.RedundantCount, o.RepeatedCount),
            Is.EqualTo((100, 20, 2, 2, 0)));
        Assert.That((o.ClassCount, o.ClustersPerClass, o.FlipY, o.ClassSep, o.Hypercube, o.Shift, o.Scale, o.Shuffle),
            Is.EqualTo((2, 2, 0.01, 1.0, true, 0.0, 1.0, true)));
        Assert.That(o.Weights, Is.Empty);
        var data = MakeClassification.Generate(o);
        Assert.That(data.Count, Is.EqualTo(100));
        Assert.That(data.SampleShape, Is.EqualTo(new[] { 20 }));
    }

    [Test]
    public void CentroidsAreDistinctHypercubeVerticesOfSide2ClassSep()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled);
        var c = result.Centroids;
        Assert.That(c.RowCount, Is.EqualTo(6));
        Assert.That(c.ColumnCount, Is.EqualTo(4));
        Assert.That(c.Enumerate().All(v => v == 1.5 || v == -1.5), Is.True, c.ToString());
        var rows = c.EnumerateRows().Select(r => string.Join(",", r)).ToArray();
        Assert.That(rows.Distinct().Count(), Is.EqualTo(6), "distinct vertices");
        // Each cluster's sample mean lies at its centroid: the mixed noise Z·A (|A| ≤ 1) has per-coordinate
        // variance ≤ d, so the mean of m samples is within 5·√(d/m) of the centroid.
        var x = result.Data.ToMatrix();
        for (int k = 0; k < 6; k++)
        {
            var rowsOfK = Enumerable.Range(0, x.RowCount).Where(i => result.Clusters[i] == k).ToArray();
            for (int j = 0; j < 4; j++)
                Assert.That(rowsOfK.Average(i => x[i, j]), Is.EqualTo(c[k, j]).Within(5 * Math.Sqrt(4.0 / rowsOfK.Length)));
        }
    }

    [Test]
    public void TwoToTheInformativeClustersUseEveryVertexOnce()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled with { InformativeCount = 3, RedundantCount = 0, RepeatedCount = 0, ClassCount = 4, ClustersPerClass = 2, ClassSep = 1 });
        var vertices = result.Centroids.EnumerateRows().Select(r => string.Join(",", r.Select(v => v > 0 ? 1 : 0))).OrderBy(s => s);
        var expected = Enumerable.Range(0, 8).Select(v => $"{(v >> 2) & 1},{(v >> 1) & 1},{v & 1}").OrderBy(s => s);
        Assert.That(vertices, Is.EqualTo(expected));
    }

    [Test]
    public void MoreThan30InformativeFeaturesStillGiveDistinctVertices()
    {
        var result = MakeClassification.GenerateWithStructure(MakeClassificationOptions.Default with
        {
            SampleCount = 200, FeatureCount = 40, InformativeCount = 35, RedundantCount = 0, ClassCount = 10, ClustersPerClass = 5, Seed = 3,
        });
        var rows = result.Centroids.EnumerateRows().Select(r => string.Join(",", r)).ToArray();
        Assert.That(rows, Has.Length.EqualTo(50));
        Assert.That(rows.Distinct().Count(), Is.EqualTo(50));
        Assert.That(result.Centroids.Enumerate().All(v => Math.Abs(v) == 1.0), Is.True);
    }

    [Test]
    public void PolytopeCentroidsShrinkHypercubeVerticesTowardTheOrigin()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled with { Hypercube = false });
        var c = result.Centroids;
        Assert.That(c.Enumerate().All(v => Math.Abs(v) < 1.5 && v != 0), Is.True);
        // c[k, j] = ±ClassSep · u_k · v_j: a rank-one magnitude pattern, |c[k,j]|·|c[l,m]| = |c[k,m]|·|c[l,j]|.
        for (int k = 1; k < c.RowCount; k++)
            for (int j = 1; j < c.ColumnCount; j++)
                Assert.That(Math.Abs(c[k, j] * c[0, 0]), Is.EqualTo(Math.Abs(c[k, 0] * c[0, j])).Within(1e-12));
    }

    [Test]
    public void RedundantFeaturesAreExactLinearCombinationsOfInformativeOnes()
    {
        var x = MakeClassification.Generate(Unshuffled).ToMatrix();
        var informative = x.SubMatrix(0, x.RowCount, 0, 4);
        var redundant = x.SubMatrix(0, x.RowCount, 4, 3);
        var b = informative.QR().Solve(redundant);
        var residual = (informative * b - redundant).FrobeniusNorm() / redundant.FrobeniusNorm();
        Assert.That(residual, Is.LessThan(1e-6), "exact up to float32 storage");
        Assert.That(b.Enumerate().All(v => Math.Abs(v) <= 1 + 1e-5), Is.True, "B ~ U[-1, 1]");
        // A useless column is not such a combination.
        var useless = x.SubMatrix(0, x.RowCount, 9, 1);
        var bu = informative.QR().Solve(useless);
        Assert.That((informative * bu - useless).FrobeniusNorm() / useless.FrobeniusNorm(), Is.GreaterThan(0.9));
    }

    [Test]
    public void RepeatedFeaturesAreExactCopiesOfInformativeOrRedundantOnes()
    {
        var data = MakeClassification.Generate(Unshuffled);
        var x = data.ToMatrix();
        for (int j = 7; j < 9; j++)
        {
            var column = x.Column(j);
            Assert.That(Enumerable.Range(0, 7).Any(s => x.Column(s).Equals(column)), Is.True, $"column {j} copies one of columns 0..6");
        }
    }

    [Test]
    public void UselessFeaturesAreStandardNormalNoise()
    {
        var x = MakeClassification.Generate(Unshuffled with { SampleCount = 20_000 }).ToMatrix();
        for (int j = 9; j < 12; j++)
        {
            var column = x.Column(j);
            double mean = column.Average(), variance = column.Select(v => (v - mean) * (v - mean)).Average();
            Assert.That(mean, Is.EqualTo(0).Within(5 / Math.Sqrt(20_000)));
            Assert.That(variance, Is.EqualTo(1).Within(5 * Math.Sqrt(2.0 / 20_000)));
        }
    }

    [Test]
    public void BalancedClassesAndClusterSizesFollowScikitLearnsAllocation()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled with { SampleCount = 1001 });
        // ⌊1001 · (1/3) / 2⌋ = 166 per cluster, remainder 5 to clusters 0..4.
        var sizes = Enumerable.Range(0, 6).Select(k => result.Clusters.Count(c => c == k));
        Assert.That(sizes, Is.EqualTo(new[] { 167, 167, 167, 167, 167, 166 }));
        var classSizes = Enumerable.Range(0, 3).Select(c => result.Data.Labels.Count(y => y == c));
        Assert.That(classSizes, Is.EqualTo(new[] { 334, 334, 333 }));
        Assert.That(result.Data.Labels, Is.EqualTo(result.Clusters.Select(k => k % 3)), "FlipY = 0: label = cluster mod classes");
        Assert.That(result.Resampled.Any(b => b), Is.False);
    }

    [Test]
    public void WeightsSetClassProportionsAndTheLastOneIsInferred()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled with { SampleCount = 1000, Weights = [0.5, 0.3], FlipY = 0 });
        var classSizes = Enumerable.Range(0, 3).Select(c => result.Data.Labels.Count(y => y == c)).ToArray();
        // Clusters: ⌊1000·0.5/2⌋ = 250, ⌊1000·0.3/2⌋ = 150, ⌊1000·0.2/2⌋ = 99 (0.2 = 1 − 0.8 in floating point
        // is 0.19999999999999996), remainder 2 → clusters 0 and 1.
        Assert.That(classSizes, Is.EqualTo(new[] { 501, 301, 198 }));
    }

    [Test]
    public void FlippedLabelFractionIsWithinBinomialBounds()
    {
        const int n = 20_000;
        const double flip = 0.2;
        var result = MakeClassification.GenerateWithStructure(Unshuffled with { SampleCount = n, FlipY = flip, ClassCount = 4, ClustersPerClass = 1, Seed = 11 });
        int resampled = result.Resampled.Count(b => b);
        int changed = Enumerable.Range(0, n).Count(i => result.Data.Labels[i] != result.Clusters[i] % 4);
        AssertWithinBinomial(resampled, n, flip);
        AssertWithinBinomial(changed, n, flip * (1 - 1.0 / 4)); // a redrawn label keeps its value with probability 1/4
        Assert.That(Enumerable.Range(0, n).All(i => result.Resampled[i] || result.Data.Labels[i] == result.Clusters[i] % 4), Is.True);
    }

    [Test]
    public void ShiftThenScaleAreApplied()
    {
        var plain = MakeClassification.Generate(Unshuffled).ToMatrix();
        var shifted = MakeClassification.Generate(Unshuffled with { Shift = 2.5, Scale = 3 }).ToMatrix();
        Assert.That((shifted - (plain + 2.5) * 3).Enumerate().Max(Math.Abs), Is.LessThan(1e-4));

        var random = MakeClassification.GenerateWithStructure(Unshuffled with { RandomShift = true, RandomScale = true });
        var y = random.Data.ToMatrix();
        // Same draws up to the flip step, so each column is plain·s_j + t_j·s_j with s_j ∈ [1, 101), |t_j| ≤ ClassSep.
        for (int j = 0; j < 12; j++)
        {
            var fit = Matrix<double>.Build.DenseOfColumnVectors(plain.Column(j), Vector<double>.Build.Dense(plain.RowCount, 1.0)).QR().Solve(y.Column(j));
            double scale = fit[0], shift = fit[1] / scale;
            Assert.That(scale, Is.InRange(1.0, 101.0), $"column {j}");
            Assert.That(Math.Abs(shift), Is.LessThanOrEqualTo(1.5 + 1e-4), $"column {j}");
        }
    }

    [Test]
    public void ShuffledOutputIsAPermutationThatKeepsTheStructure()
    {
        var shuffled = MakeClassification.GenerateWithStructure(Unshuffled with { Shuffle = true });
        var x = shuffled.Data.ToMatrix();
        Assert.That(shuffled.FeaturePermutation.OrderBy(v => v), Is.EqualTo(Enumerable.Range(0, 12)));
        Assert.That(shuffled.FeaturePermutation.SequenceEqual(Enumerable.Range(0, 12)), Is.False, "features were shuffled");
        Assert.That(shuffled.Clusters.Take(50).SequenceEqual(shuffled.Clusters.OrderBy(c => c).Take(50)), Is.False, "samples were shuffled");
        var kinds = shuffled.FeatureKinds;
        int Count(MakeClassificationFeatureKind k) => kinds.Count(v => v == k);
        Assert.That((Count(MakeClassificationFeatureKind.Informative), Count(MakeClassificationFeatureKind.Redundant),
            Count(MakeClassificationFeatureKind.Repeated), Count(MakeClassificationFeatureKind.Useless)), Is.EqualTo((4, 3, 2, 3)));

        // Rank: only informative and useless columns are independent (4 + 3 = 7 of 12).
        var singular = x.Svd(computeVectors: false).S;
        Assert.That(singular.Count(s => s > 1e-4 * singular[0]), Is.EqualTo(7));

        // Redundant columns, found through FeatureKinds, are combinations of the informative ones.
        int[] Columns(MakeClassificationFeatureKind k) => Enumerable.Range(0, 12).Where(j => kinds[j] == k).ToArray();
        var informative = Matrix<double>.Build.DenseOfColumnVectors(Columns(MakeClassificationFeatureKind.Informative).Select(x.Column));
        var redundant = Matrix<double>.Build.DenseOfColumnVectors(Columns(MakeClassificationFeatureKind.Redundant).Select(x.Column));
        var residual = informative * informative.QR().Solve(redundant) - redundant;
        Assert.That(residual.FrobeniusNorm() / redundant.FrobeniusNorm(), Is.LessThan(1e-6));
    }

    [Test]
    public void SameSeedGivesIdenticalDataAndAnotherSeedDoesNot()
    {
        var a = MakeClassification.Generate(MakeClassificationOptions.Default with { Seed = 5 });
        var b = MakeClassification.Generate(MakeClassificationOptions.Default with { Seed = 5 });
        var c = MakeClassification.Generate(MakeClassificationOptions.Default with { Seed = 6 });
        Assert.That(a.Features.SequenceEqual(b.Features) && a.Labels.SequenceEqual(b.Labels), Is.True);
        Assert.That(a.Features.SequenceEqual(c.Features), Is.False);
    }

    [Test]
    public void CentroidsAccessorReturnsACopy()
    {
        var result = MakeClassification.GenerateWithStructure(Unshuffled);
        var c = result.Centroids;
        c[0, 0] = 99;
        Assert.That(result.Centroids[0, 0], Is.Not.EqualTo(99));
    }

    /// <summary>k must lie inside the central 1 − 2·10⁻⁶ of Binomial(n, p).</summary>
    private static void AssertWithinBinomial(int k, int n, double p)
    {
        Assert.That(Binomial.CDF(p, n, k), Is.GreaterThan(1e-6), $"{k} of {n} is implausibly low for p = {p}");
        Assert.That(Binomial.CDF(p, n, k - 1), Is.LessThan(1 - 1e-6), $"{k} of {n} is implausibly high for p = {p}");
    }
}
