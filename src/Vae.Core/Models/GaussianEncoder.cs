using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Core.Models;

/// <summary>
/// The encoder contract of a VAE: a <c>torch.nn.Module</c> mapping inputs <c>[batch, ..InputShape]</c> to the parameters
/// of the diagonal Gaussian posterior q(z|x) = N(μ(x), diag exp(log σ²(x))), each <c>[batch, LatentSize]</c>.
/// </summary>
/// <remarks>
/// Derive from it to plug in an encoder of your own (C# or F#): register sub-modules as usual
/// (<c>RegisterComponents()</c> or <c>register_module</c>) and implement <c>forward</c>. The built-in MLP and convolutional
/// encoders (<see cref="VariationalAutoencoder.Create(VaeArchitecture, int)"/>) are such modules.
/// </remarks>
public abstract class GaussianEncoder : nn.Module<Tensor, GaussianPosterior>
{
    /// <summary>Creates the module.</summary>
    /// <param name="name">Module name (TorchSharp's; not part of parameter names).</param>
    /// <param name="latentSize">Latent dimension k ≥ 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="latentSize"/> &lt; 1.</exception>
    protected GaussianEncoder(string name, int latentSize) : base(name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latentSize, 1);
        LatentSize = latentSize;
    }

    /// <summary>Latent dimension k.</summary>
    public int LatentSize { get; }

    /// <summary>The built-in encoder of <paramref name="architecture"/> ([Conv2d, act]*, Flatten, [Linear, act]*, heads
    /// <c>mu</c> and <c>log_variance</c>), as <see cref="VariationalAutoencoder.Create(VaeArchitecture, int)"/> builds it,
    /// for a VAE whose decoder is your own (<see cref="VariationalAutoencoder.Create(GaussianEncoder, nn.Module{Tensor, Tensor}, Likelihood, IReadOnlyList{int})"/>).
    /// Initialised from libtorch's global generator (wrap in <see cref="Torch.TorchRuntime.CreateSeeded"/> to seed it).</summary>
    /// <param name="architecture">The description; its decoder settings are not used.</param>
    /// <returns>A fresh module, float32 on the CPU.</returns>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public static GaussianEncoder FromArchitecture(VaeArchitecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        Torch.TorchRuntime.Initialize();
        return new ArchitectureEncoder(architecture);
    }
}

/// <summary>The parameters of q(z|x) = N(μ, diag exp(log σ²)) for a batch: <see cref="Mean"/> and <see cref="LogVariance"/>,
/// each <c>[batch, k]</c> (tensors of the forward pass; they belong to the caller's dispose scope).</summary>
/// <param name="Mean">μ <c>[batch, k]</c>.</param>
/// <param name="LogVariance">log σ² <c>[batch, k]</c>, natural log of the variance.</param>
public sealed record GaussianPosterior(Tensor Mean, Tensor LogVariance);
