using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Geodesics;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class MultivariateFisherRaoTests
{
    private static MultivariateNormal Random(Random rng, int n, double meanScale = 1.0)
    {
        var m = Matrix<double>.Build.Dense(n, n, (_, _) => rng.NextDouble() * 2 - 1);
        var mean = Vector<double>.Build.Dense(n, _ => meanScale * (rng.NextDouble() * 4 - 2));
        return MultivariateNormal.FromMeanCovariance(mean, m * m.Transpose() / n + 0.2 * Matrix<double>.Build.DenseIdentity(n));
    }

    private static MultivariateNormal Mvn(double[] mean, double[][] covariance) =>
        MultivariateNormal.FromMeanCovariance(Vector<double>.Build.DenseOfArray(mean), Matrix<double>.Build.DenseOfRowArrays(covariance));

    [Test]
    public void OneDimensionEqualsTheUnivariateClosedForm()
    {
        var rng = new Xoshiro256StarStar(21);
        for (int trial = 0; trial < 200; trial++)
        {
            double m1 = rng.NextDouble() * 10 - 5, m2 = rng.NextDouble() * 10 - 5;
            double s1 = Math.Exp(rng.NextDouble() * 4 - 3), s2 = Math.Exp(rng.NextDouble() * 4 - 3);
            double expected = FisherRao.Distance(UnivariateNormal.FromMeanStdDev(m1, s1), UnivariateNormal.FromMeanStdDev(m2, s2));
            double exact = FisherRao.Distance(Mvn([m1], [[s1 * s1]]), Mvn([m2], [[s2 * s2]]));
            Assert.That(exact, Is.EqualTo(expected).Within(1e-9 * Math.Max(1, expected)), $"({m1}, {s1}) → ({m2}, {s2})");
        }
    }

    [Test]
    public void EqualMeansGiveTheClosedFormOfTheCovarianceEigenvalues()
    {
        var rng = new Xoshiro256StarStar(22);
        for (int n = 2; n <= 6; n++)
        {
            for (int trial = 0; trial < 10; trial++)
            {
                var a = Random(rng, n);
                var b = MultivariateNormal.FromMeanCovariance(a.Mean, Random(rng, n).Covariance);
                var lambda = a.Covariance.Inverse() * b.Covariance;
                double sum = lambda.Evd().EigenValues.Sum(l => Math.Log(l.Real) * Math.Log(l.Real));
                double expected = Math.Sqrt(0.5 * sum);
                var g = FisherRao.Geodesic(a, b);
                Assert.That(g.Distance, Is.EqualTo(expected).Within(1e-10 * Math.Max(1, expected)));
                Assert.That(FisherRao.CalvoOllerLowerBound(a, b), Is.EqualTo(expected).Within(1e-10 * Math.Max(1, expected)), "the bound is exact for equal means");
                Assert.That(g.Residual, Is.LessThanOrEqualTo(1e-10));
            }
        }
    }

    [Test]
    public void GeodesicEndpointsConstantSpeedAndStartVelocity()
    {
        var rng = new Xoshiro256StarStar(23);
        for (int n = 2; n <= 4; n++)
        {
            var a = Random(rng, n);
            var b = Random(rng, n);
            var g = FisherRao.Geodesic(a, b);
            Assert.That(g.At(0), Is.SameAs(a));
            Assert.That(g.At(1), Is.SameAs(b));
            // The closed-form curve evaluated at t → 1 lands on the end point to the shooting residual.
            var nearEnd = g.At(1 - 1e-12);
            Assert.That((nearEnd.Covariance - b.Covariance).InfinityNorm(), Is.LessThan(1e-8));
            Assert.That((nearEnd.Mean - b.Mean).InfinityNorm(), Is.LessThan(1e-8));
            var ts = new[] { 0.0, 0.25, 0.5, 0.8, 1.0 };
            foreach (double s in ts)
            foreach (double t in ts.Where(t => t > s))
                Assert.That(FisherRao.Distance(g.At(s), g.At(t)), Is.EqualTo((t - s) * g.Distance).Within(1e-9 * Math.Max(1, g.Distance)));
            // Speed at t = 0 from the returned velocity equals the length.
            var sigmaInv = a.Covariance.Inverse();
            var dm = g.InitialMeanVelocity;
            var dS = sigmaInv * g.InitialCovarianceVelocity;
            double speed = Math.Sqrt(dm * (sigmaInv * dm) + 0.5 * (dS * dS).Trace());
            Assert.That(speed, Is.EqualTo(g.Distance).Within(1e-10 * g.Distance));
        }
    }

    [Test]
    public void GeodesicSatisfiesSkovgaardsEquationsByFiniteDifferences()
    {
        // μ'' − Σ'Σ⁻¹μ' = 0 and Σ'' + μ'μ'ᵀ − Σ'Σ⁻¹Σ' = 0 (Skovgaard 1981): an independent check of Eriksen's closed form.
        var rng = new Xoshiro256StarStar(24);
        const double h = 1e-4;
        for (int n = 1; n <= 4; n++)
        {
            var g = FisherRao.Geodesic(Random(rng, n), Random(rng, n));
            foreach (double t in new[] { 0.2, 0.5, 0.7 })
            {
                var p = g.At(t); var plus = g.At(t + h); var minus = g.At(t - h);
                var m1 = (plus.Mean - minus.Mean) / (2 * h);
                var m2 = (plus.Mean - 2 * p.Mean + minus.Mean) / (h * h);
                var s1 = (plus.Covariance - minus.Covariance) / (2 * h);
                var s2 = (plus.Covariance - 2 * p.Covariance + minus.Covariance) / (h * h);
                var inv = p.Covariance.Inverse();
                double scale = Math.Max(1, g.Distance * g.Distance) * Math.Max(1, p.Covariance.InfinityNorm());
                Assert.That((m2 - s1 * inv * m1).InfinityNorm() / scale, Is.LessThan(1e-5), $"mean equation n = {n}, t = {t}");
                Assert.That((s2 + m1.OuterProduct(m1) - s1 * inv * s1).InfinityNorm() / scale, Is.LessThan(1e-5), $"covariance equation n = {n}, t = {t}");
            }
        }
    }

    [Test]
    public void ShootingJacobianMatchesFiniteDifferences()
    {
        var rng = new Xoshiro256StarStar(25);
        const int n = 3;
        int count = EriksenExponential.ParameterCount(n);
        var p = Enumerable.Range(0, count).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
        var jacobian = new EriksenExponential(n, p).Jacobian();
        const double h = 1e-6;
        var plus = new double[count];
        var minus = new double[count];
        for (int q = 0; q < count; q++)
        {
            var pp = (double[])p.Clone(); pp[q] += h;
            var pm = (double[])p.Clone(); pm[q] -= h;
            new EriksenExponential(n, pp).EndBlocks(plus);
            new EriksenExponential(n, pm).EndBlocks(minus);
            for (int r = 0; r < count; r++)
                Assert.That(jacobian[r, q], Is.EqualTo((plus[r] - minus[r]) / (2 * h)).Within(1e-7), $"∂F[{r}]/∂p[{q}]");
        }
    }

    [Test]
    public void FarApartPairsConvergeThroughContinuation()
    {
        // Whitened mean differences of ~20 standard deviations: the direct Newton solve from (μ̃, log Σ̃) does not
        // converge for all of these; the continuation must, and the result must stay above Calvo–Oller.
        var rng = new Xoshiro256StarStar(26);
        for (int trial = 0; trial < 10; trial++)
        {
            int n = 2 + trial % 3;
            var a = Random(rng, n, meanScale: 5);
            var b = Random(rng, n, meanScale: 5);
            var g = FisherRao.Geodesic(a, b);
            Assert.That(g.Residual, Is.LessThanOrEqualTo(1e-10));
            Assert.That(g.Distance, Is.GreaterThanOrEqualTo(FisherRao.CalvoOllerLowerBound(a, b) - 1e-10));
            Assert.That(FisherRao.Distance(g.At(0.5), b), Is.EqualTo(0.5 * g.Distance).Within(1e-8 * g.Distance));
        }
    }

    [Test]
    public void NonConvergenceIsAClearException()
    {
        var rng = new Xoshiro256StarStar(27);
        var a = Random(rng, 3, meanScale: 5);
        var b = Random(rng, 3, meanScale: 5);
        var options = GeodesicShootingOptions.Default with { MaximumIterations = 1, MaximumContinuationSteps = 1 };
        var e = Assert.Throws<GeodesicShootingException>(() => FisherRao.Distance(a, b, options));
        Assert.That(e!.Message, Does.Contain("did not converge"));
        Assert.That(e.Residual, Is.GreaterThan(options.Tolerance));
        Assert.That(e, Is.InstanceOf<MathNet.Numerics.NonConvergenceException>());
        Assert.Throws<ArgumentOutOfRangeException>(() => FisherRao.Distance(a, b, GeodesicShootingOptions.Default with { Tolerance = 0 }));
    }

    [Test]
    public void CalvoOllerBoundIsBelowTheExactDistance()
    {
        var rng = new Xoshiro256StarStar(28);
        for (int trial = 0; trial < 40; trial++)
        {
            int n = 1 + trial % 5;
            var a = Random(rng, n);
            var b = Random(rng, n);
            double bound = FisherRao.CalvoOllerLowerBound(a, b);
            double exact = FisherRao.Distance(a, b);
            Assert.That(bound, Is.LessThanOrEqualTo(exact + 1e-12));
            Assert.That(bound, Is.GreaterThan(0.5 * exact), "a lower bound, but not a trivial one");
        }
    }

    /// <summary>Review finding 1: the bound was computed from the raw embeddings Σ + μμᵀ, which lose Σ once |μ|/σ nears 1/√ε:
    /// N(10⁸, 1) vs N(10⁸, 4) threw from the Cholesky factorisation (10¹⁶ + 1 = 10¹⁶), and N(1000, 10⁻⁶) vs
    /// N(1000, 4·10⁻⁶) gave 0.980193. For equal means the bound is √(½ ln²(σ₂²/σ₁²)) = √2 ln 2 (Skovgaard 1981).</summary>
    [Test]
    public void CalvoOllerBoundKeepsItsDigitsForMeansFarLargerThanSigma()
    {
        double expected = Math.Sqrt(2) * Math.Log(2);
        Assert.That(FisherRao.CalvoOllerLowerBound(Mvn([1e8], [[1]]), Mvn([1e8], [[4]])), Is.EqualTo(expected).Within(1e-14));
        Assert.That(FisherRao.CalvoOllerLowerBound(Mvn([1000], [[1e-6]]), Mvn([1000], [[4e-6]])), Is.EqualTo(expected).Within(1e-14));
        Assert.That(FisherRao.CalvoOllerLowerBound(Mvn([1e8, -3e8], [[1, 0.5], [0.5, 2]]), Mvn([1e8, -3e8], [[4, 2], [2, 8]])),
            Is.EqualTo(Math.Sqrt(2) * expected).Within(1e-14), "Σ₂ = 4Σ₁: both eigenvalues of Σ₁⁻¹Σ₂ are 4");
        // Unequal means, one dimension, hand closed form: whitened by σ₁ = 2⁻¹⁰ the second point is N(m, s²) with
        // m = 2⁻⁷/2⁻¹⁰ = 8 and s = 3, whose embedding [[s² + m², m], [m, 1]] has trace T = 1 + s² + m² and determinant s²,
        // so λ₊ = (T + √(T² − 4s²))/2, λ₋ = s²/λ₊. All inputs are exact doubles, and (|μ|/σ)² = 2⁷² ≫ 1/ε.
        double m = 8, s = 3, trace = 1 + s * s + m * m;
        double plus = 0.5 * (trace + Math.Sqrt(trace * trace - 4 * s * s)), minus = s * s / plus;
        double bound = Math.Sqrt(0.5 * (Math.Log(plus) * Math.Log(plus) + Math.Log(minus) * Math.Log(minus)));
        double shift = 67108864, variance = Math.ScaleB(1, -20);
        Assert.That(FisherRao.CalvoOllerLowerBound(Mvn([shift], [[variance]]), Mvn([shift + Math.ScaleB(1, -7)], [[9 * variance]])),
            Is.EqualTo(bound).Within(1e-13 * bound));
    }

    /// <summary>Regression (a clean-clone CI run, FsCheck replay (12362509390274069208,12897495404220878681,97)): two far-apart
    /// diagonal Gaussians (whitened mean difference ≈ (−61, −56)) gave an exactly singular Newton Jacobian at the starting
    /// point, and the LU solve threw instead of the solver going on. Now the least-squares step takes over; the distance lies
    /// between the Calvo–Oller lower bound and the distance within the diagonal family, which bounds it from above.</summary>
    [Test]
    public void FarApartPairWithASingularStartingJacobianStillConverges()
    {
        var a = DiagonalNormal.FromMeanStdDev([4.469619999999999, 0.49612999999999996], [0.06942505177643964, 0.07178300716138435]);
        var b = DiagonalNormal.FromMeanStdDev([0.2398150000000001, -3.51924], [0.5421419020005982, 0.11250079395328856]);
        double exact = FisherRao.Distance(a.ToMultivariate(), b.ToMultivariate());
        double lower = FisherRao.CalvoOllerLowerBound(a.ToMultivariate(), b.ToMultivariate());
        double diagonal = FisherRao.Distance(a, b);
        TestContext.Out.WriteLine($"Calvo–Oller {lower:R} ≤ exact {exact:R} ≤ diagonal family {diagonal:R}");
        Assert.That(double.IsFinite(exact), Is.True);
        Assert.That(exact, Is.GreaterThanOrEqualTo(lower - 1e-10));
        Assert.That(exact, Is.LessThanOrEqualTo(diagonal + 1e-9));
    }
}
