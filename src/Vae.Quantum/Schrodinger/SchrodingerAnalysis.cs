using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Core.Metrics;
using Vae.Quantum.Spectrum;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// The paper's Fig. 2 set-up with a working spectrum: make_classification clusters encoded by a VAE, Schrödinger
/// clustering of the codes (compared with k-means and a GMM), the spectrum of −A d² + λV_data along the first principal
/// component with one level per well, and replica invariance over VAE seeds.
/// </summary>
public static class SchrodingerAnalysis
{
    /// <summary>Clusters <paramref name="latent"/>, scores against <paramref name="labels"/> and computes the data spectrum.</summary>
    /// <param name="latent">Codes [samples, d_z], finite.</param>
    /// <param name="labels">True label per sample (used only for scoring, never for σ or the clusters).</param>
    /// <param name="clustering">Schrödinger-clustering options; default when null.</param>
    /// <param name="spectrum">Data-spectrum options; default when null. Unless it sets σ, the spectrum uses the σ of the
    /// clustering (chosen on the full codes): a principal component is an orthogonal projection, so that length scale
    /// carries over, while the σ rule on the 1-D coordinate alone would see a much denser set and give spurious wells.</param>
    /// <param name="cancellationToken">Cancels the clustering.</param>
    /// <exception cref="ArgumentException">Sizes differ, or invalid codes.</exception>
    public static SchrodingerFigure2Report Analyze(Matrix<double> latent, IReadOnlyList<int> labels, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        SchrodingerPotential.RequirePoints(latent, nameof(latent));
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != latent.RowCount)
            throw new ArgumentException($"labels has {labels.Count} entries but latent has {latent.RowCount} rows.", nameof(labels));
        var k = labels.Distinct().Count();
        var result = QuantumClustering.Fit(latent, clustering, cancellationToken);
        var kmeans = KMeans.Fit(latent, KMeansOptions.Default with { Clusters = k });
        var gmm = GaussianMixture.Fit(latent, GaussianMixtureOptions.Default with { Components = k, Restarts = 5 });
        var coordinate = Pca.Fit(latent, PcaOptions.Default with { ComponentCount = 1 }).Transform(latent).Column(0).ToArray();
        spectrum ??= DataSpectrumOptions.Default;
        // The first principal component is an orthogonal projection, so the codes' σ is the length scale along it too.
        var data = DataSpectrum.Compute(coordinate, spectrum.Sigma is null ? spectrum with { Sigma = result.Sigma } : spectrum);
        var levels = labels.Distinct().Order().Select(label =>
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == label).ToArray();
            var well = members.GroupBy(i => data.WellOf(data.Positions[i])).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First();
            var w = data.Wells[well.Key];
            return new ClusterLevel(label, members.Length, well.Key, well.Count() / (double)members.Length, w.Level, w.Energy, w.Energy / data.Lambda);
        }).ToArray();
        return new SchrodingerFigure2Report(Array.AsReadOnly(labels.ToArray()), latent.Clone(), result,
            Clustering.AdjustedRandIndex(labels, result.Labels), Clustering.AdjustedRandIndex(labels, kmeans.Labels),
            Clustering.AdjustedRandIndex(labels, gmm.Labels), Array.AsReadOnly(coordinate), data, Array.AsReadOnly(levels));
    }

    /// <summary>Fig. 2 set-up (<see cref="SpectrumAnalysis.ReproduceFigure2"/>'s data and VAE) analysed by <see cref="Analyze"/>.</summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="options">Data and VAE options; default when null.</param>
    /// <param name="clustering">Schrödinger-clustering options; default when null.</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or invalid sizes.</exception>
    public static SchrodingerFigure2Report ReproduceFigure2(int clusters, Figure2Options? options = null, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        options ??= Figure2Options.Default;
        var data = SpectrumAnalysis.Figure2Data(clusters, options);
        var latent = SpectrumAnalysis.Figure2Codes(data, options, options.Seed, cancellationToken);
        return Analyze(latent, data.Labels, clustering, spectrum, cancellationToken);
    }

    /// <summary>
    /// Replica invariance: one data set (seed <see cref="Figure2Options.Seed"/>), <paramref name="replicas"/> VAEs with
    /// seeds Seed, Seed + 1, …, each analysed by <see cref="Analyze"/>; agreement of assignments and levels across
    /// replicas beside the raw-coordinate degeneracy metrics (CKA, raw vs matched correlation).
    /// </summary>
    /// <param name="clusters">k ≥ 2.</param>
    /// <param name="replicas">R ≥ 2.</param>
    /// <param name="options">Data and VAE options; default when null.</param>
    /// <param name="clustering">Schrödinger-clustering options; default when null.</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels training.</param>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 2 or R &lt; 2.</exception>
    public static ReplicaInvarianceReport Replicas(int clusters, int replicas, Figure2Options? options = null, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        if (replicas < 2)
            throw new ArgumentOutOfRangeException(nameof(replicas), replicas, "Replica invariance needs at least 2 replicas.");
        options ??= Figure2Options.Default;
        var data = SpectrumAnalysis.Figure2Data(clusters, options);
        var reports = Enumerable.Range(0, replicas)
            .Select(r => Analyze(SpectrumAnalysis.Figure2Codes(data, options, options.Seed + r, cancellationToken), data.Labels, clustering, spectrum, cancellationToken))
            .ToArray();
        var k = data.Labels.Distinct().Count();
        var kmeans = reports.Select(r => KMeans.Fit(r.Latent, KMeansOptions.Default with { Clusters = k }).Labels).ToArray();
        List<double> ari = [], kmeansAri = [], cka = [], raw = [], matched = [];
        for (var r = 0; r < replicas; r++)
            for (var s = r + 1; s < replicas; s++)
            {
                ari.Add(Clustering.AdjustedRandIndex(reports[r].Clustering.Labels, reports[s].Clustering.Labels));
                kmeansAri.Add(Clustering.AdjustedRandIndex(kmeans[r], kmeans[s]));
                cka.Add(Similarity.LinearCka(reports[r].Latent, reports[s].Latent));
                raw.Add(Similarity.RawCorrelation(reports[r].Latent, reports[s].Latent).MeanAbsoluteCorrelation);
                matched.Add(Similarity.MatchDimensions(reports[r].Latent, reports[s].Latent).MeanMatchedAbsoluteCorrelation);
            }
        var labelCount = reports[0].ClusterLevels.Count;
        var means = new double[labelCount];
        var sds = new double[labelCount];
        var same = 0;
        for (var l = 0; l < labelCount; l++)
        {
            var e = reports.Select(r => r.ClusterLevels[l].ReducedEnergy).ToArray();
            means[l] = e.Average();
            sds[l] = Math.Sqrt(e.Sum(x => (x - means[l]) * (x - means[l])) / (replicas - 1));
            if (reports.Select(r => r.ClusterLevels[l].Level).Distinct().Count() == 1) same++;
        }
        return new ReplicaInvarianceReport(clusters, Array.AsReadOnly(reports), ari.AsReadOnly(), kmeansAri.AsReadOnly(),
            Array.AsReadOnly(means), Array.AsReadOnly(sds), same / (double)labelCount, cka.Average(), raw.Average(), matched.Average());
    }
}
