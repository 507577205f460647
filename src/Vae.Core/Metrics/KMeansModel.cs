using Vae.Core.Collections;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>A fitted k-means clustering (<see cref="KMeans.Fit"/>).</summary>
/// <param name="Labels">Cluster of each sample, 0..k−1 (index of the nearest centre).</param>
/// <param name="Centres">Centres, shape [k, features]; a fresh matrix.</param>
/// <param name="Inertia">Σ_i ‖x_i − c_label(i)‖² (units of x²), of the best restart.</param>
/// <param name="Iterations">Lloyd iterations of the best restart.</param>
public sealed record KMeansModel(IReadOnlyList<int> Labels, Matrix<double> Centres, double Inertia, int Iterations)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);
}
