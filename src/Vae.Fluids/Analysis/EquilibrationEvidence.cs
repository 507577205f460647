using Vae.Core.Collections;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Analysis;

/// <summary>
/// Evidence that a data set is (or is not) drawn from equilibrium: its mean energy against long reference chains, the
/// integrated autocorrelation time and the acceptance (<see cref="EquilibratedSampling.Sample"/>). Written into every
/// data set's metadata.json.
/// </summary>
/// <param name="Scheme">The scheme the samples were drawn with.</param>
/// <param name="SweepsBetweenSamples">Sweeps separating consecutive samples of one chain (chained) or from the random start (reset).</param>
/// <param name="BurnInSweeps">Burn-in sweeps of each production chain (0 for the reset scheme).</param>
/// <param name="SampleEnergyPerParticle">Mean U'/N over the samples, ε.</param>
/// <param name="SampleStandardError">Its standard error, from Sokal's τ_int of the samples in chain order, ε.</param>
/// <param name="SampleIntegratedTime">τ_int of U'/N across consecutive samples (1 = independent), in samples.</param>
/// <param name="ReferenceEnergyPerParticle">⟨U'/N⟩ of the reference chains after burn-in, ε.</param>
/// <param name="ReferenceStandardError">Its standard error (each chain's τ_int), ε.</param>
/// <param name="IntegratedTime">Mean over reference chains of τ_int of U'/N, in sweeps.</param>
/// <param name="IntegratedTimes">τ_int of each reference chain, in sweeps.</param>
/// <param name="ReferenceChains">Reference chains.</param>
/// <param name="ReferenceSweeps">Recorded sweeps per reference chain (after <see cref="ReferenceBurnInSweeps"/>).</param>
/// <param name="ReferenceBurnInSweeps">Burn-in of the reference chains.</param>
/// <param name="Acceptance">Acceptance ratio of the production moves.</param>
/// <param name="MaxDisplacement">δ in σ.</param>
/// <param name="Tolerance">Tolerance of <see cref="Equilibrated"/>, ε per particle.</param>
public sealed record EquilibrationEvidence(
    SamplingScheme Scheme,
    int SweepsBetweenSamples,
    int BurnInSweeps,
    double SampleEnergyPerParticle,
    double SampleStandardError,
    double SampleIntegratedTime,
    double ReferenceEnergyPerParticle,
    double ReferenceStandardError,
    double IntegratedTime,
    IReadOnlyList<double> IntegratedTimes,
    int ReferenceChains,
    int ReferenceSweeps,
    int ReferenceBurnInSweeps,
    double Acceptance,
    double MaxDisplacement,
    double Tolerance)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> IntegratedTimes { get => _integratedTimes; init => _integratedTimes = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _integratedTimes = ValueList.Copy(IntegratedTimes);

    /// <summary>Sample mean minus reference mean, ε per particle.</summary>
    public double Deviation => SampleEnergyPerParticle - ReferenceEnergyPerParticle;

    /// <summary>√(SE_sample² + SE_reference²), ε per particle.</summary>
    public double CombinedStandardError => Math.Sqrt(SampleStandardError * SampleStandardError + ReferenceStandardError * ReferenceStandardError);

    /// <summary>Samples separated by this many τ_int (<see cref="SweepsBetweenSamples"/> / <see cref="IntegratedTime"/>).</summary>
    public double SpacingInIntegratedTimes => SweepsBetweenSamples / IntegratedTime;

    /// <summary>|Deviation| ≤ Tolerance + 3·CombinedStandardError (the criterion of <see cref="Equilibration.Measure"/>).</summary>
    public bool Equilibrated => Math.Abs(Deviation) <= Tolerance + 3 * CombinedStandardError;

    /// <summary>Value equality, comparing <see cref="IntegratedTimes"/> element by element.</summary>
    public bool Equals(EquilibrationEvidence? other) =>
        other is not null && Scheme == other.Scheme && SweepsBetweenSamples == other.SweepsBetweenSamples && BurnInSweeps == other.BurnInSweeps
        && SampleEnergyPerParticle.Equals(other.SampleEnergyPerParticle) && SampleStandardError.Equals(other.SampleStandardError)
        && SampleIntegratedTime.Equals(other.SampleIntegratedTime) && ReferenceEnergyPerParticle.Equals(other.ReferenceEnergyPerParticle)
        && ReferenceStandardError.Equals(other.ReferenceStandardError) && IntegratedTime.Equals(other.IntegratedTime)
        && IntegratedTimes.SequenceEqual(other.IntegratedTimes) && ReferenceChains == other.ReferenceChains
        && ReferenceSweeps == other.ReferenceSweeps && ReferenceBurnInSweeps == other.ReferenceBurnInSweeps
        && Acceptance.Equals(other.Acceptance) && MaxDisplacement.Equals(other.MaxDisplacement) && Tolerance.Equals(other.Tolerance);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Scheme, SweepsBetweenSamples, SampleEnergyPerParticle, ReferenceEnergyPerParticle, IntegratedTime, Acceptance);
}
