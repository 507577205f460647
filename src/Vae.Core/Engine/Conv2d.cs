using System.Numerics;
using Vae.Core.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>
/// 2-D convolution (cross-correlation, as PyTorch's <c>nn.Conv2d</c>) with a square kernel, stride and zero
/// padding: input <c>[batch, in, H, W]</c>, output <c>[batch, out, H′, W′]</c> with H′ = ⌊(H + 2p − k)/s⌋ + 1;
/// weight <c>[out, in, k, k]</c>, bias <c>[out]</c>.
/// </summary>
/// <remarks>Computed by im2col and one GEMM per sample (<c>Blas.GemmRowMajor</c>): y = W<sub>[out, in·k·k]</sub> ·
/// cols<sub>[in·k·k, H′W′]</sub> + b. Initialisation as PyTorch: U(±1/√(in·k·k)) for weight and bias.</remarks>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Conv2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Im2Col _geometry;
    private readonly int _outChannels;
    private readonly Parameter<T> _weight;
    private readonly Parameter<T> _bias;
    private T[] _columns = [];
    private T[] _columnGradient = [];
    private Tensor<T>? _output;
    private Tensor<T>? _inputGradient;

    /// <summary>Creates the layer with PyTorch-default initialisation from <paramref name="random"/>.</summary>
    /// <param name="inputShape">Shape of one input sample, <c>[in, H, W]</c>.</param>
    /// <param name="outChannels">Output channels ≥ 1.</param>
    /// <param name="kernelSize">Kernel side k ≥ 1.</param>
    /// <param name="stride">Stride s ≥ 1.</param>
    /// <param name="padding">Zero padding p ≥ 0 on every side.</param>
    /// <param name="random">Seeded generator for the initial weights.</param>
    /// <exception cref="ArgumentException">A size is out of range or the kernel does not fit the padded input.</exception>
    public Conv2d(IReadOnlyList<int> inputShape, int outChannels, int kernelSize, int stride, int padding, Random random)
        : this(Geometry(inputShape, kernelSize, stride, padding), outChannels, random) { }

    private Conv2d(Im2Col g, int outChannels, Random random)
        : base([g.Channels, g.Height, g.Width], [Linear<T>.Positive(outChannels, nameof(outChannels)), g.OutHeight, g.OutWidth])
    {
        ArgumentNullException.ThrowIfNull(random);
        _geometry = g;
        _outChannels = outChannels;
        _weight = new Parameter<T>("weight", outChannels, g.Channels, g.Kernel, g.Kernel);
        _bias = new Parameter<T>("bias", outChannels);
        TorchInitialization.Uniform(_weight.Value.Span, g.Rows, random);
        TorchInitialization.Uniform(_bias.Value.Span, g.Rows, random);
    }

    /// <summary>Weight <c>[out, in, k, k]</c>.</summary>
    public Parameter<T> Weight => _weight;

    /// <summary>Bias <c>[out]</c>.</summary>
    public Parameter<T> Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override string Describe() =>
        $"Conv2d({_geometry.Channels} → {_outChannels}, k={_geometry.Kernel}, s={_geometry.Stride}, p={_geometry.Padding}; {_geometry.Height}×{_geometry.Width} → {_geometry.OutHeight}×{_geometry.OutWidth})";

    private protected override Tensor<T> ForwardCore(Tensor<T> input)
    {
        int batch = Batch, rows = _geometry.Rows, cols = _geometry.Columns;
        int inSize = _geometry.Channels * _geometry.Height * _geometry.Width;
        if (_columns.Length < batch * rows * cols) _columns = new T[batch * rows * cols];
        var y = Tensor<T>.Ensure(ref _output, batch, OutputShape);
        var x = input.AsReadOnlySpan();
        var w = _weight.Value.AsReadOnlySpan();
        var b = _bias.Value.AsReadOnlySpan();
        for (int n = 0; n < batch; n++)
        {
            var columns = _columns.AsSpan(n * rows * cols, rows * cols);
            _geometry.Unfold(x.Slice(n * inSize, inSize), columns);
            var yn = y.Span.Slice(n * _outChannels * cols, _outChannels * cols);
            for (int o = 0; o < _outChannels; o++) yn.Slice(o * cols, cols).Fill(b[o]);
            Blas.GemmRowMajor(false, false, _outChannels, cols, rows, T.One, w, columns, T.One, yn);
        }
        return y;
    }

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
    {
        int batch = Batch, rows = _geometry.Rows, cols = _geometry.Columns;
        int inSize = _geometry.Channels * _geometry.Height * _geometry.Width;
        var dy = outputGradient.AsReadOnlySpan();
        var dw = _weight.Gradient.Span;
        var db = _bias.Gradient.Span;
        var dx = inputGradient ? Tensor<T>.Ensure(ref _inputGradient, batch, InputShape) : null;
        if (inputGradient && _columnGradient.Length < rows * cols) _columnGradient = new T[rows * cols];
        for (int n = 0; n < batch; n++)
        {
            var dyn = dy.Slice(n * _outChannels * cols, _outChannels * cols);
            var columns = _columns.AsSpan(n * rows * cols, rows * cols);
            Blas.GemmRowMajor(false, true, _outChannels, rows, cols, T.One, dyn, columns, T.One, dw);   // dW += dy·colsᵀ
            for (int o = 0; o < _outChannels; o++) db[o] += TP.Sum(dyn.Slice(o * cols, cols));
            if (dx is null) continue;
            var dcols = _columnGradient.AsSpan(0, rows * cols);
            Blas.GemmRowMajor(true, false, rows, cols, _outChannels, T.One, _weight.Value.AsReadOnlySpan(), dyn, T.Zero, dcols); // Wᵀ·dy
            _geometry.Fold<T>(dcols, dx.Span.Slice(n * inSize, inSize));
        }
        return dx;
    }

    private static Im2Col Geometry(IReadOnlyList<int> inputShape, int kernelSize, int stride, int padding)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 3 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"Conv2d needs an input shape [channels, height, width] with positive sizes; got {Tensor<T>.ShapeText(inputShape)}.", nameof(inputShape));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        int h = inputShape[1], w = inputShape[2];
        if (h + 2 * padding < kernelSize || w + 2 * padding < kernelSize)
            throw new ArgumentException($"Kernel {kernelSize} does not fit the {h}×{w} input with padding {padding}.", nameof(kernelSize));
        return new Im2Col(inputShape[0], h, w, kernelSize, stride, padding, (h + 2 * padding - kernelSize) / stride + 1, (w + 2 * padding - kernelSize) / stride + 1);
    }
}
