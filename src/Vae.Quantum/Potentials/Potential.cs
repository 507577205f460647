namespace Vae.Quantum.Potentials;

/// <summary>
/// A perturbing potential H¹ = V(z) (energy units) acting on the particle in the box. Concrete potentials are the
/// paper's <see cref="SinePotential"/> (V(z) = sin(2π t z), matrix elements in closed form) and any real function
/// (<see cref="FromFunction"/>, matrix elements by quadrature).
/// </summary>
/// <remarks>Immutable. Source: Andrés-Terré &amp; Lió, §1.2, eq. (1).</remarks>
public abstract class Potential
{
    private protected Potential()
    {
    }

    /// <summary>Value V(z) (energy units).</summary>
    /// <param name="z">Position (length units).</param>
    public abstract double Evaluate(double z);

    /// <summary>The paper's potential V(z) = sin(2π t z) with t evenly spaced minima per unit length.</summary>
    /// <param name="minima">t, any finite real number (t = 0 is the zero potential).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minima"/> is NaN or infinite.</exception>
    public static SinePotential Sine(double minima) => new(minima);

    /// <summary>Any potential given as a function V(z); its matrix elements are computed by quadrature.</summary>
    /// <param name="potential">V(z) (energy units); must return finite values on the box.</param>
    /// <param name="description">Human-readable description used by <see cref="object.ToString"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="potential"/> or <paramref name="description"/> is null.</exception>
    public static FunctionPotential FromFunction(Func<double, double> potential, string description = "V(z)") =>
        new(potential, description);
}
