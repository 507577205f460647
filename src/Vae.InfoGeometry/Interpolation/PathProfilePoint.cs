namespace Vae.InfoGeometry.Interpolation;

/// <summary>One coordinate of one point of an interpolation path: the data of the paper's Fig. 4 (geodesics vs straight lines in (μ, σ)).</summary>
/// <param name="Method">Which path.</param>
/// <param name="T">Curve parameter in [0, 1].</param>
/// <param name="Dimension">Latent coordinate j.</param>
/// <param name="Mean">μⱼ(t).</param>
/// <param name="StdDev">σⱼ(t) &gt; 0.</param>
public sealed record PathProfilePoint(InterpolationMethod Method, double T, int Dimension, double Mean, double StdDev);
