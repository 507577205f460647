using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Core.Training;

namespace Vae.Quantum.Spectrum;

/// <summary>
/// The paper's spectrum analysis: train the ψ network on latent codes, assign each sample the level ⌊n⌋, summarise
/// n and E_n per true cluster and compare the assignment with the labels by the adjusted Rand index; and the whole
/// Fig. 2 pipeline from synthetic data.
/// </summary>
public static class SpectrumAnalysis
{
    /// <summary>Trains the ψ network on <paramref name="latent"/> and summarises the spectrum per label.</summary>
    /// <param name="latent">Codes [samples, d_z].</param>
    /// <param name="labels">True label per sample.</param>
    /// <param name="options">ψ-network options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentException">Sizes differ or invalid codes/options.</exception>
    public static SpectrumReport Analyze(Matrix<double> latent, IReadOnlyList<int> labels, PsiNetworkOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != latent.RowCount)
            throw new ArgumentException($"labels has {labels.Count} entries but latent has {latent.RowCount} rows.", nameof(labels));
        var network = PsiNetwork.Fit(latent, options, cancellationToken);
        var prediction = network.Predict(latent);
        var clusters = labels.Distinct().Order().Select(label =>
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            var n = members.Select(i => prediction.QuantumNumber[i]).ToArray();
            var mean = n.Average();
            var std = Math.Sqrt(n.Select(x => (x - mean) * (x - mean)).Average());
            var dominant = members.GroupBy(i => prediction.Level[i]).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
            return new ClusterSpectrum(label, members.Length, mean, std, members.Average(i => prediction.Energy[i]),
                dominant.Key, dominant.Count() / (double)members.Length);
        }).ToArray();
        return new SpectrumReport(Array.AsReadOnly(clusters), Clustering.AdjustedRandIndex(labels, prediction.Level), Array.AsReadOnly(labels.ToArray()), latent.Clone(), prediction,
            network.TrainingLoss, network.Options);
    }

    /// <summary>
    /// Fig. 2: make_classification with <paramref name="clusters"/> classes (one cluster each) → MLP VAE (Gaussian
    /// decoder, ELBO) → posterior means → ψ network (t = k by default) → spectrum and ARI.
    /// </summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="options">Pipeline options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or invalid sizes.</exception>
    public static SpectrumReport ReproduceFigure2(int clusters, Figure2Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= Figure2Options.Default;
        var data = Figure2Data(clusters, options);
        var latent = Figure2Codes(data, options, options.Seed, cancellationToken);
        var psi = options.MinimaFromClusters ? options.Psi with { Minima = clusters, Seed = options.Seed } : options.Psi with { Seed = options.Seed };
        return Analyze(latent, data.Labels, psi, cancellationToken);
    }

    /// <summary>The Fig. 2 data: make_classification with k classes of one cluster each (seed <see cref="Figure2Options.Seed"/>).</summary>
    internal static Dataset Figure2Data(int clusters, Figure2Options options)
    {
        if (clusters < 2)
            throw new ArgumentOutOfRangeException(nameof(clusters), clusters, "At least 2 clusters.");
        return MakeClassification.Generate(MakeClassificationOptions.Default with
        {
            SampleCount = options.Samples,
            FeatureCount = options.Features,
            InformativeCount = options.Informative,
            RedundantCount = 5,
            ClassCount = clusters,
            ClustersPerClass = 1,
            ClassSep = options.ClassSeparation,
            FlipY = 0.0,
            Seed = options.Seed,
        });
    }

    /// <summary>Trains the Fig. 2 VAE on <paramref name="data"/> with seed <paramref name="vaeSeed"/> and returns the posterior means [samples, d_z].</summary>
    internal static Matrix<double> Figure2Codes(Dataset data, Figure2Options options, int vaeSeed, CancellationToken cancellationToken)
    {
        var architecture = VaeArchitecture.Mlp([options.Features], options.VaeHiddenSizes, options.LatentSize, DecoderFamily.Gaussian);
        using var vae = VaeTrainer.Train(architecture, data, null,
            TrainingOptions.Default with { Epochs = options.VaeEpochs, BatchSize = 64, Seed = vaeSeed }, cancellationToken: cancellationToken).Model;
        return vae.Encode(data).Mean;
    }
}
