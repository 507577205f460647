using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;

namespace Vae.InfoGeometry.Decomposition;

/// <summary>
/// Counts the latent dimensions that carry information about the data: PCA eigenvalues of the posterior means above
/// ε (Peşte, Malagò &amp; Sârbu, §2.1) and per-dimension variances Var_x(E_q[z_j]) above ε (Burda, Grosse &amp;
/// Salakhutdinov 2016, §5.2, "active units").
/// </summary>
public static class ActiveUnits
{
    /// <summary>The threshold ε = 0.01 used by both sources.</summary>
    public const double DefaultEpsilon = 0.01;

    /// <summary>Measures both active-unit counts of a matrix of posterior means.</summary>
    /// <param name="posteriorMeans">E_q[z | xᵢ] for every input, shape [samples, latent], at least 2 samples.</param>
    /// <param name="epsilon">Threshold ε on variances, in latent units². Range: finite, ≥ 0.</param>
    /// <returns>Counts, the PCA eigenvalues and the per-dimension variances (sample variances, divisor n − 1).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="posteriorMeans"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="posteriorMeans"/> has fewer than 2 rows or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
    public static ActiveUnitsReport Measure(Matrix<double> posteriorMeans, double epsilon = DefaultEpsilon)
    {
        if (!(epsilon >= 0) || !double.IsFinite(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "epsilon must be finite and ≥ 0.");
        var pca = Pca.Fit(posteriorMeans);
        var variances = Vae.Core.Metrics.ColumnStatistics.SampleVariances(posteriorMeans);
        return new ActiveUnitsReport(
            epsilon,
            pca.CountAbove(epsilon),
            variances.Count(v => v > epsilon),
            pca.ExplainedVariance,
            Array.AsReadOnly(variances));
    }
}
