using Vae.Fluids.Analysis;
using Vae.Fluids.Data;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Anomalies;

/// <summary>
/// The anomaly families of the LCP-B slides built from the normal data's sampler settings: held-out normal data,
/// an unseen γ, the "fake" potential 4(1/r⁴ − 1/r²), uniform random positions, and corrupted normal configurations
/// (a few particles moved). The masked family is made from distance matrices with <see cref="AnomalyData.Mask"/>.
/// </summary>
public static class AnomalyFamilies
{
    /// <summary>Samples the configuration families, the held-out normal family first.</summary>
    /// <param name="normal">Sampler settings of the normal data (γ, N, L, T, sweeps).</param>
    /// <param name="options">Family sizes and parameters (Count ≥ 2 with <paramref name="equilibration"/>).</param>
    /// <param name="equilibration">When given, the normal, unseen-γ and fake-potential families are drawn through
    /// <see cref="EquilibratedSampling.Sample"/> (each with its own reference chains and, for the chained scheme, its
    /// own measured decorrelation) and carry their <see cref="ConfigurationFamily.Evidence"/>; null: plain <see cref="Metropolis.Sample(MetropolisOptions, int, IProgress{int}?, CancellationToken)"/>.</param>
    /// <param name="cancellationToken">Stops sampling.</param>
    /// <returns>normal, unseen_gamma, fake_potential, uniform, corrupted — each <see cref="AnomalyFamilyOptions.Count"/> configurations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named <c>options.Count</c>,
    /// <c>options.UnseenGamma</c>, <c>options.Moved</c>, <c>options.MaxStep</c> or <c>options.MaskBlock</c>, all checked
    /// against N = <paramref name="normal"/>.Particles before any sampling).</exception>
    public static IReadOnlyList<ConfigurationFamily> Sample(MetropolisOptions normal, AnomalyFamilyOptions options, EquilibratedSamplingOptions? equilibration = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(normal.Particles);   // all of them before any sampling (the corrupted family comes last)
        int n = options.Count;
        long seed = options.Seed;
        // Sampled families: plain Metropolis, or through EquilibratedSampling (reference chains, measured decorrelation, evidence).
        ConfigurationFamily Sampled(string name, string description, MetropolisOptions o)
        {
            if (equilibration is null) return new(name, description, Metropolis.Sample(o, n, cancellationToken: cancellationToken).Configurations);
            var drawn = EquilibratedSampling.Sample(o, n, equilibration, cancellationToken: cancellationToken);
            return new(name, description, drawn.Samples.Configurations) { Evidence = [drawn.Evidence] };
        }
        var normalFamily = Sampled("normal", $"held-out normal data, γ = {normal.Gamma}", normal with { Seed = seed + 100 });
        var normalSet = normalFamily.Configurations;
        return
        [
            normalFamily,
            Sampled("unseen_gamma", $"γ = {options.UnseenGamma}", normal with { Gamma = options.UnseenGamma, Seed = seed + 101 }),
            Sampled("fake_potential", "u(r) = 4(1/r⁴ − 1/r²)", normal with { Potential = PairPotentialKind.Fake, Seed = seed + 102 }),
            new("uniform", "positions uniform in the box", AnomalyData.UniformPositions(n, normal.Particles, normal.Box, seed + 103)),
            new("corrupted", $"{options.Moved} particles of each normal configuration moved by U[0, {options.MaxStep}] in a random direction",
                AnomalyData.Corrupt(normalSet, options.Moved, options.MaxStep, seed + 104)),
        ];
    }

    /// <summary>The masked family: the normal distance matrices with a block (and its mirror) set to 0.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range for N = <paramref name="normal"/>.Particles (see <see cref="Sample"/>).</exception>
    public static MaskedMatrices Masked(DistanceMatrixSet normal, AnomalyFamilyOptions options)
    {
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(normal.Particles);
        return AnomalyData.Mask(normal, options.MaskBlock, options.Seed + 105);
    }
}
