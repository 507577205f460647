using Vae.Core.Collections;
namespace Vae.Fluids.Learning;

/// <summary>Per-matrix anomaly scores (<see cref="AnomalyScorer.Score"/>), each of shape [count], larger = more anomalous.</summary>
/// <param name="Reconstruction">Reconstruction MSE in normalised input units (one-sided).</param>
/// <param name="TwoSidedReconstruction">|log MSE − m|/s, dimensionless.</param>
/// <param name="LatentMahalanobis">Mahalanobis distance of μ(x) under the reference codes, dimensionless.</param>
/// <param name="NegativeLogLikelihood">−log p̂(x) by importance sampling, nats.</param>
/// <param name="PairEnergy">|U_pair − m|/s, dimensionless: the Boltzmann pair-energy score (no learning; see <see cref="AnomalyScorer"/>).</param>
public sealed record AnomalyScores(
    IReadOnlyList<double> Reconstruction,
    IReadOnlyList<double> TwoSidedReconstruction,
    IReadOnlyList<double> LatentMahalanobis,
    IReadOnlyList<double> NegativeLogLikelihood,
    IReadOnlyList<double> PairEnergy)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> PairEnergy { get => _pairEnergy; init => _pairEnergy = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _pairEnergy = ValueList.Copy(PairEnergy);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> LatentMahalanobis { get => _latentMahalanobis; init => _latentMahalanobis = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _latentMahalanobis = ValueList.Copy(LatentMahalanobis);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> NegativeLogLikelihood { get => _negativeLogLikelihood; init => _negativeLogLikelihood = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _negativeLogLikelihood = ValueList.Copy(NegativeLogLikelihood);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Reconstruction { get => _reconstruction; init => _reconstruction = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _reconstruction = ValueList.Copy(Reconstruction);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> TwoSidedReconstruction { get => _twoSidedReconstruction; init => _twoSidedReconstruction = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _twoSidedReconstruction = ValueList.Copy(TwoSidedReconstruction);
}
