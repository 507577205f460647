using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.Fluids.Learning;

/// <summary>
/// Share of the latent variance along principal components (the slides: "the first two PCA components accounted
/// for only a small percentage of the total variance (8 % – 15 %)").
/// </summary>
public static class LatentPca
{
    /// <summary>Eigenvalues of the sample covariance of <paramref name="codes"/> divided by their sum, descending.</summary>
    /// <param name="codes">Latent codes [samples, latent], ≥ 2 samples, finite.</param>
    /// <returns>Explained-variance ratios, shape [latent], summing to 1 (all 0 for constant codes).</returns>
    /// <exception cref="ArgumentException">Fewer than 2 samples or a non-finite value.</exception>
    /// <remarks>Peer: scikit-learn <c>PCA().fit(codes).explained_variance_ratio_</c>. Eigen-decomposition through MathNet (MKL when installed).</remarks>
    public static IReadOnlyList<double> ExplainedVarianceRatios(Matrix<double> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.RowCount < 2) throw new ArgumentException($"codes needs at least 2 samples; got {codes.RowCount}.", nameof(codes));
        if (codes.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("codes contains NaN or ±∞.", nameof(codes));
        var mean = codes.ColumnSums() / codes.RowCount;
        var centred = codes - Matrix<double>.Build.Dense(codes.RowCount, codes.ColumnCount, (_, j) => mean[j]);
        var covariance = centred.TransposeThisAndMultiply(centred) / (codes.RowCount - 1);
        var values = covariance.Evd(Symmetricity.Symmetric).EigenValues.Select(v => Math.Max(0, v.Real)).OrderByDescending(v => v).ToArray();
        double total = values.Sum();
        return Array.AsReadOnly(values.Select(v => total > 0 ? v / total : 0).ToArray());
    }
}
