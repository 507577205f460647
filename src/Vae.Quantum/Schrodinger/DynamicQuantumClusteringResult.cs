using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Collections;

namespace Vae.Quantum.Schrodinger;

/// <summary>Result of <see cref="DynamicQuantumClustering.Fit"/>: where each point's wave packet came to rest, and the
/// clusters of those rest points.</summary>
/// <param name="Labels">Cluster of each point, 0..k−1, ordered by decreasing cluster size (ties: first point); a read-only list.</param>
/// <param name="Centres">The clusters' rest points (running means of their resting members' end points), shape [k, d'] in
/// the clustering space; a fresh matrix.</param>
/// <param name="Sigma">The kernel width σ (units of the clustering space).</param>
/// <param name="Coordinates">The points in the clustering space, shape [samples, d']; a fresh matrix.</param>
/// <param name="EndPoints">Each packet's expected position when it came to rest, shape [samples, d']; a fresh matrix.</param>
/// <param name="Steps">Intervals δt taken by each point.</param>
/// <param name="Unconverged">Points still moving after <see cref="DynamicQuantumClusteringOptions.MaxSteps"/>, or whose packet
/// the basis does not represent (captured norm below 10⁻⁸); assigned to the nearest centre without moving it.</param>
/// <param name="Energies">The eigenvalues of H in the retained span, ascending (units of the one-point oscillator's ħω
/// when m = 1; with the full basis the lowest is the Parzen ground state's d'/2 up to the grid quadrature).</param>
/// <param name="BasisSize">The Gaussians in the basis.</param>
/// <param name="MinimumCapturedNorm">The smallest norm of a starting packet's projection on the span (1 = represented exactly).</param>
/// <param name="SubstantialClusterCount">Clusters holding at least <paramref name="MinimumClusterSize"/> points.</param>
/// <param name="MinimumClusterSize">The points a cluster needs to be substantial (as <see cref="QuantumClusteringResult.MinimumClusterSize"/>).</param>
public sealed record DynamicQuantumClusteringResult(
    IReadOnlyList<int> Labels,
    Matrix<double> Centres,
    double Sigma,
    Matrix<double> Coordinates,
    Matrix<double> EndPoints,
    IReadOnlyList<int> Steps,
    int Unconverged,
    IReadOnlyList<double> Energies,
    int BasisSize,
    double MinimumCapturedNorm,
    int SubstantialClusterCount,
    int MinimumClusterSize)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Steps { get => _steps; init => _steps = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _steps = ValueList.Copy(Steps);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Energies { get => _energies; init => _energies = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _energies = ValueList.Copy(Energies);

    /// <summary>k, the number of clusters.</summary>
    public int ClusterCount => Centres.RowCount;

    /// <summary>The span's dimension after dropping nearly dependent Gaussians (≤ <see cref="BasisSize"/>).</summary>
    public int RetainedStates => Energies.Count;
}
