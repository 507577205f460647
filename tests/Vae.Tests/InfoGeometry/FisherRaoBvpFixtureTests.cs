using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

/// <summary>Exact full-covariance distances against the SciPy collocation reference (tools/reference/fisher_rao_bvp.py).</summary>
[TestFixture]
public sealed class FisherRaoBvpFixtureTests
{
    private static MultivariateNormal Mvn(double[] mean, double[][] covariance) =>
        MultivariateNormal.FromMeanCovariance(Vector<double>.Build.DenseOfArray(mean), Matrix<double>.Build.DenseOfRowArrays(covariance));

    private sealed record BvpCase(int Dimension, double[] Mean1, double[][] Covariance1, double[] Mean2, double[][] Covariance2, double Distance);

    private sealed record BvpFixture(string Source, BvpCase[] Cases, BvpCase[] UnsolvedBySolveBvp);

    private static BvpFixture LoadFixture() => Fixtures.Load<BvpFixture>("fisher_rao_bvp.json");

    [Test]
    public void AgreesWithTheSciPyBoundaryValueSolution()
    {
        var fixture = LoadFixture();
        Assert.That(fixture.Cases, Has.Length.GreaterThanOrEqualTo(50));
        Assert.That(fixture.UnsolvedBySolveBvp, Is.Empty, "every drawn pair was solved by the reference: no selection of easy pairs");
        Assert.That(fixture.Cases.Select(c => c.Dimension).Distinct().Order(), Is.EqualTo(new[] { 2, 3, 4, 5 }));
        double worst = 0;
        foreach (var c in fixture.Cases)
        {
            var a = Mvn(c.Mean1, c.Covariance1);
            var b = Mvn(c.Mean2, c.Covariance2);
            var g = FisherRao.Geodesic(a, b);
            worst = Math.Max(worst, Math.Abs(g.Distance - c.Distance));
            // Measured worst |ours − solve_bvp| over the 53 pairs: 8.18e-10 (this test's output); 1e-8 keeps a safety
            // factor of ~12, while a shooting regression of 1e-7 (e.g. an early stop) now fails.
            Assert.That(g.Distance, Is.EqualTo(c.Distance).Within(1e-8), $"n = {c.Dimension}");
            Assert.That(g.Residual, Is.LessThanOrEqualTo(1e-10));
            Assert.That(g.Distance, Is.GreaterThanOrEqualTo(FisherRao.CalvoOllerLowerBound(a, b) - 1e-12), "never below Calvo–Oller");
        }
        TestContext.Out.WriteLine($"largest |ours − solve_bvp| over {fixture.Cases.Length} pairs: {worst:E2}");
    }
}
