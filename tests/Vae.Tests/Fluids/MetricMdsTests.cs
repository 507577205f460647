using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Fluids.Geometry;

namespace Vae.Tests.Fluids;

/// <summary>SMACOF against its definition: it recovers exact planar configurations, and on a noisy matrix it ends at a
/// stationary point of the raw stress (finite-difference gradient of Σ(δ − d)² written out here) no worse than classical MDS.</summary>
public sealed class MetricMdsTests
{
    private static Matrix<double> RandomPoints(int n, int seed, double scale = 10)
    {
        var rng = new Random(seed);
        return Matrix<double>.Build.Dense(n, 2, (_, _) => scale * rng.NextDouble());
    }

    private static double RawStress(Matrix<double> delta, Matrix<double> x)
    {
        double s = 0;
        for (int i = 0; i < x.RowCount; i++)
            for (int j = i + 1; j < x.RowCount; j++)
            {
                double d = Math.Sqrt(Math.Pow(x[i, 0] - x[j, 0], 2) + Math.Pow(x[i, 1] - x[j, 1], 2));
                s += (delta[i, j] - d) * (delta[i, j] - d);
            }
        return s;
    }

    private static double GradientNorm(Matrix<double> delta, Matrix<double> x)
    {
        const double h = 1e-6;
        double sum = 0;
        for (int i = 0; i < x.RowCount; i++)
            for (int c = 0; c < 2; c++)
            {
                var plus = x.Clone();
                var minus = x.Clone();
                plus[i, c] += h;
                minus[i, c] -= h;
                double g = (RawStress(delta, plus) - RawStress(delta, minus)) / (2 * h);
                sum += g * g;
            }
        return Math.Sqrt(sum);
    }

    [Test]
    public void ExactPlanarMatricesAreRecoveredFromAPerturbedStart()
    {
        var truth = RandomPoints(15, 1);
        var rng = new Random(2);
        var start = truth + Matrix<double>.Build.Dense(15, 2, (_, _) => rng.NextDouble() - 0.5);
        var fit = MetricMds.Embed(DistanceMatrix.Compute(truth), start, 5000, 1e-14);
        Assert.That(fit.InitialRawStress, Is.GreaterThan(1));
        Assert.That(fit.NormalizedStress, Is.LessThan(1e-12));
        Assert.That(Procrustes.Align(fit.Coordinates, truth).MaxDeviation, Is.LessThan(1e-4));
        Assert.That(fit.Coordinates.Column(0).Average(), Is.EqualTo(0).Within(1e-9), "centred");
    }

    [Test]
    public void NoisyMatricesEndAtAStationaryPointNoWorseThanClassicalMds()
    {
        var truth = RandomPoints(12, 3);
        var noisy = DistanceMatrix.Compute(truth);
        var rng = new Random(4);
        for (int i = 0; i < 12; i++)
            for (int j = i + 1; j < 12; j++)
                noisy[i, j] = noisy[j, i] = noisy[i, j] * (1 + 0.4 * (rng.NextDouble() - 0.5));
        var classical = ClassicalMds.Embed(noisy, 2).Coordinates;
        var fit = MetricMds.Embed(noisy, 2, 20000, 1e-15);
        Assert.That(fit.InitialRawStress, Is.EqualTo(RawStress(noisy, classical)).Within(1e-9 * fit.InitialRawStress));
        Assert.That(fit.RawStress, Is.EqualTo(RawStress(noisy, fit.Coordinates)).Within(1e-9 * fit.RawStress));
        Assert.That(fit.RawStress, Is.LessThan(fit.InitialRawStress));
        Assert.That(GradientNorm(noisy, fit.Coordinates), Is.LessThan(1e-4 * GradientNorm(noisy, classical)), "stationary");
        Assert.That(fit.Converged, Is.True);
    }

    [Test]
    public void BadArgumentsAreRejected()
    {
        var d = DistanceMatrix.Compute(RandomPoints(5, 5));
        Assert.Throws<ArgumentException>(() => MetricMds.Embed(d, Matrix<double>.Build.Dense(4, 2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricMds.Embed(d, 2, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => MetricMds.Embed(d, 2, 10, -1));
        var asymmetric = d.Clone();
        asymmetric[0, 1] += 1;
        Assert.Throws<ArgumentException>(() => MetricMds.Embed(asymmetric));
    }
}
