using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Vae.Benchmarks.Training;

/// <summary>
/// Like <see cref="InProcessShortConfig"/> (in-process: BenchmarkDotNet 0.14 predates net10.0) but for operations
/// that take seconds to minutes (a PyTorch epoch on a loaded machine): a one-hour in-process timeout instead of the
/// default, one warm-up and three measured iterations of a single operation each.
/// </summary>
public sealed class LongRunningConfig : ManualConfig
{
    public LongRunningConfig()
    {
        AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(1), logOutput: true))
            .WithWarmupCount(1).WithIterationCount(3).WithLaunchCount(1).WithInvocationCount(1).WithUnrollFactor(1));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }
}
