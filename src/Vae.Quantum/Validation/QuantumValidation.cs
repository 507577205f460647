using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Validation;

/// <summary>
/// Validates the closed-form perturbation theory of the sine potential against independent numerics over a grid of t:
/// Gauss–Legendre quadrature (V_mn, E_n¹, c_mn, E_n², E_n⁰ through A∫φ′²), adaptive Gauss–Kronrod (E_n¹), exact
/// diagonalisation in the N-state basis (error of E⁰ + λE¹ + λ²E² fitted against λ) and a finite-difference
/// Hamiltonian (error against the basis result fitted against the grid spacing h).
/// </summary>
/// <remarks>
/// Deterministic: the same options give bit-identical reports on one machine and thread count (no randomness; MKL
/// results may differ in the last bits across CPUs). The command <c>vae quantum validate</c> prints this report.
/// </remarks>
public static class QuantumValidation
{
    /// <summary>Runs every comparison and fit.</summary>
    /// <param name="options">What to check; <see cref="ValidationOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked once per value of t.</param>
    /// <returns>One <see cref="QuantityError"/> per compared quantity and one <see cref="OrderEstimate"/> per fitted order.</returns>
    /// <exception cref="ArgumentException">Invalid options (the <see cref="ArgumentException"/> family, naming the option).</exception>
    /// <exception cref="MathNet.Numerics.NonConvergenceException">The reference quadrature did not converge.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public static ValidationReport Run(ValidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= ValidationOptions.Default;
        options.Validate();
        var box = new ParticleInBox(options.Length, options.Coefficient);
        var size = options.MaxLevel;
        var truncation = $"N = {size}";

        var unperturbed = new ErrorTracker("E_n^0 = A(pi/L)^2 n^2 (matrix <m|H0|n>)", "Gauss-Legendre A*int phi_m' phi_n' dz");
        var kinetic = MatrixElementQuadrature.Kinetic(box, size, options.Quadrature).Values;
        for (var m = 1; m <= size; m++)
            for (var n = 1; n <= size; n++)
                unperturbed.Add(m == n ? box.Energy(n) : 0.0, kinetic[m - 1, n - 1], double.NaN, m, n);

        var matrixElements = new ErrorTracker("V_mn", "Gauss-Legendre (order doubled to convergence)");
        var firstOrder = new ErrorTracker("E_n^1 = V_nn", "Gauss-Legendre (order doubled to convergence)");
        var firstOrderKronrod = new ErrorTracker("E_n^1 = V_nn", "adaptive Gauss-Kronrod (61-point panels)");
        var coefficients = new ErrorTracker("c_mn = V_mn/(E_n^0 - E_m^0)", "from Gauss-Legendre V_mn");
        var secondOrder = new ErrorTracker($"E_n^2 ({truncation})", "from Gauss-Legendre V_mn");
        var finiteDifference = new ErrorTracker($"E_n(lambda = {options.FiniteDifferenceLambda:R}), M = {options.GridPoints.Max()}", "finite differences vs basis diagonalisation");
        var leadingSlopes = new List<double>();
        var vanishingSlopes = new List<double>();
        var unresolved = 0;
        var gridSlopes = new List<double>();

        foreach (var t in options.Minima)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var potential = Potential.Sine(t);
            var analytic = PerturbationExpansion.ForSinePotential(box, potential, size);
            var numeric = PerturbationExpansion.ForPotential(box, potential, size, options.Quadrature);
            for (var n = 1; n <= size; n++)
            {
                for (var m = 1; m <= size; m++)
                {
                    matrixElements.Add(analytic.MatrixElement(m, n), numeric.MatrixElement(m, n), t, m, n);
                    if (m != n)
                        coefficients.Add(analytic.Coefficient(m, n, CoefficientConvention.RayleighSchrodinger),
                            numeric.Coefficient(m, n, CoefficientConvention.RayleighSchrodinger), t, m, n);
                }
                firstOrder.Add(analytic.FirstOrderEnergy(n), numeric.FirstOrderEnergy(n), t, n, n);
                firstOrderKronrod.Add(analytic.FirstOrderEnergy(n),
                    MatrixElementQuadrature.GaussKronrod(box, potential, n, n, options.GaussKronrodTolerance).Value, t, n, n);
                secondOrder.Add(analytic.SecondOrderEnergy(n), numeric.SecondOrderEnergy(n), t, n, n);

                var fit = LambdaFit(analytic, potential, n, options);
                if (fit is null) unresolved++;
                else (fit.Value.ThirdOrderLeads ? leadingSlopes : vanishingSlopes).Add(fit.Value.Order);
            }
            GridFit(box, analytic, potential, options, finiteDifference, gridSlopes, t);
        }

        var errors = new[] { unperturbed, matrixElements, firstOrder, firstOrderKronrod, coefficients, secondOrder, finiteDifference }
            .Select(e => e.ToRecord()).ToArray();
        var lambdaRange = $"lambda = {options.LambdaFraction:R} * gap_n * 2^-k, k = 0..{options.LambdaSteps - 1}";
        var orders = new[]
        {
            Summarise("exact diagonalisation - (E0 + lambda E1 + lambda^2 E2) vs lambda", 3.0, leadingSlopes,
                $"levels where lambda^3 E_n^3 leads ({lambdaRange}); {unresolved} fits below the rounding floor"),
            Summarise("exact diagonalisation - (E0 + lambda E1 + lambda^2 E2) vs lambda", 4.0, vanishingSlopes,
                "levels where E_n^3 = 0 (integer tL: V couples only opposite parities, odd orders vanish)"),
            Summarise("finite differences - basis result vs h", 2.0, gridSlopes,
                $"levels 1..{options.FiniteDifferenceLevels}, M = {string.Join(", ", options.GridPoints)}"),
        };
        return new ValidationReport(options, Array.AsReadOnly(errors), Array.AsReadOnly(orders));
    }

    /// <summary>
    /// Fits log|E_exact(λ) − (E⁰ + λE¹ + λ²E²)| against log λ for level n; null when fewer than 3 errors clear the
    /// rounding floor 64 ε max(1, |E|) N.
    /// </summary>
    private static (double Order, bool ThirdOrderLeads)? LambdaFit(PerturbationExpansion expansion, SinePotential potential, int n, ValidationOptions options)
    {
        var correction = expansion.Correction(n);
        var gap = double.PositiveInfinity;
        for (var m = 1; m <= expansion.BasisSize; m++)
            if (m != n) gap = Math.Min(gap, Math.Abs(correction.Unperturbed - expansion.UnperturbedEnergy(m)));
        var lambdaMax = options.LambdaFraction * gap / Math.Max(potential.SupremumOnBox(expansion.Box.Length), double.Epsilon);
        var lambdas = new List<double>();
        var errors = new List<double>();
        var floor = 64 * Math.Pow(2, -52) * Math.Max(1.0, Math.Abs(correction.Unperturbed)) * expansion.BasisSize;
        var firstError = double.NaN;
        for (var k = 0; k < options.LambdaSteps; k++)
        {
            var lambda = lambdaMax * Math.Pow(2, -k);
            var exact = BasisDiagonalization.Energies(expansion, lambda)[n - 1];
            var error = Math.Abs(exact - correction.ThroughSecondOrder(lambda));
            if (k == 0) firstError = error;
            if (error <= floor) continue;
            lambdas.Add(lambda);
            errors.Add(error);
        }
        if (errors.Count < 3) return null;
        var leads = Math.Abs(correction.ThirdOrder) * Math.Pow(lambdaMax, 3) >= 0.5 * firstError;
        return (PowerLawFit.Fit(lambdas, errors).Order, leads);
    }

    private static void GridFit(ParticleInBox box, PerturbationExpansion expansion, SinePotential potential, ValidationOptions options,
        ErrorTracker finest, List<double> slopes, double t)
    {
        var lambda = options.FiniteDifferenceLambda;
        var levels = options.FiniteDifferenceLevels;
        var basis = BasisDiagonalization.Energies(expansion, lambda);
        var grids = options.GridPoints.OrderBy(m => m).ToArray();
        var energies = grids.Select(m => FiniteDifferenceHamiltonian.Energies(box, potential, lambda, m, levels)).ToArray();
        for (var n = 1; n <= levels; n++)
        {
            var steps = grids.Select(m => box.Length / (m + 1)).ToArray();
            var errors = energies.Select(e => Math.Abs(e[n - 1] - basis[n - 1])).ToArray();
            finest.Add(basis[n - 1], energies[^1][n - 1], t, n, n);
            slopes.Add(PowerLawFit.Fit(steps, errors).Order);
        }
    }

    private static OrderEstimate Summarise(string quantity, double expected, List<double> slopes, string condition)
    {
        if (slopes.Count == 0)
            return new OrderEstimate(quantity, expected, double.NaN, double.NaN, double.NaN, 0, condition);
        var sorted = slopes.OrderBy(s => s).ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : 0.5 * (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]);
        return new OrderEstimate(quantity, expected, sorted[0], median, sorted[^1], sorted.Length, condition);
    }

    private sealed class ErrorTracker(string quantity, string reference)
    {
        private double _max = -1;
        private int _count;
        private double _t = double.NaN;
        private int _m, _n;

        public void Add(double analytic, double numeric, double t, int m, int n)
        {
            var error = Math.Abs(analytic - numeric);
            _count++;
            if (error > _max || double.IsNaN(error))
            {
                _max = error;
                _t = t;
                _m = m;
                _n = n;
            }
        }

        public QuantityError ToRecord() => new(quantity, reference, _max, _count, _t, _m, _n);
    }
}
