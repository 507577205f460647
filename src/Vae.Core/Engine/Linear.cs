using System.Numerics;
using Vae.Core.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>
/// Fully connected layer y = x·Wᵀ + b: input <c>[batch, in]</c>, output <c>[batch, out]</c>, weight <c>[out, in]</c>
/// and bias <c>[out]</c> (PyTorch's <c>nn.Linear</c> layout, so <c>state_dict</c> tensors load unchanged).
/// </summary>
/// <remarks>
/// Products go through <c>Blas.GemmRowMajor</c> (MKL <c>cblas_?gemm</c> when MKL is active). Initialisation is
/// PyTorch's default: W ~ U(−1/√in, 1/√in) (Kaiming-uniform with a = √5) and b ~ U(−1/√in, 1/√in), drawn in that
/// order from the given generator.
/// </remarks>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Linear<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T> _weight;
    private readonly Parameter<T> _bias;
    private readonly int _in;
    private readonly int _out;
    private Tensor<T>? _input;
    private Tensor<T>? _output;
    private Tensor<T>? _inputGradient;

    /// <summary>Creates the layer with PyTorch-default initialisation from <paramref name="random"/>.</summary>
    /// <param name="inputFeatures">Input features (fan-in), ≥ 1.</param>
    /// <param name="outputFeatures">Output features, ≥ 1.</param>
    /// <param name="random">Seeded generator for the initial weights.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive.</exception>
    public Linear(int inputFeatures, int outputFeatures, Random random) : base([Positive(inputFeatures, nameof(inputFeatures))], [Positive(outputFeatures, nameof(outputFeatures))])
    {
        ArgumentNullException.ThrowIfNull(random);
        _in = inputFeatures;
        _out = outputFeatures;
        _weight = new Parameter<T>("weight", outputFeatures, inputFeatures);
        _bias = new Parameter<T>("bias", outputFeatures);
        TorchInitialization.Uniform(_weight.Value.Span, inputFeatures, random);
        TorchInitialization.Uniform(_bias.Value.Span, inputFeatures, random);
    }

    /// <summary>Weight <c>[out, in]</c>.</summary>
    public Parameter<T> Weight => _weight;

    /// <summary>Bias <c>[out]</c>.</summary>
    public Parameter<T> Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override string Describe() => $"Linear({_in} → {_out})";

    private protected override Tensor<T> ForwardCore(Tensor<T> input)
    {
        _input = input;
        int batch = Batch;
        var y = Tensor<T>.Ensure(ref _output, batch, OutputShape);
        var ys = y.Span;
        var b = _bias.Value.AsReadOnlySpan();
        for (int i = 0; i < batch; i++) b.CopyTo(ys.Slice(i * _out, _out));
        Blas.GemmRowMajor(false, true, batch, _out, _in, T.One, input.AsReadOnlySpan(), _weight.Value.AsReadOnlySpan(), T.One, ys);
        return y;
    }

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
    {
        int batch = Batch;
        var dy = outputGradient.AsReadOnlySpan();
        // dW += dyᵀ·x  ([out, batch]·[batch, in]);  db += Σ_rows dy
        Blas.GemmRowMajor(true, false, _out, _in, batch, T.One, dy, _input!.AsReadOnlySpan(), T.One, _weight.Gradient.Span);
        var db = _bias.Gradient.Span;
        for (int i = 0; i < batch; i++) TP.Add(db, dy.Slice(i * _out, _out), db);
        if (!inputGradient) return null;
        var dx = Tensor<T>.Ensure(ref _inputGradient, batch, InputShape);
        Blas.GemmRowMajor(false, false, batch, _in, _out, T.One, dy, _weight.Value.AsReadOnlySpan(), T.Zero, dx.Span);
        return dx;
    }

    internal static int Positive(int value, string name)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, name);
        return value;
    }
}
