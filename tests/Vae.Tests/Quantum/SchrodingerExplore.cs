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
            var rep = SchrodingerAnalysis.Replicas(k, 5);
            foreach (var (r, i) in rep.Reports.Select((r, i) => (r, i)))
            {
                var sizes = string.Join(",", r.Clustering.Labels.GroupBy(x => x).Select(g => g.Count()).OrderByDescending(x => x).Take(8));
                TestContext.Progress.WriteLine($"k={k} rep {i}: QC ARI {r.AdjustedRandIndex:F3} ({r.Clustering.ClusterCount}: {sizes}; σ={r.Clustering.Sigma:G3})  KM {r.KMeansAdjustedRandIndex:F3} GMM {r.GaussianMixtureAdjustedRandIndex:F3} | levels {string.Join(" ", r.ClusterLevels.Select(c => $"{c.Label}:n{c.Level},{c.ReducedEnergy:F3}"))} | E1 {r.Spectrum.Levels[0].Exact:G6} PT2 {r.Spectrum.Levels[0].SecondOrder:G4} mix {r.Spectrum.Levels[0].MaxMixing:G3}");
            }
            TestContext.Progress.WriteLine($"k={k}: pairwise QC ARI {string.Join(" ", rep.PairwiseAdjustedRandIndex.Select(a => a.ToString("F3")))}; KM {string.Join(" ", rep.PairwiseKMeansAdjustedRandIndex.Select(a => a.ToString("F3")))}; E/λ sd {string.Join(" ", rep.ReducedEnergyStdDev.Select(a => a.ToString("F3")))} agree {rep.LevelAgreement:F2}; CKA {rep.MeanCka:F3} raw {rep.MeanRawCorrelation:F3} matched {rep.MeanMatchedCorrelation:F3}; {sw.Elapsed.TotalSeconds:F0}s");
        }
    }
}
