namespace Vae.InfoGeometry.Interpolation;

/// <summary>Settings of <see cref="LatentInterpolation.Grid"/>.</summary>
public sealed record InterpolationOptions
{
    /// <summary>The defaults: 10 steps (endpoints included), seed 0.</summary>
    public static InterpolationOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public InterpolationOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>InterpolationOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public InterpolationOptions(InterpolationOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Steps = original.Steps;
        Seed = original.Seed;
    }

    /// <summary>Points per path, endpoints included. Range: ≥ 2. Default 10 (the paper's Fig. 5 shows 10 columns).</summary>
    public int Steps { get; init; } = 10;

    /// <summary>Seed of the latent draws of the sampled rows. Default 0.</summary>
    public int Seed { get; init; }
}
