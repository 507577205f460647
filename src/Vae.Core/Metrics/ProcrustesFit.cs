using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>
/// Orthogonal Procrustes fit of one latent space onto another after centring and scaling each to unit Frobenius norm
/// (see <see cref="Similarity.Procrustes"/>).
/// </summary>
/// <param name="Residual">‖X̃R − Ỹ‖_F, dimensionless, in [0, √2]: 0 when y is a rotated/reflected, scaled and shifted
/// copy of x.</param>
/// <param name="Rotation">The orthogonal R (det ±1, reflections allowed), shape [k, k] with k = max(columns of x, columns
/// of y). A fresh matrix the library does not keep. Unique only when X̃ᵀỸ has full rank.</param>
public sealed record ProcrustesFit(double Residual, Matrix<double> Rotation);
