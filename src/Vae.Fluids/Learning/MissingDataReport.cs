namespace Vae.Fluids.Learning;

/// <summary>Errors on the masked entries of <see cref="MissingData.Evaluate"/>, all in σ².</summary>
/// <param name="Matrices">Masked matrices.</param>
/// <param name="MaskedEntries">Masked entries in total (a block and its mirror per matrix; the overlap with the diagonal counts once).</param>
/// <param name="VaeImputationMse">MSE of the iterated VAE imputation.</param>
/// <param name="MeanImputationMse">MSE of the per-entry training mean.</param>
/// <param name="UnmaskedReconstructionMse">MSE of decode(μ(x)) of the complete matrix on the same entries (the model's floor).</param>
/// <param name="ZeroFilledReconstructionMse">MSE of one pass of the VAE on the blacked-out (0-filled) matrix.</param>
/// <param name="Iterations">VAE imputation passes.</param>
public sealed record MissingDataReport(int Matrices, long MaskedEntries, double VaeImputationMse, double MeanImputationMse,
    double UnmaskedReconstructionMse, double ZeroFilledReconstructionMse, int Iterations)
{
    /// <summary>VaeImputationMse / MeanImputationMse (the acceptance asks ≤ 0.5).</summary>
    public double RatioToMeanImputation => VaeImputationMse / MeanImputationMse;
}
