using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>Softplus, y = log(1 + eˣ) computed stably as max(x, 0) + log1p(e^(−|x|)); derivative σ(x).</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Softplus<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _scratch = [];

    /// <summary>Creates the layer for samples of shape <paramref name="shape"/>.</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public Softplus(params int[] shape) : base(shape) { }

    /// <inheritdoc />
    public override string Describe() => "Softplus";

    private protected override void Apply(ReadOnlySpan<T> x, Span<T> destination)
    {
        if (_scratch.Length < x.Length) _scratch = new T[x.Length];
        Elementwise.Softplus(x, _scratch.AsSpan(0, x.Length), destination);
    }

    private protected override void Derive(ReadOnlySpan<T> gradient, Span<T> destination)
    {
        TP.Sigmoid(Input.AsReadOnlySpan(), destination);
        TP.Multiply(destination, gradient, destination);
    }
}
