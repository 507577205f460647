using Vae.Core.Collections;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

/// <summary>Result of <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>: one minimum of V per cluster and a label per point.</summary>
/// <param name="Labels">Cluster of each point, 0..k−1, ordered by decreasing cluster size (ties: first point); a read-only list.</param>
/// <param name="Centres">The minima of V, shape [k, d'] in the clustering space (row c = cluster c); a fresh matrix.</param>
/// <param name="CentreValues">V at each centre (dimensionless, E = d'/2 convention).</param>
/// <param name="Sigma">The kernel width σ used (units of the clustering space).</param>
/// <param name="Coordinates">The points in the clustering space, shape [samples, d'] (the codes, or their PCA scores); a fresh matrix.</param>
/// <param name="Iterations">Descent steps taken by each point.</param>
/// <param name="Unconverged">Points that hit <see cref="QuantumClusteringOptions.MaxIterations"/> before σ‖∇V‖ &lt; tolerance,
/// or whose ∇V overflowed. They are assigned to the nearest centre but take no part in placing it: the centres are the
/// means of converged end points only.</param>
/// <param name="Potential">The Schrödinger potential of the points in the clustering space.</param>
/// <param name="SubstantialClusterCount">The clusters holding at least <paramref name="MinimumClusterSize"/> points (the
/// substantial minima of V). With the <see cref="BandwidthSelection.ClusterCount"/> selection this is k when the σ search
/// found a σ with exactly k substantial minima; a different value says that no σ did (the nearest count was taken), or,
/// above 1000 points, that the full set differs from the sample the search counted on.</param>
/// <param name="MinimumClusterSize">The points a cluster needs to be substantial: max(2, ⌈f n⌉) with f = 5 %, or
/// f = min(5 %, 1/(2k)) when <see cref="QuantumClusteringOptions.Clusters"/> = k is set (<see cref="Bandwidth.FromClusterCount"/>).
/// Smaller clusters keep their own labels.</param>
public sealed record QuantumClusteringResult(
    IReadOnlyList<int> Labels,
    Matrix<double> Centres,
    IReadOnlyList<double> CentreValues,
    double Sigma,
    Matrix<double> Coordinates,
    IReadOnlyList<int> Iterations,
    int Unconverged,
    SchrodingerPotential Potential,
    int SubstantialClusterCount,
    int MinimumClusterSize)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> CentreValues { get => _centreValues; init => _centreValues = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _centreValues = ValueList.Copy(CentreValues);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Iterations { get => _iterations; init => _iterations = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _iterations = ValueList.Copy(Iterations);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);

    /// <summary>k, the number of minima of V reached by the points.</summary>
    public int ClusterCount => Centres.RowCount;
}
