namespace Vae.Quantum.Numerics;

/// <summary>
/// Options of the Gauss–Legendre matrix-element quadrature: the order starts at <see cref="InitialOrder"/> and is
/// doubled until two successive orders agree to <see cref="Tolerance"/> (scaled by max(1, max |entry|)) in every element.
/// </summary>
/// <remarks>C#: <c>QuadratureOptions.Default with { Tolerance = 1e-12 }</c>; F#: <c>QuadratureOptions(Tolerance = 1e-12)</c>.</remarks>
public sealed record QuadratureOptions
{
    /// <summary>The defaults: orders 16, 32, …, up to 4096; tolerance 1e-13 (absolute).</summary>
    public static QuadratureOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public QuadratureOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>QuadratureOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public QuadratureOptions(QuadratureOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        InitialOrder = original.InitialOrder;
        MaximumOrder = original.MaximumOrder;
        Tolerance = original.Tolerance;
    }

    /// <summary>First Gauss–Legendre order (number of nodes), ≥ 2. Default 16.</summary>
    public int InitialOrder { get; init; } = 16;

    /// <summary>Largest order tried before giving up, ≥ <see cref="InitialOrder"/>. Default 4096.</summary>
    public int MaximumOrder { get; init; } = 4096;

    /// <summary>
    /// Tolerance on max |V(2Q) − V(Q)| over all elements, relative to max(1, max |entry|): absolute for matrices whose
    /// entries are at most 1 in magnitude (every V_mn of a unit-amplitude potential), relative otherwise (kinetic
    /// matrix). &gt; 0. Default 1e-13.
    /// </summary>
    public double Tolerance { get; init; } = 1e-13;

    internal void Validate()
    {
        if (InitialOrder < 2)
            throw new ArgumentOutOfRangeException(nameof(InitialOrder), InitialOrder, "The initial quadrature order must be at least 2.");
        if (MaximumOrder < InitialOrder)
            throw new ArgumentOutOfRangeException(nameof(MaximumOrder), MaximumOrder, $"The maximum quadrature order must be at least the initial order {InitialOrder}.");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The quadrature tolerance must be positive and finite.");
    }
}
