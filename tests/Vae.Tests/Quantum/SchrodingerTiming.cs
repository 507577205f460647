using System.Diagnostics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

[TestFixture, Explicit]
public sealed class SchrodingerTiming
{
    [Test]
    public void Time()
    {
        var rng = new Xoshiro256StarStar(1);
        var normal = new Normal(0, 1, rng);
        var centres = Matrix<double>.Build.Random(10, 8, normal) * 4.0;
        var codes = Matrix<double>.Build.Dense(10000, 8, (i, j) => centres[i % 10, j] + normal.Sample());
        foreach (var tol in new[] { 1e-5, 1e-3 })
        {
            var sw = Stopwatch.StartNew();
            var r = QuantumClustering.Fit(codes, QuantumClusteringOptions.Default with { PcaComponents = 3, Selection = BandwidthSelection.NearestNeighbours, Tolerance = tol });
            TestContext.Progress.WriteLine($"tol {tol}: {sw.Elapsed.TotalSeconds:F2} s, {r.ClusterCount} minima, σ {r.Sigma:G3}, mean it {r.Iterations.Average():F1} max {r.Iterations.Max()} sizes {string.Join(",", r.Labels.GroupBy(x => x).Select(g => g.Count()).OrderByDescending(x => x).Take(12))}");
        }
    }
}
