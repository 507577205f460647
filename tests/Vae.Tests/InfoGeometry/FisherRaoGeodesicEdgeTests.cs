using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

/// <summary>
/// Univariate Fisher–Rao distances in the gradual-underflow window (review finding 2: the SIMD batch kernel took a
/// subnormal Δμ²/2 + Δσ² or 2σ₁σ₂ at face value, 7 % off) and geodesic points of extreme pairs (review finding 5:
/// far-apart pairs gave N(NaN, NaN)), against mpmath at 1500 digits
/// (tools/reference/fisher_rao_geodesic_edges.py → Fixtures/infogeometry/fisher_rao_geodesic_edges.json).
/// </summary>
public sealed class FisherRaoGeodesicEdgeTests
{
    public sealed record DistanceCase(string Name, string Mean1, string StdDev1, string Mean2, string StdDev2, string Distance);

    public sealed record Point(double T, string Mean, string StdDev);

    public sealed record GeodesicCase(string Name, string Mean1, string StdDev1, string Mean2, string StdDev2, Point[] Points);

    public sealed record File(string Generator, string Mpmath, int Dps, DistanceCase[] Distances, GeodesicCase[] Geodesics);

    private static File Load() => Fixtures.Load<File>("fisher_rao_geodesic_edges.json");

    private static IEnumerable<TestCaseData> DistanceCases() =>
        Load().Distances.Select(c => new TestCaseData(c).SetName($"FisherRao underflow {c.Name}"));

    private static IEnumerable<TestCaseData> GeodesicCases() =>
        Load().Geodesics.Select(c => new TestCaseData(c).SetName($"FisherRao geodesic edge {c.Name}"));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestCaseSource(nameof(DistanceCases))]
    public void Scalar_and_batch_distances_match_mpmath_in_the_gradual_underflow_window(DistanceCase c)
    {
        double m1 = D(c.Mean1), s1 = D(c.StdDev1), m2 = D(c.Mean2), s2 = D(c.StdDev2), expected = D(c.Distance);
        var tolerance = 1e-14 * expected;
        Assert.That(FisherRao.Distance(UnivariateNormal.FromMeanStdDev(m1, s1), UnivariateNormal.FromMeanStdDev(m2, s2)), Is.EqualTo(expected).Within(tolerance));
        // Batch of 9 rows (more than one SIMD width, plus a scalar tail).
        const int rows = 9;
        var batchA = DiagonalNormalBatch.FromMeanStdDev(Matrix<double>.Build.Dense(rows, 1, m1), Matrix<double>.Build.Dense(rows, 1, s1));
        var batchB = DiagonalNormalBatch.FromMeanStdDev(Matrix<double>.Build.Dense(rows, 1, m2), Matrix<double>.Build.Dense(rows, 1, s2));
        foreach (var d in FisherRao.Distances(batchA, batchB))
            Assert.That(d, Is.EqualTo(expected).Within(4 * tolerance));
    }

    /// <summary>The mean is compared in units of σ(t) (the Fisher metric's local scale): |Δμ| ≤ 10⁻¹² (|μ(t)| + σ(t)).</summary>
    [TestCaseSource(nameof(GeodesicCases))]
    public void Univariate_and_diagonal_geodesic_points_match_mpmath(GeodesicCase c)
    {
        double m1 = D(c.Mean1), s1 = D(c.StdDev1), m2 = D(c.Mean2), s2 = D(c.StdDev2);
        var univariate = FisherRao.Geodesic(UnivariateNormal.FromMeanStdDev(m1, s1), UnivariateNormal.FromMeanStdDev(m2, s2));
        var diagonal = FisherRao.Geodesic(DiagonalNormal.FromMeanStdDev([m1, m2], [s1, s2]), DiagonalNormal.FromMeanStdDev([m2, m1], [s2, s1]));
        Assert.That(c.Points, Is.Not.Empty);
        foreach (var point in c.Points)
        {
            double mean = D(point.Mean), stdDev = D(point.StdDev);
            var p = univariate.At(point.T);
            Assert.That(p.StdDev, Is.EqualTo(stdDev).Within(1e-12 * stdDev), $"σ({point.T})");
            Assert.That(p.Mean, Is.EqualTo(mean).Within(1e-12 * (Math.Abs(mean) + stdDev)), $"μ({point.T})");
            // The diagonal geodesic runs the pair forwards in coordinate 0 and backwards in coordinate 1.
            var q = diagonal.At(point.T);
            Assert.That(q.Component(0), Is.EqualTo(p));
            var back = diagonal.At(1 - point.T).Component(1);
            Assert.That(back.StdDev, Is.EqualTo(stdDev).Within(1e-12 * stdDev), $"backwards σ({point.T})");
            Assert.That(back.Mean, Is.EqualTo(mean).Within(1e-12 * (Math.Abs(mean) + stdDev)), $"backwards μ({point.T})");
        }
    }
}
