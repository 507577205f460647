using NUnit.Framework;
using Vae.Core.Numerics;

namespace Vae.Tests.Engine;

/// <summary>The engine's row-major GEMM entry point against a naive triple loop, for every transpose combination.</summary>
[TestFixture]
public sealed class BlasGemmTests
{
    [Test]
    public void GemmRowMajorMatchesNaiveProduct([Values] bool transposeA, [Values] bool transposeB)
    {
        const int m = 3, n = 4, k = 5;
        var random = new Random(7);
        var a = Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5).ToArray();
        var b = Enumerable.Range(0, k * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        var c = Enumerable.Range(0, m * n).Select(_ => random.NextDouble() - 0.5).ToArray();
        double A(int i, int p) => transposeA ? a[p * m + i] : a[i * k + p];
        double B(int p, int j) => transposeB ? b[j * k + p] : b[p * n + j];
        var expected = new double[m * n];
        for (int i = 0; i < m; i++)
        for (int j = 0; j < n; j++)
        {
            double s = 0;
            for (int p = 0; p < k; p++) s += A(i, p) * B(p, j);
            expected[i * n + j] = 2 * s + 0.5 * c[i * n + j];
        }
        Blas.GemmRowMajor(transposeA, transposeB, m, n, k, 2.0, a, b, 0.5, c);
        Assert.That(c, Is.EqualTo(expected).Within(1e-12));
    }
}
