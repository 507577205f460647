namespace Vae.Fluids.Learning;

/// <summary>Per-matrix anomaly scores (<see cref="AnomalyScorer.Score"/>), each of shape [count], larger = more anomalous.</summary>
/// <param name="Reconstruction">Reconstruction MSE in normalised input units (one-sided).</param>
/// <param name="TwoSidedReconstruction">|log MSE − m|/s, dimensionless.</param>
/// <param name="LatentMahalanobis">Mahalanobis distance of μ(x) under the reference codes, dimensionless.</param>
/// <param name="NegativeLogLikelihood">−log p̂(x) by importance sampling, nats.</param>
public sealed record AnomalyScores(
    IReadOnlyList<double> Reconstruction,
    IReadOnlyList<double> TwoSidedReconstruction,
    IReadOnlyList<double> LatentMahalanobis,
    IReadOnlyList<double> NegativeLogLikelihood);
