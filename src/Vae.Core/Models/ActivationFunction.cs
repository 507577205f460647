namespace Vae.Core.Models;

/// <summary>The hidden-layer non-linearity of a <see cref="VaeArchitecture"/>.</summary>
public enum ActivationFunction
{
    /// <summary>max(x, 0).</summary>
    Relu,

    /// <summary>x for x &gt; 0, else 0.01·x (PyTorch's default slope).</summary>
    LeakyRelu,

    /// <summary>tanh x.</summary>
    Tanh,

    /// <summary>1/(1 + e^(−x)).</summary>
    Sigmoid,

    /// <summary>log(1 + eˣ).</summary>
    Softplus,
}
