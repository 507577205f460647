using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Numerics;

/// <summary>A matrix of integrals ⟨f_m|w|f_n⟩ computed by converged Gauss–Legendre quadrature.</summary>
/// <param name="Values">The integrals, shape [N, N], entry [m − 1, n − 1]; a fresh matrix the library never touches again.</param>
/// <param name="Order">The Gauss–Legendre order (number of nodes) of the returned values.</param>
/// <param name="LastChange">max |values(Order) − values(Order / 2)| (absolute), an estimate of the error of the half-order result; the returned values are more accurate.</param>
public sealed record QuadratureMatrix(Matrix<double> Values, int Order, double LastChange);
