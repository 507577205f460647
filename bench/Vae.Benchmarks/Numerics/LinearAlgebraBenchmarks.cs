using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Vae.Core.Numerics;

namespace Vae.Benchmarks.Numerics;

/// <summary>
/// Issue 2: Vae's MKL provider against MathNet's managed provider, side by side in one run.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*LinearAlgebraBenchmarks*'</c>.
/// Target: MKL ≥ 10× managed on dgemm 1024.
/// </summary>
[Config(typeof(InProcessShortConfig))]
public class LinearAlgebraBenchmarks
{
    private Matrix<double> _a = null!, _b = null!, _symmetric = null!, _svd = null!;
    private Matrix<float> _af = null!, _bf = null!;

    /// <summary>The provider under test.</summary>
    [Params(NumericsBackend.Mkl, NumericsBackend.Managed)]
    public NumericsBackend Backend { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Backend == NumericsBackend.Mkl) VaeNumerics.UseMkl(); else LinearAlgebraControl.UseManaged();
        _a = Matrix<double>.Build.Random(1024, 1024, 1);
        _b = Matrix<double>.Build.Random(1024, 1024, 2);
        _af = Matrix<float>.Build.Random(1024, 1024, 3);
        _bf = Matrix<float>.Build.Random(1024, 1024, 4);
        var s = Matrix<double>.Build.Random(256, 256, 5);
        _symmetric = s + s.Transpose();
        _svd = Matrix<double>.Build.Random(256, 256, 6);
    }

    [Benchmark(Description = "dgemm 1024")]
    public Matrix<double> Dgemm1024() => _a * _b;

    [Benchmark(Description = "sgemm 1024")]
    public Matrix<float> Sgemm1024() => _af * _bf;

    [Benchmark(Description = "symmetric EVD 256")]
    public Evd<double> SymmetricEvd256() => _symmetric.Evd(Symmetricity.Symmetric);

    [Benchmark(Description = "SVD 256")]
    public Svd<double> Svd256() => _svd.Svd(computeVectors: true);
}
