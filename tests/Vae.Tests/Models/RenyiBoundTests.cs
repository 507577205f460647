using NUnit.Framework;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>The Rényi bound's limits on the same samples (float64): α = 1 is the Monte Carlo ELBO, α = 0 is IWAE, α near 1
/// stays on the ELBO; and <see cref="RenyiBound.Bound"/> against its definition computed here.</summary>
[TestFixture]
public sealed class RenyiBoundTests
{
    private static readonly VaeArchitecture Architecture = VaeArchitecture.Mlp([8], [6], 3);

    private static double[] Gradients(VariationalAutoencoder model) =>
        model.parameters().SelectMany(p => AutogradCheck.Values(p.grad!)).ToArray();

    /// <summary>The log-weights log w <c>[K, B]</c> of a pass, row-major, and their per-column log-mean-exp and mean.</summary>
    private static double[,] LogWeights(VariationalAutoencoder model, Tensor x, Tensor epsilon)
    {
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        var pass = model.Forward(x, epsilon);
        var values = AutogradCheck.Values(pass.LogWeights());
        var result = new double[pass.Samples, pass.BatchSize];
        for (int k = 0; k < pass.Samples; k++)
        for (int b = 0; b < pass.BatchSize; b++)
            result[k, b] = values[k * pass.BatchSize + b];
        return result;
    }

    private static double[] Column(double[,] a, int b) => Enumerable.Range(0, a.GetLength(0)).Select(k => a[k, b]).ToArray();

    [Test]
    public void AlphaOneEqualsTheMonteCarloElboOnTheSameSamples()
    {
        using var model = AutogradCheck.DoubleModel(Architecture, 5);
        var (x, epsilon) = AutogradCheck.Batch(Architecture, 5, 4, 9);
        var renyi = RenyiBound.WithAlpha(1, 5).Evaluate(model, x, epsilon);
        var renyiGradient = Gradients(model);
        var elbo = (ElboLoss.Default with { AnalyticKl = false, Samples = 5 }).Evaluate(model, x, epsilon);
        var elboGradient = Gradients(model);
        Assert.That(Math.Abs(renyi.Loss - elbo.Loss) / Math.Abs(elbo.Loss), Is.LessThan(1e-9));
        Assert.That(AutogradCheck.RelativeError(renyiGradient, elboGradient), Is.LessThan(1e-9));
        Assert.That(renyiGradient.Any(g => g != 0), "the gradients are not all zero");
        // Both are −(1/KB) Σ log w, computed here from the pass's log-weights.
        var logWeights = LogWeights(model, x, epsilon);
        Assert.That(elbo.Loss, Is.EqualTo(-logWeights.Cast<double>().Average()).Within(1e-12 * Math.Abs(elbo.Loss)));
        x.Dispose();
        epsilon.Dispose();
    }

    [Test]
    public void AlphaZeroEqualsTheIwaeEstimatorOnTheSameSamples()
    {
        using var model = AutogradCheck.DoubleModel(Architecture, 5);
        var (x, epsilon) = AutogradCheck.Batch(Architecture, 6, 4, 10);
        double renyi = RenyiBound.WithAlpha(0, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        var logWeights = LogWeights(model, x, epsilon);
        double iwae = -Enumerable.Range(0, 4).Average(b => AutogradCheck.LogMeanExp(Column(logWeights, b)));
        Assert.That(Math.Abs(renyi - iwae) / Math.Abs(iwae), Is.LessThan(1e-9), "−L₀ = −mean_b log (1/K) Σ_k w_kb");
        Assert.That(RenyiBound.Iwae(6), Is.EqualTo(RenyiBound.WithAlpha(0, 6)));
        var perSample = ImportanceSampledLogLikelihood.Evaluate(model, x, epsilon);
        Assert.That(Math.Abs(-perSample.Average() - iwae) / Math.Abs(iwae), Is.LessThan(1e-9), "the IS log-likelihood on the same noise");
        x.Dispose();
        epsilon.Dispose();
    }

    [TestCase(1e-7)]
    [TestCase(-1e-7)]
    public void AlphaWithinOneTenMillionthOfOneIsTheElboPlusItsFirstCorrection(double delta)
    {
        // L_α = m + log((1/K) Σ e^{c d_k})/c with c = 1 − α, d = log w − m: = m + (c/2) Var(d) + O(c²), Var the population
        // variance. The O(c) gap to the ELBO is mathematical (here |gap| = 3.4·10⁻⁸, Var(log w) ≈ 0.7 nats²); what the stable
        // log1p/expm1 branch buys is that L_α carries no cancellation error of order ε/|c| ≈ 10⁻⁹ on top of it.
        using var model = AutogradCheck.DoubleModel(Architecture, 5);
        var (x, epsilon) = AutogradCheck.Batch(Architecture, 5, 4, 9);
        double alpha = 1 + delta, c = 1 - alpha;
        var elboObjective = ElboLoss.Default with { AnalyticKl = false, Samples = 5 };
        double elbo = elboObjective.Evaluate(model, x, epsilon).Loss;
        var elboGradient = Gradients(model);
        double renyi = RenyiBound.WithAlpha(alpha, 5).Evaluate(model, x, epsilon).Loss;
        var renyiGradient = Gradients(model);
        var logWeights = LogWeights(model, x, epsilon);
        double firstCorrection = -Enumerable.Range(0, 4).Average(b =>
        {
            var column = Column(logWeights, b);
            double m = column.Average();
            return 0.5 * c * column.Average(v => (v - m) * (v - m));
        });
        TestContext.Out.WriteLine($"α = 1 {delta:+0e0;-0e0}: −L_α − (−ELBO) = {renyi - elbo:E3}, first-order correction {firstCorrection:E3}, "
            + $"residual {renyi - elbo - firstCorrection:E3}; gradients differ by {AutogradCheck.RelativeError(renyiGradient, elboGradient):E2} (norm-wise relative)");
        Assert.That(renyi - elbo, Is.EqualTo(firstCorrection).Within(1e-9), "−L_α = −ELBO − (1 − α) Var(log w)/2 + O((1 − α)²)");
        Assert.That(Math.Sign(renyi - elbo), Is.EqualTo(Math.Sign(delta)), "L_α is non-increasing in α");
        Assert.That(AutogradCheck.RelativeError(renyiGradient, elboGradient), Is.LessThan(1e-6));
        x.Dispose();
        epsilon.Dispose();
    }

    [Test]
    public void AlphaNearOneApproachesTheElboContinuously()
    {
        using var model = AutogradCheck.DoubleModel(Architecture, 5);
        var (x, epsilon) = AutogradCheck.Batch(Architecture, 5, 4, 9);
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
        x.Dispose();
        epsilon.Dispose();
    }

    [Test]
    public void IwaeIsAtLeastTheElboOnTheSameSamples()
    {
        using var model = AutogradCheck.DoubleModel(Architecture, 5);
        var (x, epsilon) = AutogradCheck.Batch(Architecture, 6, 4, 10);
        double iwae = -RenyiBound.WithAlpha(0, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        double elbo = -RenyiBound.WithAlpha(1, 6).Evaluate(model, x, epsilon, computeGradients: false).Loss;
        Assert.That(iwae, Is.GreaterThan(elbo)); // Jensen: log mean w ≥ mean log w, per data point (strict unless all w are equal)
        x.Dispose();
        epsilon.Dispose();
    }

    [TestCase(-1.0)]
    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(0.999)]
    [TestCase(1.0)]
    [TestCase(0.9999999)]
    [TestCase(1.0000001)]
    [TestCase(2.0)]
    [TestCase(5.0)]
    public void BoundIsTheDefinitionAndItsGradientTheNormalisedWeights(double alpha)
    {
        // Columns from nearly equal log-weights to 60 nats apart: the log1p branch near α = 1, the max-shifted log-sum-exp
        // otherwise. At α = 1 ± 10⁻⁷ a mean-shifted log-sum-exp alone would miss columns 1 and 2 by 1.7·10⁻¹⁰ (checked in
        // 60-digit decimal arithmetic), beyond the 10⁻¹² tolerance; the reference is the cumulant series there.
        const int samples = 4, batch = 3;
        double[,] l = { { -10.0, -3.0, -120.0 }, { -10.000001, 2.0, -60.0 }, { -9.999999, -1.5, -90.0 }, { -10.0000005, 0.25, -75.0 } };
        using var scope = NewDisposeScope();
        var logWeights = tensor(l.Cast<double>().ToArray(), [samples, batch], float64).requires_grad_();
        var bound = RenyiBound.Bound(logWeights, alpha);
        bound.sum().backward();
        var values = AutogradCheck.Values(bound);
        var gradient = AutogradCheck.Values(logWeights.grad!);
        double c = 1 - alpha;
        for (int b = 0; b < batch; b++)
        {
            var column = Column(l, b);
            double m = column.Average();
            // 1/(1 − α) · log (1/K) Σ w^{1−α}, shifted by the mean for accuracy; the mean of log w at α = 1.
            var u = column.Select(v => c * (v - m)).ToArray();
            double expected = c == 0 ? m : m + LogMeanExpReference(u) / c;
            Assert.That(values[b], Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"L_α of column {b}");
            // ∂L_α/∂ log w_k = softmax((1 − α) log w)_k; 1/K at α = 1.
            double max = u.Max(), sum = u.Sum(v => Math.Exp(v - max));
            for (int k = 0; k < samples; k++)
                Assert.That(gradient[k * batch + b], Is.EqualTo(Math.Exp(u[k] - max) / sum).Within(1e-12), $"∂L/∂ℓ[{k}, {b}]");
        }
    }

    /// <summary>log (1/K) Σ e^{u_k}: for max |u| &lt; 10⁻³ its cumulant series κ₁ + κ₂/2 + κ₃/6 + κ₄/24 (truncation ≈ |u|⁵, no
    /// cancellation), else the max-shifted log-mean-exp.</summary>
    private static double LogMeanExpReference(double[] u)
    {
        if (u.Max(Math.Abs) >= 1e-3) return AutogradCheck.LogMeanExp(u);
        double mean = u.Average();
        double Moment(int r) => u.Average(v => Math.Pow(v - mean, r));
        double k2 = Moment(2), k3 = Moment(3), k4 = Moment(4) - 3 * k2 * k2;
        return mean + k2 / 2 + k3 / 6 + k4 / 24;
    }

    [Test]
    public void EstimateOverADataSetIsTheImportanceSampledLogLikelihoodAtAlphaZeroAndDecreasesWithAlpha()
    {
        var architecture = VaeArchitecture.Mlp([6], [5], 2);
        using var model = VariationalAutoencoder.Create(architecture, 3);
        var random = new Random(4);
        var features = Enumerable.Range(0, 37 * 6).Select(_ => (float)random.NextDouble()).ToArray();
        var data = Vae.Core.Data.Dataset.Create("random", features, new int[37], [6]);
        // Same seed, same K, batches that keep all K draws in one pass: the same noise as the IS estimator, whose
        // log-sum-exp is coded separately (chunked, logaddexp).
        var iwae = RenyiBound.Estimate(model, data, 0, 7, 11, 10);
        var importance = ImportanceSampledLogLikelihood.Estimate(model, data, 7, 11, 10);
        Assert.That(iwae.PerSample.Zip(importance.PerSample).Max(p => Math.Abs(p.First - p.Second)), Is.LessThan(1e-9));
        double previous = double.PositiveInfinity;
        foreach (double alpha in new[] { -1.0, 0.0, 0.5, 0.999, 1.0, 2.0 })
        {
            var bound = RenyiBound.Estimate(model, data, alpha, 7, 11, 10);
            Assert.That(bound.Mean, Is.LessThanOrEqualTo(previous + 1e-9), $"L_α is non-increasing in α (α = {alpha})");
            Assert.That(bound.PerSample, Has.Count.EqualTo(37).And.All.Matches<double>(double.IsFinite));
            previous = bound.Mean;
        }
        Assert.That(() => RenyiBound.Estimate(model, data, double.NaN, 7, 11), Throws.InstanceOf<ArgumentOutOfRangeException>().With.Message.Contains("alpha"));
        Assert.That(() => RenyiBound.Estimate(model, data, 0, 0, 11), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    [Test]
    public void InvalidHyperParametersAreRejectedWithTheirNames()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => RenyiBound.WithAlpha(double.NaN, 3));
        Assert.That(e!.ParamName, Is.EqualTo("Alpha"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => RenyiBound.WithAlpha(0.5, 0))!.ParamName, Is.EqualTo("Samples"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => BetaSchedule.Constant(-0.1))!.ParamName, Is.EqualTo("Beta"));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenyiBound.Iwae(0));
    }
}
