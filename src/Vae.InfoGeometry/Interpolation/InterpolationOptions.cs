namespace Vae.InfoGeometry.Interpolation;

/// <summary>Settings of <see cref="LatentInterpolation.Grid"/>.</summary>
public sealed record InterpolationOptions
{
    /// <summary>The defaults: 10 steps (endpoints included), seed 0.</summary>
    public static InterpolationOptions Default { get; } = new();

    /// <summary>Points per path, endpoints included. Range: ≥ 2. Default 10 (the paper's Fig. 5 shows 10 columns).</summary>
    public int Steps { get; init; } = 10;

    /// <summary>Seed of the latent draws of the sampled rows. Default 0.</summary>
    public int Seed { get; init; }
}
