namespace Vae.Core.Models;

/// <summary>The observation model p(x|z) of a VAE decoder.</summary>
public enum DecoderFamily
{
    /// <summary>Independent Bernoulli pixels: the decoder outputs logits l, p(x|z) = Π σ(l)ˣ(1 − σ(l))¹⁻ˣ, x ∈ [0, 1].</summary>
    Bernoulli,

    /// <summary>Independent Gaussians: the decoder outputs means m, p(x|z) = Π N(x; m, σ²) with fixed or learned log σ².</summary>
    Gaussian,
}
