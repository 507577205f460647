using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Benchmarks.InfoGeometry;

/// <summary>
/// Fisher–Rao distances between 100 000 pairs of diagonal normals in k = 30 (issue 4: ≥ 3× a vectorised NumPy peer,
/// tools/reference/infogeometry_bench_peer.py; run both with tools/bench/infogeometry.sh).
/// </summary>
[MemoryDiagnoser]
public class DiagonalFisherRaoBenchmarks
{
    public const int Pairs = 100_000;
    public const int Dimension = 30;

    private DiagonalNormalBatch _a = null!;
    private DiagonalNormalBatch _b = null!;

    [GlobalSetup]
    public void Setup()
    {
        // Same distribution as the peer: μ ~ N(0, 1), σ = exp(½ log σ²) with log σ² ~ U(−4, 1).
        var rng = new Xoshiro256StarStar(1);
        var normal = new Normal(0, 1, rng);
        var uniform = new ContinuousUniform(-4, 1, rng);
        Matrix<double> Means() => Matrix<double>.Build.Random(Pairs, Dimension, normal);
        Matrix<double> LogVariances() => Matrix<double>.Build.Random(Pairs, Dimension, uniform);
        _a = DiagonalNormalBatch.FromMeanLogVariance(Means(), LogVariances());
        _b = DiagonalNormalBatch.FromMeanLogVariance(Means(), LogVariances());
    }

    /// <summary>The batched SIMD kernel (<see cref="FisherRao.Distances"/>).</summary>
    [Benchmark(Baseline = true)]
    public double[] Batched() => FisherRao.Distances(_a, _b);
}
