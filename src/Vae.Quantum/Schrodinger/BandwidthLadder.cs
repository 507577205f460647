using Vae.Core.Collections;
namespace Vae.Quantum.Schrodinger;

/// <summary>The σ chosen by <see cref="Bandwidth.FromLifetime"/> and the ladder it was chosen from.</summary>
/// <param name="Sigma">The chosen σ (units of the points).</param>
/// <param name="Sigmas">The ladder σ₀ 2^(j/2) that was scanned.</param>
/// <param name="Counts">Significant clusters (≥ 5 % of the descending sample) at each σ of the ladder.</param>
/// <param name="SelectedCount">The longest-lived count (0 when no step had two significant clusters and σ₀ was returned).</param>
public sealed record BandwidthLadder(double Sigma, IReadOnlyList<double> Sigmas, IReadOnlyList<int> Counts, int SelectedCount)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Counts { get => _counts; init => _counts = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _counts = ValueList.Copy(Counts);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Sigmas { get => _sigmas; init => _sigmas = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _sigmas = ValueList.Copy(Sigmas);
}
