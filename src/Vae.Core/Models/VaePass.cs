using static TorchSharp.torch;

namespace Vae.Core.Models;

/// <summary>
/// One reparameterised forward pass of a VAE on a batch of B inputs with K noise draws per input
/// (<see cref="VariationalAutoencoder.Forward(Tensor, Tensor)"/>): everything an objective needs, as tensors that carry
/// autograd history. Per (k, b), in nats: z = μ + σ⊙ε, log p(x|z), log p(z) = −½‖z‖² − (k/2) log 2π,
/// log q(z|x) = −½‖ε‖² − ½ Σ log σ² − (k/2) log 2π, and per b the analytic KL(q(z|x) ‖ N(0, I)) = ½ Σ (μ² + σ² − 1 − log σ²)
/// (Kingma &amp; Welling 2013, eq. 10 and Appendix B).
/// </summary>
/// <remarks>The tensors belong to the dispose scope that was current when the pass ran; decoder rows are k-major
/// (row k·B + b decodes z<sub>kb</sub>).</remarks>
public sealed class VaePass
{
    private static readonly double Log2Pi = Math.Log(2 * Math.PI);
    private Tensor? _logPrior;
    private Tensor? _logPosterior;

    internal VaePass(Tensor input, Tensor mean, Tensor logVariance, Tensor epsilon, Tensor z, Tensor decoderOutput,
        Tensor logLikelihood, Tensor klPerDimension, Tensor kl)
    {
        KlPerDimension = klPerDimension;
        Input = input; Mean = mean; LogVariance = logVariance; Epsilon = epsilon; Z = z; DecoderOutput = decoderOutput;
        LogLikelihood = logLikelihood; Kl = kl;
    }

    /// <summary>The inputs x <c>[B, ..InputShape]</c>.</summary>
    public Tensor Input { get; }

    /// <summary>μ <c>[B, k]</c>.</summary>
    public Tensor Mean { get; }

    /// <summary>log σ² <c>[B, k]</c>.</summary>
    public Tensor LogVariance { get; }

    /// <summary>The standard-normal noise ε <c>[K, B, k]</c>.</summary>
    public Tensor Epsilon { get; }

    /// <summary>The latent samples z <c>[K, B, k]</c>.</summary>
    public Tensor Z { get; }

    /// <summary>The decoder output (likelihood parameters) <c>[K·B, ..InputShape]</c>.</summary>
    public Tensor DecoderOutput { get; }

    /// <summary>log p(x<sub>b</sub>|z<sub>kb</sub>) <c>[K, B]</c>, nats.</summary>
    public Tensor LogLikelihood { get; }

    /// <summary>log p(z<sub>kb</sub>) under N(0, I) <c>[K, B]</c>, nats.</summary>
    /// <remarks>Computed on first access (objectives with an analytic KL never need it), in the dispose scope current then.</remarks>
    public Tensor LogPrior => _logPrior ??= Z.square().sum(2).add(LatentSize * Log2Pi).mul(-0.5);

    /// <summary>log q(z<sub>kb</sub>|x<sub>b</sub>) <c>[K, B]</c>, nats.</summary>
    /// <remarks>Computed on first access, in the dispose scope current then.</remarks>
    public Tensor LogPosterior => _logPosterior ??= Epsilon.square().sum(2).add(LogVariance.sum(1).unsqueeze(0)).add(LatentSize * Log2Pi).mul(-0.5);

    /// <summary>Analytic KL of each latent dimension, ½ (μ² + σ² − 1 − log σ²), <c>[B, k]</c>, nats (for free-bits or
    /// per-unit objectives).</summary>
    public Tensor KlPerDimension { get; }

    /// <summary>Analytic KL(q(z|x<sub>b</sub>) ‖ N(0, I)) <c>[B]</c>, nats: <see cref="KlPerDimension"/> summed over k.</summary>
    public Tensor Kl { get; }

    /// <summary>Number K of noise draws per input.</summary>
    public int Samples => (int)Epsilon.shape[0];

    /// <summary>Latent dimension k.</summary>
    public int LatentSize => (int)Epsilon.shape[2];

    /// <summary>Number B of inputs.</summary>
    public int BatchSize => (int)Epsilon.shape[1];

    /// <summary>The log importance weights log w = log p(x, z) − log q(z|x) <c>[K, B]</c>, nats (a new tensor).</summary>
    public Tensor LogWeights() => LogLikelihood + LogPrior - LogPosterior;
}
