namespace Vae.InfoGeometry.Geodesics;

/// <summary>Settings of the geodesic shooting that computes exact Fisher–Rao distances between full-covariance normals.</summary>
/// <remarks>C#: <c>GeodesicShootingOptions.Default with { Tolerance = 1e-12 }</c>; F#: <c>GeodesicShootingOptions(Tolerance = 1e-12)</c>.</remarks>
public sealed record GeodesicShootingOptions
{
    /// <summary>The defaults: tolerance 1e-10, 50 Newton iterations per solve, 64 continuation steps.</summary>
    public static GeodesicShootingOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public GeodesicShootingOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>GeodesicShootingOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public GeodesicShootingOptions(GeodesicShootingOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Tolerance = original.Tolerance;
        MaximumIterations = original.MaximumIterations;
        MaximumContinuationSteps = original.MaximumContinuationSteps;
    }

    /// <summary>
    /// Largest accepted shooting residual: max-abs mismatch of the end point in natural parameters (Σ⁻¹, Σ⁻¹μ, after
    /// whitening by the start point) divided by 1 + max-abs of the target. Range: (0, 1e-3]. Default 1e-10.
    /// </summary>
    public double Tolerance { get; init; } = 1e-10;

    /// <summary>Newton iterations allowed per solve (the direct solve and each continuation step). Range: ≥ 1. Default 50.</summary>
    public int MaximumIterations { get; init; } = 50;

    /// <summary>
    /// Steps allowed in the continuation on the end point when the direct Newton solve fails (the end point is moved
    /// from the start along (τμ̃, Σ̃^τ), τ: 0 → 1, with adaptive steps). Range: ≥ 1. Default 64.
    /// </summary>
    public int MaximumContinuationSteps { get; init; } = 64;

    internal void Validate(string name)
    {
        if (!(Tolerance > 0 && Tolerance <= 1e-3))
            throw new ArgumentOutOfRangeException(name, Tolerance, $"{name}.Tolerance must be in (0, 1e-3].");
        if (MaximumIterations < 1)
            throw new ArgumentOutOfRangeException(name, MaximumIterations, $"{name}.MaximumIterations must be ≥ 1.");
        if (MaximumContinuationSteps < 1)
            throw new ArgumentOutOfRangeException(name, MaximumContinuationSteps, $"{name}.MaximumContinuationSteps must be ≥ 1.");
    }
}
