using Vae.Core.Collections;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

/// <summary>The level that one true cluster (label) occupies in the spectrum along the coordinate.</summary>
/// <param name="Label">The true label.</param>
/// <param name="Count">Samples with that label.</param>
/// <param name="Well">Index of the well (in <see cref="DataSpectrumResult.Wells"/>) holding most of the label's samples.</param>
/// <param name="Share">Fraction of the label's samples inside that well.</param>
/// <param name="Level">That well's level n (0: no computed level is localised there).</param>
/// <param name="Energy">E_n (energy units of the box; 0 when <paramref name="Level"/> is 0).</param>
/// <param name="ReducedEnergy">E_n / λ (dimensionless; 0 when <paramref name="Level"/> is 0), the eigenvalue of
/// (A/λ)(−d²) + V_data. With <see cref="DataSpectrumOptions.StrengthScale"/> = 1 (the default) that operator is Horn &amp;
/// Gottlieb's −(σ²/2)d² + V_data, ½ for the Parzen ground state, and the value is comparable across replicas whose σ differ.</param>
public sealed record ClusterLevel(int Label, int Count, int Well, double Share, int Level, double Energy, double ReducedEnergy);

/// <summary>Schrödinger clustering and the data spectrum on one set of latent codes, scored against the true labels
/// (<see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.Analyze"/>).</summary>
/// <param name="Labels">True label per sample.</param>
/// <param name="Latent">The codes [samples, d_z] (a fresh matrix).</param>
/// <param name="Clustering">Schrödinger clustering of the codes.</param>
/// <param name="AdjustedRandIndex">ARI of the Schrödinger clusters against the labels.</param>
/// <param name="KMeansAdjustedRandIndex">ARI of k-means (k = number of labels, 10 restarts, seed 0) on the same codes.</param>
/// <param name="GaussianMixtureAdjustedRandIndex">ARI of a full-covariance GMM (k components, 5 restarts, seed 0) on the same codes.</param>
/// <param name="Coordinate">The coordinate of the spectrum: the first principal component of the codes, one value per sample.</param>
/// <param name="Spectrum">The spectrum of −A d² + λV_data along that coordinate.</param>
/// <param name="ClusterLevels">Per true label (ascending), its well and level.</param>
public sealed record SchrodingerFigure2Report(IReadOnlyList<int> Labels, Matrix<double> Latent, QuantumClusteringResult Clustering,
    double AdjustedRandIndex, double KMeansAdjustedRandIndex, double GaussianMixtureAdjustedRandIndex, IReadOnlyList<double> Coordinate,
    DataSpectrumResult Spectrum, IReadOnlyList<ClusterLevel> ClusterLevels)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<ClusterLevel> ClusterLevels { get => _clusterLevels; init => _clusterLevels = ValueList.Copy(value); }

    private readonly IReadOnlyList<ClusterLevel> _clusterLevels = ValueList.Copy(ClusterLevels);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Coordinate { get => _coordinate; init => _coordinate = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _coordinate = ValueList.Copy(Coordinate);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);
}

/// <summary>Replica invariance (<see cref="O:Vae.Quantum.Schrodinger.SchrodingerAnalysis.CompareReplicas"/>): R VAEs on the same data, different seeds.</summary>
/// <param name="Clusters">k of the data.</param>
/// <param name="Reports">One analysis per replica, in the order given.</param>
/// <param name="PairwiseAdjustedRandIndex">ARI between the Schrödinger assignments of every replica pair (r &lt; s, row-major order).</param>
/// <param name="PairwiseKMeansAdjustedRandIndex">The same for k-means assignments.</param>
/// <param name="ReducedEnergyMean">Per true label, the mean of E_n/λ of its level over the replicas that give it a level
/// (<see cref="ClusterLevel.Level"/> ≥ 1); NaN when none does.</param>
/// <param name="ReducedEnergyStdDev">Per true label, the standard deviation (divisor m − 1) of E_n/λ over the m replicas
/// that give it a level; NaN when m &lt; 2.</param>
/// <param name="LevelAgreement">Fraction of labels whose level n is the same in every replica, a computed level
/// (n ≥ 1) in each; a label without a level in some replica does not agree.</param>
/// <param name="MeanCka">Mean linear CKA over replica pairs of the raw codes (from Vae.Core.Metrics.ReplicaComparison.Compare).</param>
/// <param name="MeanRawCorrelation">Mean over pairs of the mean |corr(z_j, z'_j)| without matching (ReplicaComparison.Compare,
/// Similarity.RawCorrelation).</param>
/// <param name="MeanMatchedCorrelation">Mean over pairs of the matched mean |correlation| over active units, ε = 0.01
/// (ReplicaComparison.Compare, Similarity.MatchDimensions).</param>
public sealed record ReplicaInvarianceReport(int Clusters, IReadOnlyList<SchrodingerFigure2Report> Reports,
    IReadOnlyList<double> PairwiseAdjustedRandIndex, IReadOnlyList<double> PairwiseKMeansAdjustedRandIndex,
    IReadOnlyList<double> ReducedEnergyMean, IReadOnlyList<double> ReducedEnergyStdDev, double LevelAgreement,
    double MeanCka, double MeanRawCorrelation, double MeanMatchedCorrelation)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<SchrodingerFigure2Report> Reports { get => _reports; init => _reports = ValueList.Copy(value); }

    private readonly IReadOnlyList<SchrodingerFigure2Report> _reports = ValueList.Copy(Reports);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PairwiseAdjustedRandIndex { get => _pairwiseAdjustedRandIndex; init => _pairwiseAdjustedRandIndex = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _pairwiseAdjustedRandIndex = ValueList.Copy(PairwiseAdjustedRandIndex);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PairwiseKMeansAdjustedRandIndex { get => _pairwiseKMeansAdjustedRandIndex; init => _pairwiseKMeansAdjustedRandIndex = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _pairwiseKMeansAdjustedRandIndex = ValueList.Copy(PairwiseKMeansAdjustedRandIndex);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> ReducedEnergyMean { get => _reducedEnergyMean; init => _reducedEnergyMean = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _reducedEnergyMean = ValueList.Copy(ReducedEnergyMean);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> ReducedEnergyStdDev { get => _reducedEnergyStdDev; init => _reducedEnergyStdDev = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _reducedEnergyStdDev = ValueList.Copy(ReducedEnergyStdDev);
}
