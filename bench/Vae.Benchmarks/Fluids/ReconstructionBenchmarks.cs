using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;
using Vae.Fluids.Geometry;

namespace Vae.Benchmarks.Fluids;

/// <summary>Classical MDS of a 30×30 distance matrix (MKL-backed eigen-decomposition) and resting.</summary>
[Config(typeof(InProcessShortConfig))]
public class ReconstructionBenchmarks
{
    private Matrix<double> _distances = null!;
    private Point2[] _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });
        var rng = new Random(1);
        var x = Matrix<double>.Build.Dense(30, 2, (_, _) => 10 * rng.NextDouble());
        _distances = DistanceMatrix.Compute(x);
        _points = Enumerable.Range(0, 30).Select(i => new Point2(x[i, 0], x[i, 1])).ToArray();
    }

    [Benchmark]
    public double ClassicalMds2() => ClassicalMds.Embed(_distances).Stress;

    [Benchmark]
    public double Rest() => Resting.Rest(_points).CentreOfMassHeight;
}
