// How far do unsupervised peers agree across VAE replicas on the Fig. 2 codes? (docs/quantum.md §12, issue 12's replica
// target.) For base seed s (default 0 and 1), k = 2..5: the Fig. 2 data with seed s and five VAEs with seeds s..s+4 (what
// Figure2.Replicas builds). On each replica's 2-D codes, with k given: the Schrödinger clustering of the Fig. 2 pipeline
// (σ given k, fragments assigned), k-means, and a Gaussian mixture with full covariances (5 restarts). Reported: ARI
// against the truth (mean, min–max over the 5 VAEs) and the pairwise ARI of each method's assignments over the 10
// pairs (mean, min–max, pairs ≥ 0.9). Set beside the label-informed ceiling of replica_ceiling.cs: it says whether an
// unsupervised method reaches the target where the ceiling allows it. A measurement, not a selection: nothing is chosen here.
// A .NET file-based app; run from the repository root (about 3 minutes on 2 cores):
//     nice -n 19 dotnet run -c Release tools/experiments/replica_peers.cs [base seeds…]
#:project ../../src/Vae.Reproduce/Vae.Reproduce.csproj

using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Metrics;
using Vae.Core.Numerics;
using Vae.Quantum.Schrodinger;
using Vae.Reproduce.QuantumPaper;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });

int[] baseSeeds = args.Length > 0 ? args.Select(int.Parse).ToArray() : [0, 1];
const int replicas = 5;

var methods = new (string Name, Func<Matrix<double>, int, IReadOnlyList<int>> Assign)[]
{
    ("Schrödinger (Fig. 2 pipeline)", (x, k) => QuantumClustering.Fit(x,
        QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = k, AssignFragments = true }).Labels),
    ("k-means", (x, k) => KMeans.Fit(x, KMeansOptions.Default with { Clusters = k }).Labels),
    ("GMM, full covariances", (x, k) => GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = k, Restarts = 5 }).Labels),
};
Console.WriteLine("| method | base seed | k | ARI vs truth, 5 VAEs (mean, min–max) | pairwise ARI across replicas (mean, min–max) | pairs ≥ 0.9 |");
Console.WriteLine("| --- | --- | --- | --- | --- | --- |");
foreach (var seed in baseSeeds)
{
    var options = Figure2Options.Default with { Seed = seed };
    foreach (var k in new[] { 2, 3, 4, 5 })
    {
        var data = Figure2.Data(k, options);
        var codes = Enumerable.Range(0, replicas).Select(r => Figure2.Codes(data, options, seed + r)).ToArray();
        foreach (var (name, assign) in methods)
        {
            var labels = codes.Select(c => assign(c, k).ToArray()).ToArray();
            var truth = labels.Select(l => Clustering.AdjustedRandIndex(data.Labels, l)).ToArray();
            var pairs = (from a in Enumerable.Range(0, replicas) from b in Enumerable.Range(a + 1, replicas - a - 1)
                         select Clustering.AdjustedRandIndex(labels[a], labels[b])).ToArray();
            Console.WriteLine($"| {name} | {seed} | {k} | {truth.Average():F3} ({truth.Min():F3}–{truth.Max():F3}) | {pairs.Average():F3} ({pairs.Min():F3}–{pairs.Max():F3}) | {pairs.Count(p => p >= 0.9)} of {pairs.Length} |");
        }
    }
}
