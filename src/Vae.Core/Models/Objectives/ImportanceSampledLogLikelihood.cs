using Vae.Core.Data;
using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// The importance-sampled log-likelihood with the encoder as proposal (Burda et al. 2016, eq. 8; Rezende et al.
/// 2014, eq. 19): log p̂(x) = log (1/K) Σ<sub>k</sub> p(x, z<sub>k</sub>)/q(z<sub>k</sub>|x), z<sub>k</sub> ~ q(z|x), by log-sum-exp
/// accumulated in float64. Its expectation is a lower bound on log p(x) that increases with K and is ≥ the ELBO; its
/// gradient is that of <see cref="RenyiBound"/> with α = 0 (IWAE).
/// </summary>
public static class ImportanceSampledLogLikelihood
{
    /// <summary>log p̂(x<sub>b</sub>) for each sample of a batch, from caller-supplied noise, without gradients.</summary>
    /// <param name="model">The model.</param>
    /// <param name="batch">Inputs <c>[B, ..InputShape]</c>.</param>
    /// <param name="epsilon">Noise <c>[K, B, k]</c>.</param>
    /// <returns>B values, nats (a new array).</returns>
    /// <exception cref="ArgumentException">A shape does not match.</exception>
    public static IReadOnlyList<double> Evaluate(VariationalAutoencoder model, Tensor batch, Tensor epsilon)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(epsilon);
        using var scope = NewDisposeScope();
        using var noGradients = no_grad();
        var pass = model.Forward(batch, epsilon);
        var logW = pass.LogWeights().to(float64);
        return Array.AsReadOnly((logW.logsumexp(0) - Math.Log(pass.Samples)).cpu().data<double>().ToArray());
    }

    /// <summary>Estimates log p(x) for every sample of a data set with K importance samples each.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Samples with the model's feature count.</param>
    /// <param name="samples">K ≥ 1 (Burda et al. use 5000 for evaluation).</param>
    /// <param name="seed">Seed of the noise (a libtorch CPU generator); bit-reproducible for a fixed seed and thread count.</param>
    /// <param name="batchSize">Data points per forward pass, ≥ 1; the K draws are chunked to keep about 10 000 decoder rows.</param>
    /// <returns>Per-sample estimates and their mean, nats.</returns>
    /// <exception cref="ArgumentException">The feature count differs from the model's, <paramref name="data"/> has no
    /// samples, or a count is not positive.</exception>
    public static LogLikelihoodEstimate Estimate(VariationalAutoencoder model, Dataset data, int samples, int seed, int batchSize = 100)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CheckFeaturesAndSamples(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(samples);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        using var generator = new Generator((ulong)(uint)seed);
        var result = new double[data.Count];
        using var noGradients = no_grad();
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchSize, data.Count - start);
            int chunk = Math.Max(1, Math.Min(samples, 10_000 / count));
            var x = model.Batch(data, start, count);
            Tensor? total = null;
            for (int done = 0; done < samples; done += chunk)
            {
                int k = Math.Min(chunk, samples - done);
                var pass = model.Forward(x, ObjectiveEvaluation.Noise(model, count, k, generator));
                var part = pass.LogWeights().to(float64).logsumexp(0);
                total = total is null ? part : logaddexp(total, part);
            }
            (total! - Math.Log(samples)).cpu().data<double>().CopyTo(result, start);
        }
        return LogLikelihoodEstimate.Of(result, samples);
    }
}
