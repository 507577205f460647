using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Vae.Quantum.Perturbation;

namespace Vae.Quantum.Numerics;

/// <summary>
/// Exact diagonalisation of H = H⁰ + λ V in the N-state particle-in-a-box basis: H = diag(E_1⁰..E_N⁰) + λ V, with the
/// symmetric eigenvalue decomposition of MathNet (LAPACK dsyevd through MKL when installed).
/// </summary>
/// <remarks>
/// Within the basis the Rayleigh–Schrödinger series of <see cref="PerturbationExpansion"/> is the Taylor series of
/// these eigenvalues in λ, so E_n(λ) − (E⁰ + λE¹ + λ²E²) = λ³ E³ + O(λ⁴). Eigenvalues are returned in ascending order;
/// the k-th belongs to level k while |λ| ‖V‖ is below half the smallest level spacing A(π/L)²·3.
/// <para>Rayleigh-quotient refinement: LAPACK's eigenvalues carry an absolute error of a few ε‖H‖ ≈ ε E_N⁰, which for
/// the low levels of a large basis hides the λ³ term we want to see (about 2e-12 for N = 30, L = A = 1). Each
/// eigenvalue is therefore recomputed as vᵀHv / vᵀv from its EVD eigenvector v; the quotient's error is quadratic in
/// the eigenvector error and its rounding is ε times the level's own energy, not the largest one.</para>
/// </remarks>
public static class BasisDiagonalization
{
    /// <summary>The Hamiltonian matrix diag(E⁰) + λ V, shape [N, N] (energy units); a fresh matrix.</summary>
    /// <param name="expansion">Basis, energies and matrix elements.</param>
    /// <param name="lambda">Perturbation strength λ, finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="expansion"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not finite.</exception>
    public static Matrix<double> Hamiltonian(PerturbationExpansion expansion, double lambda)
    {
        ArgumentNullException.ThrowIfNull(expansion);
        PerturbationExpansion.CheckLambda(lambda);
        var h = expansion.MatrixElements().Multiply(lambda);
        for (var n = 1; n <= expansion.BasisSize; n++) h[n - 1, n - 1] += expansion.UnperturbedEnergy(n);
        return h;
    }

    /// <summary>The N eigenvalues of diag(E⁰) + λ V in ascending order (energy units).</summary>
    /// <param name="expansion">Basis, energies and matrix elements.</param>
    /// <param name="lambda">Perturbation strength λ, finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="expansion"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not finite.</exception>
    public static IReadOnlyList<double> Energies(PerturbationExpansion expansion, double lambda) =>
        SymmetricEigenvalues(Hamiltonian(expansion, lambda));

    /// <summary>Ascending eigenvalues of a symmetric matrix: MathNet EVD (symmetric path), each refined to the Rayleigh quotient of its eigenvector.</summary>
    internal static double[] SymmetricEigenvalues(Matrix<double> symmetric)
    {
        var vectors = symmetric.Evd(Symmetricity.Symmetric).EigenVectors;
        var product = symmetric * vectors;
        var values = new double[symmetric.RowCount];
        for (var k = 0; k < values.Length; k++)
        {
            double numerator = 0.0, norm = 0.0;
            for (var i = 0; i < values.Length; i++)
            {
                numerator += vectors[i, k] * product[i, k];
                norm += vectors[i, k] * vectors[i, k];
            }
            values[k] = numerator / norm;
        }
        Array.Sort(values);
        return values;
    }
}
