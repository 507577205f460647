using System.Numerics;
using MathNet.Numerics.Random;
using Vae.Core.Data;
using Vae.Core.Engine;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// The importance-sampled log-likelihood with the encoder as proposal (Burda et al. 2016, eq. 8; Rezende et al.
/// 2014, eq. 19): log p̂(x) = log (1/K) Σ<sub>k</sub> p(x, z<sub>k</sub>)/q(z<sub>k</sub>|x), z<sub>k</sub> ~ q(z|x), by a stable
/// streaming log-sum-exp. Its expectation is a lower bound on log p(x) that increases with K and is ≥ the ELBO;
/// its gradient is that of <see cref="RenyiBound"/> with α = 0 (IWAE).
/// </summary>
public static class ImportanceSampledLogLikelihood
{
    /// <summary>log p̂(x<sub>b</sub>) for each sample of a batch, from caller-supplied noise.</summary>
    /// <param name="model">The model.</param>
    /// <param name="batch">Inputs <c>[B, ..InputShape]</c>.</param>
    /// <param name="epsilon">Noise <c>[K, B, latent]</c>.</param>
    /// <returns>B values, nats.</returns>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    public static IReadOnlyList<double> Evaluate<T>(VariationalAutoencoder<T> model, Tensor<T> batch, Tensor<T> epsilon)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(epsilon);
        int b = batch.Dimension(0), latent = model.Architecture.LatentSize;
        if (epsilon.Rank != 3 || epsilon.Dimension(1) != b || epsilon.Dimension(2) != latent)
            throw new ArgumentException($"epsilon has shape {Tensor<T>.ShapeText(epsilon.Shape)}; expected [K, batch = {b}, latent = {latent}].", nameof(epsilon));
        var c = model.Computation;
        c.Forward(batch, epsilon.AsReadOnlySpan(), epsilon.Dimension(0));
        var max = new double[b];
        var sum = new double[b];
        Array.Fill(max, double.NegativeInfinity);
        Accumulate(c, max, sum);
        return Enumerable.Range(0, b).Select(i => max[i] + Math.Log(sum[i]) - Math.Log(epsilon.Dimension(0))).ToArray();
    }

    /// <summary>Estimates log p(x) for every sample of a data set with K importance samples each.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Samples with the model's feature count.</param>
    /// <param name="samples">K ≥ 1 (Burda et al. use 5000 for evaluation).</param>
    /// <param name="seed">Seed of the noise generator (MathNet <c>Xoshiro256StarStar</c>); bit-reproducible for a fixed seed and thread count.</param>
    /// <param name="batchSize">Data points per forward pass.</param>
    /// <returns>Per-sample estimates and their mean, nats.</returns>
    /// <exception cref="ArgumentException">The feature count differs from the model's, or a count is not positive.</exception>
    public static LogLikelihoodEstimate Estimate<T>(VariationalAutoencoder<T> model, Dataset data, int samples, int seed, int batchSize = 100)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CheckFeatures(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        var random = new Xoshiro256StarStar(seed, false);
        int latent = model.Architecture.LatentSize;
        var result = new double[data.Count];
        var noise = model.Computation.Noise;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            int chunk = Math.Max(1, Math.Min(samples, 10_000 / count)); // keep the decoder batch near 10 000 rows
            var max = new double[count];
            var sum = new double[count];
            Array.Fill(max, double.NegativeInfinity);
            for (int done = 0; done < samples; done += chunk)
            {
                int k = Math.Min(chunk, samples - done);
                var x = model.LoadBatch(data, start, count);
                VaeObjective.DrawNoise(random, k * count * latent, ref noise.Double, ref noise.Values);
                model.Computation.Forward(x, noise.Values.AsSpan(0, k * count * latent), k);
                Accumulate(model.Computation, max, sum);
            }
            for (int i = 0; i < count; i++) result[start + i] = max[i] + Math.Log(sum[i]) - Math.Log(samples);
        }
        double mean = result.Average();
        double variance = result.Length > 1 ? result.Sum(v => (v - mean) * (v - mean)) / (result.Length - 1) : 0;
        return new LogLikelihoodEstimate(mean, Math.Sqrt(variance / result.Length), samples, Array.AsReadOnly(result));
    }

    /// <summary>Streams the log-weights of the last forward pass into per-sample running (max, Σ exp(ℓ − max)).</summary>
    private static void Accumulate<T>(VaeComputation<T> c, double[] max, double[] sum) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int batch = c.BatchSize;
        for (int k = 0; k < c.Samples; k++)
        for (int b = 0; b < batch; b++)
        {
            int i = k * batch + b;
            double l = c.LogLikelihood[i] + c.LogPrior[i] - c.LogPosterior[i];
            if (l > max[b])
            {
                sum[b] = sum[b] * Math.Exp(max[b] - l) + 1;
                max[b] = l;
            }
            else
            {
                sum[b] += Math.Exp(l - max[b]);
            }
        }
    }
}
