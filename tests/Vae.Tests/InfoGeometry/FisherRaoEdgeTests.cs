using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

/// <summary>
/// Fisher–Rao distances at the edges of double precision (issue 15: N(0, σ = 10⁻³⁰⁰) vs N(10³⁰⁰, 10³⁰⁰) gave +∞) against
/// 60-digit mpmath values (tools/reference/fisher_rao_edges.py → Fixtures/infogeometry/fisher_rao_edges.json), through
/// the univariate, the diagonal and the SIMD batch entry points; plus the gradual-underflow cases of
/// tools/reference/fisher_rao_geodesic_edges.py.
/// </summary>
public sealed class FisherRaoEdgeTests
{
    public sealed record Case(string Name, string Mean1, string StdDev1, string Mean2, string StdDev2, string Distance);

    public sealed record File(string Generator, string Mpmath, int Dps, Case[] Cases);

    /// <summary>The pairs of fisher_rao_edges.json, and those of fisher_rao_geodesic_edges.json whose Δμ²/2 + Δσ² or
    /// 2σ₁σ₂ is subnormal (review finding 2: the SIMD kernel took them from a few significant bits, 7 % off).</summary>
    private static IEnumerable<TestCaseData> Cases() =>
        Fixtures.Load<File>("fisher_rao_edges.json").Cases.Select(c => new TestCaseData(c).SetName($"FisherRao edge {c.Name}"))
            .Concat(Fixtures.Load<FisherRaoGeodesicEdgeTests.File>("fisher_rao_geodesic_edges.json").Distances
                .Select(c => new TestCaseData(c).SetName($"FisherRao underflow {c.Name}")));

    private static double D(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    [TestCaseSource(nameof(Cases))]
    public void Univariate_diagonal_and_batch_distances_match_mpmath(Case c)
    {
        double m1 = D(c.Mean1), s1 = D(c.StdDev1), m2 = D(c.Mean2), s2 = D(c.StdDev2), expected = D(c.Distance);
        var tolerance = 1e-14 * expected;
        Assert.That(FisherRao.Distance(UnivariateNormal.FromMeanStdDev(m1, s1), UnivariateNormal.FromMeanStdDev(m2, s2)), Is.EqualTo(expected).Within(tolerance));
        Assert.That(FisherRao.Distance(UnivariateNormal.FromMeanStdDev(m2, s2), UnivariateNormal.FromMeanStdDev(m1, s1)), Is.EqualTo(expected).Within(tolerance), "symmetric");
        // Diagonal: the same pair in every one of 3 coordinates gives √3 d.
        var a = DiagonalNormal.FromMeanStdDev([m1, m1, m1], [s1, s1, s1]);
        var b = DiagonalNormal.FromMeanStdDev([m2, m2, m2], [s2, s2, s2]);
        Assert.That(FisherRao.Distance(a, b), Is.EqualTo(Math.Sqrt(3) * expected).Within(2 * Math.Sqrt(3) * tolerance));
        // Batch of 9 rows (more than one SIMD width, plus a scalar tail), each the pair in one coordinate.
        const int rows = 9;
        var batchA = DiagonalNormalBatch.FromMeanStdDev(Matrix<double>.Build.Dense(rows, 1, m1), Matrix<double>.Build.Dense(rows, 1, s1));
        var batchB = DiagonalNormalBatch.FromMeanStdDev(Matrix<double>.Build.Dense(rows, 1, m2), Matrix<double>.Build.Dense(rows, 1, s2));
        foreach (var d in FisherRao.Distances(batchA, batchB))
            Assert.That(d, Is.EqualTo(expected).Within(4 * tolerance));
    }

    [Test]
    public void The_issue_reproduction_is_finite_and_about_1954()
    {
        var d = FisherRao.Distance(UnivariateNormal.FromMeanStdDev(0, 1e-300), UnivariateNormal.FromMeanStdDev(1e300, 1e300));
        Assert.That(d, Is.EqualTo(1954.38165447313185).Within(1e-10));
    }
}
