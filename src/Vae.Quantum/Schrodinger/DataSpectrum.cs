using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// The spectrum of H = −A d²/dz² + λ V_data(z) in the particle-in-a-box basis, where V_data is the Schrödinger
/// potential of the codes' values along one coordinate (a latent axis or a principal component): the paper's
/// perturbation formalism (Andrés-Terré &amp; Lió §1.2) with the data's own potential in place of sin(2πtz).
/// </summary>
public static class DataSpectrum
{
    /// <summary>Maps the coordinate into the box, builds V_data, and diagonalises H exactly beside perturbation theory.</summary>
    /// <param name="coordinate">One value per sample (e.g. the first PCA score of the codes), at least 2 samples, finite, not all equal.</param>
    /// <param name="options">Options; <see cref="DataSpectrumOptions.Default"/> when null.</param>
    /// <returns>Levels, eigenvectors, wells and the perturbation comparison.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="coordinate"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 or non-finite values, all values equal, or duplicated values that
    /// leave the σ rule no distance.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An invalid option (σ ≤ 0 or NaN, more levels than basis states, the σ
    /// rule's <see cref="DataSpectrumOptions.Neighbours"/> above n − 1, …).</exception>
    /// <exception cref="MathNet.Numerics.NonConvergenceException">The matrix-element quadrature did not converge.</exception>
    /// <remarks>
    /// <para>Mapping: z = Offset + Scale·x sends [min x, max x] onto [mL, (1 − m)L] (m = <see cref="DataSpectrumOptions.Margin"/>);
    /// σ (from the rule, in units of x) becomes Scale·σ. V_data(z) = (1/2σ²) Σ_i (z − z_i)² w_i(z) (<see cref="SchrodingerPotential"/>, E = ½).</para>
    /// <para>λ = s·2A/σ² (<see cref="DataSpectrumOptions.StrengthScale"/>); with s = 1, H = (2A/σ²)[−(σ²/2) d² + V_data], so on
    /// the whole line the Parzen ψ would be its ground state with E₁ = A/σ² exactly; the walls, far from the data,
    /// raise it only by an amount of order ψ at the walls.</para>
    /// <para>V_mn by converged Gauss–Legendre quadrature (<see cref="MatrixElementQuadrature"/>), H = diag(E⁰) + λV
    /// diagonalised by MathNet's symmetric EVD (eigenvalues refined to Rayleigh quotients as in
    /// <see cref="BasisDiagonalization"/>). Wells: the local minima of V_data on the grid, bounded by the maxima between
    /// them (or the walls); each level belongs to the well holding the largest part of its |ψ_n|² (trapezoid rule on the
    /// grid), and a well's level is the lowest n belonging to it (0 if none of the computed levels does).</para>
    /// </remarks>
    public static DataSpectrumResult Compute(IReadOnlyList<double> coordinate, DataSpectrumOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(coordinate);
        options ??= DataSpectrumOptions.Default;
        options.Validate();
        if (coordinate.Count < 2)
            throw new ArgumentException($"coordinate has {coordinate.Count} values; at least 2 are needed.", nameof(coordinate));
        for (var i = 0; i < coordinate.Count; i++)
            if (!double.IsFinite(coordinate[i]))
                throw new ArgumentException($"coordinate[{i}] = {coordinate[i]} is not finite.", nameof(coordinate));
        double min = coordinate.Min(), max = coordinate.Max();
        if (!(max > min))
            throw new ArgumentException($"All {coordinate.Count} values of coordinate equal {min}; the box mapping needs a spread.", nameof(coordinate));
        if (options.Sigma is null) Bandwidth.RequireNeighbours(options.Neighbours, coordinate.Count, "values", nameof(options.Neighbours));

        var box = options.Box;
        var length = box.Length;
        var scale = (1 - 2 * options.Margin) * length / (max - min);
        var offset = options.Margin * length - scale * min;
        var column = Matrix<double>.Build.Dense(coordinate.Count, 1, (i, _) => coordinate[i]);
        var sigmaX = options.Sigma ?? Bandwidth.FromNearestNeighbours(column, options.Neighbours, options.BandwidthScale);
        var sigma = scale * sigmaX;
        var positions = coordinate.Select(x => offset + scale * x).ToArray();
        var potential = SchrodingerPotential.Create(Matrix<double>.Build.Dense(positions.Length, 1, (i, _) => positions[i]), sigma);
        var lambda = options.StrengthScale * 2 * box.Coefficient / (sigma * sigma);

        var expansion = PerturbationExpansion.ForPotential(box, Potential.FromFunction(potential.Value1D, "V_data(z)"), options.BasisSize, options.Quadrature);
        var hamiltonian = BasisDiagonalization.Hamiltonian(expansion, lambda);
        var evd = hamiltonian.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, options.BasisSize).OrderBy(k => evd.EigenValues[k].Real).Take(options.Levels).ToArray();
        var vectors = Matrix<double>.Build.Dense(options.BasisSize, options.Levels);
        var levels = new DataLevel[options.Levels];
        for (var c = 0; c < options.Levels; c++)
        {
            var v = evd.EigenVectors.Column(order[c]);
            if (v[v.AbsoluteMaximumIndex()] < 0) v = -v;
            vectors.SetColumn(c, v);
            var exact = v * (hamiltonian * v) / (v * v);
            var n = c + 1;
            var correction = expansion.Correction(n);
            var mixing = 0.0;
            for (var m = 1; m <= options.BasisSize; m++)
                if (m != n) mixing = Math.Max(mixing, Math.Abs(lambda * expansion.Coefficient(m, n, CoefficientConvention.RayleighSchrodinger)));
            levels[c] = new DataLevel(n, exact, correction.Unperturbed + lambda * correction.FirstOrder, correction.ThroughSecondOrder(lambda), mixing);
        }
        var wells = Wells(box, potential, positions, vectors, levels, options.GridPoints);
        return new DataSpectrumResult(box, sigma, lambda, Array.AsReadOnly(positions), offset, scale, potential, expansion,
            Array.AsReadOnly(levels), vectors, wells);
    }

    private static IReadOnlyList<DataWell> Wells(Systems.ParticleInBox box, SchrodingerPotential potential, double[] positions,
        Matrix<double> vectors, DataLevel[] levels, int gridPoints)
    {
        var length = box.Length;
        var h = length / (gridPoints - 1);
        var grid = Enumerable.Range(0, gridPoints).Select(i => i * h).ToArray();
        var v = grid.Select(potential.Value1D).ToArray();
        var minima = new List<int>();
        for (var i = 1; i < gridPoints - 1; i++)
            if (v[i] < v[i - 1] && v[i] <= v[i + 1]) minima.Add(i);
        // |ψ_n(z)|² on the grid: basis [grid, N] times coefficients [N, levels].
        var basis = Matrix<double>.Build.Dense(gridPoints, vectors.RowCount, (i, m) => box.Eigenfunction(m + 1, grid[i]));
        var psi = basis * vectors;
        var wells = new List<DataWell>();
        var bounds = new List<(int Left, int Right)>();
        var left = 0;
        for (var w = 0; w < minima.Count; w++)
        {
            var right = gridPoints - 1;
            if (w + 1 < minima.Count)
            {
                right = minima[w];
                for (var i = minima[w]; i <= minima[w + 1]; i++) if (v[i] > v[right]) right = i;
            }
            double a = grid[left], b = grid[right];
            var count = positions.Count(z => z >= a && (z < b || (w == minima.Count - 1 && z <= b)));
            bounds.Add((left, right));
            wells.Add(new DataWell(grid[minima[w]], a, b, v[minima[w]], 0, 0, 0, count));
            left = right;
        }
        // Each level belongs to the well that holds most of its |ψ_n|²; a well's level is the lowest n that belongs to it.
        var mass = new double[levels.Length, wells.Count];
        for (var c = 0; c < levels.Length; c++)
        {
            var home = 0;
            for (var w = 0; w < wells.Count; w++)
            {
                for (var i = bounds[w].Left; i < bounds[w].Right; i++)
                    mass[c, w] += 0.5 * h * (psi[i, c] * psi[i, c] + psi[i + 1, c] * psi[i + 1, c]);
                if (mass[c, w] > mass[c, home]) home = w;
            }
            if (wells.Count > 0 && wells[home].Level == 0)
                wells[home] = wells[home] with { Level = c + 1, Energy = levels[c].Exact, Mass = mass[c, home] };
        }
        return wells.AsReadOnly();
    }
}
