using Vae.Core.Collections;

namespace Vae.Fluids.Sampling;

/// <summary>
/// Observables of one Metropolis chain after every sweep, from <see cref="Metropolis.Trace(MetropolisOptions, int, int)"/>:
/// the raw material of equilibration diagnostics.
/// </summary>
/// <param name="EnergyPerParticle">U'/N after each sweep, in ε, shape [sweeps].</param>
/// <param name="MeanHeight">Mean particle height ⟨y⟩ after each sweep, in σ, shape [sweeps].</param>
/// <param name="MaxDisplacement">δ used (after tuning when enabled), in σ.</param>
/// <param name="Acceptance">Accepted / proposed trial moves over the traced sweeps.</param>
/// <param name="Final">The configuration after the last sweep.</param>
public sealed record EnergyTrace(
    IReadOnlyList<double> EnergyPerParticle,
    IReadOnlyList<double> MeanHeight,
    double MaxDisplacement,
    double Acceptance,
    ParticleConfiguration Final)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> EnergyPerParticle { get => _energyPerParticle; init => _energyPerParticle = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _energyPerParticle = ValueList.Copy(EnergyPerParticle);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> MeanHeight { get => _meanHeight; init => _meanHeight = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _meanHeight = ValueList.Copy(MeanHeight);
}
