using Vae.Fluids.Sampling;

namespace Vae.Fluids.Data;

/// <summary>
/// A set of configurations of N particles in a box [0, L]², coordinates [count, N, 2] in σ (C order, (x, y) last):
/// sampled data or an anomaly family.
/// </summary>
/// <remarks>Immutable; factories copy their input and <see cref="Coordinates"/> is a read-only view.</remarks>
public sealed class ConfigurationSet
{
    private readonly double[] _coordinates;

    private ConfigurationSet(double[] coordinates, int count, int particles, double box)
    {
        _coordinates = coordinates;
        Count = count;
        Particles = particles;
        Box = box;
    }

    /// <summary>Number of configurations.</summary>
    public int Count { get; }

    /// <summary>Particles per configuration N.</summary>
    public int Particles { get; }

    /// <summary>Box side L in σ.</summary>
    public double Box { get; }

    /// <summary>All coordinates [count, N, 2], read-only view.</summary>
    public ReadOnlyMemory<double> Coordinates => _coordinates;

    /// <summary>The configurations of a sampler run (the same immutable object as <see cref="MetropolisSamples.Configurations"/>).</summary>
    public static ConfigurationSet FromSamples(MetropolisSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return samples.Configurations;
    }

    /// <summary>Configurations from raw coordinates [count, N, 2] (copied).</summary>
    /// <exception cref="ArgumentException">The length is not count·N·2, or a coordinate is NaN or outside [0, L].</exception>
    /// <exception cref="ArgumentOutOfRangeException">count &lt; 0, N &lt; 1 or L ≤ 0.</exception>
    public static ConfigurationSet FromCoordinates(ReadOnlySpan<double> coordinates, int count, int particles, double box)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        if (!(box > 0) || !double.IsFinite(box)) throw new ArgumentOutOfRangeException(nameof(box), box, "box must be finite and > 0.");
        if (coordinates.Length != (long)count * particles * 2)
            throw new ArgumentException($"coordinates has {coordinates.Length} values; {count}×{particles}×2 expected.", nameof(coordinates));
        for (int i = 0; i < coordinates.Length; i++)
            if (!(coordinates[i] >= 0 && coordinates[i] <= box))
                throw new ArgumentException($"coordinates[{i}] = {coordinates[i]} is not in [0, {box}].", nameof(coordinates));
        return new ConfigurationSet(coordinates.ToArray(), count, particles, box);
    }

    /// <summary>Wraps an array the caller gives up (library-internal).</summary>
    internal static ConfigurationSet Wrap(double[] coordinates, int count, int particles, double box) => new(coordinates, count, particles, box);

    /// <summary>Configurations [start, start + count) as a new set (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside [0, Count).</exception>
    public ConfigurationSet Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if ((long)start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"start {start} + count {count} exceeds the {Count} configurations.");
        int d = Particles * 2;
        return new ConfigurationSet(_coordinates.AsSpan(start * d, count * d).ToArray(), count, Particles, Box);
    }

    /// <summary>Configuration <paramref name="index"/> (a copy).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, Count).</exception>
    public ParticleConfiguration Configuration(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        int n = Particles;
        var x = new double[n];
        var y = new double[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = _coordinates[(index * n + i) * 2];
            y[i] = _coordinates[(index * n + i) * 2 + 1];
        }
        return ParticleConfiguration.Wrap(x, y, Box);
    }
}
