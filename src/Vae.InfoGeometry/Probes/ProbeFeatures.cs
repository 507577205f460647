using MathNet.Numerics.LinearAlgebra;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Probes;

/// <summary>Builds the probe's feature matrices from the encoder's posteriors q(z | xᵢ) = N(μᵢ, diag σᵢ²).</summary>
public static class ProbeFeatures
{
    /// <summary>The feature matrix of <paramref name="featureSet"/>.</summary>
    /// <param name="posteriors">n posteriors of dimension k.</param>
    /// <param name="featureSet">Which features.</param>
    /// <param name="seed">Seed of the latent draw (used by <see cref="ProbeFeatureSet.Sampled"/> only).</param>
    /// <returns>A fresh matrix: [n, k] for means and samples, [n, 2k] = [μ | σ²] for means and variances.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="posteriors"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="featureSet"/> is not a defined value.</exception>
    public static Matrix<double> Build(DiagonalNormalBatch posteriors, ProbeFeatureSet featureSet, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(posteriors);
        return featureSet switch
        {
            ProbeFeatureSet.Mean => posteriors.Means,
            ProbeFeatureSet.MeanVariance => posteriors.Means.Append(posteriors.Variances),
            ProbeFeatureSet.Sampled => posteriors.Sample(seed),
            _ => throw new ArgumentOutOfRangeException(nameof(featureSet), featureSet, "Unknown feature set."),
        };
    }
}
