using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Models;

/// <summary>
/// The encoder's Gaussian posteriors q(z|x) = N(μ, diag exp(log σ²)) for a set of samples.
/// Both matrices are fresh (the model keeps no reference).
/// </summary>
/// <param name="Mean">Posterior means μ, <c>[samples, latent]</c>.</param>
/// <param name="LogVariance">Posterior log-variances log σ², <c>[samples, latent]</c>.</param>
public sealed record PosteriorCodes(Matrix<double> Mean, Matrix<double> LogVariance);
