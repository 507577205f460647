using MathNet.Numerics.Integration;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Geodesics;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class UnivariateFisherRaoTests
{
    /// <summary>The textbook closed form √2·arccosh(1 + (Δμ²/2 + Δσ²)/(2σ₁σ₂)) (Costa, Santos &amp; Strapasson 2015).</summary>
    private static double ClosedForm(double m1, double s1, double m2, double s2) =>
        Math.Sqrt(2) * Math.Acosh(1 + ((m1 - m2) * (m1 - m2) / 2 + (s1 - s2) * (s1 - s2)) / (2 * s1 * s2));

    private static IEnumerable<(UnivariateNormal A, UnivariateNormal B)> RandomPairs(int count, int seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        for (int i = 0; i < count; i++)
        {
            yield return (UnivariateNormal.FromMeanStdDev(rng.NextDouble() * 10 - 5, Math.Exp(rng.NextDouble() * 5 - 3)),
                          UnivariateNormal.FromMeanStdDev(rng.NextDouble() * 10 - 5, Math.Exp(rng.NextDouble() * 5 - 3)));
        }
    }

    [Test]
    public void DistanceEqualsTheArccoshClosedForm()
    {
        foreach (var (a, b) in RandomPairs(2000, 1))
        {
            double expected = ClosedForm(a.Mean, a.StdDev, b.Mean, b.StdDev);
            Assert.That(FisherRao.Distance(a, b), Is.EqualTo(expected).Within(1e-12 * Math.Max(1, expected)), $"{a} {b}");
        }
    }

    [Test]
    public void KnownValues()
    {
        // Equal means: the vertical line, d = √2 |log(σ₂/σ₁)|.
        Assert.That(FisherRao.Distance(UnivariateNormal.FromMeanStdDev(3, 0.5), UnivariateNormal.FromMeanStdDev(3, 4)),
            Is.EqualTo(Math.Sqrt(2) * Math.Log(8)).Within(1e-14));
        // Equal σ = 1 and Δμ = 2: √2 arccosh(1 + 1) = √2 ln(2 + √3).
        Assert.That(FisherRao.Distance(UnivariateNormal.FromMeanStdDev(0, 1), UnivariateNormal.FromMeanStdDev(2, 1)),
            Is.EqualTo(Math.Sqrt(2) * Math.Log(2 + Math.Sqrt(3))).Within(1e-14));
        var p = UnivariateNormal.FromMeanStdDev(0.3, 0.7);
        Assert.That(FisherRao.Distance(p, p), Is.EqualTo(0.0));
    }

    [Test]
    public void SmallDistancesKeepRelativeAccuracy()
    {
        // arccosh(1 + x) loses digits as x → 0; the asinh form must match the metric's first-order length √(Δμ² + 2Δσ²)/σ.
        var a = UnivariateNormal.FromMeanStdDev(1.0, 0.5);
        var b = UnivariateNormal.FromMeanStdDev(1.0 + 3e-9, 0.5 + 4e-9);
        double firstOrder = Math.Sqrt(3e-9 * 3e-9 + 2 * 4e-9 * 4e-9) / 0.5;
        Assert.That(FisherRao.Distance(a, b), Is.EqualTo(firstOrder).Within(1e-7 * firstOrder));
    }

    [Test]
    public void DistanceEqualsTheMetricLengthOfTheGeodesicByQuadrature()
    {
        // Independent of the closed forms: integrate the metric speed √((μ'² + 2σ'²)/σ²) of γ with derivatives by finite differences.
        foreach (var (a, b) in RandomPairs(20, 2))
        {
            var g = FisherRao.Geodesic(a, b);
            double length = GaussLegendreRule.Integrate(t => Speed(g, t), 1e-4, 1 - 1e-4, 64) + 2e-4 * g.Distance;
            Assert.That(length, Is.EqualTo(g.Distance).Within(1e-7 * Math.Max(1, g.Distance)));
        }
    }

    private static double Speed(UnivariateGeodesic g, double t)
    {
        const double h = 1e-5;
        var p = g.At(t); var plus = g.At(t + h); var minus = g.At(t - h);
        double dm = (plus.Mean - minus.Mean) / (2 * h), ds = (plus.StdDev - minus.StdDev) / (2 * h);
        return Math.Sqrt(dm * dm + 2 * ds * ds) / p.StdDev;
    }

    [Test]
    public void GeodesicEndpointsAreExact()
    {
        foreach (var (a, b) in RandomPairs(200, 3))
        {
            var g = FisherRao.Geodesic(a, b);
            Assert.That(g.At(0), Is.EqualTo(a));
            Assert.That(g.At(1), Is.EqualTo(b));
            var samples = g.Sample(7);
            Assert.That(samples, Has.Count.EqualTo(7));
            Assert.That(samples[0], Is.EqualTo(a));
            Assert.That(samples[6], Is.EqualTo(b));
        }
    }

    [Test]
    public void GeodesicHasConstantSpeed()
    {
        var ts = new[] { 0.0, 0.1, 0.25, 0.4, 0.5, 0.6, 0.77, 0.9, 1.0 };
        foreach (var (a, b) in RandomPairs(200, 4))
        {
            var g = FisherRao.Geodesic(a, b);
            foreach (double s in ts)
            foreach (double t in ts)
            {
                double d = FisherRao.Distance(g.At(s), g.At(t));
                Assert.That(d, Is.EqualTo(Math.Abs(t - s) * g.Distance).Within(1e-10 * Math.Max(1, g.Distance)), $"{a} → {b}, s = {s}, t = {t}");
            }
        }
    }

    [Test]
    public void GeodesicSatisfiesTheGeodesicEquationsByFiniteDifferences()
    {
        // μ'' − 2μ'σ'/σ = 0 and σ'' + μ'²/(2σ) − σ'²/σ = 0 (Christoffel symbols of (dμ² + 2dσ²)/σ²).
        const double h = 1e-4;
        foreach (var (a, b) in RandomPairs(100, 5))
        {
            var g = FisherRao.Geodesic(a, b);
            foreach (double t in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
            {
                var p = g.At(t); var plus = g.At(t + h); var minus = g.At(t - h);
                double m1 = (plus.Mean - minus.Mean) / (2 * h), s1 = (plus.StdDev - minus.StdDev) / (2 * h);
                double m2 = (plus.Mean - 2 * p.Mean + minus.Mean) / (h * h), s2 = (plus.StdDev - 2 * p.StdDev + minus.StdDev) / (h * h);
                double scale = p.StdDev * Math.Max(1, g.Distance * g.Distance);
                Assert.That(Math.Abs(m2 - 2 * m1 * s1 / p.StdDev) / scale, Is.LessThan(1e-5), $"μ equation, {a} → {b}, t = {t}");
                Assert.That(Math.Abs(s2 + m1 * m1 / (2 * p.StdDev) - s1 * s1 / p.StdDev) / scale, Is.LessThan(1e-5), $"σ equation, {a} → {b}, t = {t}");
            }
        }
    }

    [Test]
    public void VerticalGeodesicKeepsTheMeanAndIsGeometricInSigma()
    {
        var g = FisherRao.Geodesic(UnivariateNormal.FromMeanStdDev(1.25, 0.2), UnivariateNormal.FromMeanStdDev(1.25, 3.0));
        foreach (double t in new[] { 0.1, 0.3, 0.5, 0.6, 0.95 })
        {
            var p = g.At(t);
            Assert.That(p.Mean, Is.EqualTo(1.25), "Δμ = 0: the mean must stay exactly constant");
            Assert.That(p.StdDev, Is.EqualTo(0.2 * Math.Pow(15, t)).Within(1e-14 * p.StdDev));
        }
    }

    [Test]
    public void GeodesicBetweenEqualSigmasBulgesUpwards()
    {
        // In (u = μ/√2, σ) the geodesic is the half-circle through (±Δμ/(2√2), σ) centred at u = 0; by symmetry its
        // midpoint is the apex, σ(½) = r = √((Δμ/(2√2))² + σ²) — the "σ bump" of the paper's Fig. 4.
        var g = FisherRao.Geodesic(UnivariateNormal.FromMeanStdDev(-2, 1), UnivariateNormal.FromMeanStdDev(2, 1));
        var mid = g.At(0.5);
        Assert.That(mid.Mean, Is.EqualTo(0).Within(1e-14));
        Assert.That(mid.StdDev, Is.EqualTo(Math.Sqrt(2 + 1)).Within(1e-14));
    }

    [Test]
    public void ParameterOutsideTheUnitIntervalIsRejected()
    {
        var g = FisherRao.Geodesic(UnivariateNormal.FromMeanStdDev(0, 1), UnivariateNormal.FromMeanStdDev(1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.At(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.At(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => g.Sample(1));
    }
}
