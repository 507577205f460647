using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Collections;

namespace Vae.Quantum.Spectrum;

/// <summary>Result of <see cref="SpectrumAnalysis"/>: per-cluster spectrum, the ARI and the per-sample data of the figure.</summary>
/// <param name="Clusters">Per true cluster, ordered by label.</param>
/// <param name="AdjustedRandIndex">ARI between the level assignment ⌊n⌋ and the true labels.</param>
/// <param name="Labels">True label per sample.</param>
/// <param name="Latent">The latent codes [samples, d_z] the network saw (a fresh matrix).</param>
/// <param name="Prediction">ψ, z, n, E and level per sample.</param>
/// <param name="TrainingLoss">Mean loss per epoch of the ψ network.</param>
/// <param name="Options">The ψ-network options.</param>
public sealed record SpectrumReport(IReadOnlyList<ClusterSpectrum> Clusters, double AdjustedRandIndex, IReadOnlyList<int> Labels,
    Matrix<double> Latent, PsiPrediction Prediction, IReadOnlyList<double> TrainingLoss, PsiNetworkOptions Options)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<ClusterSpectrum> Clusters { get => _clusters; init => _clusters = ValueList.Copy(value); }

    private readonly IReadOnlyList<ClusterSpectrum> _clusters = ValueList.Copy(Clusters);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> TrainingLoss { get => _trainingLoss; init => _trainingLoss = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _trainingLoss = ValueList.Copy(TrainingLoss);
}
