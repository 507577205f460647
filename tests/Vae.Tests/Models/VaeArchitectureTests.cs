using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;

namespace Vae.Tests.Models;

[TestFixture]
public sealed class VaeArchitectureTests
{
    [Test]
    public void ConvolutionalVaeOnDistanceMatricesEncodesAndDecodesWithTheRightShapes()
    {
        // The fluids set-up: 30×30 distance matrices, latent 40, Gaussian decoder (MSE + λ·KL).
        var architecture = VaeArchitecture.Convolutional([1, 30, 30], [new ConvolutionSpec(16, 3, 2, 1), new ConvolutionSpec(32, 3, 2, 1)], [128], 40);
        Assert.That(architecture.ConvolutionShapes().Select(s => s.ToArray()), Is.EqualTo(new[] { new[] { 1, 30, 30 }, new[] { 16, 15, 15 }, new[] { 32, 8, 8 } }));
        using var model = VariationalAutoencoder.Create(architecture, 1);
        var random = new Random(2);
        var data = Dataset.Create("random", Enumerable.Range(0, 5 * 900).Select(_ => (float)random.NextDouble()).ToArray(), [0, 0, 0, 0, 0], [1, 30, 30]);
        var codes = model.Encode(data);
        Assert.That(codes.Mean.RowCount, Is.EqualTo(5));
        Assert.That(codes.LogVariance.ColumnCount, Is.EqualTo(40));
        var decoded = model.Decode(codes.Mean);
        Assert.That(decoded.ColumnCount, Is.EqualTo(900));
        using var batch = model.Batch(data, 0, 5);
        Assert.That(batch.shape, Is.EqualTo(new long[] { 5, 1, 30, 30 }));
        using var generator = new TorchSharp.torch.Generator(3);
        var value = (ElboLoss.Default with { Beta = BetaSchedule.Constant(0.1) }).Evaluate(model, batch, generator);
        Assert.That(value.IsFinite);
        Assert.That(value.Beta, Is.EqualTo(0.1));
        Assert.That(value.Loss, Is.EqualTo(value.Reconstruction + 0.1 * value.Kl).Within(1e-4 * Math.Abs(value.Loss)));
        using var reconstruction = model.call(batch);
        Assert.That(reconstruction.shape, Is.EqualTo(batch.shape));
    }

    private static IEnumerable<TestCaseData> CountedArchitectures()
    {
        yield return new TestCaseData(VaeArchitecture.Mlp([784], [200, 200], 30)).SetName("ParameterCount_MlpBernoulli");
        yield return new TestCaseData(VaeArchitecture.Mlp([1, 28, 28], [20], 2, DecoderFamily.Gaussian)).SetName("ParameterCount_MlpGaussianFixed");
        yield return new TestCaseData(VaeArchitecture.Mlp([2, 3], [5, 4, 3], 2, DecoderFamily.Gaussian) with { LearnDecoderVariance = true }).SetName("ParameterCount_MlpGaussianLearned");
        yield return new TestCaseData(VaeArchitecture.Convolutional([1, 30, 30], [new ConvolutionSpec(16, 3, 2, 1), new ConvolutionSpec(32, 3, 2, 1)], [128], 40)).SetName("ParameterCount_ConvGaussianFixed");
        yield return new TestCaseData(VaeArchitecture.Convolutional([2, 5, 5], [new ConvolutionSpec(3, 3, 1, 0), new ConvolutionSpec(2, 2, 2, 1)], [], 2, DecoderFamily.Bernoulli)).SetName("ParameterCount_ConvBernoulliNoHidden");
        yield return new TestCaseData(VaeArchitecture.Convolutional([3, 12, 10], [new ConvolutionSpec(4, 3, 2, 1)], [16, 8], 5) with { LearnDecoderVariance = true, DecoderLogVariance = -1 }).SetName("ParameterCount_ConvGaussianLearnedRectangular");
    }

    [TestCaseSource(nameof(CountedArchitectures))]
    public void ParameterCountWithoutBuildingEqualsTheBuiltModels(VaeArchitecture architecture)
    {
        using var model = VariationalAutoencoder.Create(architecture, 0);
        long counted = model.named_parameters().Sum(p => p.parameter.numel());
        Assert.That(architecture.ParameterCount(), Is.EqualTo(model.ParameterCount));
        Assert.That(model.ParameterCount, Is.EqualTo(counted));
        Assert.That(model.named_parameters().Any(p => p.name == "likelihood.log_variance"),
            Is.EqualTo(architecture.Decoder == DecoderFamily.Gaussian && architecture.LearnDecoderVariance));
    }

    [Test]
    public void JsonRoundTripKeepsEveryField()
    {
        var a = VaeArchitecture.Convolutional([2, 12, 10], [new ConvolutionSpec(4, 3, 2, 1)], [16, 8], 5) with
        {
            Activation = ActivationFunction.Softplus, DecoderLogVariance = -0.5, LearnDecoderVariance = true,
        };
        Assert.That(VaeArchitecture.FromJson(a.ToJson()), Is.EqualTo(a));
        Assert.That(VaeArchitecture.FromJson(a.ToJson()), Is.Not.EqualTo(a with { LatentSize = 6 }));
    }

    [Test]
    public void InvalidDescriptionsAreRejectedWithTheirNames()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => VaeArchitecture.Mlp([784], [200], 0))!.ParamName, Is.EqualTo("LatentSize"));
        Assert.That(Assert.Throws<ArgumentException>(() => VaeArchitecture.Mlp([784], [], 2))!.Message, Does.Contain("at least one hidden layer"));
        Assert.That(Assert.Throws<ArgumentException>(() => VaeArchitecture.Convolutional([784], [new ConvolutionSpec(4, 3)], [], 2))!.Message, Does.Contain("[channels, height, width]"));
        Assert.That(Assert.Throws<ArgumentException>(() => VaeArchitecture.Convolutional([1, 4, 4], [new ConvolutionSpec(4, 7)], [], 2))!.Message, Does.Contain("does not fit"));
        Assert.Throws<InvalidDataException>(() => VaeArchitecture.FromJson("{\"input_shape\": [3]}"));
    }

    [Test]
    public void EncodeRejectsDataOfAnotherShape()
    {
        using var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([1, 28, 28], [20], 2), 1);
        var data = Dataset.Create("small", new float[3 * 10], [0, 1, 2], [10]);
        var e = Assert.Throws<ArgumentException>(() => model.Encode(data));
        Assert.That(e!.Message, Does.Contain("10 features").And.Contain("784"));
        Assert.Throws<ArgumentException>(() => model.Decode(Matrix<double>.Build.Dense(2, 3)));
    }
}
