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
    /// <param name="options">Family sizes and parameters.</param>
    /// <param name="cancellationToken">Stops sampling.</param>
    /// <returns>normal, unseen_gamma, fake_potential, uniform, corrupted — each <see cref="AnomalyFamilyOptions.Count"/> configurations.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A count, step or γ is out of range.</exception>
    public static IReadOnlyList<ConfigurationFamily> Sample(MetropolisOptions normal, AnomalyFamilyOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Count, 1);
        if (!(options.UnseenGamma >= 0) || !double.IsFinite(options.UnseenGamma))
            throw new ArgumentOutOfRangeException(nameof(options), options.UnseenGamma, "UnseenGamma must be finite and ≥ 0.");
        int n = options.Count;
        long seed = options.Seed;
        var baseSamples = Metropolis.Sample(normal with { Seed = seed + 100 }, n, cancellationToken: cancellationToken);
        var normalSet = baseSamples.Configurations;
        return
        [
            new("normal", $"held-out normal data, γ = {normal.Gamma}", normalSet),
            new("unseen_gamma", $"γ = {options.UnseenGamma}",
                Metropolis.Sample(normal with { Gamma = options.UnseenGamma, Seed = seed + 101 }, n, cancellationToken: cancellationToken).Configurations),
            new("fake_potential", "u(r) = 4(1/r⁴ − 1/r²)",
                Metropolis.Sample(normal with { Potential = PairPotentialKind.Fake, Seed = seed + 102 }, n, cancellationToken: cancellationToken).Configurations),
            new("uniform", "positions uniform in the box", AnomalyData.UniformPositions(n, normal.Particles, normal.Box, seed + 103)),
            new("corrupted", $"{options.Moved} particles of each normal configuration moved by U[0, {options.MaxStep}] in a random direction",
                AnomalyData.Corrupt(normalSet, options.Moved, options.MaxStep, seed + 104)),
        ];
    }

    /// <summary>The masked family: the normal distance matrices with a block (and its mirror) set to 0.</summary>
    public static MaskedMatrices Masked(DistanceMatrixSet normal, AnomalyFamilyOptions options) =>
        AnomalyData.Mask(normal, options.MaskBlock, options.Seed + 105);
}
