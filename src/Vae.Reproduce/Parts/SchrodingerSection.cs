using System.Text.Json.Nodes;
using Vae.Core.Models;
using Vae.Reproduce.Figures;
using Vae.Quantum.Schrodinger;
using Vae.Quantum.Spectrum;
using Vae.Reproduce.QuantumPaper;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The Schrödinger-clustering half of the quantum part (issue 12): on the Fig. 2 codes the ψ-network spectrum already
/// trained, Schrödinger clustering beside k-means and a GMM, the spectrum of −A d² + λV_data along the first principal
/// component with one figure set per k, and replica invariance over VAE seeds.
/// </summary>
internal static class SchrodingerSection
{
    /// <summary>Analyses one k's posteriors (those of the ψ network's VAE, no retraining) and adds its figures and table row.</summary>
    internal static JsonObject Analyze(PosteriorCodes posterior, IReadOnlyList<int> labels, int k, List<ReportFigure> figures, List<IReadOnlyList<string>> rows,
        CancellationToken cancellationToken)
    {
        var report = SchrodingerAnalysis.Analyze(posterior, labels, cancellationToken: cancellationToken);
        var data = report.Spectrum;
        figures.Add(new ReportFigure($"schrodinger-psi-k{k}", $"Schrödinger ψ observations per cluster (k = {k})",
            "The ground state of H = −A d²/dz² + λV_data along the first principal component of the VAE codes: the Parzen ψ (E₁/λ = ½), one point per code, coloured by true cluster.",
            SchrodingerFigures.PsiObservations(report, k)));
        figures.Add(new ReportFigure($"schrodinger-potential-k{k}", $"Data potential and levels (k = {k})",
            $"λV_data(z) (σ = {F(data.Sigma, 3)} box units, λ = 2A/σ² = {F(data.Lambda, 4)}) with each well's level E_n drawn across the well and the clusters whose codes fall there.",
            SchrodingerFigures.PotentialWithLevels(report, k)));
        figures.Add(new ReportFigure($"schrodinger-spectrum-k{k}", $"Spectrum per cluster (k = {k})",
            "The lowest levels E_n by exact diagonalisation in the box basis and the level of each true cluster's well.",
            SchrodingerFigures.SpectrumPerCluster(report, k)));
        rows.Add([k.ToString(), F(report.AdjustedRandIndex, 3), F(report.KMeansAdjustedRandIndex, 3), F(report.GaussianMixtureAdjustedRandIndex, 3),
            $"{report.Clustering.ClusterCount} ({report.Clustering.SubstantialClusterCount})", F(report.Clustering.Sigma, 3),
            string.Join("; ", report.ClusterLevels.Select(c => $"{c.Label}: n = {c.Level}, E/λ = {F(c.ReducedEnergy, 4)}")),
            $"{F(data.Levels[0].Exact, 6)} / {F(data.Levels[0].SecondOrder, 4)} (max |λc| {F(data.Levels[0].MaxMixing, 2)})"]);
        return new JsonObject
        {
            ["clusters"] = k, ["ari"] = report.AdjustedRandIndex, ["kmeans_ari"] = report.KMeansAdjustedRandIndex,
            ["gmm_ari"] = report.GaussianMixtureAdjustedRandIndex, ["minima"] = report.Clustering.ClusterCount,
            ["substantial_minima"] = report.Clustering.SubstantialClusterCount, ["sigma"] = report.Clustering.Sigma,
            ["spectrum_sigma_box"] = data.Sigma, ["lambda"] = data.Lambda, ["energies"] = Array(data.Levels.Select(l => l.Exact)),
            ["second_order"] = Array(data.Levels.Select(l => l.SecondOrder)), ["max_mixing"] = Array(data.Levels.Select(l => l.MaxMixing)),
            ["per_cluster"] = new JsonArray(report.ClusterLevels.Select(c => (JsonNode?)new JsonObject
            {
                ["label"] = c.Label, ["well"] = c.Well, ["share"] = c.Share, ["level"] = c.Level, ["energy"] = c.Energy, ["reduced_energy"] = c.ReducedEnergy,
            }).ToArray()),
        };
    }

    /// <summary>Replica invariance for one k: R VAEs on the same data.</summary>
    internal static JsonObject Replicas(int k, int replicas, Figure2Options options, List<IReadOnlyList<string>> rows, CancellationToken cancellationToken)
    {
        var report = Figure2.Replicas(k, replicas, options, cancellationToken: cancellationToken);
        rows.Add([k.ToString(), replicas.ToString(),
            $"{F(report.PairwiseAdjustedRandIndex.Average(), 3)} (min {F(report.PairwiseAdjustedRandIndex.Min(), 3)})",
            $"{F(report.PairwiseKMeansAdjustedRandIndex.Average(), 3)} (min {F(report.PairwiseKMeansAdjustedRandIndex.Min(), 3)})",
            string.Join(", ", report.Reports.Select(r => F(r.AdjustedRandIndex, 3))),
            MaxOrDash(report.ReducedEnergyStdDev, 3), F(report.LevelAgreement, 2),
            F(report.MeanCka, 3), F(report.MeanRawCorrelation, 3), F(report.MeanMatchedCorrelation, 3)]);
        return new JsonObject
        {
            ["clusters"] = k, ["replicas"] = replicas, ["pairwise_ari"] = Array(report.PairwiseAdjustedRandIndex),
            ["pairwise_kmeans_ari"] = Array(report.PairwiseKMeansAdjustedRandIndex),
            ["ari_vs_labels"] = Array(report.Reports.Select(r => r.AdjustedRandIndex)),
            ["reduced_energy_mean"] = ArrayOrNull(report.ReducedEnergyMean), ["reduced_energy_sd"] = ArrayOrNull(report.ReducedEnergyStdDev),
            ["level_agreement"] = report.LevelAgreement, ["cka"] = report.MeanCka, ["raw_correlation"] = report.MeanRawCorrelation,
            ["matched_correlation"] = report.MeanMatchedCorrelation,
        };
    }

    internal static readonly string[] AnalysisHeader =
        ["k", "Schrödinger ARI", "k-means ARI", "GMM ARI", "minima (substantial)", "σ", "per cluster: level, E/λ", "E₁ exact / 2nd order (PT mixing)"];

    internal static readonly string[] ReplicaHeader =
        ["k", "replicas", "pairwise ARI, Schrödinger", "pairwise ARI, k-means", "ARI vs labels per replica", "max sd of E/λ", "same level in all", "CKA", "raw corr", "matched corr"];
}
