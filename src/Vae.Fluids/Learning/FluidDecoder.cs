namespace Vae.Fluids.Learning;

/// <summary>What the decoder of a <see cref="FluidVae"/> model produces (docs/fluids.md §9).</summary>
public enum FluidDecoder
{
    /// <summary>The slides' decoder: ConvTranspose2d layers mirroring the encoder output the N × N matrix entry by entry
    /// in the data sets' height order, with a Gaussian likelihood on the entries (loss MSE + λ·KL).</summary>
    DistanceMatrix,

    /// <summary>A permutation-invariant decoder: fully connected layers output 2-D coordinates, whose Euclidean distance
    /// matrix is the reconstruction; the likelihood is a Gaussian on the sorted pair distances (loss Σ (Δd<sub>(m)</sub>)² + λ·KL
    /// in σ²), which no relabelling or rigid motion changes. Built for generation: every decoded matrix is an exact planar
    /// configuration. Its entries are in the decoder's own particle order, so entry-wise scores (reconstruction MSE,
    /// imputation) are not meaningful for it.</summary>
    Configuration,
}
