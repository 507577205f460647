using Vae.Quantum.Perturbation;

namespace Vae.Quantum.Spectrum;

/// <summary>
/// The energy the ψ network minimises, as a function of a real quantum number n on the unit box:
/// E(n) = α n² + E¹(n), with E¹(n) = ⟨φ_n|sin(2πtz)|φ_n⟩ = ½[2g(t) − g(t + n) − g(t − n)], g(y) = sin²(πy)/(πy).
/// </summary>
/// <remarks>
/// The g form of <see cref="SineMatrixElements"/> holds for real n (the product-to-sum step never uses integrality),
/// so this is the exact first-order energy of the convention, continued to real n; the paper's printed
/// formula is not used because it is complex for non-integer t and does not match this convention (docs §6).
/// For integer t, E¹(n) = −t sin²(πn) / (π(t² − n²)): zero at integer n, minima near half-integers — the levels.
/// </remarks>
public static class LevelEnergy
{
    /// <summary>E(n) = α n² + E¹(n) (energy units of the unit box).</summary>
    /// <param name="n">Real quantum number, finite (E is even in n; the levels are n ≥ 1).</param>
    /// <param name="alpha">α ≥ 0, finite.</param>
    /// <param name="minima">t, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite argument, or α &lt; 0.</exception>
    public static double Value(double n, double alpha, double minima)
    {
        Require(n, alpha, minima);
        return alpha * n * n + 0.5 * (2 * SineMatrixElements.G(minima) - SineMatrixElements.G(minima + n) - SineMatrixElements.G(minima - n));
    }

    /// <summary>dE/dn = 2α n + ½[g′(t − n) − g′(t + n)].</summary>
    /// <param name="n">Real quantum number, finite.</param>
    /// <param name="alpha">α ≥ 0, finite.</param>
    /// <param name="minima">t, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite argument, or α &lt; 0.</exception>
    public static double Derivative(double n, double alpha, double minima)
    {
        Require(n, alpha, minima);
        return 2 * alpha * n + 0.5 * (GPrime(minima - n) - GPrime(minima + n));
    }

    private static void Require(double n, double alpha, double minima)
    {
        if (!double.IsFinite(n)) throw new ArgumentOutOfRangeException(nameof(n), n, "The quantum number must be finite.");
        if (!(alpha >= 0) || !double.IsFinite(alpha)) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be finite and ≥ 0.");
        if (!double.IsFinite(minima)) throw new ArgumentOutOfRangeException(nameof(minima), minima, "t must be finite.");
    }

    /// <summary>g′(y) = [π y sin(2πy) − sin²(πy)] / (π y²), with the series π − π³y² for |y| &lt; 1e-4.</summary>
    internal static double GPrime(double y)
    {
        if (Math.Abs(y) < 1e-4) return Math.PI - Math.PI * Math.PI * Math.PI * y * y;
        var s = double.SinPi(y);
        return (Math.PI * y * double.SinPi(2 * y) - s * s) / (Math.PI * y * y);
    }
}
