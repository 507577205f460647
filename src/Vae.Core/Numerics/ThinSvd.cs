using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Numerics;

/// <summary>
/// Thin (economy) singular value decomposition A = U·diag(S)·Vᵀ of an m×n matrix, with k = min(m, n):
/// U is [m, k], S is [k] in descending order, Vᵀ is [k, n]. MathNet's <c>Svd()</c> always forms the full m×m U,
/// which for a tall data matrix (e.g. 9 000 × 30) costs m² memory; this does not.
/// </summary>
/// <typeparam name="T"><c>double</c> or <c>float</c>.</typeparam>
/// <param name="U">Left singular vectors, [m, k], orthonormal columns. A fresh matrix owned by this result.</param>
/// <param name="S">Singular values, [k], descending, ≥ 0.</param>
/// <param name="VT">Right singular vectors transposed, [k, n], orthonormal rows.</param>
/// <remarks>With MKL: LAPACK <c>?gesdd</c> (job 'S'). With the managed provider: MathNet's full SVD, truncated.
/// Signs of singular-vector pairs are those of the backend (not normalised).</remarks>
public sealed record ThinSvd<T>(Matrix<T> U, Vector<T> S, Matrix<T> VT)
    where T : struct, IEquatable<T>, IFormattable;

/// <summary>Factories for <see cref="ThinSvd{T}"/>.</summary>
public static class ThinSvd
{
    /// <summary>Thin SVD of <paramref name="a"/> (not modified).</summary>
    /// <param name="a">Matrix [m, n] with finite entries.</param>
    /// <exception cref="ArgumentException"><paramref name="a"/> contains NaN or infinity.</exception>
    /// <exception cref="MathNet.Numerics.NonConvergenceException">LAPACK did not converge.</exception>
    public static ThinSvd<double> Of(Matrix<double> a) =>
        Compute(a, VaeNumerics.ActiveMkl is { } mkl ? mkl.Double.ThinSingularValueDecomposition : null);

    /// <inheritdoc cref="Of(Matrix{double})"/>
    public static ThinSvd<float> Of(Matrix<float> a) =>
        Compute(a, VaeNumerics.ActiveMkl is { } mkl ? mkl.Single.ThinSingularValueDecomposition : null);

    private delegate void ThinKernel<T>(T[] a, int rows, int columns, T[] s, T[] u, T[] vt);

    private static ThinSvd<T> Compute<T>(Matrix<T> a, ThinKernel<T>? mkl)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(a);
        int m = a.RowCount, n = a.ColumnCount, k = Math.Min(m, n);
        var data = a.ToColumnMajorArray(); // a fresh copy: LAPACK overwrites its input
        for (int i = 0; i < data.Length; i++)
            if (!T.IsFinite(data[i]))
                throw new ArgumentException($"a[{i % Math.Max(m, 1)},{i / Math.Max(m, 1)}] = {data[i]} is not finite.", nameof(a));
        if (mkl is not null)
        {
            var s = new T[k];
            var u = new T[m * k];
            var vt = new T[k * n];
            mkl(data, m, n, s, u, vt);
            return new ThinSvd<T>(Matrix<T>.Build.Dense(m, k, u), Vector<T>.Build.Dense(s), Matrix<T>.Build.Dense(k, n, vt));
        }
        var full = a.Svd(computeVectors: true);
        return new ThinSvd<T>(full.U.SubMatrix(0, m, 0, k), full.S.SubVector(0, k), full.VT.SubMatrix(0, k, 0, n));
    }
}
