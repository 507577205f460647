using Vae.Core.Collections;

namespace Vae.Fluids.Learning;

/// <summary>Errors on the masked entries of <see cref="MissingData.Evaluate"/>, all in σ².</summary>
/// <param name="Matrices">Masked matrices.</param>
/// <param name="MaskedEntries">Masked entries in total (a block and its mirror per matrix; the overlap with the diagonal counts once).</param>
/// <param name="VaeImputationMse">MSE of the iterated VAE imputation (<see cref="MissingData.Impute"/>, at most
/// <see cref="MissingDataOptions.Iterations"/> passes).</param>
/// <param name="MeanImputationMse">MSE of the per-entry training mean.</param>
/// <param name="UnmaskedReconstructionMse">MSE of decode(μ(x)) of the complete matrix on the same entries (the model's floor).</param>
/// <param name="ZeroFilledReconstructionMse">MSE of one pass of the VAE on the blacked-out (0-filled) matrix.</param>
/// <param name="Iterations">VAE imputation passes done (≤ the options' maximum; fewer when the change fell below the tolerance).</param>
public sealed record MissingDataReport(int Matrices, long MaskedEntries, double VaeImputationMse, double MeanImputationMse,
    double UnmaskedReconstructionMse, double ZeroFilledReconstructionMse, int Iterations)
{
    /// <summary>MSE after the first pass only (one-shot: decode(μ(x)) of the mean-imputed matrix, symmetrised), σ².</summary>
    public double OneShotImputationMse { get; init; } = double.NaN;

    /// <summary>MSE on the masked entries after each pass, σ², shape [<see cref="Iterations"/>] (an immutable copy).
    /// Entry 0 is <see cref="OneShotImputationMse"/>, the last is <see cref="VaeImputationMse"/>.</summary>
    public IReadOnlyList<double> MsePerIteration { get => _msePerIteration; init => _msePerIteration = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _msePerIteration = ValueList.Copy(Array.Empty<double>());

    /// <summary>Root-mean-square change of the imputed entries in each pass, σ, shape [<see cref="Iterations"/>] (an immutable copy).</summary>
    public IReadOnlyList<double> ChangePerIteration { get => _changePerIteration; init => _changePerIteration = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _changePerIteration = ValueList.Copy(Array.Empty<double>());

    /// <summary>VaeImputationMse / MeanImputationMse (the acceptance asks ≤ 0.5).</summary>
    public double RatioToMeanImputation => VaeImputationMse / MeanImputationMse;

    /// <summary>OneShotImputationMse / MeanImputationMse.</summary>
    public double OneShotRatioToMeanImputation => OneShotImputationMse / MeanImputationMse;
}
