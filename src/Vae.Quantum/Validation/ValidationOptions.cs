using Vae.Quantum.Numerics;
using Vae.Core.Collections;

namespace Vae.Quantum.Validation;

/// <summary>
/// What <see cref="QuantumValidation.Run"/> checks: the box, the grid of t, the basis size, the λ grid of the
/// perturbation-order fit and the finite-difference grids.
/// </summary>
/// <remarks>C#: <c>ValidationOptions.Default with { MaxLevel = 10 }</c>; F#: <c>ValidationOptions(MaxLevel = 10)</c>.</remarks>
public sealed record ValidationOptions
{
    /// <summary>The table: L = A = 1, t = 0.1, 0.2, …, 5.0, n, m ≤ 30.</summary>
    public static ValidationOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public ValidationOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>ValidationOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public ValidationOptions(ValidationOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        MaxLevel = original.MaxLevel;
        _minima = original._minima;
        Length = original.Length;
        Coefficient = original.Coefficient;
        Quadrature = original.Quadrature;
        GaussKronrodTolerance = original.GaussKronrodTolerance;
        LambdaFraction = original.LambdaFraction;
        LambdaHalvings = original.LambdaHalvings;
        LambdaPoints = original.LambdaPoints;
        _gridPoints = original._gridPoints;
        FiniteDifferenceLevels = original.FiniteDifferenceLevels;
        FiniteDifferenceLambda = original.FiniteDifferenceLambda;
    }

    /// <summary>nmax: quantum numbers n, m = 1..nmax are compared, and nmax is the basis size N (truncation of E²). Default 30.</summary>
    public int MaxLevel { get; init; } = 30;

    /// <summary>The values of t (minima per unit length) of V(z) = sin(2π t z), each finite. Default 0.1..5.0 step 0.1 (computed as k/10).</summary>
    public IReadOnlyList<double> Minima { get => _minima; init => _minima = ValueList.Copy(value); }
    private readonly IReadOnlyList<double> _minima = ValueList.Copy<double>(Array.AsReadOnly(Enumerable.Range(1, 50).Select(k => k / 10.0).ToArray()));

    /// <summary>Box length L &gt; 0. Default 1.</summary>
    public double Length { get; init; } = 1.0;

    /// <summary>Kinetic coefficient A &gt; 0. Default 1.</summary>
    public double Coefficient { get; init; } = 1.0;

    /// <summary>Options of the Gauss–Legendre reference quadrature.</summary>
    public QuadratureOptions Quadrature { get; init; } = QuadratureOptions.Default;

    /// <summary>Absolute target of the adaptive Gauss–Kronrod check of E_n¹. Default 1e-13.</summary>
    public double GaussKronrodTolerance { get; init; } = 1e-13;

    /// <summary>
    /// λ_max of level n is this fraction of its smallest level spacing divided by sup|V|:
    /// λ_max = f · min_m |E_n⁰ − E_m⁰| / sup|V|.
    /// Default 0.05, well inside the radius of convergence.
    /// </summary>
    public double LambdaFraction { get; init; } = 0.05;

    /// <summary>How many halvings below λ_max each level may use, ≥ 3. Default 12.</summary>
    public int LambdaHalvings { get; init; } = 12;

    /// <summary>How many of the smallest λ (with errors above the rounding floor) enter each fit, ≥ 3. Default 4.</summary>
    public int LambdaPoints { get; init; } = 4;

    /// <summary>Interior grid sizes M of the finite-difference Hamiltonian (h = L/(M + 1)), at least two, each ≥ 4. Default 15, 31, 63.</summary>
    public IReadOnlyList<int> GridPoints { get => _gridPoints; init => _gridPoints = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _gridPoints = ValueList.Copy<int>(Array.AsReadOnly(new[] { 15, 31, 63 }));

    /// <summary>How many of the lowest levels the finite-difference check compares, 1 ≤ levels ≤ min(M, nmax). Default 3.</summary>
    public int FiniteDifferenceLevels { get; init; } = 3;

    /// <summary>λ of the finite-difference comparison (H⁰ + λ V). Default 1.</summary>
    public double FiniteDifferenceLambda { get; init; } = 1.0;

    /// <summary>Largest <see cref="MaxLevel"/>: 1000 (the basis matrices are N × N and diagonalised per λ and t).</summary>
    public const int MaxLevelLimit = 1000;

    /// <summary>Largest |t|: 10⁴ oscillations of V per unit length, what the reference quadrature resolves.</summary>
    public const double MinimaLimit = 1e4;

    /// <summary>Range of L and of A/L² (the energy scale): [10⁻¹⁰⁰, 10¹⁰⁰], so that E⁰ and its level spacings are normal doubles.</summary>
    public const double ScaleLimit = 1e100;

    internal void Validate()
    {
        if (MaxLevel < 2 || MaxLevel > MaxLevelLimit)
            throw new ArgumentOutOfRangeException(nameof(MaxLevel), MaxLevel, $"nmax must be in [2, {MaxLevelLimit}].");
        ArgumentNullException.ThrowIfNull(Minima);
        if (Minima.Count == 0)
            throw new ArgumentException("The grid of t is empty.", nameof(Minima));
        foreach (var t in Minima)
            if (!double.IsFinite(t) || t == 0 || Math.Abs(t) > MinimaLimit)
                throw new ArgumentOutOfRangeException(nameof(Minima), t, $"Every t must be finite, non-zero (V ≡ 0 has nothing to validate) and |t| ≤ {MinimaLimit:R}.");
        if (!(Length >= 1 / ScaleLimit && Length <= ScaleLimit))
            throw new ArgumentOutOfRangeException(nameof(Length), Length, $"The box length L must be in [{1 / ScaleLimit:R}, {ScaleLimit:R}].");
        if (!(Coefficient > 0) || !(Coefficient / (Length * Length) >= 1 / ScaleLimit && Coefficient / (Length * Length) <= ScaleLimit))
            throw new ArgumentOutOfRangeException(nameof(Coefficient), Coefficient, $"The kinetic coefficient A must be > 0 with A/L² in [{1 / ScaleLimit:R}, {ScaleLimit:R}].");
        ArgumentNullException.ThrowIfNull(Quadrature);
        Quadrature.Validate();
        if (!(GaussKronrodTolerance > 0) || !double.IsFinite(GaussKronrodTolerance))
            throw new ArgumentOutOfRangeException(nameof(GaussKronrodTolerance), GaussKronrodTolerance, "The Gauss–Kronrod tolerance must be positive and finite.");
        if (!(LambdaFraction > 0) || !(LambdaFraction < 0.5))
            throw new ArgumentOutOfRangeException(nameof(LambdaFraction), LambdaFraction, "The λ fraction must be in (0, 0.5).");
        if (LambdaHalvings < 3)
            throw new ArgumentOutOfRangeException(nameof(LambdaHalvings), LambdaHalvings, "At least 3 λ values are needed for the order fit.");
        if (LambdaPoints < 3 || LambdaPoints > LambdaHalvings)
            throw new ArgumentOutOfRangeException(nameof(LambdaPoints), LambdaPoints, $"The number of fitted λ values must be in 3..{LambdaHalvings}.");
        ArgumentNullException.ThrowIfNull(GridPoints);
        if (GridPoints.Count < 2 || GridPoints.Any(m => m < 4))
            throw new ArgumentException("At least two finite-difference grids with M ≥ 4 are needed.", nameof(GridPoints));
        if (FiniteDifferenceLevels < 1 || FiniteDifferenceLevels > Math.Min(MaxLevel, GridPoints.Min()))
            throw new ArgumentOutOfRangeException(nameof(FiniteDifferenceLevels), FiniteDifferenceLevels, $"The finite-difference level count must be in 1..{Math.Min(MaxLevel, GridPoints.Min())}.");
        if (!double.IsFinite(FiniteDifferenceLambda))
            throw new ArgumentOutOfRangeException(nameof(FiniteDifferenceLambda), FiniteDifferenceLambda, "λ must be finite.");
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(ValidationOptions? other) =>
        other is not null && MaxLevel == other.MaxLevel && Minima.SequenceEqual(other.Minima)
        && Length.Equals(other.Length) && Coefficient.Equals(other.Coefficient)
        && Equals(Quadrature, other.Quadrature) && GaussKronrodTolerance.Equals(other.GaussKronrodTolerance)
        && LambdaFraction.Equals(other.LambdaFraction) && LambdaHalvings == other.LambdaHalvings
        && LambdaPoints == other.LambdaPoints && GridPoints.SequenceEqual(other.GridPoints)
        && FiniteDifferenceLevels == other.FiniteDifferenceLevels
        && FiniteDifferenceLambda.Equals(other.FiniteDifferenceLambda);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(MaxLevel);
        foreach (var item in Minima) hash.Add(item);
        hash.Add(Length);
        hash.Add(Coefficient);
        hash.Add(Quadrature);
        hash.Add(GaussKronrodTolerance);
        hash.Add(LambdaFraction);
        hash.Add(LambdaHalvings);
        hash.Add(LambdaPoints);
        foreach (var item in GridPoints) hash.Add(item);
        hash.Add(FiniteDifferenceLevels);
        hash.Add(FiniteDifferenceLambda);
        return hash.ToHashCode();
    }
}
