namespace Vae.Quantum.Systems;

/// <summary>
/// The unperturbed system of the paper: a particle in an infinite square well on [0, L] with Hamiltonian
/// H⁰ = −A d²/dz², eigenenergies E_n⁰ = A (π/L)² n² and eigenfunctions φ_n(z) = √(2/L) sin(π n z / L), n = 1, 2, ….
/// </summary>
/// <remarks>
/// A plays the role of ħ²/2m (energy × length²); with L = A = 1 the energies are π² n². The eigenfunctions are
/// orthonormal on [0, L] and vanish outside the well. Source: Andrés-Terré &amp; Lió, §1.2; Griffiths, Introduction to
/// Quantum Mechanics, §2.2. Immutable and thread-safe.
/// </remarks>
public sealed class ParticleInBox
{
    /// <summary>Creates the box [0, <paramref name="length"/>] with kinetic coefficient <paramref name="coefficient"/>.</summary>
    /// <param name="length">Box length L (length units). Range: L &gt; 0, finite.</param>
    /// <param name="coefficient">Kinetic coefficient A in H⁰ = −A d²/dz² (energy × length²). Range: A &gt; 0, finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">L or A is not positive and finite.</exception>
    public ParticleInBox(double length, double coefficient)
    {
        if (!(length > 0) || !double.IsFinite(length))
            throw new ArgumentOutOfRangeException(nameof(length), length, "The box length L must be positive and finite.");
        if (!(coefficient > 0) || !double.IsFinite(coefficient))
            throw new ArgumentOutOfRangeException(nameof(coefficient), coefficient, "The kinetic coefficient A must be positive and finite.");
        Length = length;
        Coefficient = coefficient;
    }

    /// <summary>The unit box: L = 1, A = 1 (energies π² n²).</summary>
    public static ParticleInBox Unit { get; } = new(1.0, 1.0);

    /// <summary>Box length L (length units), L &gt; 0.</summary>
    public double Length { get; }

    /// <summary>Kinetic coefficient A of H⁰ = −A d²/dz² (energy × length²), A &gt; 0.</summary>
    public double Coefficient { get; }

    /// <summary>Wave number k_n = π n / L of level <paramref name="n"/> (inverse length units).</summary>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1.</exception>
    public double WaveNumber(int n)
    {
        CheckLevel(n);
        return Math.PI * n / Length;
    }

    /// <summary>Unperturbed energy E_n⁰ = A (π/L)² n² (energy units).</summary>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1.</exception>
    public double Energy(int n)
    {
        var k = WaveNumber(n);
        return Coefficient * k * k;
    }

    /// <summary>Eigenfunction φ_n(z) = √(2/L) sin(π n z / L) for z in [0, L], 0 outside the well (length^−1/2).</summary>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <param name="z">Position (length units), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1 or <paramref name="z"/> is not finite.</exception>
    public double Eigenfunction(int n, double z)
    {
        CheckLevel(n);
        if (!Inside(z)) return 0.0;
        return Normalization * double.SinPi(n * z / Length);
    }

    /// <summary>First derivative φ_n′(z) = √(2/L) (π n / L) cos(π n z / L) for z in [0, L], 0 outside the well.</summary>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <param name="z">Position (length units), finite. At the walls the one-sided derivative from inside is returned.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1 or <paramref name="z"/> is not finite.</exception>
    public double EigenfunctionDerivative(int n, double z)
    {
        var k = WaveNumber(n);
        if (!Inside(z)) return 0.0;
        return Normalization * k * double.CosPi(n * z / Length);
    }

    /// <summary>Second derivative φ_n″(z) = −(π n / L)² φ_n(z) for z in [0, L], 0 outside the well.</summary>
    /// <param name="n">Quantum number, n ≥ 1.</param>
    /// <param name="z">Position (length units), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> &lt; 1 or <paramref name="z"/> is not finite.</exception>
    public double EigenfunctionSecondDerivative(int n, double z)
    {
        var k = WaveNumber(n);
        return -k * k * Eigenfunction(n, z);
    }

    /// <summary>√(2/L), the normalisation of φ_n (length^−1/2).</summary>
    public double Normalization => Math.Sqrt(2.0 / Length);

    /// <inheritdoc />
    public override string ToString() => $"ParticleInBox(L = {Length:R}, A = {Coefficient:R})";

    /// <summary>Throws unless <paramref name="n"/> is a valid quantum number (n ≥ 1).</summary>
    internal static void CheckLevel(int n, string name = "n")
    {
        if (n < 1)
            throw new ArgumentOutOfRangeException(name, n, "The quantum number must be at least 1.");
    }

    private bool Inside(double z)
    {
        if (!double.IsFinite(z))
            throw new ArgumentOutOfRangeException(nameof(z), z, "The position z must be finite.");
        return z >= 0 && z <= Length;
    }
}
