using BenchmarkDotNet.Running;

// Every benchmark class in this assembly is selectable: dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*Gemm*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>Entry point of the benchmark runner.</summary>
public partial class Program;
