namespace Vae.Quantum.Spectrum;

/// <summary>How the network output is kept inside the arcsin domain Lψ²/2 ∈ [0, 1] of the quantum-number relation.</summary>
public enum ArcsinDomain
{
    /// <summary>ψ = √(2/L) tanh(r) for the raw output r, so Lψ²/2 = tanh² r ∈ [0, 1) (smooth, bounded gradient; default).</summary>
    Squash,

    /// <summary>ψ = r and Lψ²/2 clipped to [0, 1 − 1e-12] (the gradient is zero outside, and unbounded near 1).</summary>
    Clamp,
}
