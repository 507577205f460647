using Vae.Fluids.Sampling;

namespace Vae.Fluids.Analysis;

/// <summary>A data set's samples with their equilibration evidence (<see cref="EquilibratedSampling.Sample"/>).</summary>
/// <param name="Samples">The configurations, energies, δ and acceptance.</param>
/// <param name="Evidence">Mean energy against the reference, τ_int, acceptance.</param>
/// <param name="Options">The sampler options actually used (with the chosen decorrelation and burn-in).</param>
public sealed record EquilibratedSamples(MetropolisSamples Samples, EquilibrationEvidence Evidence, MetropolisOptions Options);
