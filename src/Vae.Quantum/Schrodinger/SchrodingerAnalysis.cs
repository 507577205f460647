using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Core.Metrics;
using Vae.Core.Models;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// A working spectrum of latent codes: Schrödinger clustering of the codes (compared with k-means and a GMM), the
/// spectrum of −A d² + λV_data along the first principal component with one level per well, and replica invariance over
/// VAE seeds. The paper's Fig. 2 experiment (make_classification data, the VAE) is <c>Vae.Reproduce.QuantumPaper.Figure2</c>.
/// </summary>
public static class SchrodingerAnalysis
{
    /// <summary>
    /// The clustering options of the Fig. 2 pipeline, used by <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/> and <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.CompareReplicas"/>
    /// when none are given: σ by the rule given k (<see cref="BandwidthSelection.ClusterCount"/>; <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>
    /// fills in k = the number of distinct labels), fragments assigned to the nearest substantial minimum, and kernel
    /// widths by Abramson's square-root law (<see cref="QuantumClusteringOptions.AdaptiveWidths"/>); given the encoder's
    /// posteriors (the overloads taking <see cref="PosteriorCodes"/>, which the Fig. 2 pipeline uses), each kernel also takes
    /// the shape of its code's posterior covariance. Each was chosen over its alternatives on held-out Fig. 2 codes by a
    /// protocol declared before its run (docs/quantum.md §12).
    /// </summary>
    public static QuantumClusteringOptions DefaultClustering { get; } = QuantumClusteringOptions.Default with
    {
        Selection = BandwidthSelection.ClusterCount, AssignFragments = true, AdaptiveWidths = true,
    };

    /// <summary>Clusters <paramref name="latent"/>, scores against <paramref name="labels"/> and computes the data spectrum;
    /// with the codes alone every kernel is round (the Fig. 2 pipeline passes the posteriors instead).</summary>
    /// <param name="latent">Codes [samples, d_z], finite.</param>
    /// <param name="labels">True label per sample (used only for scoring, never for σ or the clusters).</param>
    /// <param name="clustering">Schrödinger-clustering options. When null, <see cref="DefaultClustering"/>: σ by the rule
    /// given the number of clusters (<see cref="BandwidthSelection.ClusterCount"/>) with k = the number of distinct labels —
    /// the same k k-means and the GMM receive here, and nothing else of the labels —, the points of non-substantial minima
    /// assigned to the nearest substantial one (<see cref="QuantumClusteringOptions.AssignFragments"/>), so k clusters come
    /// back, and Abramson's kernel widths; all chosen over the alternatives on held-out Fig. 2 codes (docs/quantum.md §12). Options with that selection and no <see cref="QuantumClusteringOptions.Clusters"/> get the same k;
    /// any other options are used as given (e.g. <see cref="QuantumClusteringOptions.Default"/> for the label-free
    /// nearest-neighbour rule).</param>
    /// <param name="spectrum">Data-spectrum options; default when null. Unless it sets σ, the spectrum uses the σ of the
    /// clustering (chosen on the full codes): a principal component is an orthogonal projection, so that length scale
    /// carries over, while the σ rule on the 1-D coordinate alone would see a much denser set and give spurious wells.</param>
    /// <param name="cancellationToken">Cancels the clustering.</param>
    /// <exception cref="ArgumentException">Sizes differ, or invalid codes.</exception>
    public static SchrodingerFigure2Report Analyze(Matrix<double> latent, IReadOnlyList<int> labels, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        SchrodingerPotential.RequirePoints(latent, nameof(latent));
        return Analyze(latent, labels, clustering, spectrum, options => QuantumClustering.Fit(latent, options, cancellationToken));
    }

    /// <summary>Clusters the posterior means of <paramref name="posterior"/> with kernels shaped by the encoder's own
    /// posterior covariances (<see cref="QuantumClustering.Fit(PosteriorCodes, QuantumClusteringOptions?, CancellationToken)"/>),
    /// scores against <paramref name="labels"/> and computes the data spectrum of the means: the Fig. 2 pipeline.</summary>
    /// <param name="posterior">The encoder's posteriors of the samples (means and log-variances, [samples, d_z] each, finite).</param>
    /// <param name="labels">True label per sample (used only for scoring, never for σ or the clusters).</param>
    /// <param name="clustering">Schrödinger-clustering options, as for <see cref="Analyze(Matrix{double}, IReadOnlyList{int}, QuantumClusteringOptions?, DataSpectrumOptions?, CancellationToken)"/>.
    /// When null, <see cref="DefaultClustering"/>: with posteriors, each kernel takes the shape of its code's posterior
    /// covariance and Abramson's size, the kernel chosen over the means-only kernels by the eighth held-out protocol
    /// (docs/quantum.md §12).</param>
    /// <param name="spectrum">Data-spectrum options, as for the codes alone (the spectrum is that of the means).</param>
    /// <param name="cancellationToken">Cancels the clustering.</param>
    /// <exception cref="ArgumentNullException"><paramref name="posterior"/> or <paramref name="labels"/> is null.</exception>
    /// <exception cref="ArgumentException">Sizes differ, or invalid posteriors (<see cref="QuantumClustering.Fit(PosteriorCodes, QuantumClusteringOptions?, CancellationToken)"/>).</exception>
    public static SchrodingerFigure2Report Analyze(PosteriorCodes posterior, IReadOnlyList<int> labels, QuantumClusteringOptions? clustering = null,
        DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        QuantumClustering.RequirePosterior(posterior, nameof(posterior));
        return Analyze(posterior.Mean, labels, clustering, spectrum, options => QuantumClustering.Fit(posterior, options, cancellationToken));
    }

    private static SchrodingerFigure2Report Analyze(Matrix<double> latent, IReadOnlyList<int> labels, QuantumClusteringOptions? clustering,
        DataSpectrumOptions? spectrum, Func<QuantumClusteringOptions, QuantumClusteringResult> fit)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count != latent.RowCount)
            throw new ArgumentException($"labels has {labels.Count} entries but latent has {latent.RowCount} rows.", nameof(labels));
        var k = labels.Distinct().Count();
        clustering ??= DefaultClustering;
        if (clustering.Selection == BandwidthSelection.ClusterCount && clustering.Clusters is null)
            clustering = clustering with { Clusters = k };
        var result = fit(clustering);
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

    /// <summary>
    /// Replica invariance: the codes of R VAEs trained on the same data with different seeds, each analysed by
    /// <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>; agreement of assignments and levels across replicas beside the raw-coordinate degeneracy
    /// metrics (CKA, raw vs matched correlation), which come from Core's <see cref="ReplicaComparison.Compare"/> on the codes.
    /// </summary>
    /// <param name="latents">Codes of each replica, R ≥ 2 matrices [samples, d_z] with the same rows (the same samples in the same order).</param>
    /// <param name="labels">True label per sample (scoring only).</param>
    /// <param name="clustering">Schrödinger-clustering options, passed to <see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/> (when null,
    /// <see cref="DefaultClustering"/> with k = the number of distinct labels).</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels the clustering.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 replicas.</exception>
    /// <exception cref="ArgumentException">Replicas differ in shape, invalid codes or labels, or a constant replica (CKA undefined).</exception>
    public static ReplicaInvarianceReport CompareReplicas(IReadOnlyList<Matrix<double>> latents, IReadOnlyList<int> labels,
        QuantumClusteringOptions? clustering = null, DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(latents);
        for (var r = 0; r < latents.Count; r++) ArgumentNullException.ThrowIfNull(latents[r], $"{nameof(latents)}[{r}]");
        return CompareReplicas(latents, labels, nameof(latents), r => Analyze(latents[r], labels, clustering, spectrum, cancellationToken));
    }

    /// <summary>
    /// Replica invariance on the encoder's posteriors of R VAEs trained on the same data with different seeds, each
    /// analysed by <see cref="Analyze(PosteriorCodes, IReadOnlyList{int}, QuantumClusteringOptions?, DataSpectrumOptions?, CancellationToken)"/>
    /// (kernels shaped by the posteriors: the Fig. 2 pipeline); the degeneracy metrics are those of the posterior means,
    /// as for <see cref="CompareReplicas(IReadOnlyList{Matrix{double}}, IReadOnlyList{int}, QuantumClusteringOptions?, DataSpectrumOptions?, CancellationToken)"/>.
    /// </summary>
    /// <param name="posteriors">Posteriors of each replica, R ≥ 2, means and log-variances [samples, d_z] each, with the same rows.</param>
    /// <param name="labels">True label per sample (scoring only).</param>
    /// <param name="clustering">Schrödinger-clustering options (when null, <see cref="DefaultClustering"/> with k = the number of distinct labels).</param>
    /// <param name="spectrum">Data-spectrum options; default when null.</param>
    /// <param name="cancellationToken">Cancels the clustering.</param>
    /// <exception cref="ArgumentOutOfRangeException">Fewer than 2 replicas.</exception>
    /// <exception cref="ArgumentException">Replicas differ in shape, invalid posteriors or labels, or a constant replica (CKA undefined).</exception>
    public static ReplicaInvarianceReport CompareReplicas(IReadOnlyList<PosteriorCodes> posteriors, IReadOnlyList<int> labels,
        QuantumClusteringOptions? clustering = null, DataSpectrumOptions? spectrum = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(posteriors);
        // Every replica is checked before any is analysed (the parameter named is posteriors[r]).
        for (var r = 0; r < posteriors.Count; r++) QuantumClustering.RequirePosterior(posteriors[r], $"{nameof(posteriors)}[{r}]");
        var latents = posteriors.Select(p => p.Mean).ToArray();
        return CompareReplicas(latents, labels, nameof(posteriors), r => Analyze(posteriors[r], labels, clustering, spectrum, cancellationToken));
    }

    private static ReplicaInvarianceReport CompareReplicas(IReadOnlyList<Matrix<double>> latents, IReadOnlyList<int> labels, string parameter,
        Func<int, SchrodingerFigure2Report> analyze)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (latents.Count < 2)
            throw new ArgumentOutOfRangeException(parameter, latents.Count, "Replica invariance needs at least 2 replicas.");
        for (var r = 0; r < latents.Count; r++)
            if (latents[r].RowCount != latents[0].RowCount || latents[r].ColumnCount != latents[0].ColumnCount)
                throw new ArgumentException(
                    $"{parameter}[{r}] is {latents[r].RowCount}×{latents[r].ColumnCount} but {parameter}[0] is {latents[0].RowCount}×{latents[0].ColumnCount}.", parameter);
        var replicas = latents.Count;
        // The raw-coordinate degeneracy metrics are Core's replica comparison, pairs in the same order (0,1), (0,2), …;
        // computed first, so that a constant replica fails before any replica is analysed.
        var degeneracy = ReplicaComparison.Compare(latents);
        var cka = degeneracy.Pairs.Average(p => p.LinearCka
            ?? throw new ArgumentException($"{parameter}[{p.A}] or {parameter}[{p.B}] is constant: CKA is undefined.", parameter));
        var reports = Enumerable.Range(0, replicas).Select(analyze).ToArray();
        var k = labels.Distinct().Count();
        var kmeans = reports.Select(r => KMeans.Fit(r.Latent, KMeansOptions.Default with { Clusters = k }).Labels).ToArray();
        var ari = degeneracy.Pairs.Select(p => Clustering.AdjustedRandIndex(reports[p.A].Clustering.Labels, reports[p.B].Clustering.Labels)).ToArray();
        var kmeansAri = degeneracy.Pairs.Select(p => Clustering.AdjustedRandIndex(kmeans[p.A], kmeans[p.B])).ToArray();
        var labelCount = reports[0].ClusterLevels.Count;
        var means = new double[labelCount];
        var sds = new double[labelCount];
        var same = 0;
        for (var l = 0; l < labelCount; l++)
        {
            // Level 0 says that no computed level lies in the label's well: it has no energy, so it is left out of the
            // statistics, and it never counts as agreement.
            var levels = reports.Select(r => r.ClusterLevels[l]).ToArray();
            var e = levels.Where(c => c.Level > 0).Select(c => c.ReducedEnergy).ToArray();
            means[l] = e.Length == 0 ? double.NaN : e.Average();
            sds[l] = e.Length < 2 ? double.NaN : Math.Sqrt(e.Sum(x => (x - means[l]) * (x - means[l])) / (e.Length - 1));
            if (levels.All(c => c.Level > 0 && c.Level == levels[0].Level)) same++;
        }
        return new ReplicaInvarianceReport(k, Array.AsReadOnly(reports), Array.AsReadOnly(ari), Array.AsReadOnly(kmeansAri),
            Array.AsReadOnly(means), Array.AsReadOnly(sds), same / (double)labelCount, cka,
            degeneracy.Pairs.Average(p => p.Raw.MeanAbsoluteCorrelation), degeneracy.Pairs.Average(p => p.Matching.MeanMatchedAbsoluteCorrelation));
    }
}
