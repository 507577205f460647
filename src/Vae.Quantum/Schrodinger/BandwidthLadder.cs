using Vae.Core.Collections;
namespace Vae.Quantum.Schrodinger;

/// <summary>The σ chosen by <see cref="Bandwidth.FromLifetime"/> or <see cref="Bandwidth.FromClusterCount"/> and the σ
/// that were scanned.</summary>
/// <param name="Sigma">The chosen σ (units of the points).</param>
/// <param name="Sigmas">The σ scanned: for the lifetime rule the ladder σ₀ 2^(j/2) in scan order; for the cluster-count
/// rule every ladder step evaluated, ascending.</param>
/// <param name="Counts">Significant (substantial) minima at each σ of <paramref name="Sigmas"/>: those holding ≥ 5 % of
/// the descending sample (lifetime), or ≥ <see cref="Bandwidth.SubstantialSize"/> of it (cluster count).</param>
/// <param name="SelectedCount">Lifetime rule: the longest-lived count (0 when no step had two significant clusters and σ₀
/// was returned). Cluster-count rule: the count at the chosen σ — k, or the count nearest k when no σ gave k.</param>
public sealed record BandwidthLadder(double Sigma, IReadOnlyList<double> Sigmas, IReadOnlyList<int> Counts, int SelectedCount)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Counts { get => _counts; init => _counts = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _counts = ValueList.Copy(Counts);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Sigmas { get => _sigmas; init => _sigmas = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _sigmas = ValueList.Copy(Sigmas);
}
