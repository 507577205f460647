using Vae.Core.Data;
using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// The variational Rényi bound (Li &amp; Turner 2016, eq. 5 with the K-sample estimator of §4):
/// L<sub>α</sub> = 1/(1 − α) · log (1/K) Σ<sub>k</sub> w<sub>k</sub><sup>1−α</sup>, w<sub>k</sub> = p(x, z<sub>k</sub>)/q(z<sub>k</sub>|x),
/// minimised as Loss = −L<sub>α</sub> averaged over the batch, nats per sample. α = 0 is the IWAE bound
/// (Burda et al. 2016); α → 1 is the Monte Carlo ELBO (1/K) Σ log w<sub>k</sub>, used exactly at α = 1.
/// </summary>
/// <remarks>
/// <para>Stable evaluation with ℓ<sub>k</sub> = log w<sub>k</sub>, m = mean ℓ and u<sub>k</sub> = (1 − α)(ℓ<sub>k</sub> − m):
/// L<sub>α</sub> = m + log((1/K) Σ e<sup>u<sub>k</sub></sup>)/(1 − α), using log1p(mean expm1 u) when every |u<sub>k</sub>| &lt; 1
/// (no cancellation as α → 1) and a max-shifted log-sum-exp otherwise.</para>
/// <para>Gradient (by autograd): ∂L<sub>α</sub>/∂ℓ<sub>k</sub> = ŵ<sub>k</sub> = softmax(u)<sub>k</sub>, the normalised importance weights raised to 1 − α.</para>
/// </remarks>
public sealed record RenyiBound : VaeObjective
{
    /// <summary>Every property at its documented default.</summary>
    public RenyiBound() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>RenyiBound(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public RenyiBound(RenyiBound original) : base(original)
    {
        Alpha = original.Alpha;
    }

    /// <summary>Order α of the Rényi divergence; any finite real (α = 0: IWAE; α = 1: ELBO).</summary>
    public double Alpha { get; init; }

    /// <summary>The bound of order <paramref name="alpha"/> with <paramref name="samples"/> samples per data point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite or K &lt; 1.</exception>
    public static RenyiBound WithAlpha(double alpha, int samples)
    {
        var b = new RenyiBound { Alpha = alpha, Samples = samples };
        b.Validate();
        return b;
    }

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        if (!double.IsFinite(Alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be finite.");
    }

    /// <summary>The IWAE bound (Burda et al. 2016, eq. 8): the Rényi bound with α = 0 and <paramref name="samples"/> samples.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> &lt; 1.</exception>
    public static RenyiBound Iwae(int samples) => WithAlpha(0, samples);

    /// <inheritdoc />
    public override Tensor Loss(VaePass pass, long step)
    {
        ArgumentNullException.ThrowIfNull(pass);
        return Bound(pass.LogWeights(), Alpha).mean().neg();
    }

    /// <summary>Evaluates L<sub>α</sub> with K samples for every data point of a data set, without gradients: the
    /// bound the paper reports beside the importance-sampled log-likelihood (Peşte, Malagò &amp; Sârbu, Fig. 2 right:
    /// K = 10).</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Samples with the model's feature count.</param>
    /// <param name="alpha">α, finite (0: the IWAE bound, 1: the Monte Carlo ELBO).</param>
    /// <param name="samples">K ≥ 1 per data point.</param>
    /// <param name="seed">Seed of the noise (a libtorch CPU generator); bit-reproducible for a fixed seed and thread count.</param>
    /// <param name="batchSize">Data points per forward pass, ≥ 1; reduced so that one pass holds at most about 10 000
    /// decoder rows, all K draws of a data point always in one pass (so the stable form above applies).</param>
    /// <returns>Per-sample L<sub>α</sub> and their mean and standard error, nats.</returns>
    /// <exception cref="ArgumentException">The feature count differs from the model's, or <paramref name="data"/> has no samples.</exception>
    /// <exception cref="ArgumentOutOfRangeException">α is not finite, or a count is not positive.</exception>
    public static LogLikelihoodEstimate Estimate(VariationalAutoencoder model, Dataset data, double alpha, int samples, int seed, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CheckFeaturesAndSamples(data);
        if (!double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "alpha must be finite.");
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        int count = Math.Max(1, Math.Min(batchSize, 10_000 / samples));
        using var generator = new Generator((ulong)(uint)seed);
        var result = new double[data.Count];
        using var noGradients = no_grad();
        for (int start = 0; start < data.Count; start += count)
        {
            using var scope = NewDisposeScope();
            int n = Math.Min(count, data.Count - start);
            var pass = model.Forward(model.Batch(data, start, n), ObjectiveEvaluation.Noise(model, n, samples, generator));
            Bound(pass.LogWeights().to(float64), alpha).cpu().data<double>().CopyTo(result, start);
        }
        return LogLikelihoodEstimate.Of(result, samples);
    }

    /// <summary>L<sub>α</sub> per column of log-weights ℓ <c>[K, B]</c> (see remarks), <c>[B]</c>, differentiable.</summary>
    /// <param name="logWeights">ℓ<sub>kb</sub> = log w<sub>kb</sub> <c>[K, B]</c>.</param>
    /// <param name="alpha">α, finite.</param>
    public static Tensor Bound(Tensor logWeights, double alpha)
    {
        ArgumentNullException.ThrowIfNull(logWeights);
        using var scope = NewDisposeScope();
        long k = logWeights.shape[0];
        var mean = logWeights.mean([0]);
        double c = 1 - alpha;
        if (c == 0) return mean.MoveToOuterDisposeScope();
        var u = (logWeights - mean.unsqueeze(0)) * c;
        // log (1/K) Σ e^u: log1p(mean expm1 u) while every |u| < 1 (no cancellation as α → 1), else a max-shifted log-sum-exp.
        var small = u.abs().amax([0]) < 1;
        var nearOne = u.clamp(-1, 1).expm1().mean([0]).log1p();
        var general = u.logsumexp(0) - Math.Log(k);
        var logMean = where(small, nearOne, general);
        return (mean + logMean / c).MoveToOuterDisposeScope();
    }
}
