using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>Inputs that do not fit a model are refused with an <see cref="ArgumentException"/> naming the parameter,
/// instead of a value off by a constant, a NaN, or an error from libtorch.</summary>
[TestFixture]
public sealed class ModelInputChecksTests
{
    [Test]
    public void AGaussianLikelihoodOfAnotherFeatureCountIsRefused()
    {
        // With Features = 1 on 784 features, log p(x|z) came out ½·783·log 2π ≈ 719.5 nats too high, silently.
        var donor = VariationalAutoencoder.Create(VaeArchitecture.Mlp([784], [8], 2, DecoderFamily.Gaussian), 0);
        var e = Assert.Throws<ArgumentException>(() => VariationalAutoencoder.Create(donor.Encoder, donor.Decoder, new GaussianLikelihood(1, 0, false), [784]));
        Assert.That(e!.ParamName, Is.EqualTo("likelihood"));
        Assert.That(e.Message, Does.Contain("1 features").And.Contain("784"));
        Assert.That(VariationalAutoencoder.Create(donor.Encoder, donor.Decoder, new GaussianLikelihood(784, 0, false), [784]).FeatureCount, Is.EqualTo(784));

        using var likelihood = new GaussianLikelihood(1, 0, false);
        using var scope = NewDisposeScope();
        var x = zeros(2, 3);
        var wrong = Assert.Throws<ArgumentException>(() => likelihood.LogProbability(x, zeros(2, 3)));
        Assert.That(wrong!.ParamName, Is.EqualTo("x"));
        Assert.That(wrong.Message, Does.Contain("[2, 3]").And.Contain("[rows, 1]"));
        Assert.That(Assert.Throws<ArgumentException>(() => likelihood.LogProbability(zeros(2, 1), zeros(2, 3)))!.ParamName, Is.EqualTo("output"));
        // The right shape still gives the closed form: x = μ, s = 0 ⇒ log p = −½ log 2π per feature.
        Assert.That(likelihood.LogProbability(zeros(2, 1), zeros(2, 1)).to(float64).data<double>().ToArray(),
            Is.EqualTo(new[] { -0.5 * Math.Log(2 * Math.PI), -0.5 * Math.Log(2 * Math.PI) }).Within(1e-6));
    }

    [Test]
    public void ForwardRefusesAnInputOfTheRightSizeButAnotherShape()
    {
        // Samples of shape [2, 3]: [B, 2, 3] and [B, 6] are accepted; [B, 3, 2] has the right rank and element count
        // and used to be passed on unchanged (to a convolution it would be the wrong layout).
        var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([2, 3], [8], 2), 0);
        using var scope = NewDisposeScope();
        var values = arange(12, dtype: float32).div(12);
        var epsilon = randn(1, 2, 2);
        var shaped = model.Forward(values.reshape(2, 2, 3), epsilon).LogLikelihood.data<float>().ToArray();
        var flat = model.Forward(values.reshape(2, 6), epsilon).LogLikelihood.data<float>().ToArray();
        Assert.That(flat, Is.EqualTo(shaped), "[B, features] is the same samples");
        var e = Assert.Throws<ArgumentException>(() => model.Forward(values.reshape(2, 3, 2), epsilon));
        Assert.That(e!.ParamName, Is.EqualTo("input"));
        Assert.That(e.Message, Does.Contain("[2, 3, 2]").And.Contain("[batch, 2, 3]"));
        Assert.That(Assert.Throws<ArgumentException>(() => model.Forward(values.reshape(2, 2, 3, 1), epsilon))!.ParamName, Is.EqualTo("input"));
    }

    [Test]
    public void EvaluatingAnEmptyDataSetIsAnArgumentErrorNotANaN()
    {
        // The mean over no samples is 0/0: NegativeElbo returned NaN, the two estimators threw InvalidOperationException.
        var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([24], [8], 2), 0);
        var empty = Dataset.Create("empty", ReadOnlySpan<float>.Empty, [], [24]);
        foreach (var (what, call) in new (string, TestDelegate)[]
                 {
                     ("NegativeElbo", () => VaeTrainer.NegativeElbo(model, empty, 100, 0)),
                     ("ImportanceSampledLogLikelihood", () => ImportanceSampledLogLikelihood.Estimate(model, empty, 5, 0)),
                     ("RenyiBound", () => RenyiBound.Estimate(model, empty, 0.5, 5, 0)),
                 })
        {
            var e = Assert.Throws<ArgumentException>(call, what);
            Assert.That(e!.ParamName, Is.EqualTo("data"), what);
            Assert.That(e.Message, Does.Contain("'empty' has no samples"), what);
        }
    }
}
