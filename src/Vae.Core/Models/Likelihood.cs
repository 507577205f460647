using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Core.Models;

/// <summary>
/// The observation model p(x|z) of a VAE, evaluated from the decoder's output. A <c>torch.nn.Module</c> so that a
/// likelihood may own parameters (the Gaussian's learned variance, state_dict name <c>likelihood.log_variance</c>).
/// </summary>
/// <remarks>Derive from it for another observation model; the objectives only call <see cref="LogProbability"/>.</remarks>
public abstract class Likelihood : nn.Module
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">Module name.</param>
    protected Likelihood(string name) : base(name) { }

    /// <summary>log p(x|z) per row, in nats.</summary>
    /// <param name="x">Data <c>[rows, features]</c>.</param>
    /// <param name="output">Decoder output for the same rows, <c>[rows, features]</c> (flattened).</param>
    /// <returns><c>[rows]</c>, nats.</returns>
    public abstract Tensor LogProbability(Tensor x, Tensor output);

    /// <summary>The mean E[x|z] from the decoder output (e.g. σ(logits) for a Bernoulli likelihood).</summary>
    /// <param name="output">Decoder output, any shape.</param>
    /// <returns>Same shape as <paramref name="output"/>.</returns>
    public abstract Tensor Mean(Tensor output);
}

/// <summary>Bernoulli likelihood on logits ℓ: log p(x|z) = Σ<sub>j</sub> x<sub>j</sub> ℓ<sub>j</sub> − log(1 + e<sup>ℓ<sub>j</sub></sup>)
/// (= −BCE with logits; <c>torch.nn.functional.binary_cross_entropy_with_logits</c>), for x ∈ [0, 1].</summary>
public sealed class BernoulliLikelihood : Likelihood
{
    /// <summary>Creates the likelihood.</summary>
    public BernoulliLikelihood() : base(nameof(BernoulliLikelihood)) { }

    /// <inheritdoc />
    public override Tensor LogProbability(Tensor x, Tensor output) =>
        nn.functional.binary_cross_entropy_with_logits(output, x, reduction: nn.Reduction.None).sum(1).neg();

    /// <inheritdoc />
    public override Tensor Mean(Tensor output) => output.sigmoid();
}

/// <summary>Gaussian likelihood with per-feature log-variance s: log p(x|z) = −½ Σ<sub>j</sub> [(x<sub>j</sub> − μ<sub>j</sub>)² e<sup>−s<sub>j</sub></sup> + s<sub>j</sub> + log 2π],
/// μ the decoder output. s is fixed, or a learned parameter <c>log_variance</c> <c>[features]</c>.</summary>
public sealed class GaussianLikelihood : Likelihood
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
#pragma warning disable IDE1006 // PyTorch parameter name: the field name is the state_dict name
    private readonly TorchSharp.Modules.Parameter? log_variance;
#pragma warning restore IDE1006
    private readonly double _fixedLogVariance;

    /// <summary>Creates the likelihood.</summary>
    /// <param name="features">Number of features d ≥ 1.</param>
    /// <param name="logVariance">log σ² (log of data units²): the fixed value, or the initial value when learned; finite.</param>
    /// <param name="learnVariance">Learn a per-feature log-variance, initialised to <paramref name="logVariance"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="features"/> &lt; 1 or <paramref name="logVariance"/> is not finite.</exception>
    public GaussianLikelihood(int features, double logVariance, bool learnVariance) : base(nameof(GaussianLikelihood))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(features, 1);
        if (!double.IsFinite(logVariance)) throw new ArgumentOutOfRangeException(nameof(logVariance), logVariance, "logVariance must be finite.");
        Features = features;
        _fixedLogVariance = logVariance;
        if (learnVariance) log_variance = nn.Parameter(full(features, logVariance, dtype: float32));
        RegisterComponents();
    }

    /// <summary>Number of features d.</summary>
    public int Features { get; }

    /// <summary>True when the log-variance is a learned parameter.</summary>
    public bool LearnsVariance => log_variance is not null;

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="x"/> or <paramref name="output"/> is not <c>[rows, Features]</c>.</exception>
    public override Tensor LogProbability(Tensor x, Tensor output)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(output);
        if (x.shape.Length != 2 || x.shape[1] != Features)
            throw new ArgumentException($"x has shape [{string.Join(", ", x.shape)}]; this likelihood expects [rows, {Features}].", nameof(x));
        if (!output.shape.SequenceEqual(x.shape))
            throw new ArgumentException($"output has shape [{string.Join(", ", output.shape)}]; expected x's shape [{string.Join(", ", x.shape)}].", nameof(output));
        using var scope = NewDisposeScope();
        var diff = x - output;
        Tensor result;
        if (log_variance is null)
            result = diff.square().sum(1).mul(-0.5 * Math.Exp(-_fixedLogVariance)).sub(0.5 * Features * (_fixedLogVariance + Log2Pi));
        else
            result = (diff.square() * log_variance.neg().exp() + log_variance).sum(1).add(Features * Log2Pi).mul(-0.5);
        return result.MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override Tensor Mean(Tensor output) => output.alias();
}
