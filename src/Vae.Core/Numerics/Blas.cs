using System.Numerics;
using System.Numerics.Tensors;

namespace Vae.Core.Numerics;

/// <summary>
/// GEMM on raw spans for the neural engine: MKL's <c>cblas_?gemm</c> when MKL is the backend, a managed
/// kernel otherwise. No MathNet matrix is allocated. Storage is column-major with explicit leading
/// dimensions, as in BLAS; a row-major product C = A·B is the column-major product Cᵀ = Bᵀ·Aᵀ
/// (see <see cref="GemmRowMajor{T}"/>).
/// </summary>
internal static class Blas
{
    /// <summary>c = α·op(a)·op(b) + β·c, column-major; op(a) is [m, k], op(b) is [k, n], c is [m, n].</summary>
    /// <exception cref="ArgumentException">A span is too short for its shape and leading dimension.</exception>
    internal static void Gemm<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Stored shapes (column-major): a is [m, k], or [k, m] when transposed; b is [k, n], or [n, k].
        Require(a, transposeA ? k : m, transposeA ? m : k, lda, nameof(a), m, k);
        Require(b, transposeB ? n : k, transposeB ? k : n, ldb, nameof(b), k, n);
        RequireOutput(c, n, m, ldc);
        var mkl = VaeNumerics.ActiveMkl;
        if (mkl is not null)
        {
            if (typeof(T) == typeof(double))
            {
                mkl.Double.Gemm(transposeA, transposeB, m, n, k, double.CreateTruncating(alpha), Cast<T, double>(a), lda, Cast<T, double>(b), ldb,
                    double.CreateTruncating(beta), System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(c), ldc);
                return;
            }
            if (typeof(T) == typeof(float))
            {
                mkl.Single.Gemm(transposeA, transposeB, m, n, k, float.CreateTruncating(alpha), Cast<T, float>(a), lda, Cast<T, float>(b), ldb,
                    float.CreateTruncating(beta), System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(c), ldc);
                return;
            }
        }
        ManagedGemm(transposeA, transposeB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Row-major c[m, n] = α·op(a)·op(b) + β·c with dense rows (leading dimension = row length).</summary>
    internal static void GemmRowMajor<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, ReadOnlySpan<T> b, T beta, Span<T> c)
        where T : unmanaged, IFloatingPointIeee754<T>
        // Row-major X with r rows and s columns is column-major Xᵀ with leading dimension s.
        => Gemm(transposeB, transposeA, n, m, k, alpha, b, transposeB ? k : n, a, transposeA ? m : k, beta, c, n);

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span) where TFrom : struct where TTo : struct
        => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);

    private static void ManagedGemm<T>(bool transposeA, bool transposeB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Column j of c: c[:, j] = β·c[:, j] + α·Σ_p op(a)[:, p]·op(b)[p, j]. With op(a) = aᵀ, use dot products.
        var temp = transposeA ? new T[m] : []; // dot products of column j, only needed when op(a) = aᵀ
        for (int j = 0; j < n; j++)
        {
            var cj = c.Slice(j * ldc, m);
            if (beta == T.Zero) cj.Clear(); else if (beta != T.One) TensorPrimitives.Multiply(cj, beta, cj);
            if (m == 0 || k == 0) continue;
            if (!transposeA)
            {
                for (int p = 0; p < k; p++)
                {
                    T bpj = transposeB ? b[p * ldb + j] : b[j * ldb + p];
                    if (bpj == T.Zero) continue;
                    TensorPrimitives.MultiplyAdd(a.Slice(p * lda, m), alpha * bpj, cj, cj);
                }
            }
            else
            {
                for (int i = 0; i < m; i++)
                {
                    var ai = a.Slice(i * lda, k);
                    T sum = T.Zero;
                    if (!transposeB) sum = TensorPrimitives.Dot(ai, b.Slice(j * ldb, k));
                    else for (int p = 0; p < k; p++) sum += ai[p] * b[p * ldb + j];
                    temp[i] = sum;
                }
                TensorPrimitives.MultiplyAdd(temp, alpha, cj, cj);
            }
        }
    }

    private static void Require<T>(ReadOnlySpan<T> x, int rows, int columns, int ld, string name, int opRows, int opColumns)
    {
        if (rows == 0 || columns == 0) return;
        if (ld < rows)
            throw new ArgumentException($"Leading dimension {ld} of {name} is smaller than its {rows} rows.", name);
        long needed = (long)ld * (columns - 1) + rows;
        if (x.Length < needed)
            throw new ArgumentException($"{name} has {x.Length} elements; op({name}) [{opRows}, {opColumns}] with leading dimension {ld} needs {needed}.", name);
    }

    private static void RequireOutput<T>(Span<T> c, int columns, int rows, int ldc)
    {
        if (rows == 0 || columns == 0) return;
        if (ldc < rows) throw new ArgumentException($"Leading dimension {ldc} of c is smaller than its {rows} rows.", nameof(c));
        long needed = (long)ldc * (columns - 1) + rows;
        if (c.Length < needed) throw new ArgumentException($"c has {c.Length} elements; [{rows}, {columns}] with leading dimension {ldc} needs {needed}.", nameof(c));
    }
}
