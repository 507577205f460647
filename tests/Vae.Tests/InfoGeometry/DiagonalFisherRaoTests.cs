using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Geodesics;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class DiagonalFisherRaoTests
{
    private static DiagonalNormal RandomDiagonal(Random rng, int k)
    {
        var m = new double[k];
        var s = new double[k];
        for (int i = 0; i < k; i++)
        {
            m[i] = rng.NextDouble() * 6 - 3;
            s[i] = Math.Exp(rng.NextDouble() * 4 - 3);
        }
        return DiagonalNormal.FromMeanStdDev(m, s);
    }

    [Test]
    public void DistanceIsTheRootSumOfSquaredUnivariateClosedForms()
    {
        var rng = new Xoshiro256StarStar(11);
        for (int trial = 0; trial < 300; trial++)
        {
            int k = 1 + trial % 30;
            var a = RandomDiagonal(rng, k);
            var b = RandomDiagonal(rng, k);
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                double dm = a.Mean[i] - b.Mean[i], ds = a.StdDev[i] - b.StdDev[i];
                double d = Math.Sqrt(2) * Math.Acosh(1 + (dm * dm / 2 + ds * ds) / (2 * a.StdDev[i] * b.StdDev[i]));
                sum += d * d;
            }
            double expected = Math.Sqrt(sum);
            Assert.That(FisherRao.Distance(a, b), Is.EqualTo(expected).Within(1e-12 * Math.Max(1, expected)));
        }
    }

    [Test]
    public void BatchedDistancesMatchTheScalarPath()
    {
        var rng = new Xoshiro256StarStar(12);
        const int n = 2501, k = 30; // three row blocks, the last one not a multiple of the vector width (scalar tail)
        var rows1 = Enumerable.Range(0, n).Select(_ => RandomDiagonal(rng, k)).ToArray();
        var rows2 = Enumerable.Range(0, n).Select(_ => RandomDiagonal(rng, k)).ToArray();
        rows2[5] = rows1[5]; // identical pair: distance exactly 0
        var (batch1, batch2) = (DiagonalNormalBatch.FromRows(rows1), DiagonalNormalBatch.FromRows(rows2));
        var d = FisherRao.Distances(batch1, batch2);
        Assert.That(d, Has.Length.EqualTo(n));
        Assert.That(FisherRao.Distances(batch1, batch2), Is.EqualTo(d), "row blocks run in parallel, yet the result is bitwise reproducible");
        for (int i = 0; i < n; i++)
        {
            double expected = FisherRao.Distance(rows1[i], rows2[i]);
            Assert.That(d[i], Is.EqualTo(expected).Within(1e-13 * Math.Max(1, expected)), $"row {i}");
        }
        Assert.That(d[5], Is.EqualTo(0.0));
    }

    [Test]
    public void VectorLog1pIsAccurateToAFewUlps()
    {
        // Reference: Taylor series below 1e-4, Kahan's log(u)·y/(u − 1) above (both within ~1 ulp).
        static double Reference(double y)
        {
            if (y < 1e-4) return y - y * y / 2 + y * y * y / 3 - y * y * y * y / 4 + y * y * y * y * y / 5;
            double u = 1 + y;
            return Math.Log(u) * (y / (u - 1));
        }
        var rng = new Xoshiro256StarStar(14);
        int width = System.Numerics.Vector<double>.Count;
        double worst = 0;
        for (int trial = 0; trial < 20000; trial++)
        {
            var lanes = new double[width];
            for (int l = 0; l < width; l++) lanes[l] = Math.Pow(10, rng.NextDouble() * 40 - 20);
            var result = DiagonalFisherRaoKernel.Log1p(new System.Numerics.Vector<double>(lanes));
            for (int l = 0; l < width; l++)
                worst = Math.Max(worst, Math.Abs(result[l] - Reference(lanes[l])) / Reference(lanes[l]));
        }
        Assert.That(worst, Is.LessThan(5e-16));
        Assert.That(DiagonalFisherRaoKernel.Log1p(System.Numerics.Vector<double>.Zero)[0], Is.EqualTo(0.0));
    }

    [Test]
    public void BatchedDistancesKeepRelativeAccuracyForNearbyPoints()
    {
        var means = Matrix<double>.Build.Dense(8, 3, (i, j) => 0.1 * i - 0.2 * j);
        var stds = Matrix<double>.Build.Dense(8, 3, (i, j) => 0.5 + 0.1 * i + 0.05 * j);
        var shifted = means.Map(v => v + 1e-9);
        var d = FisherRao.Distances(DiagonalNormalBatch.FromMeanStdDev(means, stds), DiagonalNormalBatch.FromMeanStdDev(shifted, stds));
        for (int i = 0; i < 8; i++)
        {
            double firstOrder = Math.Sqrt(Enumerable.Range(0, 3).Sum(j => 1e-18 / (stds[i, j] * stds[i, j])));
            Assert.That(d[i], Is.EqualTo(firstOrder).Within(1e-6 * firstOrder));
        }
    }

    [Test]
    public void DistancesWhoseSquaresUnderflowKeepTheirDigits()
    {
        // Equal σ = 1 and a mean shift δ: the univariate distance is 2√2 asinh(δ/(2√2)) = δ(1 − δ²/48 + …), which is δ to
        // double precision for δ ≤ 1e-150; the diagonal distance is then √(Σ δᵢ²) in closed form. Squared, these δᵢ are
        // below the smallest normal double (δ² ≤ 1e-300 down to 0 at 1e-170), so a plain Σ dᵢ² would lose them.
        double[][] shifts = [[1e-160, 2e-160], [3e-170, 4e-170], [1e-150, 0.0], [0.0, 0.0]];
        var rows1 = shifts.Select(_ => DiagonalNormal.FromMeanStdDev([0.0, 0.0], [1.0, 1.0])).ToArray();
        var rows2 = shifts.Select(δ => DiagonalNormal.FromMeanStdDev(δ, [1.0, 1.0])).ToArray();
        var batch = FisherRao.Distances(DiagonalNormalBatch.FromRows(rows1), DiagonalNormalBatch.FromRows(rows2));
        double[] expected = [Math.Sqrt(5) * 1e-160, 5e-170, 1e-150, 0.0];
        for (int i = 0; i < shifts.Length; i++)
        {
            Assert.That(FisherRao.Distance(rows1[i], rows2[i]), Is.EqualTo(expected[i]).Within(2e-16 * expected[i]), $"scalar, row {i}");
            Assert.That(batch[i], Is.EqualTo(expected[i]).Within(2e-16 * expected[i]), $"batch, row {i}");
        }
    }

    [Test]
    public void GeodesicIsTheProductOfUnivariateGeodesics()
    {
        var rng = new Xoshiro256StarStar(13);
        for (int trial = 0; trial < 50; trial++)
        {
            var a = RandomDiagonal(rng, 5);
            var b = RandomDiagonal(rng, 5);
            var g = FisherRao.Geodesic(a, b);
            Assert.That(g.At(0), Is.EqualTo(a));
            Assert.That(g.At(1), Is.EqualTo(b));
            Assert.That(g.Distance, Is.EqualTo(FisherRao.Distance(a, b)).Within(1e-15 * Math.Max(1, g.Distance)));
            foreach (double t in new[] { 0.2, 0.5, 0.8 })
            {
                var p = g.At(t);
                for (int i = 0; i < 5; i++)
                    Assert.That(p.Component(i), Is.EqualTo(FisherRao.Geodesic(a.Component(i), b.Component(i)).At(t)));
            }
            foreach (double s in new[] { 0.0, 0.3, 0.6 })
            foreach (double t in new[] { 0.45, 0.9, 1.0 })
            {
                Assert.That(FisherRao.Distance(g.At(s), g.At(t)), Is.EqualTo(Math.Abs(t - s) * g.Distance).Within(1e-10 * Math.Max(1, g.Distance)));
            }
        }
    }

    [Test]
    public void SigmaRisesAlongTheGeodesicWhereTheMeansDiffer()
    {
        var a = DiagonalNormal.FromMeanStdDev(new[] { -1.5, 0.0 }, new[] { 0.3, 0.3 });
        var b = DiagonalNormal.FromMeanStdDev(new[] { 1.5, 0.0 }, new[] { 0.3, 0.6 });
        var mid = FisherRao.Geodesic(a, b).At(0.5);
        Assert.That(mid.StdDev[0], Is.GreaterThan(0.3 * 2), "a large Δμ relative to σ lifts σ well above both ends");
        Assert.That(mid.Mean[1], Is.EqualTo(0.0));
        Assert.That(mid.StdDev[1], Is.EqualTo(0.3 * Math.Sqrt(2)).Within(1e-15), "Δμ = 0: geometric mean of the σ's");
    }

    [Test]
    public void DimensionMismatchIsRejected()
    {
        var a = DiagonalNormal.FromMeanStdDev(new[] { 0.0 }, new[] { 1.0 });
        var b = DiagonalNormal.FromMeanStdDev(new[] { 0.0, 1.0 }, new[] { 1.0, 1.0 });
        var e = Assert.Throws<ArgumentException>(() => FisherRao.Distance(a, b));
        Assert.That(e!.ParamName, Is.EqualTo("b"));
        Assert.Throws<ArgumentException>(() => FisherRao.Geodesic(a, b));
    }
}
