namespace Vae.Core.Models.Objectives;

/// <summary>The terms of an objective on one batch, each averaged over the batch: nats per sample.</summary>
/// <param name="Loss">The minimised quantity (−ELBO with β, or −L<sub>α</sub>), nats per sample.</param>
/// <param name="NegativeElbo">−ELBO with analytic KL and β = 1 on the same noise: <paramref name="Reconstruction"/> + <paramref name="Kl"/>.</param>
/// <param name="Reconstruction">−(1/K) Σ<sub>k</sub> log p(x|z<sub>k</sub>), nats per sample.</param>
/// <param name="Kl">Analytic KL(q(z|x) ‖ N(0, I)), nats per sample.</param>
/// <param name="Beta">The KL weight β used (1 for objectives without one).</param>
/// <param name="BatchSize">Number of samples B.</param>
/// <param name="Samples">Number of noise draws K per sample.</param>
public sealed record ObjectiveValue(double Loss, double NegativeElbo, double Reconstruction, double Kl, double Beta, int BatchSize, int Samples)
{
    /// <summary>True when every term is finite.</summary>
    public bool IsFinite => double.IsFinite(Loss) && double.IsFinite(NegativeElbo);
}
