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

    /// <summary>MSE of the distance-matrix completion without a model (<see cref="MissingData.ImputeByGeometry"/>: planar
    /// configuration fitted to the observed entries, started from the mean imputation), σ².</summary>
    public double GeometricImputationMse { get; init; } = double.NaN;

    /// <summary>Matrices whose geometric completion leaves an RMS residual above <see cref="MissingData.UnfittedResidual"/> σ on
    /// the observed entries (SMACOF stopped in a local minimum or at its iteration limit).</summary>
    public int GeometricUnfittedMatrices { get; init; }

    /// <summary>MSE of the iterated VAE imputation with the planar projection after every pass
    /// (<see cref="MissingDataProjection.PlanarDistances"/>), σ².</summary>
    public double ProjectedImputationMse { get; init; } = double.NaN;

    /// <summary>Passes of the VAE + projection imputation.</summary>
    public int ProjectedIterations { get; init; }

    /// <summary>MSE of the VAE + projection imputation after each pass, σ², shape [<see cref="ProjectedIterations"/>] (an immutable copy).</summary>
    public IReadOnlyList<double> ProjectedMsePerIteration { get => _projectedMsePerIteration; init => _projectedMsePerIteration = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _projectedMsePerIteration = ValueList.Copy(Array.Empty<double>());

    /// <summary>Matrices whose last VAE + projection pass leaves an RMS residual above <see cref="MissingData.UnfittedResidual"/> σ
    /// on the observed entries.</summary>
    public int ProjectedUnfittedMatrices { get; init; }

    /// <summary>GeometricImputationMse / MeanImputationMse.</summary>
    public double GeometricRatioToMeanImputation => GeometricImputationMse / MeanImputationMse;

    /// <summary>ProjectedImputationMse / MeanImputationMse.</summary>
    public double ProjectedRatioToMeanImputation => ProjectedImputationMse / MeanImputationMse;

    /// <summary>OneShotImputationMse / MeanImputationMse.</summary>
    public double OneShotRatioToMeanImputation => OneShotImputationMse / MeanImputationMse;
}
