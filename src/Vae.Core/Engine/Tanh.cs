using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>Hyperbolic tangent, y = tanh x; derivative 1 − y².</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Tanh<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples of shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Tanh(params int[] shape) : base(shape) { }

    /// <inheritdoc />
    public override string Describe() => "Tanh";

    private protected override void Apply(ReadOnlySpan<T> x, Span<T> destination) => TP.Tanh(x, destination);

    private protected override void Derive(ReadOnlySpan<T> gradient, Span<T> destination)
    {
        var y = Output.AsReadOnlySpan();
        TP.Multiply(y, y, destination);          // y²
        TP.Subtract(T.One, destination, destination); // 1 − y²
        TP.Multiply(destination, gradient, destination);
    }
}
