using Vae.Core.Collections;

namespace Vae.Fluids.Analysis;

/// <summary>Energy against sweep from random starts compared with the equilibrium value (<see cref="Equilibration.Measure"/>).</summary>
/// <param name="EnergyPerParticle">Mean over replicas of U'/N after each sweep, in ε, shape [sweeps].</param>
/// <param name="StandardError">Standard error of that mean (replicas are independent), shape [sweeps].</param>
/// <param name="MeanHeight">Mean over replicas of ⟨y⟩ after each sweep, in σ, shape [sweeps].</param>
/// <param name="EquilibriumEnergyPerParticle">U'/N averaged over the reference chains after burn-in, in ε.</param>
/// <param name="EquilibriumStandardError">Its standard error (from each chain's integrated autocorrelation time).</param>
/// <param name="EquilibriumIntegratedTime">Mean integrated autocorrelation time of U'/N in the reference chains, in sweeps.</param>
/// <param name="SweepsToEquilibrium">First sweep count after which the replica mean stays within Tolerance + 3 combined
/// standard errors of the equilibrium value up to the last traced sweep; −1 if it never does (trace longer).</param>
/// <param name="Tolerance">The tolerance used, in ε per particle.</param>
/// <param name="MaxDisplacement">δ used (σ).</param>
public sealed record EquilibrationReport(
    IReadOnlyList<double> EnergyPerParticle,
    IReadOnlyList<double> StandardError,
    IReadOnlyList<double> MeanHeight,
    double EquilibriumEnergyPerParticle,
    double EquilibriumStandardError,
    double EquilibriumIntegratedTime,
    int SweepsToEquilibrium,
    double Tolerance,
    double MaxDisplacement)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> EnergyPerParticle { get => _energyPerParticle; init => _energyPerParticle = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _energyPerParticle = ValueList.Copy(EnergyPerParticle);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> StandardError { get => _standardError; init => _standardError = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _standardError = ValueList.Copy(StandardError);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> MeanHeight { get => _meanHeight; init => _meanHeight = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _meanHeight = ValueList.Copy(MeanHeight);
}
