using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.Core.Models;
using Vae.Core.Numerics;
using Vae.Quantum.Schrodinger;

namespace Vae.Benchmarks.Quantum;

/// <summary>
/// Schrödinger clustering of 10 000 latent codes, k = 10 clusters in d = 8, after PCA to 3 components (issue 12: ≤ 5 s on
/// 2 cores, with the ratio to a NumPy implementation of the same formulas, tools/reference/quantum_clustering_bench_peer.py;
/// run both with tools/bench/quantum.sh).
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class QuantumClusteringBenchmarks
{
    public const int Samples = 10_000;
    public const int Clusters = 10;
    public const int Dimension = 8;

    private Matrix<double> _codes = null!;
    private PosteriorCodes _posterior = null!;

    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable();
        // Same distribution as the peer: centres ~ N(0, 4² I₈), codes = centre + N(0, I₈), 1000 per cluster.
        var rng = new Xoshiro256StarStar(1);
        var normal = new Normal(0, 1, rng);
        var centres = Matrix<double>.Build.Random(Clusters, Dimension, normal) * 4.0;
        _codes = Matrix<double>.Build.Dense(Samples, Dimension, (i, j) => centres[i % Clusters, j] + normal.Sample());
        // Posterior sds as a VAE's encoder gives them: log σ = log 0.3 + N(0, 0.5²) per code and axis (about 0.1–0.8).
        _posterior = new PosteriorCodes(_codes, Matrix<double>.Build.Dense(Samples, Dimension, (_, _) => 2 * (Math.Log(0.3) + 0.5 * normal.Sample())));
    }

    /// <summary>PCA to 3 components, σ by the nearest-neighbour rule with K = 10, descent of all 10 000 codes, merge: the
    /// same algorithm as the NumPy peer.</summary>
    [Benchmark(Baseline = true)]
    public int NearestNeighbourSigma() =>
        QuantumClustering.Fit(_codes, QuantumClusteringOptions.Default with { PcaComponents = 3, Selection = BandwidthSelection.NearestNeighbours, Neighbours = 10 }).ClusterCount;

    /// <summary>The default: σ by the nearest-neighbour rule with K = ⌈n/12⌉ (834 here), then the full descent.</summary>
    [Benchmark]
    public int DefaultSigma() =>
        QuantumClustering.Fit(_codes, QuantumClusteringOptions.Default with { PcaComponents = 3 }).ClusterCount;

    /// <summary>σ given the number of clusters (k = 10; the rule of the Fig. 2 pipeline): a log-σ ladder of descents of up
    /// to 1000 codes each, then the full descent.</summary>
    [Benchmark]
    public int ClusterCountSigma() =>
        QuantumClustering.Fit(_codes, QuantumClusteringOptions.Default with { PcaComponents = 3, Selection = BandwidthSelection.ClusterCount, Clusters = Clusters }).ClusterCount;

    /// <summary>The Fig. 2 pipeline (<see cref="SchrodingerAnalysis.DefaultClustering"/> on the encoder's posteriors: σ given
    /// k = 10, fragments assigned, kernels with the shape of each code's projected posterior covariance P C_i Pᵀ and
    /// Abramson's size), then the full descent on that potential.</summary>
    [Benchmark]
    public int Figure2Pipeline() =>
        QuantumClustering.Fit(_posterior, SchrodingerAnalysis.DefaultClustering with { PcaComponents = 3, Clusters = Clusters }).ClusterCount;

    /// <summary>The pipeline's options on the posterior means alone (the pipeline of the seventh held-out comparison):
    /// round kernels of Abramson's widths.</summary>
    [Benchmark]
    public int AbramsonWidths() =>
        QuantumClustering.Fit(_codes, SchrodingerAnalysis.DefaultClustering with { PcaComponents = 3, Clusters = Clusters }).ClusterCount;

    /// <summary>σ by the lifetime rule (12 ladder steps of 300 descents each), then the full descent.</summary>
    [Benchmark]
    public int LifetimeSigma() =>
        QuantumClustering.Fit(_codes, QuantumClusteringOptions.Default with { PcaComponents = 3, Selection = BandwidthSelection.Lifetime }).ClusterCount;
}
