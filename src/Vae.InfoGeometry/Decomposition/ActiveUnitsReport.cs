using Vae.Core.Collections;

namespace Vae.InfoGeometry.Decomposition;

/// <summary>Active-unit counts of a latent representation (see <see cref="ActiveUnits.Measure"/>).</summary>
/// <remarks>Equality is by content: the lists compare element by element.</remarks>
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
    IReadOnlyList<double> DimensionVariances)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PcaEigenvalues { get => _pcaEigenvalues; init => _pcaEigenvalues = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _pcaEigenvalues = ValueList.Copy(PcaEigenvalues);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> DimensionVariances { get => _dimensionVariances; init => _dimensionVariances = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _dimensionVariances = ValueList.Copy(DimensionVariances);

    /// <summary>Content equality: same threshold and counts, and element-wise equal lists.</summary>
    public bool Equals(ActiveUnitsReport? other) =>
        other is not null && Epsilon.Equals(other.Epsilon) && PcaCount == other.PcaCount && VarianceCount == other.VarianceCount
        && PcaEigenvalues.SequenceEqual(other.PcaEigenvalues) && DimensionVariances.SequenceEqual(other.DimensionVariances);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epsilon);
        hash.Add(PcaCount);
        hash.Add(VarianceCount);
        foreach (var v in PcaEigenvalues) hash.Add(v);
        foreach (var v in DimensionVariances) hash.Add(v);
        return hash.ToHashCode();
    }
}
