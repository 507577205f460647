using System.Globalization;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

/// <summary>
/// Geodesic points of extreme and ordinary univariate pairs (review finding 5: far-apart pairs gave N(NaN, NaN)),
/// through the univariate and diagonal geodesics, against mpmath at 1500 digits
/// (tools/reference/fisher_rao_geodesic_edges.py → Fixtures/infogeometry/fisher_rao_geodesic_edges.json; its
/// gradual-underflow distances are tested in <see cref="FisherRaoEdgeTests"/>).
/// </summary>
public sealed class FisherRaoGeodesicEdgeTests
{
    public sealed record Point(double T, string Mean, string StdDev);

    public sealed record GeodesicCase(string Name, string Mean1, string StdDev1, string Mean2, string StdDev2, Point[] Points);

    public sealed record File(string Generator, string Mpmath, int Dps, FisherRaoEdgeTests.Case[] Distances, GeodesicCase[] Geodesics);

    private static IEnumerable<TestCaseData> GeodesicCases() =>
        Fixtures.Load<File>("fisher_rao_geodesic_edges.json").Geodesics.Select(c => new TestCaseData(c).SetName($"FisherRao geodesic edge {c.Name}"));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

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
