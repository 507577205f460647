using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class GaussianFamilyTests
{
    [Test]
    public void UnivariateFactoriesAgree()
    {
        var a = UnivariateNormal.FromMeanStdDev(1.5, 0.3);
        var b = UnivariateNormal.FromMeanVariance(1.5, 0.09);
        var c = UnivariateNormal.FromMeanLogVariance(1.5, Math.Log(0.09));
        Assert.That(b.StdDev, Is.EqualTo(0.3).Within(1e-15));
        Assert.That(c.StdDev, Is.EqualTo(0.3).Within(1e-15));
        Assert.That(a.Variance, Is.EqualTo(0.09).Within(1e-16));
        Assert.That(UnivariateNormal.FromMeanStdDev(1.5, 0.3), Is.EqualTo(a));
    }

    [TestCase(double.NaN, 1.0, "mean")]
    [TestCase(double.PositiveInfinity, 1.0, "mean")]
    [TestCase(0.0, 0.0, "stdDev")]
    [TestCase(0.0, -1.0, "stdDev")]
    [TestCase(0.0, double.NaN, "stdDev")]
    [TestCase(0.0, double.PositiveInfinity, "stdDev")]
    public void UnivariateRejectsBadParameters(double mean, double stdDev, string parameter)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => UnivariateNormal.FromMeanStdDev(mean, stdDev));
        Assert.That(e!.ParamName, Is.EqualTo(parameter));
        Assert.That(e.ActualValue, Is.EqualTo(parameter == "mean" ? mean : stdDev));
    }

    [Test]
    public void LogVarianceThatUnderflowsIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UnivariateNormal.FromMeanLogVariance(0, -2000));
        Assert.Throws<ArgumentOutOfRangeException>(() => UnivariateNormal.FromMeanLogVariance(0, 2000));
    }

    [Test]
    public void DiagonalCopiesItsInputsAndComparesByValue()
    {
        var mean = new[] { 1.0, -2.0, 0.5 };
        var std = new[] { 0.5, 1.0, 2.0 };
        var p = DiagonalNormal.FromMeanStdDev(mean, std);
        mean[0] = 99;
        std[0] = 99;
        Assert.That(p.Mean, Is.EqualTo(new[] { 1.0, -2.0, 0.5 }));
        Assert.That(p.StdDev, Is.EqualTo(new[] { 0.5, 1.0, 2.0 }));
        Assert.That(p.Variance, Is.EqualTo(new[] { 0.25, 1.0, 4.0 }));
        Assert.That(p, Is.EqualTo(DiagonalNormal.FromMeanStdDev(new[] { 1.0, -2.0, 0.5 }, new[] { 0.5, 1.0, 2.0 })));
        Assert.That(p, Is.Not.EqualTo(DiagonalNormal.FromMeanStdDev(new[] { 1.0, -2.0, 0.5 }, new[] { 0.5, 1.0, 2.5 })));
        Assert.That(p.Component(2), Is.EqualTo(UnivariateNormal.FromMeanStdDev(0.5, 2.0)));
        Assert.That(p.Mean, Is.Not.InstanceOf<double[]>(), "the internal array must not be handed out");
    }

    [Test]
    public void DiagonalFromLogVarianceMatchesStdDev()
    {
        var p = DiagonalNormal.FromMeanLogVariance(new[] { 0.0, 1.0 }, new[] { Math.Log(4.0), Math.Log(0.01) });
        Assert.That(p.StdDev[0], Is.EqualTo(2.0).Within(1e-15));
        Assert.That(p.StdDev[1], Is.EqualTo(0.1).Within(1e-16));
    }

    [Test]
    public void DiagonalValidation()
    {
        var e1 = Assert.Throws<ArgumentException>(() => DiagonalNormal.FromMeanStdDev(new[] { 0.0, 1.0 }, new[] { 1.0 }));
        Assert.That(e1!.ParamName, Is.EqualTo("stdDev"));
        var e2 = Assert.Throws<ArgumentOutOfRangeException>(() => DiagonalNormal.FromMeanStdDev(new[] { 0.0, 1.0 }, new[] { 1.0, -0.5 }));
        Assert.That(e2!.ParamName, Is.EqualTo("stdDev"));
        Assert.That(e2.Message, Does.Contain("stdDev[1] = -0.5"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DiagonalNormal.FromMeanStdDev(new[] { double.NaN }, new[] { 1.0 }));
        Assert.That(() => DiagonalNormal.FromMeanStdDev(Array.Empty<double>(), Array.Empty<double>()),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("mean"));
        // Review finding 11: the empty check named "mean", which FromComponents does not have.
        Assert.That(() => DiagonalNormal.FromComponents(Array.Empty<UnivariateNormal>()),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("components").And.Message.StartsWith("components must have at least one coordinate"));
    }

    [Test]
    public void MultivariateValidatesSymmetricPositiveDefinite()
    {
        var mean = Vector<double>.Build.Dense(2);
        var notSymmetric = Matrix<double>.Build.DenseOfArray(new[,] { { 2.0, 0.5 }, { 0.4, 1.0 } });
        var e1 = Assert.Throws<ArgumentException>(() => MultivariateNormal.FromMeanCovariance(mean, notSymmetric));
        Assert.That(e1!.ParamName, Is.EqualTo("covariance"));
        Assert.That(e1.Message, Does.Contain("not symmetric"));

        var indefinite = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0 }, { 2.0, 1.0 } });
        var e2 = Assert.Throws<ArgumentException>(() => MultivariateNormal.FromMeanCovariance(mean, indefinite));
        Assert.That(e2!.Message, Does.Contain("not positive definite"));

        var wrongSize = Matrix<double>.Build.DenseIdentity(3);
        Assert.Throws<ArgumentException>(() => MultivariateNormal.FromMeanCovariance(mean, wrongSize));
        var nonFinite = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 0.0 }, { 0.0, double.NaN } });
        Assert.Throws<ArgumentException>(() => MultivariateNormal.FromMeanCovariance(mean, nonFinite));
    }

    [Test]
    public void MultivariateCopiesAndSymmetrisesRoundingAsymmetry()
    {
        var cov = Matrix<double>.Build.DenseOfArray(new[,] { { 2.0, 0.5 }, { 0.5 + 1e-14, 1.0 } });
        var mean = Vector<double>.Build.DenseOfArray(new[] { 1.0, 2.0 });
        var p = MultivariateNormal.FromMeanCovariance(mean, cov);
        cov[0, 0] = 100;
        mean[0] = 100;
        Assert.That(p.Covariance[0, 0], Is.EqualTo(2.0));
        Assert.That(p.Covariance[1, 0], Is.EqualTo(p.Covariance[0, 1]));
        Assert.That(p.Mean[0], Is.EqualTo(1.0));
        var l = p.CholeskyFactor;
        Assert.That((l * l.Transpose() - p.Covariance).InfinityNorm(), Is.LessThan(1e-14));
        p.Covariance[0, 0] = -5; // a copy: the point is unchanged
        Assert.That(p.Covariance[0, 0], Is.EqualTo(2.0));
    }

    [Test]
    public void BatchRoundTripsAndSamplesReproducibly()
    {
        var means = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 1.0 }, { 2.0, 3.0 }, { -1.0, 0.5 } });
        var logVar = Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, -2.0 }, { 1.0, 0.0 }, { -4.0, 0.2 } });
        var batch = DiagonalNormalBatch.FromMeanLogVariance(means, logVar);
        Assert.That(batch.Count, Is.EqualTo(3));
        Assert.That(batch.Dimension, Is.EqualTo(2));
        Assert.That(batch[1], Is.EqualTo(DiagonalNormal.FromMeanLogVariance(new[] { 2.0, 3.0 }, new[] { 1.0, 0.0 })));
        Assert.That((batch.Variances - logVar.PointwiseExp()).InfinityNorm(), Is.LessThan(1e-15));
        var z1 = batch.Sample(7);
        var z2 = batch.Sample(7);
        Assert.That(z1.Equals(z2), Is.True);
        Assert.That(batch.Sample(8).Equals(z1), Is.False);
        Assert.Throws<ArgumentException>(() => DiagonalNormalBatch.FromMeanStdDev(means, -means.PointwiseAbs()));
        Assert.Throws<ArgumentException>(() => DiagonalNormalBatch.FromMeanStdDev(means, Matrix<double>.Build.Dense(2, 2, 1.0)));
    }
}
