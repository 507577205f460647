using System.Numerics;
using Vae.Quantum.Numerics;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Reproduce.QuantumPaper;

/// <summary>
/// The formulas of Andrés-Terré &amp; Lió §2 exactly as printed, for comparison with the exact integrals
/// (docs/quantum.md, "The paper's printed formula").
/// </summary>
public static class PaperFormulas
{
    /// <summary>The paper's kinetic term of the loss, E⁰ = α n² (α weights the unperturbed energy; α = A π²/L² reproduces E_n⁰).</summary>
    /// <param name="alpha">α, finite.</param>
    /// <param name="n">Quantum number (real: the network's n is continuous), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A non-finite argument.</exception>
    public static double ZeroOrderEnergy(double alpha, double n)
    {
        CheckFinite(alpha, nameof(alpha));
        CheckFinite(n, nameof(n));
        return alpha * n * n;
    }

    /// <summary>
    /// The printed first-order energy, verbatim:
    /// E¹ = (−1)^t cos(πt)[4n² + t² cos(2πn) − N²] / (2πt[t² − 4n²]) + 2n[t sin(2πn) sin(πt) − 2n] / (2πt[t² − 4n²]).
    /// </summary>
    /// <param name="n">Quantum number (real), finite.</param>
    /// <param name="t">Number of minima t, finite, t ≠ 0 and t² ≠ 4n² (the printed formula is 0/0 there).</param>
    /// <param name="capitalN">The symbol N of the printed formula, which the paper does not define (N = t makes the
    /// bracket the integral it was derived from; see docs).</param>
    /// <param name="signFactor">How (−1)^t is read; complex arithmetic throughout.</param>
    /// <returns>E¹ as a complex number (real when t is an integer or the sign factor is omitted).</returns>
    /// <exception cref="ArgumentOutOfRangeException">Non-finite input, t = 0, t² = 4n², or an undefined sign-factor reading.</exception>
    public static Complex FirstOrderEnergy(double n, double t, double capitalN, PaperSignFactor signFactor = PaperSignFactor.PrincipalBranch)
    {
        CheckFinite(n, nameof(n));
        CheckFinite(t, nameof(t));
        CheckFinite(capitalN, nameof(capitalN));
        var denominator = 2 * Math.PI * t * (t * t - 4 * n * n);
        if (denominator == 0)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"The printed formula is 0/0 at t = 0 and t = ±2n (n = {n:R}).");
        var sign = signFactor switch
        {
            PaperSignFactor.PrincipalBranch => Complex.Exp(new Complex(0, Math.PI * t)),
            PaperSignFactor.Omitted => Complex.One,
            _ => throw new ArgumentOutOfRangeException(nameof(signFactor), signFactor, "Unknown sign-factor reading."),
        };
        var first = sign * Math.Cos(Math.PI * t) * (4 * n * n + t * t * Math.Cos(2 * Math.PI * n) - capitalN * capitalN) / denominator;
        var second = 2 * n * (t * Math.Sin(2 * Math.PI * n) * Math.Sin(Math.PI * t) - 2 * n) / denominator;
        return first + second;
    }

    /// <summary>The printed quantum-number relation n = (L/π) · arcsin(L ψ² / 2) / z (verbatim, principal arcsin).</summary>
    /// <param name="psi">ψ value, finite, with L ψ² / 2 ≤ 1.</param>
    /// <param name="z">Latent coordinate, finite and non-zero.</param>
    /// <param name="length">L &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">L ψ²/2 &gt; 1 (outside the arcsin domain), z = 0, L ≤ 0 or non-finite input.</exception>
    /// <remarks>It inverts ψ² = (2/L) sin(πnz/L) on the principal branch πnz/L ∈ [0, π/2] — not φ_n = √(2/L) sin(πnz/L),
    /// whose inverse would be arcsin(ψ √(L/2)); see docs.</remarks>
    public static double QuantumNumber(double psi, double z, double length)
    {
        CheckFinite(psi, nameof(psi));
        CheckFinite(z, nameof(z));
        if (!(length > 0) || !double.IsFinite(length))
            throw new ArgumentOutOfRangeException(nameof(length), length, "L must be positive and finite.");
        if (z == 0)
            throw new ArgumentOutOfRangeException(nameof(z), z, "z must be non-zero (the relation divides by z).");
        var argument = length * psi * psi / 2;
        if (argument > 1)
            throw new ArgumentOutOfRangeException(nameof(psi), psi, $"L ψ²/2 = {argument:R} lies outside the arcsin domain [−1, 1].");
        return length / Math.PI * Math.Asin(argument) / z;
    }

    /// <summary>
    /// The exact E¹ = ⟨φ_n|V|φ_n⟩ under a candidate convention, by converged Gauss–Legendre quadrature of the actual
    /// integral (independent of every closed form).
    /// </summary>
    /// <param name="convention">Domain, normalisation and potential scaling.</param>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <param name="t">Number of minima t, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">n &lt; 1, non-finite t, or an undefined convention.</exception>
    public static double ExactFirstOrderEnergy(PaperConvention convention, int n, double t)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        CheckFinite(t, nameof(t));
        var (box, potential, scale) = convention switch
        {
            PaperConvention.UnitBox => (ParticleInBox.Unit, Potential.FromFunction(z => Math.Sin(2 * Math.PI * t * z)), 1.0),
            PaperConvention.CenteredBox => (ParticleInBox.Unit, Potential.FromFunction(z => Math.Sin(2 * Math.PI * t * (z - 0.5))), 1.0),
            PaperConvention.DoubleBox => (new ParticleInBox(2.0, 1.0), Potential.FromFunction(z => Math.Sin(2 * Math.PI * t * z)), 1.0),
            PaperConvention.HalfFrequency => (ParticleInBox.Unit, Potential.FromFunction(z => Math.Sin(Math.PI * t * z)), 1.0),
            PaperConvention.HalfFrequencyUnnormalized => (ParticleInBox.Unit, Potential.FromFunction(z => Math.Sin(Math.PI * t * z)), 0.5),
            _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown convention."),
        };
        return scale * MatrixElementQuadrature.GaussLegendre(box, potential, n).Values[n - 1, n - 1];
    }

    private static void CheckFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
    }
}
