using Vae.Fluids.Data;

namespace Vae.Fluids.Sampling;

/// <summary>
/// Configurations drawn by <see cref="Metropolis.Sample(MetropolisOptions, int, IProgress{int}?, CancellationToken)"/>,
/// with the frozen maximum displacement, the acceptance ratio and the energies.
/// </summary>
/// <remarks>Immutable; coordinates are handed out as read-only views. Particle order is the simulation's (see
/// <see cref="Geometry.DistanceMatrix"/> for the sorted, permutation-stable order used in data sets).</remarks>
public sealed class MetropolisSamples
{
    private readonly double[] _energies;

    internal MetropolisSamples(MetropolisOptions options, double maxDisplacement, long proposed, long accepted, double[] coordinates, double[] energies)
    {
        Options = options;
        MaxDisplacement = maxDisplacement;
        Proposals = proposed;
        Acceptance = proposed == 0 ? 0 : (double)accepted / proposed;
        Configurations = ConfigurationSet.Wrap(coordinates, energies.Length, options.Particles, options.Box);
        _energies = energies;
        Count = energies.Length;
        Energies = Array.AsReadOnly(energies);
        MeanEnergyPerParticle = Count == 0 ? double.NaN : energies.Sum() / Count / options.Particles;
    }

    /// <summary>The options the samples were drawn with.</summary>
    public MetropolisOptions Options { get; }

    /// <summary>Number of configurations.</summary>
    public int Count { get; }

    /// <summary>Number of particles N per configuration.</summary>
    public int Particles => Options.Particles;

    /// <summary>The maximum displacement δ (σ) used for all production sweeps, after tuning when enabled.</summary>
    public double MaxDisplacement { get; }

    /// <summary>Accepted / proposed trial moves over all production sweeps (moves through a wall count as rejected).</summary>
    public double Acceptance { get; }

    /// <summary>Number of production trial moves (excluding the δ-tuning warm-up).</summary>
    public long Proposals { get; }

    /// <summary>Total energy U' of each configuration in ε (recomputed from scratch, not the incremental sum), shape [count].</summary>
    public IReadOnlyList<double> Energies { get; }

    /// <summary>Mean over configurations of U'/N, in ε per particle (NaN when <see cref="Count"/> is 0).</summary>
    public double MeanEnergyPerParticle { get; }

    /// <summary>The configurations (immutable; shared, not copied).</summary>
    public ConfigurationSet Configurations { get; }

    /// <summary>All coordinates as a read-only view, shape [count, N, 2] in C order ((x, y) last), in σ.</summary>
    public ReadOnlyMemory<double> Coordinates => Configurations.Coordinates;

    /// <summary>Configuration <paramref name="index"/> (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ParticleConfiguration Configuration(int index) => Configurations.Configuration(index);
}
