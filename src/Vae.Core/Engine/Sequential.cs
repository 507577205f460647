using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// A chain of layers (PyTorch <c>nn.Sequential</c>): each layer's output shape must equal the next layer's input
/// shape. Parameters are named <c>index.name</c> as in a PyTorch <c>state_dict</c> (<c>0.weight</c>, <c>2.bias</c>).
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Sequential<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Layer<T>[] _layers;
    private readonly Parameter<T>[] _parameters;
    private readonly int _firstWithParameters;

    /// <summary>Chains <paramref name="layers"/> (the list is copied; the layers are bound, not cloned).</summary>
    /// <exception cref="ArgumentException">The list is empty or two neighbouring shapes differ.</exception>
    public Sequential(IReadOnlyList<Layer<T>> layers) : base(First(layers).InputShape, layers[^1].OutputShape)
    {
        _layers = layers.ToArray();
        for (int i = 1; i < _layers.Length; i++)
        {
            if (!_layers[i - 1].OutputShape.SequenceEqual(_layers[i].InputShape))
                throw new ArgumentException(
                    $"Layer {i - 1} ({_layers[i - 1].Describe()}) outputs {Tensor<T>.ShapeText(_layers[i - 1].OutputShape)} per sample but layer {i} ({_layers[i].Describe()}) expects {Tensor<T>.ShapeText(_layers[i].InputShape)}.",
                    nameof(layers));
        }
        _firstWithParameters = Array.FindIndex(_layers, l => l.Parameters.Count > 0);
        _parameters = _layers.SelectMany((layer, i) => layer.Parameters.Select(p => p.Qualified(i.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToArray();
    }

    /// <summary>The layers, in order.</summary>
    public IReadOnlyList<Layer<T>> Layers => Array.AsReadOnly(_layers);

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => Array.AsReadOnly(_parameters);

    /// <inheritdoc />
    public override string Describe() => $"Sequential({string.Join(", ", _layers.Select(l => l.Describe()))})";

    private protected override Tensor<T> ForwardCore(Tensor<T> input)
    {
        var x = input;
        foreach (var layer in _layers) x = layer.Forward(x);
        return x;
    }

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
    {
        var g = outputGradient;
        if (inputGradient)
        {
            for (int i = _layers.Length - 1; i >= 0; i--) g = _layers[i].Backward(g);
            return g;
        }
        // Only parameter gradients: stop at the first layer that has parameters, without its input gradient.
        int first = _firstWithParameters;
        if (first < 0) return null;
        for (int i = _layers.Length - 1; i > first; i--) g = _layers[i].Backward(g);
        _layers[first].BackwardParametersOnly(g);
        return null;
    }

    private static Layer<T> First(IReadOnlyList<Layer<T>> layers)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("A sequential network needs at least one layer.", nameof(layers));
        return layers[0];
    }
}
