using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Numerics;
using static Vae.Tests.Numerics.ProviderSwitch;

namespace Vae.Tests.Numerics;

/// <summary>
/// Parity of Vae's MKL provider with MathNet's managed provider through MathNet's public API, on seeded random
/// matrices of sizes 1..200: 1e-10 relative in double, 1e-4 in float. Every MKL-side computation asserts that MKL
/// was actually called. Factors that are unique only up to signs (QR, SVD, eigenvectors) are sign-aligned first;
/// spectra are made well separated so that eigen/singular vectors are well conditioned.
/// </summary>
[TestFixture(typeof(double))]
[TestFixture(typeof(float))]
[NonParallelizable]
public sealed class MklParityTests<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    private static readonly double Tolerance = typeof(T) == typeof(double) ? 1e-10 : 1e-4;

    private static readonly int[] Orders = [1, 2, 3, 5, 8, 17, 32, 64, 100, 128, 200];

    private static readonly int[][] Shapes =
    [
        [1, 1], [1, 7], [7, 1], [3, 5], [5, 3], [50, 20], [20, 50], [200, 37], [37, 200], [128, 128], [200, 200],
    ];

    [OneTimeSetUp]
    public void Setup() => RequireMkl();

    [TestCaseSource(nameof(GemmShapes))]
    public void MatrixMultiplyWithUpdate_all_transpose_combinations_match(int m, int n, int k)
    {
        foreach (var ta in new[] { Transpose.DontTranspose, Transpose.Transpose })
        foreach (var tb in new[] { Transpose.DontTranspose, Transpose.Transpose })
        {
            var a = ta == Transpose.DontTranspose ? TestMatrices<T>.Random(m, k, 1) : TestMatrices<T>.Random(k, m, 1);
            var b = tb == Transpose.DontTranspose ? TestMatrices<T>.Random(k, n, 2) : TestMatrices<T>.Random(n, k, 2);
            var c0 = TestMatrices<T>.Random(m, n, 3);
            T alpha = T.CreateTruncating(0.75), beta = T.CreateTruncating(-0.5);

            Matrix<T> Run()
            {
                var c = c0.ToColumnMajorArray();
                var provider = (ILinearAlgebraProvider<T>)LinearAlgebraControl.Provider;
                provider.MatrixMultiplyWithUpdate(ta, tb, alpha, a.ToColumnMajorArray(), a.RowCount, a.ColumnCount,
                    b.ToColumnMajorArray(), b.RowCount, b.ColumnCount, beta, c);
                return Matrix<T>.Build.Dense(m, n, c);
            }

            var managed = OnManaged(Run);
            var mkl = m * n == 0 || k == 0 ? Run() : OnMkl(Run); // empty products legitimately make no native call
            Assert.That(TestMatrices<T>.RelativeError(mkl, managed), Is.LessThanOrEqualTo(Tolerance), $"op(a)={ta}, op(b)={tb}");
        }
    }

    [TestCaseSource(nameof(ShapeCases))]
    public void Matrix_products_through_MathNet_match(int m, int n)
    {
        var a = TestMatrices<T>.Random(m, n, 4);
        var b = TestMatrices<T>.Random(n, m, 5);
        var c = TestMatrices<T>.Random(m, n, 6);
        Matrix<T>[] Run() => [a * b, a.TransposeThisAndMultiply(c), a.TransposeAndMultiply(c)];
        var managed = OnManaged(Run);
        var mkl = OnMkl(Run);
        for (int i = 0; i < managed.Length; i++)
            Assert.That(TestMatrices<T>.RelativeError(mkl[i], managed[i]), Is.LessThanOrEqualTo(Tolerance), $"product {i}");
    }

    [TestCaseSource(nameof(OrderCases))]
    public void Symmetric_eigendecomposition_matches(int n)
    {
        var s = TestMatrices<T>.SymmetricWithSpectrum(n, 7);
        var managed = OnManaged(() => s.Evd(Symmetricity.Symmetric));
        var mkl = OnMkl(() => s.Evd(Symmetricity.Symmetric));
        Assert.That(TestMatrices<T>.RelativeError(mkl.D, managed.D), Is.LessThanOrEqualTo(Tolerance), "eigenvalues");
        var aligned = TestMatrices<T>.AlignColumnSigns(mkl.EigenVectors, managed.EigenVectors);
        Assert.That(TestMatrices<T>.RelativeError(aligned, managed.EigenVectors), Is.LessThanOrEqualTo(Tolerance), "eigenvectors");
    }

    [TestCaseSource(nameof(OrderCases))]
    public void General_eigendecomposition_matches(int n)
    {
        var a = TestMatrices<T>.Random(n, n, 8);
        var managed = OnManaged(() => a.Evd(Symmetricity.Asymmetric));
        var mkl = OnMkl(() => a.Evd(Symmetricity.Asymmetric));

        // Eigenvalues: the same multiset (the order differs between algorithms), matched nearest-first.
        var scale = managed.EigenValues.Select(z => z.Magnitude).Max();
        var unmatched = managed.EigenValues.ToList();
        double worst = 0;
        foreach (var z in mkl.EigenValues)
        {
            var nearest = unmatched.MinBy(w => (w - z).Magnitude);
            worst = Math.Max(worst, (nearest - z).Magnitude / scale);
            unmatched.Remove(nearest);
        }
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance), "eigenvalues");

        // Eigenvectors are normalised differently by the two algorithms: check A·V = V·D for MKL's, as MathNet's must.
        var residual = a * mkl.EigenVectors - mkl.EigenVectors * mkl.D;
        Assert.That(TestMatrices<T>.RelativeError(residual + a * mkl.EigenVectors, a * mkl.EigenVectors),
            Is.LessThanOrEqualTo(Tolerance), "A·V = V·D");
    }

    [TestCaseSource(nameof(ShapeCases))]
    public void Full_svd_matches(int m, int n)
    {
        var a = TestMatrices<T>.WithSingularValues(m, n, 9);
        var managed = OnManaged(() => a.Svd(computeVectors: true));
        var mkl = OnMkl(() => a.Svd(computeVectors: true));
        int k = Math.Min(m, n);
        Assert.That(TestMatrices<T>.RelativeError(mkl.S, managed.S), Is.LessThanOrEqualTo(Tolerance), "singular values");
        var uMkl = mkl.U.SubMatrix(0, m, 0, k);
        var uManaged = managed.U.SubMatrix(0, m, 0, k);
        var signs = SignsAligning(uMkl, uManaged);
        Assert.That(TestMatrices<T>.RelativeError(uMkl * signs, uManaged), Is.LessThanOrEqualTo(Tolerance), "U (first k columns)");
        var vMkl = mkl.VT.SubMatrix(0, k, 0, n);
        Assert.That(TestMatrices<T>.RelativeError(signs * vMkl, managed.VT.SubMatrix(0, k, 0, n)), Is.LessThanOrEqualTo(Tolerance), "Vᵀ (first k rows)");
        // The remaining columns of a full U / rows of Vᵀ are any orthonormal completion: check orthogonality.
        var identityU = Matrix<T>.Build.DenseIdentity(m);
        Assert.That(TestMatrices<T>.RelativeError(mkl.U.TransposeThisAndMultiply(mkl.U), identityU), Is.LessThanOrEqualTo(Tolerance), "UᵀU = I");
        var identityV = Matrix<T>.Build.DenseIdentity(n);
        Assert.That(TestMatrices<T>.RelativeError(mkl.VT * mkl.VT.Transpose(), identityV), Is.LessThanOrEqualTo(Tolerance), "VᵀV = I");
    }

    [TestCaseSource(nameof(ShapeCases))]
    public void Thin_svd_matches_truncated_managed_svd(int m, int n)
    {
        var a = TestMatrices<T>.WithSingularValues(m, n, 10);
        var managed = OnManaged(() => Thin(a));
        var mkl = OnMkl(() => Thin(a));
        Assert.That(mkl.U.RowCount, Is.EqualTo(m));
        Assert.That(mkl.U.ColumnCount, Is.EqualTo(Math.Min(m, n)));
        Assert.That(TestMatrices<T>.RelativeError(mkl.S, managed.S), Is.LessThanOrEqualTo(Tolerance), "singular values");
        var signs = SignsAligning(mkl.U, managed.U);
        Assert.That(TestMatrices<T>.RelativeError(mkl.U * signs, managed.U), Is.LessThanOrEqualTo(Tolerance), "U");
        Assert.That(TestMatrices<T>.RelativeError(signs * mkl.VT, managed.VT), Is.LessThanOrEqualTo(Tolerance), "Vᵀ");
    }

    [TestCaseSource(nameof(OrderCases))]
    public void Cholesky_factor_and_solve_match(int n)
    {
        var a = TestMatrices<T>.Spd(n, 11);
        var b = TestMatrices<T>.Random(n, 3, 12);
        var managed = OnManaged(() => { var c = a.Cholesky(); return (c.Factor, c.Solve(b)); });
        var mkl = OnMkl(() => { var c = a.Cholesky(); return (c.Factor, c.Solve(b)); });
        Assert.That(TestMatrices<T>.RelativeError(mkl.Factor, managed.Factor), Is.LessThanOrEqualTo(Tolerance), "L");
        Assert.That(TestMatrices<T>.RelativeError(mkl.Item2, managed.Item2), Is.LessThanOrEqualTo(Tolerance), "solve");
    }

    [TestCaseSource(nameof(OrderCases))]
    public void LU_factor_solve_inverse_and_determinant_match(int n)
    {
        var a = TestMatrices<T>.Spd(n, 13) + TestMatrices<T>.Random(n, n, 14); // non-symmetric, well conditioned, pivots
        var b = TestMatrices<T>.Random(n, 4, 15);
        var managed = OnManaged(() => { var lu = a.LU(); return (lu.L, lu.U, P: Enumerable.Range(0, n).Select(i => lu.P[i]).ToArray(), X: lu.Solve(b), Inv: lu.Inverse(), Det: lu.Determinant); });
        var mkl = OnMkl(() => { var lu = a.LU(); return (lu.L, lu.U, P: Enumerable.Range(0, n).Select(i => lu.P[i]).ToArray(), X: lu.Solve(b), Inv: lu.Inverse(), Det: lu.Determinant); });
        Assert.That(mkl.P, Is.EqualTo(managed.P), "row permutation");
        Assert.That(TestMatrices<T>.RelativeError(mkl.L, managed.L), Is.LessThanOrEqualTo(Tolerance), "L");
        Assert.That(TestMatrices<T>.RelativeError(mkl.U, managed.U), Is.LessThanOrEqualTo(Tolerance), "U");
        Assert.That(TestMatrices<T>.RelativeError(mkl.X, managed.X), Is.LessThanOrEqualTo(Tolerance), "solve");
        Assert.That(TestMatrices<T>.RelativeError(mkl.Inv, managed.Inv), Is.LessThanOrEqualTo(Tolerance), "inverse");
        double detMkl = double.CreateTruncating(mkl.Det), detManaged = double.CreateTruncating(managed.Det);
        Assert.That(Math.Abs(detMkl - detManaged), Is.LessThanOrEqualTo(Tolerance * Math.Abs(detManaged)), "determinant");
    }

    [TestCaseSource(nameof(QrShapes))]
    public void QR_full_and_thin_factor_and_solve_match(int m, int n)
    {
        var a = TestMatrices<T>.WithSingularValues(m, n, 16);
        var b = TestMatrices<T>.Random(m, 2, 17);
        foreach (var method in new[] { QRMethod.Full, QRMethod.Thin })
        {
            var managed = OnManaged(() => { var qr = a.QR(method); return (qr.Q, qr.R, X: qr.Solve(b)); });
            var mkl = OnMkl(() => { var qr = a.QR(method); return (qr.Q, qr.R, X: qr.Solve(b)); });
            // Q's first n columns and R's rows are unique up to the sign of R's diagonal.
            var qMkl = mkl.Q.SubMatrix(0, m, 0, n);
            var signs = SignsAligning(qMkl, managed.Q.SubMatrix(0, m, 0, n));
            Assert.That(TestMatrices<T>.RelativeError(qMkl * signs, managed.Q.SubMatrix(0, m, 0, n)), Is.LessThanOrEqualTo(Tolerance), $"{method} Q");
            var rMkl = mkl.R.SubMatrix(0, n, 0, n);
            Assert.That(TestMatrices<T>.RelativeError(signs * rMkl, managed.R.SubMatrix(0, n, 0, n)), Is.LessThanOrEqualTo(Tolerance), $"{method} R");
            Assert.That(TestMatrices<T>.RelativeError(mkl.X, managed.X), Is.LessThanOrEqualTo(Tolerance), $"{method} least-squares solve");
            var identity = Matrix<T>.Build.DenseIdentity(mkl.Q.ColumnCount);
            Assert.That(TestMatrices<T>.RelativeError(mkl.Q.TransposeThisAndMultiply(mkl.Q), identity), Is.LessThanOrEqualTo(Tolerance), $"{method} QᵀQ = I");
        }
    }

    [Test]
    public void Zero_sized_products_are_empty_or_scaled()
    {
        var provider = (ILinearAlgebraProvider<T>)LinearAlgebraControl.Provider;
        var c = new[] { T.CreateTruncating(2.0), T.CreateTruncating(-4.0) };
        // k = 0: op(a)·op(b) is a 2×1 zero matrix, so c = β·c.
        provider.MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, T.One, [], 2, 0, [], 0, 1, T.CreateTruncating(0.5), c);
        Assert.That(c, Is.EqualTo(new[] { T.One, T.CreateTruncating(-2.0) }));
        var empty = Array.Empty<T>();
        Assert.DoesNotThrow(() => provider.MatrixMultiply(empty, 0, 3, new T[6], 3, 2, empty));
    }

    private static ThinSvd<T> Thin(Matrix<T> a) => a switch
    {
        Matrix<double> d => (ThinSvd<T>)(object)Vae.Core.Numerics.ThinSvd.Of(d),
        Matrix<float> f => (ThinSvd<T>)(object)Vae.Core.Numerics.ThinSvd.Of(f),
        _ => throw new NotSupportedException(typeof(T).Name),
    };

    /// <summary>Diagonal ±1 matrix D with columns of x·D pointing the same way as those of reference.</summary>
    private static Matrix<T> SignsAligning(Matrix<T> x, Matrix<T> reference)
    {
        var d = Matrix<T>.Build.DenseIdentity(x.ColumnCount);
        for (int j = 0; j < x.ColumnCount; j++)
            if (x.Column(j).DotProduct(reference.Column(j)) < T.Zero) d[j, j] = -T.One;
        return d;
    }

    private static IEnumerable<TestCaseData> OrderCases() => Orders.Select(n => new TestCaseData(n).SetArgDisplayNames($"n={n}"));

    private static IEnumerable<TestCaseData> ShapeCases() => Shapes.Select(s => new TestCaseData(s[0], s[1]).SetArgDisplayNames($"{s[0]}x{s[1]}"));

    private static IEnumerable<TestCaseData> QrShapes() =>
        Shapes.Where(s => s[0] >= s[1]).Select(s => new TestCaseData(s[0], s[1]).SetArgDisplayNames($"{s[0]}x{s[1]}"));

    private static IEnumerable<TestCaseData> GemmShapes()
    {
        int[][] shapes = [[1, 1, 1], [0, 3, 2], [3, 0, 2], [3, 2, 0], [0, 0, 0], [2, 3, 4], [17, 1, 9], [1, 17, 9], [64, 48, 32], [200, 150, 100], [199, 200, 1]];
        return shapes.Select(s => new TestCaseData(s[0], s[1], s[2]).SetArgDisplayNames($"m={s[0]},n={s[1]},k={s[2]}"));
    }
}
