using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// A trainable parameter: its value and the gradient of the loss with respect to it, both of the same shape
/// (e.g. a linear layer's weight <c>[out, in]</c>). Backward passes <em>accumulate</em> into
/// <see cref="Gradient"/>, as in PyTorch; <see cref="Layer{T}.ZeroGradients"/> clears it.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Parameter<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    internal Parameter(string name, Tensor<T> value, Tensor<T> gradient)
    {
        Name = name;
        Value = value;
        Gradient = gradient;
    }

    internal Parameter(string name, params int[] shape) : this(name, Tensor<T>.Zeros(shape), Tensor<T>.Zeros(shape)) { }

    /// <summary>Name, PyTorch <c>state_dict</c> style: <c>weight</c>, <c>bias</c>, or qualified (<c>encoder.0.weight</c>).</summary>
    public string Name { get; }

    /// <summary>The value (bound, not a copy: writing to it changes the model).</summary>
    public Tensor<T> Value { get; }

    /// <summary>The accumulated gradient, same shape as <see cref="Value"/>.</summary>
    public Tensor<T> Gradient { get; }

    /// <summary>The same value and gradient tensors under a qualified name (<c>prefix.name</c>).</summary>
    internal Parameter<T> Qualified(string prefix) => new($"{prefix}.{Name}", Value, Gradient);

    /// <inheritdoc />
    public override string ToString() => $"{Name} {Tensor<T>.ShapeText(Value.Shape)}";
}
