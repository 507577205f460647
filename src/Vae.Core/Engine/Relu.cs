using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>Rectified linear unit, y = max(x, 0); derivative 1 for x &gt; 0, else 0 (PyTorch's convention at 0).</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Relu<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Creates the layer for samples of shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Relu(params int[] shape) : base(shape) { }

    /// <inheritdoc />
    public override string Describe() => "ReLU";

    private protected override void Apply(ReadOnlySpan<T> x, Span<T> destination) => TP.Max(x, T.Zero, destination);

    private protected override void Derive(ReadOnlySpan<T> gradient, Span<T> destination)
        => Elementwise.RectifierBackward(Input.AsReadOnlySpan(), gradient, T.Zero, destination);
}
