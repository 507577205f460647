using Vae.Core.Collections;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>A fitted Gaussian mixture with full covariances (<see cref="GaussianMixture.Fit"/>).</summary>
/// <param name="Labels">Most probable component of each sample (argmax of the responsibilities at the final parameters).</param>
/// <param name="Weights">Mixing weights π_c, summing to 1.</param>
/// <param name="Means">Component means, shape [components, features]; a fresh matrix.</param>
/// <param name="Covariances">Covariance of each component, shape [features, features] each (regularised); fresh matrices.</param>
/// <param name="MeanLogLikelihood">Mean log p(x_i) over samples at the final parameters (nats per sample; sklearn <c>score</c>).</param>
/// <param name="Iterations">EM iterations run.</param>
/// <param name="Converged">Whether the change fell below the tolerance within the iteration limit.</param>
public sealed record GaussianMixtureModel(IReadOnlyList<int> Labels, IReadOnlyList<double> Weights, Matrix<double> Means,
    IReadOnlyList<Matrix<double>> Covariances, double MeanLogLikelihood, int Iterations, bool Converged)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Labels { get => _labels; init => _labels = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _labels = ValueList.Copy(Labels);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Weights { get => _weights; init => _weights = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _weights = ValueList.Copy(Weights);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<Matrix<double>> Covariances { get => _covariances; init => _covariances = ValueList.Copy(value); }

    private readonly IReadOnlyList<Matrix<double>> _covariances = ValueList.Copy(Covariances);
}
