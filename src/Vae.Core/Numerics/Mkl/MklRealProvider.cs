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
internal sealed unsafe partial class MklRealProvider<T, TMkl> : ILinearAlgebraProvider<T>
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
}
