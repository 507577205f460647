using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>Leaky ReLU, y = x for x &gt; 0, else s·x with negative slope s ∈ [0, 1) (PyTorch default s = 0.01).</summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class LeakyRelu<T> : Activation<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly T _slope;

    /// <summary>Creates the layer.</summary>
    /// <param name="negativeSlope">s ∈ [0, 1).</param>
    /// <param name="shape">Shape of one sample.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="negativeSlope"/> is outside [0, 1).</exception>
    public LeakyRelu(double negativeSlope, params int[] shape) : base(shape)
    {
        if (!(negativeSlope >= 0 && negativeSlope < 1))
            throw new ArgumentOutOfRangeException(nameof(negativeSlope), negativeSlope, "The negative slope must be in [0, 1).");
        NegativeSlope = negativeSlope;
        _slope = T.CreateChecked(negativeSlope);
    }

    /// <summary>The negative slope s.</summary>
    public double NegativeSlope { get; }

    /// <inheritdoc />
    public override string Describe() => $"LeakyReLU({NegativeSlope})";

    // For 0 ≤ s < 1, max(x, s·x) is x when x ≥ 0 and s·x otherwise.
    private protected override void Apply(ReadOnlySpan<T> x, Span<T> destination)
    {
        TP.Multiply(x, _slope, destination);
        TP.Max(x, destination, destination);
    }

    private protected override void Derive(ReadOnlySpan<T> gradient, Span<T> destination)
        => Elementwise.RectifierBackward(Input.AsReadOnlySpan(), gradient, _slope, destination);
}
