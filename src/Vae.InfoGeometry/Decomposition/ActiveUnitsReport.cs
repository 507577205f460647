namespace Vae.InfoGeometry.Decomposition;

/// <summary>Active-unit counts of a latent representation (see <see cref="ActiveUnits.Measure"/>).</summary>
/// <param name="Epsilon">Threshold ε used, in latent units².</param>
/// <param name="PcaCount">Number of PCA eigenvalues of the posterior means greater than ε.</param>
/// <param name="VarianceCount">Number of latent dimensions j with Var_x(E_q[z_j]) &gt; ε (Burda et al. 2016).</param>
/// <param name="PcaEigenvalues">All PCA eigenvalues (explained variances), decreasing, length = min(samples, latent).</param>
/// <param name="DimensionVariances">Var_x(E_q[z_j]) for each latent dimension j, length = latent.</param>
public sealed record ActiveUnitsReport(
    double Epsilon,
    int PcaCount,
    int VarianceCount,
    IReadOnlyList<double> PcaEigenvalues,
    IReadOnlyList<double> DimensionVariances);
