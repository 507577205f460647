namespace Vae.Fluids.Learning;

/// <summary>The result of <see cref="AnomalyEvaluation.Evaluate"/>.</summary>
/// <param name="NormalCount">Held-out normal samples.</param>
/// <param name="NormalMeanMse">Their mean reconstruction MSE (scaled units).</param>
/// <param name="Families">One row per anomaly family.</param>
/// <param name="LatentVarianceRatios">Explained-variance ratios of the held-out normal latent means, descending.</param>
/// <param name="FirstTwoComponentsShare">Sum of the first two ratios (the slides saw 8–15 %).</param>
public sealed record AnomalyReport(
    int NormalCount,
    double NormalMeanMse,
    IReadOnlyList<AnomalyFamilyScore> Families,
    IReadOnlyList<double> LatentVarianceRatios,
    double FirstTwoComponentsShare);
