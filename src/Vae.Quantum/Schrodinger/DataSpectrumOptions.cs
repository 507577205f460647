using Vae.Quantum.Numerics;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Options of <see cref="DataSpectrum.Compute"/>: the box the coordinate is mapped into, the strength λ of V_data, the
/// basis and the σ of the one-dimensional Schrödinger potential.
/// </summary>
/// <remarks>C#: <c>DataSpectrumOptions.Default with { Levels = 8 }</c>; F#: <c>DataSpectrumOptions(Levels = 8)</c>.</remarks>
public sealed record DataSpectrumOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static DataSpectrumOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public DataSpectrumOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>DataSpectrumOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public DataSpectrumOptions(DataSpectrumOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Length = original.Length;
        Coefficient = original.Coefficient;
        Margin = original.Margin;
        BasisSize = original.BasisSize;
        Levels = original.Levels;
        StrengthScale = original.StrengthScale;
        Sigma = original.Sigma;
        Neighbours = original.Neighbours;
        BandwidthScale = original.BandwidthScale;
        GridPoints = original.GridPoints;
        Quadrature = original.Quadrature;
    }

    /// <summary>Box length L of the box [0, L] (length units), &gt; 0. Default 1.</summary>
    public double Length { get; init; } = 1.0;

    /// <summary>Kinetic coefficient A of H⁰ = −A d²/dz² (energy × length²), &gt; 0. Default 1.</summary>
    public double Coefficient { get; init; } = 1.0;

    /// <summary>The box (L, A) these options describe.</summary>
    internal ParticleInBox Box => new(Length, Coefficient);

    /// <summary>Fraction of L left free of data at each wall: the codes are mapped affinely onto [mL, (1 − m)L]. In (0, ½). Default 0.2.</summary>
    public double Margin { get; init; } = 0.2;

    /// <summary>N, the number of box states φ_1..φ_N, ≥ 1. Default 160.</summary>
    public int BasisSize { get; init; } = 160;

    /// <summary>Number of levels reported, 1 ≤ levels ≤ N. Default 12.</summary>
    public int Levels { get; init; } = 12;

    /// <summary>s in λ = s · 2A/σ², where σ is the kernel width in box units: s = 1 makes H = −A d²/dz² + λV_data equal
    /// to (2A/σ²)·[−(σ²/2) d²/dz² + V_data], Horn &amp; Gottlieb's Hamiltonian, whose ground state is the Parzen ψ.
    /// &gt; 0. Default 1.</summary>
    public double StrengthScale { get; init; } = 1.0;

    /// <summary>Kernel width σ in the units of the coordinate (before mapping to the box), &gt; 0; null (default) applies
    /// <see cref="Bandwidth.FromNearestNeighbours"/> to the coordinate with <see cref="Neighbours"/> and <see cref="BandwidthScale"/>.</summary>
    public double? Sigma { get; init; }

    /// <summary>K of the σ rule, ≥ 1. Default 20.</summary>
    public int Neighbours { get; init; } = 20;

    /// <summary>Multiplier of the σ rule, &gt; 0. Default 1.</summary>
    public double BandwidthScale { get; init; } = 1.0;

    /// <summary>Grid on [0, L] on which wells are located and |ψ_n|² is integrated per well (trapezoid rule), ≥ 101. Default 4001.</summary>
    public int GridPoints { get; init; } = 4001;

    /// <summary>Quadrature of the matrix elements V_mn. Default <see cref="QuadratureOptions.Default"/> with tolerance 1e-12.</summary>
    public QuadratureOptions Quadrature { get; init; } = QuadratureOptions.Default with { Tolerance = 1e-12 };

    internal void Validate()
    {
        if (!(Length > 0) || !double.IsFinite(Length))
            throw new ArgumentOutOfRangeException(nameof(Length), Length, "The box length L must be positive and finite.");
        if (!(Coefficient > 0) || !double.IsFinite(Coefficient))
            throw new ArgumentOutOfRangeException(nameof(Coefficient), Coefficient, "The kinetic coefficient A must be positive and finite.");
        ArgumentNullException.ThrowIfNull(Quadrature, nameof(Quadrature));
        if (!(Margin > 0 && Margin < 0.5))
            throw new ArgumentOutOfRangeException(nameof(Margin), Margin, "The margin must be in (0, 0.5).");
        if (BasisSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BasisSize), BasisSize, "The basis size must be at least 1.");
        if (Levels < 1 || Levels > BasisSize)
            throw new ArgumentOutOfRangeException(nameof(Levels), Levels, $"The number of levels must be in 1..{BasisSize} (the basis size).");
        if (!(StrengthScale > 0) || !double.IsFinite(StrengthScale))
            throw new ArgumentOutOfRangeException(nameof(StrengthScale), StrengthScale, "The strength scale must be positive and finite.");
        if (Sigma is { } sigma) SchrodingerPotential.RequireSigma(sigma, nameof(Sigma));
        if (Neighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, "The σ rule needs at least the 1st nearest neighbour.");
        if (!(BandwidthScale > 0) || !double.IsFinite(BandwidthScale))
            throw new ArgumentOutOfRangeException(nameof(BandwidthScale), BandwidthScale, "The bandwidth scale must be positive and finite.");
        if (GridPoints < 101)
            throw new ArgumentOutOfRangeException(nameof(GridPoints), GridPoints, "The well grid needs at least 101 points.");
    }
}
