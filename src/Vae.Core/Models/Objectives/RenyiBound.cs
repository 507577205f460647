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
