namespace Vae.InfoGeometry.Interpolation;

/// <summary>How a path between two encoder posteriors N(μ_a, diag σ_a²) and N(μ_b, diag σ_b²) is drawn.</summary>
public enum InterpolationMethod
{
    /// <summary>
    /// The straight line between the means, μ(t) = (1 − t)μ_a + tμ_b (the paper's "convex hull between mean vectors").
    /// Sampled, it is the straight line between one draw from each endpoint, (1 − t)z_a + tz_b (the paper's Fig. 5, third row).
    /// </summary>
    MeanLine,

    /// <summary>The straight line in (μ, σ): μ(t) and σ(t) both linear in t; sampled, one draw from N(μ(t), diag σ(t)²) per step.</summary>
    MeanStdDevLine,

    /// <summary>The Fisher–Rao geodesic (closed form, constant speed); sampled, one draw from γ(t) per step (the paper's Fig. 5, fourth row).</summary>
    FisherRaoGeodesic,
}
