using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Training;
using Vae.Quantum.Schrodinger;
using Vae.Quantum.Spectrum;

namespace Vae.Reproduce.QuantumPaper;

/// <summary>
/// The experiment of Andrés-Terré &amp; Lió's Fig. 2: make_classification with k classes of one cluster each → MLP VAE
/// (Gaussian decoder, ELBO) → posterior means → the ψ network (the paper's spectrum) or Schrödinger clustering and the
/// data spectrum (the working form, docs/quantum.md §9). The analyses themselves are library API
/// (<see cref="SpectrumAnalysis.Analyze"/>, <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>,
/// <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.CompareReplicas"/>); this class only builds the paper's data and trains its VAEs.
/// </summary>
public static class Figure2
{
    /// <summary>The paper's pipeline: data → VAE → ψ network (t = k by default) → spectrum and ARI.</summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="options">Pipeline options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or invalid sizes.</exception>
    public static SpectrumReport PsiNetwork(int clusters, Figure2Options? options = null, CancellationToken cancellationToken = default)
    {
        options ??= Figure2Options.Default;
        var data = Data(clusters, options);
        return PsiNetwork(data, Codes(data, options, options.Seed, cancellationToken), clusters, options, cancellationToken);
    }

    /// <summary>The ψ network of <see cref="PsiNetwork(int, Figure2Options?, CancellationToken)"/> on codes already encoded.</summary>
    internal static SpectrumReport PsiNetwork(Dataset data, Matrix<double> latent, int clusters, Figure2Options options, CancellationToken cancellationToken)
    {
        var psi = options.MinimaFromClusters ? options.Psi with { Minima = clusters, Seed = options.Seed } : options.Psi with { Seed = options.Seed };
        return SpectrumAnalysis.Analyze(latent, data.Labels, psi, cancellationToken);
    }

    /// <summary>The same data and VAE analysed by Schrödinger clustering of the encoder's posteriors (kernels shaped by the
    /// posterior covariances, sized by Abramson's law: <see cref="SchrodingerAnalysis.Analyze(PosteriorCodes, IReadOnlyList{int}, QuantumClusteringOptions?, DataSpectrumOptions?, CancellationToken)"/>)
    /// and the data spectrum of the posterior means.</summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="options">Data and VAE options; default when null.</param>
    /// <param name="clustering">Schrödinger-clustering options; when null, σ by the rule given k = <paramref name="clusters"/>
    /// (<see cref="BandwidthSelection.ClusterCount"/>, as k-means is given k; <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>).</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or invalid sizes.</exception>
    public static SchrodingerFigure2Report Schrodinger(int clusters, Figure2Options? options = null, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        options ??= Figure2Options.Default;
        var data = Data(clusters, options);
        return SchrodingerAnalysis.Analyze(Posterior(data, options, options.Seed, cancellationToken), data.Labels, clustering, spectrum, cancellationToken);
    }

    /// <summary>
    /// Replica invariance: one data set (seed <see cref="Figure2Options.Seed"/>), <paramref name="replicas"/> VAEs with
    /// seeds Seed, Seed + 1, …, compared by <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.CompareReplicas"/>.
    /// </summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="replicas">R ≥ 2.</param>
    /// <param name="options">Data and VAE options; default when null.</param>
    /// <param name="clustering">Schrödinger-clustering options; when null, σ by the rule given k = <paramref name="clusters"/>
    /// (<see cref="BandwidthSelection.ClusterCount"/>, as k-means is given k; <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>).</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or R &lt; 2.</exception>
    public static ReplicaInvarianceReport Replicas(int clusters, int replicas, Figure2Options? options = null, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        if (replicas < 2)
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "Replica invariance needs at least 2 replicas.");
        options ??= Figure2Options.Default;
        var data = Data(clusters, options);
        var posteriors = Enumerable.Range(0, replicas).Select(r => Posterior(data, options, options.Seed + r, cancellationToken)).ToArray();
        return SchrodingerAnalysis.CompareReplicas(posteriors, data.Labels, clustering, spectrum, cancellationToken);
    }

    /// <summary>The Fig. 2 data: make_classification with k classes of one cluster each (seed <see cref="Figure2Options.Seed"/>).</summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="options">Data options.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or invalid sizes.</exception>
    public static Dataset Data(int clusters, Figure2Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
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

    /// <summary>Trains the Fig. 2 VAE on <paramref name="data"/> with seed <paramref name="vaeSeed"/>.</summary>
    /// <returns>The posterior means [samples, d_z] (the means of <see cref="Posterior"/>).</returns>
    /// <param name="data">The Fig. 2 data (<see cref="Data"/>).</param>
    /// <param name="options">VAE options.</param>
    /// <param name="vaeSeed">Seed of the VAE's initialisation and batches.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    public static Matrix<double> Codes(Dataset data, Figure2Options options, int vaeSeed, CancellationToken cancellationToken = default) =>
        Posterior(data, options, vaeSeed, cancellationToken).Mean;

    /// <summary>Trains the Fig. 2 VAE on <paramref name="data"/> with seed <paramref name="vaeSeed"/> and encodes the data.</summary>
    /// <returns>The posteriors q(z|x) of the samples: means and log-variances, [samples, d_z] each.</returns>
    /// <param name="data">The Fig. 2 data (<see cref="Data"/>).</param>
    /// <param name="options">VAE options.</param>
    /// <param name="vaeSeed">Seed of the VAE's initialisation and batches.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    public static PosteriorCodes Posterior(Dataset data, Figure2Options options, int vaeSeed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var architecture = VaeArchitecture.Mlp([options.Features], options.VaeHiddenSizes, options.LatentSize, DecoderFamily.Gaussian);
        using var vae = VaeTrainer.Train(architecture, data, null,
            TrainingOptions.Default with { Epochs = options.VaeEpochs, BatchSize = 64, Seed = vaeSeed }, cancellationToken: cancellationToken).Model;
        return vae.Encode(data);
    }
}
