using System.Diagnostics;
using NUnit.Framework;
using Vae.Quantum.Schrodinger;
using Vae.Quantum.Spectrum;

namespace Vae.Tests.Quantum;

[TestFixture, Explicit]
public sealed class SchrodingerExplore
{
    [Test]
    public void Explore()
    {
        foreach (var k in new[] { 2, 3, 4, 5 })
        {
            var sw = Stopwatch.StartNew();
            var data = SpectrumAnalysis.Figure2Data(k, Figure2Options.Default);
            var latent = SpectrumAnalysis.Figure2Codes(data, Figure2Options.Default, 0, default);
            var t1 = sw.Elapsed.TotalSeconds;
            foreach (var nb in new[] { 10, 20, 40, 80 })
            {
                sw.Restart();
                var r = SchrodingerAnalysis.Analyze(latent, data.Labels, QuantumClusteringOptions.Default with { Neighbours = nb, Selection = nb == 10 ? BandwidthSelection.Lifetime : BandwidthSelection.NearestNeighbours });
                var sizes = string.Join(",", r.Clustering.Labels.GroupBy(x => x).Select(g => g.Count()).OrderByDescending(x => x).Take(8));
                TestContext.Progress.WriteLine($"k={k} K={nb} vae {t1:F1}s  QC ARI {r.AdjustedRandIndex:F3} ({r.Clustering.ClusterCount} clusters: {sizes}; σ={r.Clustering.Sigma:G3}, unconv {r.Clustering.Unconverged}, maxit {r.Clustering.Iterations.Max()})  KM {r.KMeansAdjustedRandIndex:F3} GMM {r.GaussianMixtureAdjustedRandIndex:F3}  {sw.Elapsed.TotalSeconds:F2}s");
                if (nb == 10)
                {
                    TestContext.Progress.WriteLine($"   spectrum σ_box {r.Spectrum.Sigma:G3} λ {r.Spectrum.Lambda:G4} E: {string.Join(" ", r.Spectrum.Levels.Select(l => l.Exact.ToString("G5")))}");
                    TestContext.Progress.WriteLine($"   wells: {string.Join(" | ", r.Spectrum.Wells.Select(w => $"z={w.Minimum:F3} n={w.Level} E={w.Energy:G5} m={w.Mass:F2} N={w.Samples}"))}");
                    TestContext.Progress.WriteLine($"   labels: {string.Join(" | ", r.ClusterLevels.Select(c => $"{c.Label}: well {c.Well} ({c.Share:P0}) n={c.Level} E/λ={c.ReducedEnergy:F4}"))}");
                }
            }
        }
    }
}
