using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// Base of the element-wise activation layers (<see cref="Relu{T}"/>, <see cref="LeakyRelu{T}"/>,
/// <see cref="Tanh{T}"/>, <see cref="Sigmoid{T}"/>, <see cref="Softplus{T}"/>): output shape = input shape.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public abstract class Activation<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Tensor<T>? _output;
    private Tensor<T>? _inputGradient;

    private protected Activation(IReadOnlyList<int> shape) : base(shape, shape) { }

    /// <summary>The input of the last forward pass.</summary>
    private protected Tensor<T> Input { get; private set; } = null!;

    /// <summary>The output of the last forward pass.</summary>
    private protected Tensor<T> Output => _output!;

    private protected override Tensor<T> ForwardCore(Tensor<T> input)
    {
        Input = input;
        var y = Tensor<T>.Ensure(ref _output, Batch, OutputShape);
        Apply(input.AsReadOnlySpan(), y.Span);
        return y;
    }

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
    {
        if (!inputGradient) return null;
        var dx = Tensor<T>.Ensure(ref _inputGradient, Batch, InputShape);
        Derive(outputGradient.AsReadOnlySpan(), dx.Span);
        return dx;
    }

    /// <summary>destination = f(x).</summary>
    private protected abstract void Apply(ReadOnlySpan<T> x, Span<T> destination);

    /// <summary>destination = f′(x) ⊙ gradient, using <see cref="Input"/> or <see cref="Output"/>.</summary>
    private protected abstract void Derive(ReadOnlySpan<T> gradient, Span<T> destination);
}
