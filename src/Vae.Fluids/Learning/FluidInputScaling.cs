namespace Vae.Fluids.Learning;

/// <summary>How distance matrices are normalised before the convolutional VAE sees them (<see cref="FluidInputNormalization"/>).</summary>
public enum FluidInputScaling
{
    /// <summary>x = d/(L√2): every entry in [0, 1], one scale for all entries (the previous default).</summary>
    BoxDiagonal,

    /// <summary>
    /// x_ij = (d_ij − m_ij)/s_ij with the per-entry mean m_ij and standard deviation s_ij of the training matrices
    /// (s_ij = 1 where the training entries are constant, e.g. the diagonal). Every entry then carries unit variance,
    /// so the MSE weighs the fine structure of the sorted matrix as much as its coarse height profile.
    /// </summary>
    Standardized,
}
