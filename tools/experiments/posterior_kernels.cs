// Static Schrödinger clustering with kernels from the VAE's own posteriors against the Fig. 2 pipeline, on HELD-OUT
// seeds (docs/quantum.md §12). A .NET file-based app; run from the repository root (about 25 minutes on 2 cores):
//     nice -n 19 dotnet run -c Release tools/experiments/posterior_kernels.cs
//
// Eighth protocol (issue 12), declared here and committed before its first run. The kernels so far were built from the
// posterior means alone (isotropic σ, Abramson's widths, local shapes). A VAE gives more than a point per sample: the
// encoder's posterior N(μ_i, diag σ²_i), and the mixture of those posteriors is the aggregate posterior, the density the
// VAE itself assigns to its codes. The candidates take each kernel's covariance from the posterior
// (QuantumClustering.Fit(PosteriorCodes, ...), KernelCovariances.Posterior: C_i = diag σ²_i over its geometric-mean scale g):
// - Data: Figure2Options.Default, k = 2..5, held-out data seeds 100–104, five VAE replicas with VAE seeds s..s+4 (as in
//   the fourth to seventh protocols). Seeds 0–5 take no part in the decision.
// - Baseline: the Fig. 2 pipeline (SchrodingerAnalysis.DefaultClustering: ClusterCount with Clusters = k, fragments
//   assigned, Abramson's widths) on the posterior means.
// - Candidates (three, fixed before the run):
//   (1) posterior kernels Σ_i = σ² C_i, σ given k (the ClusterCount rule), fragments assigned;
//   (2) posterior shapes with Abramson's widths, Σ_i = (σλ_i)² C_i / det(C_i)^(1/2), σ given k, fragments assigned;
//   (3) the aggregate posterior itself: Σ_i = diag σ²_i (σ² = g fixed, no σ search), fragments assigned (k sets only
//       the size a substantial minimum needs).
// - Scores, as before: (a) mean over seeds of the per-seed median over k of the ARI against the true labels on
//   replica 0; (b) mean over the 20 (seed, k) of the mean pairwise ARI over the 10 replica pairs.
// - Decision: a candidate qualifies only if it beats the baseline by more than 0.005 on BOTH (a) and (b). Of the
//   qualifying candidates, the one with the highest (b) becomes the Fig. 2 pipeline's kernel; if none qualifies, the
//   pipeline keeps Abramson's widths on the means. k-means and GMM (full covariances, 5 restarts) are printed beside
//   and take no part.
// - After the decision, and not used for it, the reported seeds 0 and 1 (VAE seeds s..s+4) are run the same way and printed.
#:project ReplicaProtocol/ReplicaProtocol.csproj

using Vae.Core.Metrics;
using Vae.Core.Numerics;
using Vae.Experiments;
using Vae.Quantum.Schrodinger;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });

QuantumClusteringOptions Isotropic(int k) => ReplicaProtocol.Pipeline(k) with { AdaptiveWidths = false };
ProtocolMethod[] methods =
[
    new("static, Abramson widths (Fig. 2 pipeline)", (x, k) => QuantumClustering.Fit(x, ReplicaProtocol.Pipeline(k)).Labels),
    ProtocolMethod.OnPosterior("posterior kernels, σ given k", (p, k) => QuantumClustering.Fit(p, Isotropic(k)).Labels),
    ProtocolMethod.OnPosterior("posterior shapes, Abramson widths, σ given k", (p, k) => QuantumClustering.Fit(p, ReplicaProtocol.Pipeline(k)).Labels),
    ProtocolMethod.OnPosterior("aggregate posterior (σ² = g)", (p, k) =>
        QuantumClustering.Fit(p, Isotropic(k) with { Sigma = Math.Exp(0.5 * p.LogVariance.Enumerate().Average()) }).Labels),
    new("k-means", (x, k) => KMeans.Fit(x, KMeansOptions.Default with { Clusters = k }).Labels),
    new("GMM, full covariances", (x, k) => GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = k, Restarts = 5 }).Labels),
];
ReplicaProtocol.HeldOutThenReported(methods, held => ReplicaProtocol.DecideAmongCandidates(methods, held, [1, 2, 3],
    "Decision: no candidate beats the Fig. 2 pipeline by more than 0.005 on both scores; the pipeline keeps Abramson's widths on the means."));
return 0;
