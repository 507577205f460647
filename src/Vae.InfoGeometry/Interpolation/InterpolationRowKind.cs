namespace Vae.InfoGeometry.Interpolation;

/// <summary>The rows of the interpolation figure (Peşte, Malagò &amp; Sârbu, Fig. 5, plus the (μ, σ) line).</summary>
public enum InterpolationRowKind
{
    /// <summary>Straight line between the two inputs in input space (pixels); no decoder involved. Fig. 5, row 1.</summary>
    InputSpace,

    /// <summary>Decoded means along the straight line between the posterior means. Fig. 5, row 2.</summary>
    MeanLine,

    /// <summary>Decoded straight line between one draw from each posterior. Fig. 5, row 3.</summary>
    SampledEndpointsLine,

    /// <summary>Decoded means along the straight line in (μ, σ) (equal to <see cref="MeanLine"/> as images; listed for completeness of the sampled pair).</summary>
    MeanStdDevLine,

    /// <summary>Decoded draws along the straight line in (μ, σ).</summary>
    SampledMeanStdDevLine,

    /// <summary>Decoded draws along the Fisher–Rao geodesic. Fig. 5, row 4.</summary>
    SampledGeodesic,

    /// <summary>Decoded means along the Fisher–Rao geodesic. Fig. 5, row 5.</summary>
    GeodesicMean,
}
