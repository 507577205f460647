using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Collections;

namespace Vae.Fluids.Geometry;

/// <summary>The result of <see cref="ClassicalMds.Embed"/>.</summary>
/// <param name="Coordinates">Reconstructed coordinates [N, dimensions] = U_k √Λ_k (a fresh matrix), known up to an
/// orthogonal transformation and, for <see cref="GramConvention.DoubleCentred"/>, a translation.</param>
/// <param name="Eigenvalues">All eigenvalues of the Gram matrix, descending, shape [N].</param>
/// <param name="DiscardedEnergy">Σ|λ| over the eigenvalues not used: those beyond the first k, plus any of the first k
/// that were clipped to 0. 0 (to round-off) for an exact k-dimensional Euclidean matrix.</param>
/// <param name="Stress">DiscardedEnergy / Σ|λ|: the share of the Gram matrix's spectrum that the embedding drops, in [0, 1].</param>
/// <param name="ClippedEigenvalues">How many of the top k eigenvalues were negative, or zero to round-off
/// (λ ≤ N ε max|λ|, ε = 2⁻⁵²), and clipped to 0 (their coordinate columns are 0).</param>
public sealed record MdsEmbedding(
    Matrix<double> Coordinates,
    IReadOnlyList<double> Eigenvalues,
    double DiscardedEnergy,
    double Stress,
    int ClippedEigenvalues)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Eigenvalues { get => _eigenvalues; init => _eigenvalues = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _eigenvalues = ValueList.Copy(Eigenvalues);
}
