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
    double MaxDisplacement);
