using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Tests.InfoGeometry;

/// <summary>FsCheck generators for points of the Gaussian families and for the affine maps that preserve them.</summary>
internal static class GaussianGenerators
{
    /// <summary>Uniform double in [lo, hi] on a grid of 2·10⁶ + 1 values.</summary>
    internal static Gen<double> Uniform(double lo, double hi) =>
        Gen.Choose(0, 2_000_000).Select(i => lo + (hi - lo) * (i / 2_000_000.0));

    internal static Gen<double> Mean => Uniform(-5, 5);

    /// <summary>σ log-uniform in [e⁻³, e²] ≈ [0.05, 7.4], the range VAE encoders produce.</summary>
    internal static Gen<double> StdDev => Uniform(-3, 2).Select(Math.Exp);

    internal static Gen<UnivariateNormal> Univariate =>
        Gen.Zip(Mean, StdDev, UnivariateNormal.FromMeanStdDev);

    internal static Gen<DiagonalNormal> Diagonal(int dimension) =>
        Gen.Zip(Gen.ArrayOf(Mean, dimension), Gen.ArrayOf(StdDev, dimension), (m, s) => DiagonalNormal.FromMeanStdDev(m, s));

    /// <summary>A nonzero scale factor α with |α| in [0.1, 10] (log-uniform) and either sign.</summary>
    internal static Gen<double> Scale =>
        Gen.Zip(Uniform(Math.Log(0.1), Math.Log(10)), Gen.Elements(-1.0, 1.0), (l, sign) => sign * Math.Exp(l));

    /// <summary>N(μ, Σ) with μ ∈ [−2, 2]ⁿ and Σ = MMᵀ/n + cI, M entries in [−1, 1], c ∈ [0.1, 0.6].</summary>
    internal static Gen<MultivariateNormal> Multivariate(int dimension) =>
        from mean in Gen.ArrayOf(Uniform(-2, 2), dimension)
        from m in Gen.ArrayOf(Uniform(-1, 1), dimension * dimension)
        from c in Uniform(0.1, 0.6)
        select MultivariateNormal.FromMeanCovariance(Vector<double>.Build.DenseOfArray(mean), Spd(m, dimension, c));

    internal static Matrix<double> Spd(double[] entries, int n, double shift)
    {
        var m = Matrix<double>.Build.DenseOfColumnMajor(n, n, entries);
        return m * m.Transpose() / n + shift * Matrix<double>.Build.DenseIdentity(n);
    }

    /// <summary>An invertible A (entries in [−2, 2] plus a diagonal shift keeping it away from singular) and an offset b.</summary>
    internal static Gen<(Matrix<double> A, Vector<double> B)> Affine(int n) =>
        from entries in Gen.ArrayOf(Uniform(-2, 2), n * n)
        from diagonal in Gen.ArrayOf(Gen.Zip(Uniform(1.5, 3), Gen.Elements(-1.0, 1.0), (x, s) => x * s), n)
        from offset in Gen.ArrayOf(Uniform(-3, 3), n)
        select (Matrix<double>.Build.DenseOfColumnMajor(n, n, entries) * 0.5 + Matrix<double>.Build.DenseOfDiagonalArray(diagonal),
                Vector<double>.Build.DenseOfArray(offset));
}
