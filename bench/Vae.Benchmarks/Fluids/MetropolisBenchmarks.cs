using BenchmarkDotNet.Attributes;
using Vae.Fluids.Geometry;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Benchmarks.Fluids;

/// <summary>
/// The sampler's inner loop and the data-set pipeline.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*Metropolis*'</c>.
/// One "operation" of <see cref="Sweeps"/> is 1000 sweeps of N = 30 particles = 30 000 trial moves, so
/// proposals per second = 30 000 / mean time. The side-by-side comparison with C++ is tools/bench/fluids.sh.
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class MetropolisBenchmarks
{
    private MetropolisChain<LennardJones> _lennardJones = null!;
    private MetropolisChain<FakeLennardJones> _fake = null!;
    private MetropolisOptions _dataSet = null!;

    [Params(30)]
    public int Particles { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lennardJones = new MetropolisChain<LennardJones>(LennardJones.Untruncated, Particles, 10, 1, 1, 0.2);
        _lennardJones.Reseed(RandomStream.Create(1, 1));
        _lennardJones.RandomStart(1);
        _lennardJones.Run(2000);
        _fake = new MetropolisChain<FakeLennardJones>(new FakeLennardJones(), Particles, 10, 1, 1, 0.2);
        _fake.Reseed(RandomStream.Create(1, 1));
        _fake.RandomStart(1);
        _fake.Run(2000);
        _dataSet = MetropolisOptions.Default with { Particles = Particles, SweepsPerSample = 200, MaxDegreeOfParallelism = 1 };
    }

    /// <summary>1000 sweeps (30 000 proposals) of the Lennard-Jones chain.</summary>
    [Benchmark(Baseline = true)]
    public double Sweeps()
    {
        _lennardJones.Run(1000);
        return _lennardJones.Energy;
    }

    /// <summary>1000 sweeps of the fake-potential chain (no r⁻¹² term).</summary>
    [Benchmark]
    public double SweepsFakePotential()
    {
        _fake.Run(1000);
        return _fake.Energy;
    }

    /// <summary>100 reset-per-sample configurations (200 sweeps each, δ tuning included) on one thread.</summary>
    [Benchmark]
    public int ResetPerSample100() => Metropolis.Sample(_dataSet, 100).Count;
}
