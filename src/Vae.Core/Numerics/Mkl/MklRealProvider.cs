using System.Numerics;
using System.Numerics.Tensors;
using MathNet.Numerics.LinearAlgebra.Factorization;
using MathNet.Numerics.Providers.LinearAlgebra;
using Complex = System.Numerics.Complex;

namespace Vae.Core.Numerics.Mkl;

/// <summary>
/// MathNet's <see cref="ILinearAlgebraProvider{T}"/> for a real element type over Intel MKL
/// (CBLAS + LAPACKE, column-major, LP64). Written once for <c>double</c> and <c>float</c> through
/// <typeparamref name="TMkl"/>. Semantics (array layouts, pivot base, which triangle is kept) follow
/// MathNet's own MKL provider, so MathNet's factorisation classes work unchanged on top of it.
/// Element-wise members use <see cref="TensorPrimitives"/> (SIMD), the heavy members call MKL.
/// </summary>
/// <remarks>
/// Deliberate difference from MathNet's managed provider: solving with, or inverting, a singular LU factor
/// throws <see cref="ArgumentException"/> naming the zero pivot, instead of returning infinities.
/// </remarks>
internal sealed unsafe class MklRealProvider<T, TMkl> : ILinearAlgebraProvider<T>
    where T : unmanaged, IFloatingPointIeee754<T>
    where TMkl : IMklScalar<T>
{
    private long _nativeCalls;

    /// <summary>Number of calls into MKL made through this provider (proof that MKL is in use).</summary>
    internal long NativeCalls => Interlocked.Read(ref _nativeCalls);

    private void Count() => Interlocked.Increment(ref _nativeCalls);

    // ------------------------------------------------------------------ element-wise (TensorPrimitives)

    public void AddVectorToScaledVector(T[] y, T alpha, T[] x, T[] result)
    {
        SameLength(y, x, result);
        TensorPrimitives.MultiplyAdd(x, alpha, y, result);
    }

    public void ScaleArray(T alpha, T[] x, T[] result)
    {
        SameLength(x, result);
        TensorPrimitives.Multiply(x, alpha, result);
    }

    public void ConjugateArray(T[] x, T[] result)
    {
        SameLength(x, result);
        if (!ReferenceEquals(x, result)) Array.Copy(x, result, x.Length);
    }

    public T DotProduct(T[] x, T[] y)
    {
        SameLength(x, y);
        return TensorPrimitives.Dot<T>(x, y);
    }

    public void AddArrays(T[] x, T[] y, T[] result) { SameLength(x, y, result); TensorPrimitives.Add<T>(x, y, result); }

    public void SubtractArrays(T[] x, T[] y, T[] result) { SameLength(x, y, result); TensorPrimitives.Subtract<T>(x, y, result); }

    public void PointWiseMultiplyArrays(T[] x, T[] y, T[] result) { SameLength(x, y, result); TensorPrimitives.Multiply<T>(x, y, result); }

    public void PointWiseDivideArrays(T[] x, T[] y, T[] result) { SameLength(x, y, result); TensorPrimitives.Divide<T>(x, y, result); }

    public void PointWisePowerArrays(T[] x, T[] y, T[] result) { SameLength(x, y, result); TensorPrimitives.Pow<T>(x, y, result); }

    // ------------------------------------------------------------------ BLAS 3

    public double MatrixNorm(Norm norm, int rows, int columns, T[] matrix)
    {
        Shape(rows, columns, matrix, nameof(matrix));
        if (rows == 0 || columns == 0) return 0.0;
        byte code = norm switch
        {
            Norm.OneNorm => (byte)'1',
            Norm.InfinityNorm => (byte)'I',
            Norm.FrobeniusNorm => (byte)'F',
            Norm.LargestAbsoluteValue => (byte)'M',
            _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "Unknown matrix norm."),
        };
        Count();
        fixed (T* a = matrix) return double.CreateTruncating(TMkl.Lange(code, rows, columns, a, rows));
    }

    public void MatrixMultiply(T[] x, int rowsX, int columnsX, T[] y, int rowsY, int columnsY, T[] result)
        => MatrixMultiplyWithUpdate(Transpose.DontTranspose, Transpose.DontTranspose, T.One, x, rowsX, columnsX, y, rowsY, columnsY, T.Zero, result);

    public void MatrixMultiplyWithUpdate(Transpose transposeA, Transpose transposeB, T alpha, T[] a, int rowsA, int columnsA, T[] b, int rowsB, int columnsB, T beta, T[] c)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(c);
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(rowsB, columnsB, b, nameof(b));
        bool ta = transposeA != Transpose.DontTranspose, tb = transposeB != Transpose.DontTranspose;
        int m = ta ? columnsA : rowsA, k = ta ? rowsA : columnsA;
        int kb = tb ? columnsB : rowsB, n = tb ? rowsB : columnsB;
        if (k != kb)
            throw new ArgumentException($"Matrix dimensions must agree: op(a) is {m}x{k} but op(b) is {kb}x{n}.", nameof(b));
        if (c.Length != m * n)
            throw new ArgumentException($"c has {c.Length} elements; op(a)*op(b) is {m}x{n}.", nameof(c));
        Gemm(ta, tb, m, n, k, alpha, a, rowsA, b, rowsB, beta, c, m);
    }

    /// <summary>c[m×n] = α·op(a)·op(b) + β·c on raw column-major storage with explicit leading dimensions.</summary>
    internal void Gemm(bool transposeA, bool transposeB, int m, int n, int k, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
    {
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            // No inner dimension: MKL would read nothing; the product is zero, so c = β·c.
            for (int j = 0; j < n; j++)
            {
                var col = c.Slice(j * ldc, m);
                if (beta == T.Zero) col.Clear(); else TensorPrimitives.Multiply(col, beta, col);
            }
            return;
        }
        Count();
        fixed (T* pa = a, pb = b, pc = c)
            TMkl.Gemm(transposeA ? MklNative.CblasTrans : MklNative.CblasNoTrans, transposeB ? MklNative.CblasTrans : MklNative.CblasNoTrans,
                m, n, k, alpha, pa, Math.Max(1, lda), pb, Math.Max(1, ldb), beta, pc, Math.Max(1, ldc));
    }

    // ------------------------------------------------------------------ LU

    public void LUFactor(T[] data, int order, int[] ipiv)
    {
        Square(order, data, nameof(data));
        ArgumentNullException.ThrowIfNull(ipiv);
        if (ipiv.Length != order) throw new ArgumentException($"ipiv has {ipiv.Length} elements; expected order = {order}.", nameof(ipiv));
        if (order == 0) return;
        int info;
        Count();
        fixed (T* a = data) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, a, order, p);
        Check(info, "getrf");
        for (int i = 0; i < order; i++) ipiv[i] -= 1; // LAPACK pivots are 1-based, MathNet's 0-based
        // info > 0 means U is exactly singular; the factorisation itself is still valid (determinant 0).
    }

    public void LUInverse(T[] a, int order)
    {
        Square(order, a, nameof(a));
        if (order == 0) return;
        var ipiv = new int[order];
        int info;
        Count();
        fixed (T* pa = a) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, pa, order, p);
        Check(info, "getrf");
        RequireNonsingular(a, order, nameof(a));
        fixed (T* pa = a) fixed (int* p = ipiv) info = TMkl.Getri(order, pa, order, p);
        Check(info, "getri");
    }

    public void LUInverseFactored(T[] a, int order, int[] ipiv)
    {
        Square(order, a, nameof(a));
        var pivots = OneBased(ipiv, order);
        if (order == 0) return;
        RequireNonsingular(a, order, nameof(a));
        int info;
        Count();
        fixed (T* pa = a) fixed (int* p = pivots) info = TMkl.Getri(order, pa, order, p);
        Check(info, "getri");
    }

    public void LUSolve(int columnsOfB, T[] a, int order, T[] b)
    {
        Square(order, a, nameof(a));
        Shape(order, columnsOfB, b, nameof(b));
        Distinct(a, b);
        if (order == 0 || columnsOfB == 0) return;
        var lu = (T[])a.Clone();
        var ipiv = new int[order];
        int info;
        Count();
        fixed (T* pa = lu) fixed (int* p = ipiv) info = TMkl.Getrf(order, order, pa, order, p);
        Check(info, "getrf");
        RequireNonsingular(lu, order, nameof(a));
        fixed (T* pa = lu, pb = b) fixed (int* p = ipiv) info = TMkl.Getrs(order, columnsOfB, pa, order, p, pb, order);
        Check(info, "getrs");
    }

    public void LUSolveFactored(int columnsOfB, T[] a, int order, int[] ipiv, T[] b)
    {
        Square(order, a, nameof(a));
        Shape(order, columnsOfB, b, nameof(b));
        Distinct(a, b);
        var pivots = OneBased(ipiv, order);
        if (order == 0 || columnsOfB == 0) return;
        RequireNonsingular(a, order, nameof(a));
        int info;
        Count();
        fixed (T* pa = a, pb = b) fixed (int* p = pivots) info = TMkl.Getrs(order, columnsOfB, pa, order, p, pb, order);
        Check(info, "getrs");
    }

    // ------------------------------------------------------------------ Cholesky

    public void CholeskyFactor(T[] a, int order)
    {
        Square(order, a, nameof(a));
        if (order == 0) return;
        int info;
        Count();
        fixed (T* pa = a) info = TMkl.Potrf(order, pa, order);
        Check(info, "potrf");
        if (info > 0) throw NotPositiveDefinite(info, nameof(a));
        for (int j = 1; j < order; j++) Array.Clear(a, j * order, j); // zero the strict upper triangle
    }

    public void CholeskySolve(T[] a, int orderA, T[] b, int columnsB)
    {
        Square(orderA, a, nameof(a));
        Shape(orderA, columnsB, b, nameof(b));
        Distinct(a, b);
        if (orderA == 0 || columnsB == 0) return;
        var factor = (T[])a.Clone();
        int info;
        Count();
        fixed (T* pa = factor) info = TMkl.Potrf(orderA, pa, orderA);
        Check(info, "potrf");
        if (info > 0) throw NotPositiveDefinite(info, nameof(a));
        fixed (T* pa = factor, pb = b) info = TMkl.Potrs(orderA, columnsB, pa, orderA, pb, orderA);
        Check(info, "potrs");
    }

    public void CholeskySolveFactored(T[] a, int orderA, T[] b, int columnsB)
    {
        Square(orderA, a, nameof(a));
        Shape(orderA, columnsB, b, nameof(b));
        Distinct(a, b);
        if (orderA == 0 || columnsB == 0) return;
        int info;
        Count();
        fixed (T* pa = a, pb = b) info = TMkl.Potrs(orderA, columnsB, pa, orderA, pb, orderA);
        Check(info, "potrs");
    }

    // ------------------------------------------------------------------ QR

    public void QRFactor(T[] r, int rowsR, int columnsR, T[] q, T[] tau)
    {
        Shape(rowsR, columnsR, r, nameof(r));
        Shape(rowsR, rowsR, q, nameof(q));
        ArgumentNullException.ThrowIfNull(tau);
        int k = Math.Min(rowsR, columnsR);
        if (tau.Length < k) throw new ArgumentException($"tau has {tau.Length} elements; expected at least min(m, n) = {k}.", nameof(tau));
        if (rowsR == 0) return;
        int info;
        Count();
        fixed (T* pr = r, pt = tau) info = TMkl.Geqrf(rowsR, columnsR, pr, rowsR, pt);
        Check(info, "geqrf");
        // r keeps R on and above the diagonal and the Householder vectors below it (used by QRSolveFactored).
        Array.Clear(q);
        for (int j = 0; j < k; j++)
            Array.Copy(r, j * rowsR + j + 1, q, j * rowsR + j + 1, rowsR - j - 1);
        fixed (T* pq = q, pt = tau) info = TMkl.Orgqr(rowsR, rowsR, k, pq, rowsR, pt);
        Check(info, "orgqr");
    }

    public void ThinQRFactor(T[] a, int rowsA, int columnsA, T[] r, T[] tau)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(columnsA, columnsA, r, nameof(r));
        ArgumentNullException.ThrowIfNull(tau);
        if (rowsA < columnsA) throw new ArgumentException($"A thin QR needs rows >= columns; a is {rowsA}x{columnsA}.", nameof(a));
        if (tau.Length < columnsA) throw new ArgumentException($"tau has {tau.Length} elements; expected at least {columnsA}.", nameof(tau));
        if (columnsA == 0) return;
        int info;
        Count();
        fixed (T* pa = a, pt = tau) info = TMkl.Geqrf(rowsA, columnsA, pa, rowsA, pt);
        Check(info, "geqrf");
        Array.Clear(r);
        for (int j = 0; j < columnsA; j++)
            Array.Copy(a, j * rowsA, r, j * columnsA, j + 1);
        fixed (T* pa = a, pt = tau) info = TMkl.Orgqr(rowsA, columnsA, columnsA, pa, rowsA, pt);
        Check(info, "orgqr");
    }

    public void QRSolve(T[] a, int rows, int columns, T[] b, int columnsB, T[] x, QRMethod method = QRMethod.Full)
    {
        Shape(rows, columns, a, nameof(a));
        Shape(rows, columnsB, b, nameof(b));
        Shape(columns, columnsB, x, nameof(x));
        if (rows < columns) throw new ArgumentException($"A QR solve needs rows >= columns; a is {rows}x{columns}.", nameof(a));
        if (columns == 0 || columnsB == 0) return;
        var qr = (T[])a.Clone();
        var rhs = (T[])b.Clone();
        int info;
        Count();
        fixed (T* pa = qr, pb = rhs) info = TMkl.Gels(rows, columns, columnsB, pa, rows, pb, rows);
        Check(info, "gels");
        if (info > 0) throw new ArgumentException($"The matrix is rank deficient: R[{info - 1},{info - 1}] = 0, so the least-squares solution is not unique.", nameof(a));
        CopyLeadingRows(rhs, rows, columns, columnsB, x);
    }

    public void QRSolveFactored(T[] q, T[] r, int rowsA, int columnsA, T[] tau, T[] b, int columnsB, T[] x, QRMethod method = QRMethod.Full)
    {
        bool full = method == QRMethod.Full;
        Shape(rowsA, full ? rowsA : columnsA, q, nameof(q));
        Shape(full ? rowsA : columnsA, columnsA, r, nameof(r));
        Shape(rowsA, columnsB, b, nameof(b));
        Shape(columnsA, columnsB, x, nameof(x));
        if (rowsA < columnsA) throw new ArgumentException($"A QR solve needs rows >= columns; A is {rowsA}x{columnsA}.", nameof(rowsA));
        if (columnsA == 0 || columnsB == 0) return;
        int info;
        if (full)
        {
            ArgumentNullException.ThrowIfNull(tau);
            var rhs = (T[])b.Clone();
            Count();
            fixed (T* pr = r, pt = tau, pb = rhs) info = TMkl.OrmqrLeftTranspose(rowsA, columnsB, columnsA, pr, rowsA, pt, pb, rowsA);
            Check(info, "ormqr");
            fixed (T* pr = r, pb = rhs) TMkl.TrsmLeftUpper(columnsA, columnsB, pr, rowsA, pb, rowsA);
            CopyLeadingRows(rhs, rowsA, columnsA, columnsB, x);
        }
        else
        {
            // Thin: q is the explicit [rowsA, columnsA] Q and r the [columnsA, columnsA] R: x = R⁻¹ (Qᵀ b).
            Gemm(true, false, columnsA, columnsB, rowsA, T.One, q, rowsA, b, rowsA, T.Zero, x, columnsA);
            Count();
            fixed (T* pr = r, px = x) TMkl.TrsmLeftUpper(columnsA, columnsB, pr, columnsA, px, columnsA);
        }
    }

    // ------------------------------------------------------------------ SVD

    public void SingularValueDecomposition(bool computeVectors, T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(Math.Min(rowsA, columnsA), 1, s, nameof(s));
        Shape(rowsA, rowsA, u, nameof(u));
        Shape(columnsA, columnsA, vt, nameof(vt));
        if (rowsA == 0 || columnsA == 0)
        {
            SetIdentity(u, rowsA);
            SetIdentity(vt, columnsA);
            return;
        }
        int info;
        Count();
        fixed (T* pa = a, ps = s, pu = u, pv = vt)
            info = TMkl.Gesdd(computeVectors ? (byte)'A' : (byte)'N', rowsA, columnsA, pa, rowsA, ps, pu, rowsA, pv, columnsA);
        Check(info, "gesdd");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The SVD did not converge (gesdd info = {info}).");
    }

    /// <summary>
    /// Thin SVD a = U·diag(s)·Vᵀ with U [m, k], s [k], Vᵀ [k, n], k = min(m, n) (LAPACK gesdd, job 'S').
    /// <paramref name="a"/> is overwritten.
    /// </summary>
    internal void ThinSingularValueDecomposition(T[] a, int rowsA, int columnsA, T[] s, T[] u, T[] vt)
    {
        int k = Math.Min(rowsA, columnsA);
        Shape(rowsA, columnsA, a, nameof(a));
        Shape(k, 1, s, nameof(s));
        Shape(rowsA, k, u, nameof(u));
        Shape(k, columnsA, vt, nameof(vt));
        if (k == 0) return;
        int info;
        Count();
        fixed (T* pa = a, ps = s, pu = u, pv = vt)
            info = TMkl.Gesdd((byte)'S', rowsA, columnsA, pa, rowsA, ps, pu, rowsA, pv, k);
        Check(info, "gesdd");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The SVD did not converge (gesdd info = {info}).");
    }

    public void SvdSolve(T[] a, int rowsA, int columnsA, T[] b, int columnsB, T[] x)
    {
        Shape(rowsA, columnsA, a, nameof(a));
        var s = new T[Math.Min(rowsA, columnsA)];
        var u = new T[rowsA * rowsA];
        var vt = new T[columnsA * columnsA];
        SingularValueDecomposition(true, (T[])a.Clone(), rowsA, columnsA, s, u, vt);
        SvdSolveFactored(rowsA, columnsA, s, u, vt, b, columnsB, x);
    }

    public void SvdSolveFactored(int rowsA, int columnsA, T[] s, T[] u, T[] vt, T[] b, int columnsB, T[] x)
    {
        int k = Math.Min(rowsA, columnsA);
        Shape(k, 1, s, nameof(s));
        Shape(rowsA, rowsA, u, nameof(u));
        Shape(columnsA, columnsA, vt, nameof(vt));
        Shape(rowsA, columnsB, b, nameof(b));
        Shape(columnsA, columnsB, x, nameof(x));
        // x = V · diag(1/s) · Uᵀ b, using the first k singular triplets (as MathNet's managed provider does).
        var tmp = new T[columnsA * columnsB];
        Gemm(true, false, k, columnsB, rowsA, T.One, u, rowsA, b, rowsA, T.Zero, tmp, columnsA);
        for (int j = 0; j < columnsB; j++)
            for (int i = 0; i < k; i++)
                tmp[j * columnsA + i] /= s[i];
        Gemm(true, false, columnsA, columnsB, columnsA, T.One, vt, columnsA, tmp, columnsA, T.Zero, x, columnsA);
    }

    // ------------------------------------------------------------------ eigen

    public void EigenDecomp(bool isSymmetric, int order, T[] matrix, T[] matrixEv, Complex[] vectorEv, T[] matrixD)
    {
        Square(order, matrix, nameof(matrix));
        Square(order, matrixEv, nameof(matrixEv));
        Square(order, matrixD, nameof(matrixD));
        ArgumentNullException.ThrowIfNull(vectorEv);
        if (vectorEv.Length != order) throw new ArgumentException($"vectorEv has {vectorEv.Length} elements; expected order = {order}.", nameof(vectorEv));
        if (order == 0) return;
        Array.Clear(matrixD);
        int info;
        if (isSymmetric)
        {
            var w = new T[order];
            Array.Copy(matrix, matrixEv, matrix.Length);
            Count();
            fixed (T* pv = matrixEv, pw = w) info = TMkl.Syevd(order, pv, order, pw);
            Check(info, "syevd");
            if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The symmetric eigen-decomposition did not converge (syevd info = {info}).");
            for (int i = 0; i < order; i++)
            {
                vectorEv[i] = new Complex(double.CreateTruncating(w[i]), 0.0);
                matrixD[i * order + i] = w[i];
            }
            return;
        }

        var work = (T[])matrix.Clone();
        var wr = new T[order];
        var wi = new T[order];
        Count();
        fixed (T* pa = work, pr = wr, pi = wi, pv = matrixEv) info = TMkl.Geev(order, pa, order, pr, pi, pv, order);
        Check(info, "geev");
        if (info > 0) throw new MathNet.Numerics.NonConvergenceException($"The eigen-decomposition did not converge (geev info = {info}).");
        for (int i = 0; i < order; i++)
        {
            vectorEv[i] = new Complex(double.CreateTruncating(wr[i]), double.CreateTruncating(wi[i]));
            matrixD[i * order + i] = wr[i];
            // Complex pairs form 2x2 blocks [[re, im], [-im, re]] in the block-diagonal D (MathNet's convention).
            if (wi[i] > T.Zero) matrixD[(i + 1) * order + i] = wi[i];
            else if (wi[i] < T.Zero) matrixD[(i - 1) * order + i] = wi[i];
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void Check(int info, string routine)
    {
        if (info < 0)
            throw new ArgumentException($"MKL {routine} rejected argument {-info} (LAPACK info = {info}).");
    }

    private static ArgumentException NotPositiveDefinite(int info, string parameter) =>
        new($"The matrix is not symmetric positive definite: its leading minor of order {info} is not positive, so no Cholesky factor exists.", parameter);

    /// <summary>Throws when the LU factor stored in <paramref name="lu"/> has an exactly zero pivot.</summary>
    private static void RequireNonsingular(T[] lu, int order, string parameter)
    {
        for (int i = 0; i < order; i++)
            if (lu[i * order + i] == T.Zero)
                throw new ArgumentException($"The matrix is singular: U[{i},{i}] = 0 in its LU factorisation, so it has no inverse and A·X = B no unique solution.", parameter);
    }

    private static int[] OneBased(int[] ipiv, int order)
    {
        ArgumentNullException.ThrowIfNull(ipiv);
        if (ipiv.Length != order) throw new ArgumentException($"ipiv has {ipiv.Length} elements; expected order = {order}.", nameof(ipiv));
        var pivots = new int[order];
        for (int i = 0; i < order; i++) pivots[i] = ipiv[i] + 1;
        return pivots;
    }

    private static void CopyLeadingRows(T[] source, int rows, int columns, int columnsB, T[] x)
    {
        for (int j = 0; j < columnsB; j++)
            Array.Copy(source, j * rows, x, j * columns, columns);
    }

    private static void SetIdentity(T[] a, int order)
    {
        Array.Clear(a);
        for (int i = 0; i < order; i++) a[i * order + i] = T.One;
    }

    private static void Shape(int rows, int columns, T[] array, string name)
    {
        ArgumentNullException.ThrowIfNull(array, name);
        if (rows < 0) throw new ArgumentOutOfRangeException(name, rows, "The number of rows must be non-negative.");
        if (columns < 0) throw new ArgumentOutOfRangeException(name, columns, "The number of columns must be non-negative.");
        if (array.Length != rows * columns)
            throw new ArgumentException($"{name} has {array.Length} elements; a {rows}x{columns} matrix needs {rows * columns}.", name);
    }

    private static void Square(int order, T[] array, string name) => Shape(order, order, array, name);

    private static void Distinct(T[] a, T[] b)
    {
        if (ReferenceEquals(a, b)) throw new ArgumentException("The matrix and the right-hand side must be different arrays.", nameof(b));
    }

    private static void SameLength(T[] x, T[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length) throw new ArgumentException($"The arrays must have the same length; got {x.Length} and {y.Length}.", nameof(y));
    }

    private static void SameLength(T[] x, T[] y, T[] result)
    {
        SameLength(x, y);
        SameLength(x, result);
    }
}
