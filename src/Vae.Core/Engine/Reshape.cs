using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// Changes the per-sample shape without moving data (PyTorch <c>nn.Flatten</c> / <c>nn.Unflatten</c>): a
/// <c>[batch, ..inputShape]</c> tensor is viewed as <c>[batch, ..outputShape]</c>; both shapes have the same size.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Reshape<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _inputShape;
    private readonly int[] _outputShape;

    /// <summary>Creates the layer.</summary>
    /// <param name="inputShape">Shape of one input sample.</param>
    /// <param name="outputShape">Shape of one output sample, same number of elements.</param>
    /// <exception cref="ArgumentException">The shapes have different sizes or a non-positive dimension.</exception>
    public Reshape(IReadOnlyList<int> inputShape, IReadOnlyList<int> outputShape) : base(inputShape, outputShape)
    {
        _inputShape = inputShape.ToArray();
        _outputShape = outputShape.ToArray();
        if (Size(_inputShape) != Size(_outputShape))
            throw new ArgumentException($"Cannot reshape {Tensor<T>.ShapeText(_inputShape)} ({Size(_inputShape)} elements) to {Tensor<T>.ShapeText(_outputShape)} ({Size(_outputShape)} elements).", nameof(outputShape));
    }

    /// <summary>A layer flattening samples of shape <paramref name="inputShape"/> to <c>[product]</c> (PyTorch <c>nn.Flatten()</c>).</summary>
    /// <exception cref="ArgumentException">A dimension is not positive.</exception>
    public static Reshape<T> Flatten(IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        return new Reshape<T>(inputShape, [Size(inputShape)]);
    }

    /// <inheritdoc />
    public override string Describe() => $"Reshape({Tensor<T>.ShapeText(_inputShape)} → {Tensor<T>.ShapeText(_outputShape)})";

    private protected override Tensor<T> ForwardCore(Tensor<T> input) => input.ViewAs([Batch, .. _outputShape]);

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
        => inputGradient ? outputGradient.ViewAs([Batch, .. _inputShape]) : null;

    private static int Size(IReadOnlyList<int> shape) => shape.Aggregate(1, (a, b) => checked(a * b));
}
