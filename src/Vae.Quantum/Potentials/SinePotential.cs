namespace Vae.Quantum.Potentials;

/// <summary>
/// The paper's perturbation H¹ = V(z) = sin(2π t z) (energy units, amplitude 1), with t evenly spaced minima per
/// unit length.
/// </summary>
/// <remarks>
/// Source: Andrés-Terré &amp; Lió, eq. (1). Any finite real t is allowed: t = 0 is the zero potential, t &lt; 0 is
/// −sin(2π|t|z). On the box [0, L] the matrix elements depend on t only through τ = t L
/// (see <see cref="Perturbation.SineMatrixElements"/>).
/// </remarks>
public sealed class SinePotential : Potential
{
    /// <summary>Creates V(z) = sin(2π t z).</summary>
    /// <param name="minima">t, any finite real number.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minima"/> is NaN or infinite.</exception>
    public SinePotential(double minima)
    {
        if (!double.IsFinite(minima))
            throw new ArgumentOutOfRangeException(nameof(minima), minima, "The number of minima t must be finite.");
        Minima = minima;
    }

    /// <summary>t, the number of minima per unit length (frequency of the sine is t).</summary>
    public double Minima { get; }

    /// <summary>V(z) = sin(2π t z), evaluated as sinπ(2 t z) so that it is exactly 0 where 2tz is an integer.</summary>
    /// <param name="z">Position (length units).</param>
    public override double Evaluate(double z) => double.SinPi(2.0 * Minima * z);

    /// <summary>sup |V| over [0, L]: sin(2π|t|L) when |t| L &lt; 1/4, otherwise 1.</summary>
    /// <param name="length">Box length L &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is not positive and finite.</exception>
    public double SupremumOnBox(double length)
    {
        if (!(length > 0) || !double.IsFinite(length))
            throw new ArgumentOutOfRangeException(nameof(length), length, "The box length L must be positive and finite.");
        var tau = Math.Abs(Minima) * length;
        return tau < 0.25 ? double.SinPi(2.0 * tau) : 1.0;
    }

    /// <inheritdoc />
    public override string ToString() => $"sin(2π·{Minima:R}·z)";
}
