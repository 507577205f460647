namespace Vae.InfoGeometry.Probes;

/// <summary>The three latent feature sets of Peşte, Malagò &amp; Sârbu, Fig. 3.</summary>
public enum ProbeFeatureSet
{
    /// <summary>The posterior means μ(x), k features.</summary>
    Mean,

    /// <summary>The posterior means and the diagonal of the covariance, [μ(x), σ²(x)], 2k features.</summary>
    MeanVariance,

    /// <summary>One reparameterised draw z = μ(x) + σ(x) ⊙ ε, k features.</summary>
    Sampled,
}
