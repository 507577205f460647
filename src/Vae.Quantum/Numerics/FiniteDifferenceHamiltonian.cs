using MathNet.Numerics.LinearAlgebra;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Numerics;

/// <summary>
/// The three-point finite-difference Hamiltonian of H⁰ + λ V on M interior grid points z_i = i h, h = L/(M + 1), with
/// Dirichlet walls: H_ii = 2A/h² + λ V(z_i), H_i,i±1 = −A/h² (symmetric tridiagonal, energy units).
/// </summary>
/// <remarks>
/// Its eigenvalues converge to those of the continuous operator as O(h²); for V = 0 they are exactly
/// (4A/h²) sin²(π n h / (2L)). Diagonalised densely with MathNet's symmetric EVD (MKL dsyevd when installed).
/// </remarks>
public static class FiniteDifferenceHamiltonian
{
    /// <summary>The M × M finite-difference Hamiltonian (a fresh dense matrix).</summary>
    /// <param name="box">The box (L, A).</param>
    /// <param name="potential">V(z), finite on the grid.</param>
    /// <param name="lambda">Perturbation strength λ, finite.</param>
    /// <param name="gridPoints">M ≥ 2 interior points.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gridPoints"/> &lt; 2 or λ not finite.</exception>
    public static Matrix<double> Matrix(ParticleInBox box, Potential potential, double lambda, int gridPoints)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(potential);
        Perturbation.PerturbationExpansion.CheckLambda(lambda);
        if (gridPoints < 2)
            throw new ArgumentOutOfRangeException(nameof(gridPoints), gridPoints, "The finite-difference grid needs at least 2 interior points.");
        var h = box.Length / (gridPoints + 1);
        var offDiagonal = -box.Coefficient / (h * h);
        var result = Matrix<double>.Build.Dense(gridPoints, gridPoints);
        for (var i = 0; i < gridPoints; i++)
        {
            result[i, i] = -2.0 * offDiagonal + lambda * potential.Evaluate((i + 1) * h);
            if (i + 1 < gridPoints)
                result[i, i + 1] = result[i + 1, i] = offDiagonal;
        }
        return result;
    }

    /// <summary>The lowest <paramref name="levels"/> eigenvalues in ascending order (energy units).</summary>
    /// <param name="box">The box (L, A).</param>
    /// <param name="potential">V(z).</param>
    /// <param name="lambda">Perturbation strength λ, finite.</param>
    /// <param name="gridPoints">M ≥ 2 interior points.</param>
    /// <param name="levels">How many eigenvalues, 1 ≤ levels ≤ M.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid grid size, λ or level count.</exception>
    public static IReadOnlyList<double> Energies(ParticleInBox box, Potential potential, double lambda, int gridPoints, int levels)
    {
        var matrix = Matrix(box, potential, lambda, gridPoints);
        if (levels < 1 || levels > gridPoints)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, $"The number of levels must be in 1..{gridPoints}.");
        return Array.AsReadOnly(BasisDiagonalization.SymmetricEigenvalues(matrix)[..levels]);
    }
}
