using Vae.Fluids.Data;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Anomalies;

/// <summary>
/// The slides' anomaly families that are not plain sampler runs (an unseen γ and the fake potential are
/// <see cref="Metropolis.Sample(MetropolisOptions, int, IProgress{int}?, CancellationToken)"/> with other options):
/// uniform random positions, corrupted configurations and masked ("blacked-out") distance matrices.
/// </summary>
/// <remarks>
/// Randomness: configuration k uses the xoshiro256** stream (seed, k), so results are bit-reproducible for a seed
/// and independent of the thread count.
/// </remarks>
public static class AnomalyData
{
    /// <summary>Configurations with every particle uniform in [0, L]², independently (overlaps allowed, as in the slides).</summary>
    /// <param name="count">Number of configurations, ≥ 0.</param>
    /// <param name="particles">Particles per configuration N, ≥ 1.</param>
    /// <param name="box">Box side L &gt; 0.</param>
    /// <param name="seed">Random seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static ConfigurationSet UniformPositions(int count, int particles, double box, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(particles, 1);
        if (!(box > 0) || !double.IsFinite(box)) throw new ArgumentOutOfRangeException(nameof(box), box, "box must be finite and > 0.");
        var c = new double[(long)count * particles * 2];
        Parallel.For(0, count, k =>
        {
            var random = RandomStream.Create((ulong)seed, (ulong)k);
            for (int i = 0; i < particles * 2; i++) c[(long)k * particles * 2 + i] = box * random.NextDouble();
        });
        return ConfigurationSet.Wrap(c, count, particles, box);
    }

    /// <summary>
    /// The slides' corruption: in each configuration <paramref name="moved"/> distinct random particles are moved by
    /// a step of length uniform in [0, <paramref name="maxStep"/>] in a uniformly random direction. A particle
    /// pushed through a wall is clamped back onto it.
    /// </summary>
    /// <param name="configurations">The normal configurations.</param>
    /// <param name="moved">Particles moved per configuration, in [1, N]; the slides use 4.</param>
    /// <param name="maxStep">Largest step in σ, &gt; 0; the slides use 0.2.</param>
    /// <param name="seed">Random seed.</param>
    /// <returns>A new set; the input is unchanged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="moved"/> or <paramref name="maxStep"/> is out of range.</exception>
    public static ConfigurationSet Corrupt(ConfigurationSet configurations, int moved = 4, double maxStep = 0.2, long seed = 0)
    {
        ArgumentNullException.ThrowIfNull(configurations);
        int n = configurations.Particles;
        if (moved < 1 || moved > n) throw new ArgumentOutOfRangeException(nameof(moved), moved, $"moved must be in [1, {n}].");
        if (!(maxStep > 0) || !double.IsFinite(maxStep)) throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, "maxStep must be finite and > 0.");
        var c = configurations.Coordinates.ToArray();
        double box = configurations.Box;
        Parallel.For(0, configurations.Count, () => new int[n], (k, _, index) =>
        {
            var random = RandomStream.Create((ulong)seed, (ulong)k);
            for (int i = 0; i < n; i++) index[i] = i;
            for (int m = 0; m < moved; m++)
            {
                // Partial Fisher–Yates: the first `moved` entries become a uniform random subset.
                int pick = m + random.NextInt(n - m);
                (index[m], index[pick]) = (index[pick], index[m]);
                long at = ((long)k * n + index[m]) * 2;
                double step = maxStep * random.NextDouble(), angle = 2 * Math.PI * random.NextDouble();
                c[at] = Math.Clamp(c[at] + step * Math.Cos(angle), 0, box);
                c[at + 1] = Math.Clamp(c[at + 1] + step * Math.Sin(angle), 0, box);
            }
            return index;
        }, _ => { });
        return ConfigurationSet.Wrap(c, configurations.Count, n, box);
    }

    /// <summary>
    /// Blacks out a random square block of each distance matrix: entries [r, r + s) × [c, c + s) and their mirror
    /// [c, c + s) × [r, r + s) are set to <paramref name="fill"/> (0 = black), keeping the matrix symmetric; diagonal
    /// entries inside the block stay 0, so the result is still a distance matrix.
    /// </summary>
    /// <param name="matrices">Distance matrices [count, N, N].</param>
    /// <param name="blockSize">s, in [1, N].</param>
    /// <param name="seed">Random seed.</param>
    /// <param name="fill">Value written into the block's off-diagonal entries, finite and ≥ 0, σ. Default 0.</param>
    /// <returns>A new set and, per matrix, the block's corner.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="blockSize"/> is outside [1, N], or
    /// <paramref name="fill"/> is negative or not finite.</exception>
    public static MaskedMatrices Mask(DistanceMatrixSet matrices, int blockSize, long seed = 0, float fill = 0f)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        int n = matrices.Particles;
        if (blockSize < 1 || blockSize > n) throw new ArgumentOutOfRangeException(nameof(blockSize), blockSize, $"blockSize must be in [1, {n}].");
        if (!(fill >= 0) || !float.IsFinite(fill)) throw new ArgumentOutOfRangeException(nameof(fill), fill, "fill must be finite and ≥ 0 (a distance).");
        var values = matrices.Values.ToArray();
        var rows = new int[matrices.Count];
        var columns = new int[matrices.Count];
        Parallel.For(0, matrices.Count, k =>
        {
            var random = RandomStream.Create((ulong)seed, (ulong)k);
            int r = random.NextInt(n - blockSize + 1), c = random.NextInt(n - blockSize + 1);
            rows[k] = r;
            columns[k] = c;
            long offset = (long)k * n * n;
            for (int i = 0; i < blockSize; i++)
                for (int j = 0; j < blockSize; j++)
                {
                    float value = r + i == c + j ? 0f : fill;
                    values[offset + (r + i) * n + c + j] = value;
                    values[offset + (c + j) * n + r + i] = value;
                }
        });
        return new MaskedMatrices(new DistanceMatrixSet(values, matrices.Count, n), Array.AsReadOnly(rows), Array.AsReadOnly(columns), blockSize);
    }
}
