using MathNet.Numerics.LinearAlgebra;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Perturbation;

/// <summary>
/// Closed-form matrix elements V_mn = ⟨φ_m|sin(2π t z)|φ_n⟩ of the paper's potential in the particle-in-a-box basis
/// on [0, L] (dimensionless, the potential has unit amplitude).
/// </summary>
/// <remarks>
/// With τ = t L, d = m − n, s = m + n and g(y) = sin²(π y)/(π y) (g(0) = 0, its limit), product-to-sum gives
/// <code>V_mn = ½ [ g(τ + d/2) + g(τ − d/2) − g(τ + s/2) − g(τ − s/2) ]</code>
/// which equals −τ m n w(τ) / (π (τ² − d²/4)(τ² − s²/4)) with w = sin²(πτ) when m − n is even and cos²(πτ) when it
/// is odd (derivation in docs/quantum.md). The points τ = ±d/2, ±s/2 (t = (m ± n)/(2L)) and τ = 0 are removable
/// singularities of the rational form; the g form is evaluated as sinπ(y) · [sinπ(y)/(π y)], which is smooth and
/// loses no digits near them (no cancelling differences), and it gives the exact limit, 0, at them.
/// Symmetric in m and n bit for bit. Depends on t and L only through τ = t L.
/// Source: Andrés-Terré &amp; Lió §1.2 (c_mn = ⟨φ_m|H¹|φ_n⟩); derivation ours.
/// </remarks>
public static class SineMatrixElements
{
    /// <summary>V_mn = ⟨φ_m|sin(2π t z)|φ_n⟩ on [0, L] (dimensionless).</summary>
    /// <param name="box">The unperturbed box (only L matters).</param>
    /// <param name="potential">The sine potential (t).</param>
    /// <param name="m">Bra quantum number, m ≥ 1.</param>
    /// <param name="n">Ket quantum number, n ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="m"/> or <paramref name="n"/> is less than 1.</exception>
    public static double Value(ParticleInBox box, SinePotential potential, int m, int n)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(potential);
        ParticleInBox.CheckLevel(m, nameof(m));
        ParticleInBox.CheckLevel(n, nameof(n));
        var tau = potential.Minima * box.Length;
        var d = m - n;
        var s = m + n;
        return Combine(ShiftedG(tau, d), ShiftedG(tau, -d), ShiftedG(tau, s), ShiftedG(tau, -s));
    }

    /// <summary>First-order energy E_n¹ = V_nn = sin²(πτ) n² / (π τ (n² − τ²)), τ = t L (energy units, unit amplitude).</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="potential">The sine potential.</param>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1.</exception>
    /// <remarks>Zero at integer τ (including the removable singularity τ = n) and at τ = 0.</remarks>
    public static double FirstOrderEnergy(ParticleInBox box, SinePotential potential, int n)
    {
        ParticleInBox.CheckLevel(n, nameof(n));
        return Value(box, potential, n, n);
    }

    /// <summary>The matrix V[m − 1, n − 1] = V_mn for m, n = 1..<paramref name="size"/>; a fresh matrix the library never touches again.</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="potential">The sine potential.</param>
    /// <param name="size">Basis size N ≥ 1; the result has shape [N, N].</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> &lt; 1.</exception>
    /// <remarks>O(N) sine evaluations (g is tabulated at τ + k/2, k = −2N..2N) and O(N²) additions.</remarks>
    public static Matrix<double> Matrix(ParticleInBox box, SinePotential potential, int size)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(potential);
        if (size < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, "The basis size must be at least 1.");
        var tau = potential.Minima * box.Length;
        var g = new double[4 * size + 1];        // g[k + 2N] = g(τ + k/2)
        for (var k = -2 * size; k <= 2 * size; k++)
            g[k + 2 * size] = ShiftedG(tau, k);
        var result = Matrix<double>.Build.Dense(size, size);
        for (var n = 1; n <= size; n++)
        {
            for (var m = n; m <= size; m++)
            {
                int d = m - n, s = m + n, o = 2 * size;
                var v = Combine(g[o + d], g[o - d], g[o + s], g[o - s]);
                result[m - 1, n - 1] = v;
                result[n - 1, m - 1] = v;
            }
        }
        return result;
    }

    /// <summary>½[(g₁ + g₂) − (g₃ + g₄)]; the grouping makes V_mn = V_nm exactly.</summary>
    private static double Combine(double g1, double g2, double g3, double g4) => 0.5 * ((g1 + g2) - (g3 + g4));

    /// <summary>g(τ + k/2) with g(y) = sin²(π y)/(π y), g(0) = 0.</summary>
    internal static double ShiftedG(double tau, int halfSteps) => G(tau + 0.5 * halfSteps);

    /// <summary>g(y) = sinπ(y) · sinc, with sinc = sinπ(y)/(π y) → 1 at y = 0; smooth through y = 0, where g = 0.</summary>
    internal static double G(double y)
    {
        if (y == 0.0) return 0.0;
        var s = double.SinPi(y);
        return s * (s / (Math.PI * y));
    }
}
