using MathNet.Numerics.LinearAlgebra;

namespace Vae.Tests.Numerics;

/// <summary>Seeded test matrices, built in double and cast to the element type under test.</summary>
internal static class TestMatrices<T> where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
{
    internal static Matrix<T> Random(int rows, int columns, int seed) =>
        Cast(Matrix<double>.Build.Random(rows, columns, seed));

    /// <summary>Symmetric positive definite: A·Aᵀ/n + I.</summary>
    internal static Matrix<T> Spd(int n, int seed)
    {
        var a = Matrix<double>.Build.Random(n, n, seed);
        return Cast(a * a.Transpose() / n + Matrix<double>.Build.DenseIdentity(n));
    }

    /// <summary>Random orthogonal [n, n] (Q of a Gaussian matrix, computed in double).</summary>
    internal static Matrix<double> Orthogonal(int n, int seed) => Matrix<double>.Build.Random(n, n, seed).QR().Q;

    /// <summary>Symmetric Q·diag(λ)·Qᵀ with well-separated eigenvalues λ_i = i + 1 − n/2 (gap 1).</summary>
    internal static Matrix<T> SymmetricWithSpectrum(int n, int seed)
    {
        var q = Orthogonal(n, seed);
        var d = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, n).Select(i => i + 1.0 - n / 2.0).ToArray());
        var s = q * d * q.Transpose();
        return Cast((s + s.Transpose()) / 2.0);
    }

    /// <summary>U·diag(σ)·Vᵀ with well-separated singular values σ_i = 1 + (k − i) (gap 1).</summary>
    internal static Matrix<T> WithSingularValues(int rows, int columns, int seed)
    {
        int k = Math.Min(rows, columns);
        var u = Orthogonal(rows, seed).SubMatrix(0, rows, 0, k);
        var v = Orthogonal(columns, seed + 1).SubMatrix(0, columns, 0, k);
        var s = Matrix<double>.Build.DenseOfDiagonalArray(Enumerable.Range(0, k).Select(i => 1.0 + (k - i)).ToArray());
        return Cast(u * s * v.Transpose());
    }

    internal static Matrix<T> Cast(Matrix<double> m) =>
        Matrix<T>.Build.Dense(m.RowCount, m.ColumnCount, (i, j) => T.CreateTruncating(m[i, j]));

    /// <summary>‖a − b‖_F / ‖b‖_F (absolute when ‖b‖ = 0).</summary>
    internal static double RelativeError(Matrix<T> a, Matrix<T> b)
    {
        double diff = 0, norm = 0;
        for (int i = 0; i < a.RowCount; i++)
        for (int j = 0; j < a.ColumnCount; j++)
        {
            double x = double.CreateTruncating(a[i, j]), y = double.CreateTruncating(b[i, j]);
            diff += (x - y) * (x - y);
            norm += y * y;
        }
        return norm == 0 ? Math.Sqrt(diff) : Math.Sqrt(diff / norm);
    }

    internal static double RelativeError(Vector<T> a, Vector<T> b) =>
        RelativeError(a.ToColumnMatrix(), b.ToColumnMatrix());

    /// <summary>Multiplies columns of <paramref name="m"/> by ±1 so that the diagonal of <paramref name="reference"/>·… matches signs.</summary>
    internal static Matrix<T> AlignColumnSigns(Matrix<T> m, Matrix<T> reference)
    {
        var aligned = m.Clone();
        for (int j = 0; j < m.ColumnCount; j++)
        {
            T dot = T.Zero;
            for (int i = 0; i < m.RowCount; i++) dot += m[i, j] * reference[i, j];
            if (dot < T.Zero) aligned.SetColumn(j, m.Column(j).Negate());
        }
        return aligned;
    }
}
