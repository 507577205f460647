using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vae.Benchmarks;

/// <summary>
/// In-process (BenchmarkDotNet 0.14 predates the net10.0 moniker, so it cannot generate a separate project),
/// 2 warm-ups and 5 measured iterations, with the memory diagnoser. Benchmarks that change process-wide state
/// (the MathNet provider) set it in their GlobalSetup.
/// </summary>
public sealed class InProcessShortConfig : ManualConfig
{
    public InProcessShortConfig()
    {
        AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
