using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>Logistic sigmoid, y = 1/(1 + e^(−x)); derivative y(1 − y).</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Sigmoid<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples of shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Sigmoid(params int[] shape) : base(shape) { }

    /// <inheritdoc />
    public override string Describe() => "Sigmoid";

    private protected override void Apply(ReadOnlySpan<T> x, Span<T> destination) => TP.Sigmoid(x, destination);

    private protected override void Derive(ReadOnlySpan<T> gradient, Span<T> destination)
    {
        var y = Output.AsReadOnlySpan();
        TP.Subtract(T.One, y, destination);      // 1 − y
        TP.Multiply(destination, y, destination); // y(1 − y)
        TP.Multiply(destination, gradient, destination);
    }
}
