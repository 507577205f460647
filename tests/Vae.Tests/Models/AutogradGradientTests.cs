using NUnit.Framework;
using TorchSharp;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Torch;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>
/// Autograd through the TorchSharp model against central differences (h = 10⁻⁶) in float64: every likelihood (value
/// and gradient w.r.t. the decoder output and the learned log-variance, also against their closed forms) and every
/// objective (β-ELBO, annealed, Monte Carlo KL, Rényi α = 0.5, 0, 1, 2) on MLP and convolutional VAEs with several
/// activations, every parameter element perturbed and compared element-wise (relative 10⁻⁶, absolute 10⁻⁷); the
/// importance-sampled log-likelihood against a log-mean-exp of log-weights computed here from the encoder and decoder outputs.
/// </summary>
[TestFixture]
public sealed class AutogradGradientTests
{
    /// <summary>Relative tolerance per element, |autograd − numeric| ≤ <see cref="AbsoluteTolerance"/> + Tolerance·|autograd|.</summary>
    private const double Tolerance = 1e-6;

    /// <summary>Absolute tolerance per element: the central difference at h = 10⁻⁶ carries a round-off of about
    /// ε<sub>mach</sub>·|loss|/h ≈ 10⁻⁸ (measured max 1.0·10⁻⁸; it falls tenfold at h = 10⁻⁵), so small gradients are
    /// compared absolutely with a tenfold margin.</summary>
    private const double AbsoluteTolerance = 1e-7;

    private static readonly double Log2Pi = Math.Log(2 * Math.PI);

    private static readonly VaeArchitecture MlpBernoulli = VaeArchitecture.Mlp([6], [5, 4], 3) with { Activation = ActivationFunction.Tanh };
    private static readonly VaeArchitecture MlpBernoulliRelu = VaeArchitecture.Mlp([2, 3], [5], 2);
    private static readonly VaeArchitecture MlpGaussianFixed = VaeArchitecture.Mlp([5], [4], 2, DecoderFamily.Gaussian) with { DecoderLogVariance = 0.3, Activation = ActivationFunction.Softplus };
    private static readonly VaeArchitecture MlpGaussianLearned = MlpGaussianFixed with { LearnDecoderVariance = true, Activation = ActivationFunction.LeakyRelu };
    private static readonly VaeArchitecture ConvGaussian = VaeArchitecture.Convolutional([1, 6, 6], [new ConvolutionSpec(2, 3, 2, 1)], [4], 2) with { LearnDecoderVariance = true, Activation = ActivationFunction.Tanh };
    private static readonly VaeArchitecture ConvBernoulli = VaeArchitecture.Convolutional([2, 5, 5], [new ConvolutionSpec(3, 3, 1, 0), new ConvolutionSpec(2, 2, 2, 1)], [], 2, DecoderFamily.Bernoulli) with { Activation = ActivationFunction.Sigmoid };

    private static readonly (string Name, VaeArchitecture Architecture)[] Architectures =
    [
        ("MlpBernoulliTanh", MlpBernoulli), ("MlpBernoulliRelu", MlpBernoulliRelu), ("MlpGaussianFixedSoftplus", MlpGaussianFixed),
        ("MlpGaussianLearnedLeakyRelu", MlpGaussianLearned), ("ConvGaussianLearnedTanh", ConvGaussian), ("ConvBernoulliSigmoid", ConvBernoulli),
    ];

    private static IEnumerable<TestCaseData> Cases()
    {
        var objectives = new (string Name, VaeObjective Objective)[]
        {
            ("ElboAnalyticBeta0.7K2", ElboLoss.Default with { Beta = BetaSchedule.Constant(0.7), Samples = 2 }),
            ("ElboAnnealedStep30of100", ElboLoss.Default with { Beta = BetaSchedule.LinearAnnealing(100) }),
            ("ElboMonteCarloK3", ElboLoss.Default with { AnalyticKl = false, Samples = 3 }),
            ("RenyiAlpha0.5K4", RenyiBound.WithAlpha(0.5, 4)),
            ("RenyiAlpha0K4Iwae", RenyiBound.Iwae(4)),
            ("RenyiAlpha1K3", RenyiBound.WithAlpha(1, 3)),
            ("RenyiAlpha2K3", RenyiBound.WithAlpha(2, 3)),
        };
        foreach (var (an, a) in Architectures)
        foreach (var (on, o) in objectives)
            yield return new TestCaseData(a, o).SetName($"GradientCheck_{an}_{on}");
    }

    [TestCaseSource(nameof(Cases))]
    public void ParameterGradientsMatchCentralDifferences(VaeArchitecture architecture, VaeObjective objective)
    {
        using var model = AutogradCheck.DoubleModel(architecture, seed: 3);
        using var scope = NewDisposeScope();
        var (x, epsilon) = AutogradCheck.Batch(architecture, objective.Samples, batch: 3, seed: 11);
        const long step = 30; // the annealed β is 0.3 here
        var value = objective.Evaluate(model, x, epsilon, step);
        Assert.That(value.Beta, Is.EqualTo(objective.BetaAt(step)));
        double Loss() => objective.Evaluate(model, x, epsilon, step, computeGradients: false).Loss;
        double worstRelative = 0, worstAbsolute = 0;
        int checkedElements = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            Assert.That(p.dtype, Is.EqualTo(ScalarType.Float64), name);
            var elements = AutogradCheck.Elements(p.numel());
            var all = AutogradCheck.Values(p.grad ?? throw new AssertionException($"{name} has no gradient after backward."));
            var analytic = elements.Select(i => all[i]).ToArray();
            var numeric = AutogradCheck.Numeric(p, elements, Loss);
            double relative = AutogradCheck.RelativeError(analytic, numeric);
            worstRelative = Math.Max(worstRelative, relative);
            worstAbsolute = Math.Max(worstAbsolute, AutogradCheck.MaxAbsoluteError(analytic, numeric));
            checkedElements += elements.Length;
            Assert.That(analytic.Max(Math.Abs), Is.GreaterThan(10 * AbsoluteTolerance), $"{name}: the gradient is too small for the check to mean anything");
            AssertClose(analytic, numeric, name);
        }
        Assert.That(checkedElements, Is.EqualTo(model.ParameterCount), "every parameter element is perturbed");
        TestContext.Out.WriteLine($"{checkedElements} elements; max norm-wise relative error {worstRelative:E2}, max absolute error {worstAbsolute:E2}");
    }

    private static void AssertClose(IReadOnlyList<double> analytic, IReadOnlyList<double> numeric, string what)
    {
        for (int i = 0; i < analytic.Count; i++)
            Assert.That(numeric[i], Is.EqualTo(analytic[i]).Within(AbsoluteTolerance + Tolerance * Math.Abs(analytic[i])), $"{what}[{i}]");
    }

    [TestCase("Bernoulli")]
    [TestCase("GaussianFixed")]
    [TestCase("GaussianLearned")]
    public void LikelihoodValueAndGradientsMatchTheClosedFormAndCentralDifferences(string kind)
    {
        const int rows = 3, features = 5;
        const double fixedLogVariance = 0.3;
        var random = new Random(17);
        TorchRuntime.Initialize();
        using Likelihood likelihood = kind switch
        {
            "Bernoulli" => new BernoulliLikelihood(),
            "GaussianFixed" => new GaussianLikelihood(features, fixedLogVariance, learnVariance: false),
            _ => new GaussianLikelihood(features, fixedLogVariance, learnVariance: true),
        };
        likelihood.to(float64);
        using var scope = NewDisposeScope();
        bool bernoulli = kind == "Bernoulli";
        var x = Enumerable.Range(0, rows * features).Select(_ => bernoulli ? random.NextDouble() : 2 * random.NextDouble() - 1).ToArray();
        var o = Enumerable.Range(0, rows * features).Select(_ => 1.5 * MathNet.Numerics.Distributions.Normal.Sample(random, 0, 1)).ToArray();
        var w = Enumerable.Range(0, rows).Select(_ => 0.5 + random.NextDouble()).ToArray();
        var s = Enumerable.Repeat(fixedLogVariance, features).ToArray();
        var parameters = likelihood.named_parameters().ToArray();
        Assert.That(parameters.Select(p => p.name), Is.EqualTo(kind == "GaussianLearned" ? new[] { "log_variance" } : Array.Empty<string>()));
        if (kind == "GaussianLearned")
        {
            s = Enumerable.Range(0, features).Select(_ => random.NextDouble() - 0.5).ToArray();
            using (no_grad()) parameters[0].parameter.copy_(tensor(s, [features], float64));
        }

        var xt = tensor(x, [rows, features], float64);
        var output = tensor(o, [rows, features], float64).requires_grad_();
        var weights = tensor(w, [rows], float64);
        var logProbability = likelihood.LogProbability(xt, output);
        (logProbability * weights).sum().backward();

        // Closed forms, per element (r, j): Bernoulli x ℓ − softplus(ℓ), ∂/∂ℓ = x − σ(ℓ); Gaussian −½[(x − μ)² e^{−s} + s + log 2π],
        // ∂/∂μ = (x − μ) e^{−s}, ∂/∂s = ½[(x − μ)² e^{−s} − 1].
        var expected = new double[rows];
        var outputGradient = new double[rows * features];
        var logVarianceGradient = new double[features];
        for (int r = 0; r < rows; r++)
        for (int j = 0; j < features; j++)
        {
            int i = r * features + j;
            if (bernoulli)
            {
                expected[r] += x[i] * o[i] - (Math.Max(o[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(o[i]))));
                outputGradient[i] = w[r] * (x[i] - 1 / (1 + Math.Exp(-o[i])));
            }
            else
            {
                double scaled = (x[i] - o[i]) * (x[i] - o[i]) * Math.Exp(-s[j]);
                expected[r] += -0.5 * (scaled + s[j] + Log2Pi);
                outputGradient[i] = w[r] * (x[i] - o[i]) * Math.Exp(-s[j]);
                logVarianceGradient[j] += w[r] * 0.5 * (scaled - 1);
            }
        }
        var actual = AutogradCheck.Values(logProbability);
        for (int r = 0; r < rows; r++) Assert.That(actual[r], Is.EqualTo(expected[r]).Within(1e-12 * Math.Max(1, Math.Abs(expected[r]))), $"log p(x|z) row {r}");
        var mean = AutogradCheck.Values(likelihood.Mean(output));
        for (int i = 0; i < o.Length; i++) Assert.That(mean[i], Is.EqualTo(bernoulli ? 1 / (1 + Math.Exp(-o[i])) : o[i]).Within(1e-15), "mean");

        double Weighted()
        {
            using var inner = NewDisposeScope();
            using var noGradients = no_grad();
            return (likelihood.LogProbability(xt, output) * weights).sum().item<double>();
        }
        var autograd = AutogradCheck.Values(output.grad!);
        var numeric = AutogradCheck.Numeric(output, AutogradCheck.Elements(output.numel()), Weighted);
        AssertClose(autograd, numeric, "∂/∂ decoder output vs central differences");
        Assert.That(AutogradCheck.RelativeError(autograd, outputGradient), Is.LessThan(1e-13), "∂/∂ decoder output vs closed form");
        TestContext.Out.WriteLine($"decoder output vs central differences: norm-wise relative error {AutogradCheck.RelativeError(autograd, numeric):E2}, max absolute {AutogradCheck.MaxAbsoluteError(autograd, numeric):E2}");
        if (kind == "GaussianLearned")
        {
            var p = parameters[0].parameter;
            var analytic = AutogradCheck.Values(p.grad!);
            var numericS = AutogradCheck.Numeric(p, AutogradCheck.Elements(features), Weighted);
            AssertClose(analytic, numericS, "∂/∂ likelihood.log_variance vs central differences");
            Assert.That(AutogradCheck.RelativeError(analytic, logVarianceGradient), Is.LessThan(1e-13), "∂/∂ likelihood.log_variance vs closed form");
            TestContext.Out.WriteLine($"log_variance vs central differences: norm-wise relative error {AutogradCheck.RelativeError(analytic, numericS):E2}, max absolute {AutogradCheck.MaxAbsoluteError(analytic, numericS):E2}");
        }
    }

    [TestCase("MlpBernoulliTanh")]
    [TestCase("MlpGaussianFixedSoftplus")]
    [TestCase("ConvGaussianLearnedTanh")]
    public void ImportanceSampledLogLikelihoodIsTheLogMeanExpOfTheLogWeights(string name)
    {
        var architecture = Architectures.Single(a => a.Name == name).Architecture;
        const int samples = 6, batch = 3;
        using var model = AutogradCheck.DoubleModel(architecture, seed: 4);
        using var scope = NewDisposeScope();
        var (x, epsilon) = AutogradCheck.Batch(architecture, samples, batch, seed: 12);
        var estimate = ImportanceSampledLogLikelihood.Evaluate(model, x, epsilon);

        // log w_kb = log p(x_b|z_kb) + log p(z_kb) − log q(z_kb|x_b), with z = μ + σ ε, from the encoder and decoder outputs alone.
        VaePass pass;
        using (no_grad()) pass = model.Forward(x, epsilon);
        int k = architecture.LatentSize, d = architecture.FeatureCount;
        double[] mu = AutogradCheck.Values(pass.Mean), logVariance = AutogradCheck.Values(pass.LogVariance),
            eps = AutogradCheck.Values(epsilon), output = AutogradCheck.Values(pass.DecoderOutput), data = AutogradCheck.Values(x);
        var s = model.named_parameters().Where(p => p.name == "likelihood.log_variance").Select(p => AutogradCheck.Values(p.parameter)).SingleOrDefault()
            ?? Enumerable.Repeat(architecture.DecoderLogVariance, d).ToArray();
        for (int b = 0; b < batch; b++)
        {
            var logWeights = new double[samples];
            for (int m = 0; m < samples; m++)
            {
                double logPrior = -0.5 * k * Log2Pi, logPosterior = -0.5 * k * Log2Pi, logLikelihood = 0;
                for (int j = 0; j < k; j++)
                {
                    double mean = mu[b * k + j], lv = logVariance[b * k + j];
                    double z = mean + Math.Exp(0.5 * lv) * eps[(m * batch + b) * k + j];
                    logPrior -= 0.5 * z * z;
                    logPosterior -= 0.5 * ((z - mean) * (z - mean) * Math.Exp(-lv) + lv);
                }
                for (int j = 0; j < d; j++)
                {
                    double xj = data[b * d + j], oj = output[(m * batch + b) * d + j];
                    logLikelihood += architecture.Decoder == DecoderFamily.Bernoulli
                        ? xj * oj - (Math.Max(oj, 0) + Math.Log(1 + Math.Exp(-Math.Abs(oj))))
                        : -0.5 * ((xj - oj) * (xj - oj) * Math.Exp(-s[j]) + s[j] + Log2Pi);
                }
                logWeights[m] = logLikelihood + logPrior - logPosterior;
            }
            double direct = AutogradCheck.LogMeanExp(logWeights);
            Assert.That(estimate[b], Is.EqualTo(direct).Within(1e-12 * Math.Abs(direct)), $"log p̂(x) of sample {b}");
            Assert.That(estimate[b], Is.GreaterThanOrEqualTo(logWeights.Average() - 1e-12), "Jensen: log-mean-exp ≥ mean");
        }
    }
}
