using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// The affine per-entry map x = (d − offset)·scale between distance matrices d (σ) and the VAE's inputs x, fitted on
/// the training matrices (<see cref="Fit"/>). Immutable; <see cref="Offset"/> and <see cref="Scale"/> are copies.
/// </summary>
public sealed class FluidInputNormalization
{
    private readonly double[] _offset;
    private readonly double[] _scale;

    private FluidInputNormalization(FluidInputScaling scaling, int particles, double[] offset, double[] scale)
    {
        Scaling = scaling;
        Particles = particles;
        _offset = offset;
        _scale = scale;
    }

    /// <summary>The scaling rule.</summary>
    public FluidInputScaling Scaling { get; }

    /// <summary>Matrix size N; the maps have N² entries.</summary>
    public int Particles { get; }

    /// <summary>Per-entry offset in σ, shape [N·N] row-major (a copy).</summary>
    public IReadOnlyList<double> Offset => Array.AsReadOnly((double[])_offset.Clone());

    /// <summary>Per-entry scale in 1/σ, shape [N·N] row-major, all &gt; 0 (a copy).</summary>
    public IReadOnlyList<double> Scale => Array.AsReadOnly((double[])_scale.Clone());

    /// <summary>Fits the map on <paramref name="train"/>.</summary>
    /// <param name="train">Training matrices [count, N, N] in σ, count ≥ 1 (≥ 2 for <see cref="FluidInputScaling.Standardized"/>).</param>
    /// <param name="box">Box side L in σ, finite and &gt; 0 (used by <see cref="FluidInputScaling.BoxDiagonal"/>).</param>
    /// <param name="scaling">The rule.</param>
    /// <exception cref="ArgumentException">Too few matrices.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="box"/> is not finite and positive, or <paramref name="scaling"/> is unknown.</exception>
    public static FluidInputNormalization Fit(DistanceMatrixSet train, double box, FluidInputScaling scaling)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (!(box > 0) || !double.IsFinite(box)) throw new ArgumentOutOfRangeException(nameof(box), box, "box must be finite and > 0.");
        int d = train.Particles * train.Particles;
        var offset = new double[d];
        var scale = new double[d];
        switch (scaling)
        {
            case FluidInputScaling.BoxDiagonal:
                Array.Fill(scale, 1.0 / (box * Math.Sqrt(2)));
                break;
            case FluidInputScaling.Standardized:
                if (train.Count < 2) throw new ArgumentException($"Standardized scaling needs at least 2 training matrices; got {train.Count}.", nameof(train));
                var values = train.Values;
                for (int k = 0; k < train.Count; k++)
                    for (int j = 0; j < d; j++) offset[j] += values[k * d + j];
                for (int j = 0; j < d; j++) offset[j] /= train.Count;
                for (int k = 0; k < train.Count; k++)
                    for (int j = 0; j < d; j++)
                    {
                        double r = values[k * d + j] - offset[j];
                        scale[j] += r * r;
                    }
                for (int j = 0; j < d; j++)
                {
                    double sd = Math.Sqrt(scale[j] / (train.Count - 1));
                    scale[j] = sd > 1e-6 ? 1.0 / sd : 1.0;
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scaling), scaling, "Unknown scaling.");
        }
        return new FluidInputNormalization(scaling, train.Particles, offset, scale);
    }

    /// <summary>A map from stored offsets and scales (e.g. read back from a model directory); copies both.</summary>
    /// <exception cref="ArgumentException">The lengths are not N², or a value is not finite, or a scale is not &gt; 0.</exception>
    public static FluidInputNormalization FromOffsetScale(FluidInputScaling scaling, int particles, IReadOnlyList<double> offset, IReadOnlyList<double> scale)
    {
        ArgumentNullException.ThrowIfNull(offset);
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        int d = particles * particles;
        if (offset.Count != d) throw new ArgumentException($"offset has {offset.Count} entries; N² = {d} expected.", nameof(offset));
        if (scale.Count != d) throw new ArgumentException($"scale has {scale.Count} entries; N² = {d} expected.", nameof(scale));
        for (int j = 0; j < d; j++)
        {
            if (!double.IsFinite(offset[j])) throw new ArgumentException($"offset[{j}] = {offset[j]} is not finite.", nameof(offset));
            if (!(scale[j] > 0) || !double.IsFinite(scale[j])) throw new ArgumentException($"scale[{j}] = {scale[j]} must be finite and > 0.", nameof(scale));
        }
        return new FluidInputNormalization(scaling, particles, offset.ToArray(), scale.ToArray());
    }

    /// <summary>x = (d − offset)·scale for every matrix of <paramref name="matrices"/>, as one flat float array [count·N²] (new).</summary>
    internal float[] Forward(DistanceMatrixSet matrices)
    {
        int d = _scale.Length;
        var values = matrices.Values;
        var x = new float[values.Length];
        for (int i = 0; i < values.Length; i++) x[i] = (float)((values[i] - _offset[i % d]) * _scale[i % d]);
        return x;
    }

    /// <summary>d = x/scale + offset for entry <paramref name="entry"/> (row-major index in [0, N²)).</summary>
    internal double Inverse(double x, int entry) => x / _scale[entry] + _offset[entry];

    /// <summary>x for one entry.</summary>
    internal double ForwardEntry(double distance, int entry) => (distance - _offset[entry]) * _scale[entry];
}
