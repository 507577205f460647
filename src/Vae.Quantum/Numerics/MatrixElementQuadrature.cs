using MathNet.Numerics;
using MathNet.Numerics.Integration;
using MathNet.Numerics.LinearAlgebra;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Numerics;

/// <summary>
/// Matrix elements in the particle-in-a-box basis by numerical quadrature, independent of the closed forms: used to
/// validate them and to treat any <see cref="Potential"/>.
/// </summary>
/// <remarks>
/// The Gauss–Legendre routines evaluate F[m, q] = f_m(z_q) at the Q nodes and form F · diag(w_q V(z_q)) · Fᵀ with one
/// MKL-backed matrix product, then double Q until two orders agree (<see cref="QuadratureOptions"/>). The integrands
/// are entire functions, so Gauss–Legendre converges exponentially once Q exceeds about half the number of
/// oscillations. Peer: scipy.integrate.fixed_quad / quad.
/// </remarks>
public static class MatrixElementQuadrature
{
    /// <summary>V_mn = ⟨φ_m|V|φ_n⟩ = ∫₀ᴸ φ_m V φ_n dz for m, n = 1..<paramref name="size"/> (energy units).</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="potential">Any potential, finite on [0, L].</param>
    /// <param name="size">Basis size N ≥ 1; the result has shape [N, N].</param>
    /// <param name="options">Quadrature options; <see cref="QuadratureOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 1 or invalid options.</exception>
    /// <exception cref="NonConvergenceException">No two successive orders up to the maximum order agreed.</exception>
    public static QuadratureMatrix GaussLegendre(ParticleInBox box, Potential potential, int size, QuadratureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(potential);
        return Converge(box, size, options, box.Eigenfunction, potential.Evaluate);
    }

    /// <summary>
    /// Kinetic matrix ⟨φ_m|H⁰|φ_n⟩ = A ∫₀ᴸ φ_m′ φ_n′ dz (energy units; integration by parts, φ vanishes at the walls):
    /// diag(E⁰) for exact eigenfunctions, so it checks energies and derivatives together.
    /// </summary>
    /// <param name="box">The box.</param>
    /// <param name="size">Basis size N ≥ 1.</param>
    /// <param name="options">Quadrature options; default when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 1 or invalid options.</exception>
    /// <exception cref="NonConvergenceException">The quadrature did not converge.</exception>
    public static QuadratureMatrix Kinetic(ParticleInBox box, int size, QuadratureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        var a = box.Coefficient;
        return Converge(box, size, options, box.EigenfunctionDerivative, _ => a);
    }

    /// <summary>Overlap matrix ⟨φ_m|φ_n⟩ (dimensionless; the identity for an orthonormal basis).</summary>
    /// <param name="box">The box.</param>
    /// <param name="size">Basis size N ≥ 1.</param>
    /// <param name="options">Quadrature options; default when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 1 or invalid options.</exception>
    /// <exception cref="NonConvergenceException">The quadrature did not converge.</exception>
    public static QuadratureMatrix Overlap(ParticleInBox box, int size, QuadratureOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(box);
        return Converge(box, size, options, box.Eigenfunction, _ => 1.0);
    }

    /// <summary>
    /// One element V_mn by MathNet's adaptive Gauss–Kronrod quadrature (61 points per panel) with an absolute error target.
    /// </summary>
    /// <param name="box">The box.</param>
    /// <param name="potential">Any potential, finite on [0, L].</param>
    /// <param name="m">Bra quantum number ≥ 1.</param>
    /// <param name="n">Ket quantum number ≥ 1.</param>
    /// <param name="absoluteTolerance">Target absolute error (energy units), &gt; 0. Default 1e-13. Requests below
    /// 6e-14 · B are raised to that floor (a relative target of 1e-14 on the shifted integral): below it the panel
    /// error estimates are rounding noise and the bisection would run to its maximum depth.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Invalid quantum number or tolerance.</exception>
    /// <remarks>
    /// Two safeguards around MathNet's
    /// <see cref="GaussKronrodRule.Integrate(Func{double, double}, double, double, out double, out double, double, int, int)"/>:
    /// (1) it measures the error relative to its first estimate, which fails for integrals that vanish (V_mn is
    /// exactly 0 at every singular t); we integrate φ_m V φ_n + c with c = 4B/L, where B = max(1, max|V| on 1025
    /// points), so the shifted integrand lies in [2B/L, 6B/L], and subtract c again; (2) a single 61-point panel
    /// over many oscillations can report a tiny Kronrod − Gauss difference while both rules are wrong (seen at
    /// t = 4.5 − 1e-9, m = 28, n = 37: error 7e-10, estimate 1e-14); we therefore start from P equal panels,
    /// about two oscillations each (P = max(4, ⌈(m + n)/4 + |t| L/2⌉) for the sine potential, the |t| term
    /// omitted for other potentials), and let MathNet bisect each panel (maximum depth 15).
    /// </remarks>
    public static QuadratureEstimate GaussKronrod(ParticleInBox box, Potential potential, int m, int n, double absoluteTolerance = 1e-13)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(potential);
        ParticleInBox.CheckLevel(m, nameof(m));
        ParticleInBox.CheckLevel(n, nameof(n));
        if (!(absoluteTolerance > 0) || !double.IsFinite(absoluteTolerance))
            throw new ArgumentOutOfRangeException(nameof(absoluteTolerance), absoluteTolerance, "The tolerance must be positive and finite.");
        var length = box.Length;
        var bound = 1.0;
        for (var i = 0; i <= 1024; i++) bound = Math.Max(bound, Math.Abs(potential.Evaluate(length * i / 1024.0)));
        var shift = 4.0 * bound / length;
        var oscillations = (m + n) / 2.0 + (potential is SinePotential sine ? Math.Abs(sine.Minima) * length : 0.0);
        var panels = Math.Max(4, (int)Math.Ceiling(oscillations / 2.0));
        var relative = Math.Max(absoluteTolerance / (6.0 * bound), 1e-14);
        double value = 0.0, error = 0.0;
        for (var p = 0; p < panels; p++)
        {
            double a = length * p / panels, b = length * (p + 1) / panels;
            var panel = GaussKronrodRule.Integrate(
                z => box.Eigenfunction(m, z) * potential.Evaluate(z) * box.Eigenfunction(n, z) + shift,
                a, b, out var panelError, out _, relative, maximumDepth: 15, order: 61);
            value += panel - shift * (b - a);
            error += panelError;
        }
        return new QuadratureEstimate(value, error);
    }

    private static QuadratureMatrix Converge(ParticleInBox box, int size, QuadratureOptions? options,
        Func<int, double, double> basis, Func<double, double> weight)
    {
        ArgumentNullException.ThrowIfNull(box);
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The basis size must be at least 1.");
        options ??= QuadratureOptions.Default;
        options.Validate();
        var order = options.InitialOrder;
        var previous = Rule(box.Length, size, order, basis, weight);
        while (true)
        {
            if (order * 2 > options.MaximumOrder)
                throw new NonConvergenceException(
                    $"Gauss–Legendre quadrature did not reach the tolerance {options.Tolerance:R} × max(1, max|entry|) by order {order} (maximum {options.MaximumOrder}).");
            order *= 2;
            var current = Rule(box.Length, size, order, basis, weight);
            var change = (current - previous).Enumerate().Select(Math.Abs).Max();
            var scale = Math.Max(1.0, current.Enumerate().Select(Math.Abs).Max());
            if (change <= options.Tolerance * scale)
                return new QuadratureMatrix(current, order, change);
            previous = current;
        }
    }

    /// <summary>F · diag(w_q weight(z_q)) · Fᵀ with F[i, q] = basis(i + 1, z_q), mirrored to exact symmetry.</summary>
    private static Matrix<double> Rule(double length, int size, int order, Func<int, double, double> basis, Func<double, double> weight)
    {
        var rule = new GaussLegendreRule(0.0, length, order);
        var f = Matrix<double>.Build.Dense(size, order);
        var g = Matrix<double>.Build.Dense(size, order);
        for (var q = 0; q < order; q++)
        {
            var z = rule.GetAbscissa(q);
            var w = rule.GetWeight(q) * weight(z);
            for (var i = 0; i < size; i++)
            {
                var value = basis(i + 1, z);
                f[i, q] = value;
                g[i, q] = w * value;
            }
        }
        var result = g.TransposeAndMultiply(f);
        for (var i = 0; i < size; i++)
            for (var j = i + 1; j < size; j++)
                result[j, i] = result[i, j];
        return result;
    }
}
