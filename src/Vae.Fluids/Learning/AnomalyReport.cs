using Vae.Core.Collections;

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
    double FirstTwoComponentsShare)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<AnomalyFamilyScore> Families { get => _families; init => _families = ValueList.Copy(value); }

    private readonly IReadOnlyList<AnomalyFamilyScore> _families = ValueList.Copy(Families);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> LatentVarianceRatios { get => _latentVarianceRatios; init => _latentVarianceRatios = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _latentVarianceRatios = ValueList.Copy(LatentVarianceRatios);
}
