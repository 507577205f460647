using NUnit.Framework;
using Vae.Core.Engine;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Tests.Engine;

namespace Vae.Tests.Models;

/// <summary>Gradients of every objective, for every decoder family, against central differences (double, &lt; 1e-6).</summary>
[TestFixture]
public sealed class ObjectiveGradientTests
{
    private const double Tolerance = 1e-6;

    private static readonly VaeArchitecture MlpBernoulli = VaeArchitecture.Mlp([6], [5, 4], 3) with { Activation = ActivationFunction.Tanh };
    private static readonly VaeArchitecture MlpBernoulliRelu = VaeArchitecture.Mlp([2, 3], [5], 2);
    private static readonly VaeArchitecture MlpGaussianFixed = VaeArchitecture.Mlp([5], [4], 2, DecoderFamily.Gaussian) with { DecoderLogVariance = 0.3, Activation = ActivationFunction.Softplus };
    private static readonly VaeArchitecture MlpGaussianLearned = MlpGaussianFixed with { LearnDecoderVariance = true, Activation = ActivationFunction.LeakyRelu };
    private static readonly VaeArchitecture ConvGaussian = VaeArchitecture.Convolutional([1, 6, 6], [new ConvolutionSpec(2, 3, 2, 1)], [4], 2) with { LearnDecoderVariance = true, Activation = ActivationFunction.Tanh };
    private static readonly VaeArchitecture ConvBernoulli = VaeArchitecture.Convolutional([2, 5, 5], [new ConvolutionSpec(3, 3, 1, 0), new ConvolutionSpec(2, 2, 2, 1)], [], 2, DecoderFamily.Bernoulli) with { Activation = ActivationFunction.Sigmoid };

    private static IEnumerable<TestCaseData> Cases()
    {
        var objectives = new (string Name, VaeObjective Objective)[]
        {
            ("ElboAnalyticBeta0.7K2", ElboLoss.Default with { Beta = BetaSchedule.Constant(0.7), Samples = 2 }),
            ("ElboAnnealedStep30of100", ElboLoss.Default with { Beta = BetaSchedule.LinearAnnealing(100) }),
            ("ElboMonteCarloK3", ElboLoss.Default with { AnalyticKl = false, Samples = 3 }),
            ("RenyiAlpha0.5K4", RenyiBound.WithAlpha(0.5, 4)),
            ("RenyiAlpha0K4Iwae", RenyiBound.WithAlpha(0, 4)),
            ("RenyiAlpha1K3", RenyiBound.WithAlpha(1, 3)),
            ("RenyiAlpha2K3", RenyiBound.WithAlpha(2, 3)),
        };
        var architectures = new (string Name, VaeArchitecture Architecture)[]
        {
            ("MlpBernoulliTanh", MlpBernoulli), ("MlpBernoulliRelu", MlpBernoulliRelu), ("MlpGaussianFixed", MlpGaussianFixed),
            ("MlpGaussianLearned", MlpGaussianLearned), ("ConvGaussianLearned", ConvGaussian), ("ConvBernoulli", ConvBernoulli),
        };
        foreach (var (an, a) in architectures)
        foreach (var (on, o) in objectives)
            yield return new TestCaseData(a, o).SetName($"GradientCheck_{an}_{on}");
    }

    [TestCaseSource(nameof(Cases))]
    public void ParameterGradientsMatchCentralDifferences(VaeArchitecture architecture, VaeObjective objective)
    {
        var model = VariationalAutoencoder<double>.Create(architecture, seed: 3);
        var (x, epsilon) = Batch(architecture, objective.Samples, batch: 3, seed: 11);
        const long step = 30;
        objective.Evaluate(model, x, epsilon, step);
        var analytic = model.Parameters.Select(p => p.Gradient.ToArray()).ToArray();
        double Loss() => objective.Evaluate(model, x, epsilon, step, computeGradients: false).Loss;
        for (int p = 0; p < model.Parameters.Count; p++)
        {
            var numeric = GradientCheck.Numeric(model.Parameters[p].Value, Loss, 1e-4);
            Assert.That(GradientCheck.RelativeError(analytic[p], numeric), Is.LessThan(Tolerance), model.Parameters[p].Name);
        }
    }

    internal static (Tensor<double> X, Tensor<double> Epsilon) Batch(VaeArchitecture architecture, int samples, int batch, int seed)
    {
        var random = new Random(seed);
        var x = Tensor<double>.Zeros([batch, .. architecture.InputShape]);
        var values = new double[x.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = architecture.Decoder == DecoderFamily.Bernoulli ? random.NextDouble() : 2 * random.NextDouble() - 1;
        x.CopyFrom(values);
        var epsilon = Tensor<double>.Zeros(samples, batch, architecture.LatentSize);
        var e = new double[epsilon.Length];
        for (int i = 0; i < e.Length; i++) e[i] = MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1);
        epsilon.CopyFrom(e);
        return (x, epsilon);
    }
}
