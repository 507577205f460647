using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Analysis;

/// <summary>
/// Energies of configurations in reduced units: the total U' = Σ_{i&lt;j} u(r_ij) + γ Σ_i y_i, the energy per
/// particle U'/N, the slides' per-particle energies U'_i = Σ_{j≠i} u(r_ij) + γ y_i, and the slides' histogram of
/// pair energies capped at u = 1.
/// </summary>
/// <remarks>The potential, γ and the cutoff come from <see cref="MetropolisOptions"/>, as in the sampler.</remarks>
public static class FluidEnergy
{
    /// <summary>Total energy U' of <paramref name="configuration"/>, in ε.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static double Total(ParticleConfiguration configuration, MetropolisOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Metropolis.Validate(options);
        var u = PotentialOf(options);
        double total = 0;
        for (int i = 0; i < configuration.Count; i++)
        {
            total += options.Gamma * configuration.Y[i];
            for (int j = i + 1; j < configuration.Count; j++) total += u.Energy(SquaredDistance(configuration, i, j));
        }
        return total;
    }

    /// <summary>U'/N, in ε per particle.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static double PerParticle(ParticleConfiguration configuration, MetropolisOptions options)
        => Total(configuration, options) / configuration.Count;

    /// <summary>
    /// The slides' per-particle energies U'_i = Σ_{j≠i} u(r_ij) + γ y_i, shape [N], in ε. Each pair is counted for
    /// both partners, so Σ_i U'_i = U' + Σ_{i&lt;j} u(r_ij).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static IReadOnlyList<double> ParticleEnergies(ParticleConfiguration configuration, MetropolisOptions options)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Metropolis.Validate(options);
        var u = PotentialOf(options);
        int n = configuration.Count;
        var energies = new double[n];
        for (int i = 0; i < n; i++)
        {
            energies[i] += options.Gamma * configuration.Y[i];
            for (int j = i + 1; j < n; j++)
            {
                double e = u.Energy(SquaredDistance(configuration, i, j));
                energies[i] += e;
                energies[j] += e;
            }
        }
        return Array.AsReadOnly(energies);
    }

    /// <summary>
    /// Histogram of all pair energies u(r_ij) of the given configurations with each value capped at
    /// <paramref name="cap"/> (the slides cap at u = 1 because the r⁻¹² core makes the raw distribution unreadable).
    /// </summary>
    /// <param name="configurations">The configurations.</param>
    /// <param name="options">Potential settings.</param>
    /// <param name="bins">Number of equal bins on [min(u_min, −1), cap], ≥ 1.</param>
    /// <param name="cap">Upper cap in ε; values above it are counted in the last bin. Default 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> &lt; 1 or <paramref name="cap"/> not above the lower edge.</exception>
    public static EnergyHistogram PairEnergyHistogram(IEnumerable<ParticleConfiguration> configurations, MetropolisOptions options, int bins = 50, double cap = 1.0)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        Metropolis.Validate(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var u = PotentialOf(options);
        var values = new List<double>();
        foreach (var c in configurations)
            for (int i = 0; i < c.Count; i++)
                for (int j = i + 1; j < c.Count; j++)
                    values.Add(u.Energy(SquaredDistance(c, i, j)));
        double lower = Math.Min(-1.0, values.Count == 0 ? -1.0 : values.Min());
        if (!(cap > lower))
            throw new ArgumentOutOfRangeException(nameof(cap), cap, $"cap must exceed the lower edge {lower}.");
        var counts = new long[bins];
        long capped = 0;
        double width = (cap - lower) / bins;
        foreach (var v in values)
        {
            if (v >= cap) capped++;
            int b = v >= cap ? bins - 1 : Math.Min(bins - 1, (int)((v - lower) / width));
            counts[b]++;
        }
        var edges = Enumerable.Range(0, bins + 1).Select(k => lower + k * width).ToArray();
        return new EnergyHistogram(Array.AsReadOnly(edges), Array.AsReadOnly(counts), capped, values.Count);
    }

    internal static IPairPotential PotentialOf(MetropolisOptions options) =>
        options.Potential == PairPotentialKind.Fake ? new FakeLennardJones() : Metropolis.LennardJonesOf(options);

    private static double SquaredDistance(ParticleConfiguration c, int i, int j)
    {
        double dx = c.X[i] - c.X[j], dy = c.Y[i] - c.Y[j];
        return dx * dx + dy * dy;
    }
}
