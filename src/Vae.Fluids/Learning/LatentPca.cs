using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;

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
    /// <remarks>Peer: scikit-learn <c>PCA().fit(codes).explained_variance_ratio_</c>. Computed by <see cref="Pca.Fit"/>.</remarks>
    public static IReadOnlyList<double> ExplainedVarianceRatios(Matrix<double> codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        if (codes.RowCount < 2) throw new ArgumentException($"codes needs at least 2 samples; got {codes.RowCount}.", nameof(codes));
        if (codes.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("codes contains NaN or ±∞.", nameof(codes));
        // The project's one PCA (Vae.Core.Decomposition): QR then SVD of the centred codes, never the covariance, whose
        // eigen-decomposition squares the condition number. Fewer samples than dimensions leave trailing zero ratios.
        var model = Pca.Fit(codes);
        var ratios = new double[codes.ColumnCount];
        for (int i = 0; i < model.ExplainedVarianceRatio.Count; i++) ratios[i] = model.ExplainedVarianceRatio[i];
        return Array.AsReadOnly(ratios);
    }
}
