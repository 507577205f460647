using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// A layer of the engine with an explicit forward and backward pass (the Caffe/tiny-dnn pattern). Tensors carry
/// a leading batch dimension; <see cref="InputShape"/> and <see cref="OutputShape"/> describe one sample and are
/// checked at every call.
/// </summary>
/// <remarks>
/// <para>Call order: <see cref="Forward"/>, then <see cref="Backward"/> (or <see cref="BackwardParametersOnly"/>)
/// with the gradient of the loss with respect to the output. Parameter gradients are accumulated (PyTorch
/// semantics). The returned tensors are the layer's own reusable buffers.</para>
/// <para>Layers are not thread-safe: one layer instance serves one forward/backward sequence at a time.</para>
/// </remarks>
/// <typeparam name="T">Element type: <c>float</c> or <c>double</c>.</typeparam>
public abstract class Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly int[] _inputShape;
    private readonly int[] _outputShape;
    private int _batch = -1;

    private protected Layer(IReadOnlyList<int> inputShape, IReadOnlyList<int> outputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        ArgumentNullException.ThrowIfNull(outputShape);
        if (inputShape.Count == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"Input shape {Tensor<T>.ShapeText(inputShape)} must have positive dimensions.", nameof(inputShape));
        if (outputShape.Count == 0 || outputShape.Any(d => d <= 0))
            throw new ArgumentException($"Output shape {Tensor<T>.ShapeText(outputShape)} must have positive dimensions.", nameof(outputShape));
        _inputShape = inputShape.ToArray();
        _outputShape = outputShape.ToArray();
    }

    /// <summary>Shape of one input sample (without the batch dimension).</summary>
    public IReadOnlyList<int> InputShape => Array.AsReadOnly(_inputShape);

    /// <summary>Shape of one output sample (without the batch dimension).</summary>
    public IReadOnlyList<int> OutputShape => Array.AsReadOnly(_outputShape);

    /// <summary>The trainable parameters (empty for parameter-free layers).</summary>
    public virtual IReadOnlyList<Parameter<T>> Parameters => [];

    /// <summary>A short description, e.g. <c>Linear(784 → 200)</c>.</summary>
    public abstract string Describe();

    /// <summary>Computes the output for a batch.</summary>
    /// <param name="input">Shape <c>[batch, ..InputShape]</c>. Kept by reference until the backward pass: do not modify it in between.</param>
    /// <returns>Shape <c>[batch, ..OutputShape]</c>; the layer's buffer, overwritten by the next forward pass.</returns>
    /// <exception cref="ArgumentException">The input shape does not match.</exception>
    public Tensor<T> Forward(Tensor<T> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        _batch = CheckShape(input, _inputShape, "input", nameof(input));
        return ForwardCore(input);
    }

    /// <summary>Back-propagates through the layer: accumulates parameter gradients and returns the input gradient.</summary>
    /// <param name="outputGradient">∂loss/∂output, shape <c>[batch, ..OutputShape]</c> with the batch of the last forward pass.</param>
    /// <returns>∂loss/∂input, shape <c>[batch, ..InputShape]</c>; the layer's buffer.</returns>
    /// <exception cref="ArgumentException">The gradient shape does not match the last forward pass.</exception>
    /// <exception cref="InvalidOperationException">No forward pass preceded this call.</exception>
    public Tensor<T> Backward(Tensor<T> outputGradient)
    {
        CheckGradient(outputGradient);
        return BackwardCore(outputGradient, true)!;
    }

    /// <summary>Like <see cref="Backward"/>, but only accumulates the parameter gradients (the first layer of a network
    /// needs no input gradient; this skips its largest product).</summary>
    /// <exception cref="ArgumentException">The gradient shape does not match the last forward pass.</exception>
    /// <exception cref="InvalidOperationException">No forward pass preceded this call.</exception>
    public void BackwardParametersOnly(Tensor<T> outputGradient)
    {
        CheckGradient(outputGradient);
        BackwardCore(outputGradient, false);
    }

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in Parameters) p.Gradient.Span.Clear();
    }

    /// <inheritdoc />
    public override string ToString() => Describe();

    private protected abstract Tensor<T> ForwardCore(Tensor<T> input);

    /// <summary>Accumulates parameter gradients; returns ∂loss/∂input when <paramref name="inputGradient"/> is set, otherwise null.</summary>
    private protected abstract Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient);

    private protected int Batch => _batch;

    private void CheckGradient(Tensor<T> outputGradient)
    {
        ArgumentNullException.ThrowIfNull(outputGradient);
        if (_batch < 0) throw new InvalidOperationException($"{Describe()}: Backward called before Forward.");
        int batch = CheckShape(outputGradient, _outputShape, "output gradient", nameof(outputGradient));
        if (batch != _batch)
            throw new ArgumentException($"{Describe()}: output gradient has batch {batch}; the last forward pass had batch {_batch}.", nameof(outputGradient));
    }

    private int CheckShape(Tensor<T> tensor, int[] sampleShape, string what, string parameter)
    {
        var shape = tensor.ShapeArray;
        bool ok = shape.Length == sampleShape.Length + 1;
        for (int i = 0; ok && i < sampleShape.Length; i++) ok = shape[i + 1] == sampleShape[i];
        if (!ok)
            throw new ArgumentException($"{Describe()}: {what} has shape {Tensor<T>.ShapeText(shape)}; expected [batch, {string.Join(", ", sampleShape)}].", parameter);
        return shape[0];
    }
}
