namespace Vae.Quantum.Spectrum;

/// <summary>What "z" is in the paper's relation n = (L/π) arcsin(Lψ²/2)/z when the latent space has d_z &gt; 1 dimensions.</summary>
public enum LatentCoordinate
{
    /// <summary>z = ‖z‖ / max‖z‖ over the training codes (one ψ per sample; default). Rotation invariant, so it does not
    /// depend on which latent axes a VAE happened to use (the degeneracy the paper wants to remove).</summary>
    Norm,

    /// <summary>One ψ_j per coordinate with z_j = |z_j| / max|z_j|; n = mean_j n_j.</summary>
    PerCoordinateMean,
}
