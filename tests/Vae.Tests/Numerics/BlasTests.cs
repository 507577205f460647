using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Numerics;
using static Vae.Tests.Numerics.ProviderSwitch;

namespace Vae.Tests.Numerics;

/// <summary>The engine's span GEMM (MKL and managed fallback) against MathNet's matrix product.</summary>
[NonParallelizable]
public sealed class BlasTests
{
    [OneTimeSetUp]
    public void Setup() => RequireMkl();

    [TestCase(1, 1, 1)]
    [TestCase(5, 3, 7)]
    [TestCase(64, 33, 17)]
    [TestCase(3, 4, 0)]
    public void Row_major_gemm_matches_MathNet_for_every_transpose_on_both_backends(int m, int n, int k)
    {
        var a = Matrix<double>.Build.Random(m, k, 1);
        var b = Matrix<double>.Build.Random(k, n, 2);
        var c0 = Matrix<double>.Build.Random(m, n, 3);
        var expected = 0.5 * (a * b) + 2.0 * c0;
        foreach (var ta in new[] { false, true })
        foreach (var tb in new[] { false, true })
        {
            // Row-major storage of op⁻¹: when transposed, store aᵀ's rows.
            double[] aStore = RowMajor(ta ? a.Transpose() : a), bStore = RowMajor(tb ? b.Transpose() : b);
            double[] Run()
            {
                var c = RowMajor(c0);
                Blas.GemmRowMajor(ta, tb, m, n, k, 0.5, aStore, bStore, 2.0, c);
                return c;
            }
            var viaMkl = m * n * k == 0 ? Run() : OnMkl(Run);
            var viaManaged = OnManaged(Run);
            var reference = RowMajor(expected);
            Assert.That(viaMkl, Is.EqualTo(reference).Within(1e-12), $"MKL ta={ta} tb={tb}");
            Assert.That(viaManaged, Is.EqualTo(reference).Within(1e-12), $"managed ta={ta} tb={tb}");
        }
    }

    [Test]
    public void Float_gemm_uses_sgemm()
    {
        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8], c = new float[4];
        OnMkl(() => { Blas.GemmRowMajor(false, false, 2, 2, 2, 1f, a, b, 0f, c); return 0; });
        Assert.That(c, Is.EqualTo(new float[] { 19, 22, 43, 50 }));
    }

    [Test]
    public void Too_short_spans_are_rejected_with_the_needed_length()
    {
        Assert.That(() => Blas.GemmRowMajor(false, false, 2, 2, 2, 1.0, new double[3], new double[4], 0.0, new double[4]),
            Throws.ArgumentException.With.Message.Contains("needs 4"));
        Assert.That(() => Blas.GemmRowMajor(false, false, 2, 2, 2, 1.0, new double[4], new double[4], 0.0, new double[3]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("c"));
    }

    private static double[] RowMajor(Matrix<double> m) => m.ToRowMajorArray();
}
