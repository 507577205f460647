using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// The negative evidence lower bound with KL weight β, in nats per sample:
/// Loss = −(1/K) Σ<sub>k</sub> log p(x|z<sub>k</sub>) + β·KL(q(z|x) ‖ N(0, I)), averaged over the batch, with the
/// analytic Gaussian KL ½ Σ (μ² + σ² − 1 − log σ²) (Kingma &amp; Welling 2013, eq. 10; Appendix B).
/// With <see cref="AnalyticKl"/> = false the KL is replaced by its single-sample estimate log q(z<sub>k</sub>|x) − log p(z<sub>k</sub>)
/// (eq. 6), which is the α → 1 limit of the <see cref="RenyiBound"/> on the same samples.
/// </summary>
/// <remarks>β follows <see cref="Beta"/> (constant or linearly annealed 0 → target over N steps).</remarks>
public sealed record ElboLoss : VaeObjective
{
    /// <summary>The plain ELBO: β = 1, one sample, analytic KL.</summary>
    public static ElboLoss Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public ElboLoss() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>ElboLoss(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public ElboLoss(ElboLoss original) : base(original)
    {
        Beta = original.Beta;
        AnalyticKl = original.AnalyticKl;
    }

    /// <summary>The KL weight schedule.</summary>
    public BetaSchedule Beta { get; init; } = BetaSchedule.Default;

    /// <summary>Analytic KL (default) or the Monte Carlo estimate on the same samples.</summary>
    public bool AnalyticKl { get; init; } = true;

    /// <inheritdoc />
    public override void Validate()
    {
        base.Validate();
        ArgumentNullException.ThrowIfNull(Beta);
        Beta.Validate();
    }

    /// <inheritdoc />
    public override double BetaAt(long step) => Beta.ValueAt(step);

    /// <inheritdoc />
    public override Tensor Loss(VaePass pass, long step)
    {
        ArgumentNullException.ThrowIfNull(pass);
        double beta = Beta.ValueAt(step);
        var reconstruction = pass.LogLikelihood.mean().neg();
        var kl = AnalyticKl ? pass.Kl.mean() : (pass.LogPosterior - pass.LogPrior).mean();
        return beta == 1 ? reconstruction + kl : reconstruction + kl * beta;
    }
}
