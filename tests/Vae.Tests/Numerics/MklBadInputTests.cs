using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Providers.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Numerics;
using static Vae.Tests.Numerics.ProviderSwitch;

namespace Vae.Tests.Numerics;

/// <summary>Bad input reaching the MKL provider gives a clear managed exception, never a native crash.</summary>
[NonParallelizable]
public sealed class MklBadInputTests
{
    [OneTimeSetUp]
    public void Setup() => RequireMkl();

    [Test]
    public void Cholesky_of_a_matrix_that_is_not_positive_definite_names_the_failing_minor()
    {
        var a = Matrix<double>.Build.DenseOfArray(new[,] { { 4.0, 2.0, 0.0 }, { 2.0, 1.0, 0.0 }, { 0.0, 0.0, 3.0 } }); // rank-deficient 2×2 block
        var e = Assert.Throws<ArgumentException>(() => OnMkl(() => a.Cholesky()));
        Assert.That(e!.Message, Does.Contain("not symmetric positive definite").And.Contain("order 2"));
    }

    [Test]
    public void Cholesky_of_an_indefinite_matrix_throws()
    {
        var a = Matrix<float>.Build.DenseOfArray(new[,] { { 1f, 0f }, { 0f, -1f } });
        Assert.That(() => OnMkl(() => a.Cholesky()), Throws.ArgumentException.With.Message.Contains("positive definite"));
    }

    [Test]
    public void LU_solve_and_inverse_of_a_singular_matrix_name_the_zero_pivot()
    {
        var a = Matrix<double>.Build.DenseOfArray(new[,] { { 1.0, 2.0, 3.0 }, { 2.0, 4.0, 6.0 }, { 1.0, 0.0, 1.0 } });
        var b = Matrix<double>.Build.Dense(3, 1, 1.0);
        var lu = OnMkl(() => a.LU());
        Assert.That(lu.Determinant, Is.EqualTo(0.0), "factoring a singular matrix is legal: its determinant is 0");
        Assert.That(() => lu.Solve(b), Throws.ArgumentException.With.Message.Contains("singular").And.Message.Contains("U[2,2] = 0"));
        Assert.That(() => a.Inverse(), Throws.ArgumentException.With.Message.Contains("singular"));
    }

    [Test]
    public void Mismatched_shapes_are_rejected_before_native_code()
    {
        var a = Matrix<double>.Build.Dense(3, 4);
        var b = Matrix<double>.Build.Dense(5, 2);
        Assert.That(() => a * b, Throws.InstanceOf<ArgumentException>());

        var provider = (ILinearAlgebraProvider<double>)LinearAlgebraControl.Provider;
        Assert.That(VaeNumerics.Backend, Is.EqualTo(NumericsBackend.Mkl));
        Assert.That(() => provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, 1.0, new double[12], 3, 4, new double[10], 5, 2, 0.0, new double[6]),
            Throws.ArgumentException.With.Message.Contains("dimensions must agree"));
        Assert.That(() => provider.MatrixMultiply(new double[11], 3, 4, new double[8], 4, 2, new double[6]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("a").And.Message.Contains("needs 12"));
        Assert.That(() => provider.CholeskyFactor(new double[8], 3), Throws.ArgumentException.With.Property("ParamName").EqualTo("a"));
        Assert.That(() => provider.LUFactor(new double[9], 3, new int[2]), Throws.ArgumentException.With.Property("ParamName").EqualTo("ipiv"));
        Assert.That(() => provider.SingularValueDecomposition(true, new double[6], 2, 3, new double[2], new double[3], new double[9]),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("u"));
        Assert.That(() => provider.QRSolve(new double[6], 2, 3, new double[2], 1, new double[3]),
            Throws.ArgumentException.With.Message.Contains("rows >= columns"));
    }

    [Test]
    public void Thin_svd_rejects_non_finite_entries()
    {
        var a = Matrix<double>.Build.Dense(3, 2, 1.0);
        a[2, 1] = double.NaN;
        Assert.That(() => ThinSvd.Of(a), Throws.ArgumentException.With.Message.Contains("a[2,1] = NaN"));
    }

    [Test]
    public void Describe_and_status_report_MKL()
    {
        Assert.That(VaeNumerics.Describe(), Does.StartWith("backend: MKL"));
        Assert.That(VaeNumerics.Mkl.Version, Does.Contain("Math Kernel Library"));
        Assert.That(VaeNumerics.Mkl.MaxThreads, Is.GreaterThanOrEqualTo(1));
        Assert.That(LinearAlgebraControl.Provider.ToString(), Does.StartWith("Intel MKL"));
    }
}
