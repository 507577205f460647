using BenchmarkDotNet.Attributes;
using Vae.Core.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;
using Vae.Quantum.Validation;

namespace Vae.Benchmarks.Quantum;

/// <summary>
/// The validation table (t = 0.1..5 step 0.1, n, m ≤ 30, L = A = 1) must take at most 1 s.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*Quantum*'</c>.
/// <see cref="ValidationTable"/> is the whole <c>vae quantum validate</c> computation (analytic table, Gauss–Legendre
/// and Gauss–Kronrod quadrature, ~17 basis diagonalisations and 3 finite-difference diagonalisations per t);
/// <see cref="AnalyticTable"/> is the closed-form part alone (50 matrices V_mn and all E¹, E², E³).
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class ValidationBenchmarks
{
    [GlobalSetup]
    public void Setup() => VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });

    /// <summary>The full validation report with default options.</summary>
    [Benchmark(Baseline = true)]
    public int ValidationTable() => QuantumValidation.Run().Errors.Count;

    /// <summary>Closed-form matrix elements and E¹, E², E³ for 50 values of t, N = 30.</summary>
    [Benchmark]
    public double AnalyticTable()
    {
        var sum = 0.0;
        for (var k = 1; k <= 50; k++)
        {
            var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(k / 10.0), 30);
            foreach (var c in expansion.Corrections()) sum += c.SecondOrder + c.ThirdOrder;
        }
        return sum;
    }
}
