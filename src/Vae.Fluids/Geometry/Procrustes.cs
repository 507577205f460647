using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Orthogonal Procrustes / Kabsch alignment: the rotation (optionally with reflection) and translation that best
/// map one point set onto another in the least-squares sense. Used to measure reconstruction error, which is only
/// defined up to a rigid motion.
/// </summary>
/// <remarks>
/// Centre both sets; SVD of the cross-covariance H = Sᶜᵀ Tᶜ = U Σ Vᵀ (MathNet, MKL <c>?gesdd</c>); Q = U Vᵀ; without
/// reflections and det Q &lt; 0, Q = U diag(1, …, 1, −1) Vᵀ (Kabsch 1976). Peer: <c>scipy.spatial.procrustes</c>
/// (which also scales), <c>scipy.linalg.orthogonal_procrustes</c>.
/// </remarks>
public static class Procrustes
{
    /// <summary>Aligns <paramref name="source"/> onto <paramref name="target"/>.</summary>
    /// <param name="source">Points [N, d] to move.</param>
    /// <param name="target">Reference points [N, d], row i paired with source row i.</param>
    /// <param name="allowReflection">Allow det Q = −1 (default true: distance matrices cannot tell mirror images apart).</param>
    /// <exception cref="ArgumentException">Shapes differ, N = 0, or a value is not finite.</exception>
    public static ProcrustesAlignment Align(Matrix<double> source, Matrix<double> target, bool allowReflection = true)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        if (source.RowCount != target.RowCount || source.ColumnCount != target.ColumnCount)
            throw new ArgumentException($"source is {source.RowCount}×{source.ColumnCount} but target is {target.RowCount}×{target.ColumnCount}.", nameof(target));
        if (source.RowCount == 0)
            throw new ArgumentException("Procrustes alignment needs at least one point.", nameof(source));
        if (source.Enumerate().Concat(target.Enumerate()).Any(v => !double.IsFinite(v)))
            throw new ArgumentException("source or target contains NaN or ±∞.", nameof(source));
        int n = source.RowCount, d = source.ColumnCount;
        var sMean = source.ColumnSums() / n;
        var tMean = target.ColumnSums() / n;
        var s = source - Matrix<double>.Build.Dense(n, d, (_, j) => sMean[j]);
        var t = target - Matrix<double>.Build.Dense(n, d, (_, j) => tMean[j]);
        var svd = s.TransposeThisAndMultiply(t).Svd(computeVectors: true);
        var q = svd.U * svd.VT;
        if (!allowReflection && q.Determinant() < 0)
        {
            var flip = Matrix<double>.Build.DenseIdentity(d);
            flip[d - 1, d - 1] = -1;
            q = svd.U * flip * svd.VT;
        }
        var aligned = s * q + Matrix<double>.Build.Dense(n, d, (_, j) => tMean[j]);
        var translation = tMean - sMean * q;
        double sum = 0, max = 0;
        for (int i = 0; i < n; i++)
        {
            double r2 = 0;
            for (int j = 0; j < d; j++) r2 += Math.Pow(aligned[i, j] - target[i, j], 2);
            sum += r2;
            max = Math.Max(max, Math.Sqrt(r2));
        }
        return new ProcrustesAlignment(aligned, q, Array.AsReadOnly(translation.ToArray()), Math.Sqrt(sum / n), max, q.Determinant() < 0);
    }
}
