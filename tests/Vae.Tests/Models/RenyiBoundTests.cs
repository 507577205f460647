using NUnit.Framework;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;

namespace Vae.Tests.Models;

/// <summary>The Rényi bound's limits on the same samples (double): α = 1 is the Monte Carlo ELBO, α = 0 is IWAE.</summary>
[TestFixture]
public sealed class RenyiBoundTests
{
    private static readonly VaeArchitecture Architecture = VaeArchitecture.Mlp([8], [6], 3);

    [Test]
    public void AlphaOneEqualsTheElboEstimatorOnTheSameSamples()
    {
        var model = VariationalAutoencoder<double>.Create(Architecture, 5);
        var (x, epsilon) = ObjectiveGradientTests.Batch(Architecture, 5, 4, 9);
        var renyi = RenyiBound.WithAlpha(1, 5).Evaluate(model, x, epsilon);
        var renyiGradient = model.Parameters.SelectMany(p => p.Gradient.ToArray()).ToArray();
        var elbo = (ElboLoss.Default with { AnalyticKl = false, Samples = 5 }).Evaluate(model, x, epsilon);
        var elboGradient = model.Parameters.SelectMany(p => p.Gradient.ToArray()).ToArray();
        Assert.That(renyi.Loss, Is.EqualTo(elbo.Loss).Within(1e-9).Percent.Or.EqualTo(elbo.Loss).Within(1e-9));
        Assert.That(Math.Abs(renyi.Loss - elbo.Loss) / Math.Abs(elbo.Loss), Is.LessThan(1e-9));
        Assert.That(Vae.Tests.Engine.GradientCheck.RelativeError(renyiGradient, elboGradient), Is.LessThan(1e-9));
    }

    [Test]
    public void AlphaNearOneApproachesTheElboContinuously()
    {
        var model = VariationalAutoencoder<double>.Create(Architecture, 5);
        var (x, epsilon) = ObjectiveGradientTests.Batch(Architecture, 5, 4, 9);
        double atOne = RenyiBound.WithAlpha(1, 5).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        foreach (var delta in new[] { 1e-3, 1e-5, 1e-8 })
        {
            double below = RenyiBound.WithAlpha(1 - delta, 5).Evaluate(model, x, epsilon, computeGradients: false).Loss;
            double above = RenyiBound.WithAlpha(1 + delta, 5).Evaluate(model, x, epsilon, computeGradients: false).Loss;
            // L_α is non-increasing in α, so −L_α is non-decreasing: below ≤ at 1 ≤ above, and the gap is O(δ).
            Assert.That(below, Is.LessThanOrEqualTo(atOne + 1e-12));
            Assert.That(above, Is.GreaterThanOrEqualTo(atOne - 1e-12));
            Assert.That(above - below, Is.LessThan(100 * delta * Math.Abs(atOne)));
        }
    }

    [Test]
    public void AlphaZeroEqualsTheIwaeEstimatorOnTheSameSamples()
    {
        var model = VariationalAutoencoder<double>.Create(Architecture, 5);
        var (x, epsilon) = ObjectiveGradientTests.Batch(Architecture, 6, 4, 10);
        double renyi = RenyiBound.WithAlpha(0, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        var perSample = ImportanceSampledLogLikelihood.Evaluate(model, x, epsilon);
        double iwae = -perSample.Average();
        Assert.That(Math.Abs(renyi - iwae) / Math.Abs(iwae), Is.LessThan(1e-9));
    }

    [Test]
    public void IwaeIsAtLeastTheElboOnTheSameSamples()
    {
        var model = VariationalAutoencoder<double>.Create(Architecture, 5);
        var (x, epsilon) = ObjectiveGradientTests.Batch(Architecture, 6, 4, 10);
        double iwae = -RenyiBound.WithAlpha(0, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        double elbo = -RenyiBound.WithAlpha(1, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        Assert.That(iwae, Is.GreaterThanOrEqualTo(elbo)); // Jensen: log mean w ≥ mean log w, per data point
    }

    [Test]
    public void InvalidHyperParametersAreRejectedWithTheirNames()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RenyiBound.WithAlpha(double.NaN, 3));
        Assert.That(e!.ParamName, Is.EqualTo("Alpha"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenyiBound.WithAlpha(0.5, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => BetaSchedule.Constant(-0.1));
    }
}
