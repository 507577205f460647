using System.Numerics;
using Vae.Core.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>
/// Transposed 2-D convolution (PyTorch <c>nn.ConvTranspose2d</c>, the adjoint of <see cref="Conv2d{T}"/> in its
/// input): input <c>[batch, in, H, W]</c>, output <c>[batch, out, H′, W′]</c> with H′ = (H − 1)s − 2p + k + op;
/// weight <c>[in, out, k, k]</c>, bias <c>[out]</c>.
/// </summary>
/// <remarks>Computed per sample as cols<sub>[out·k·k, HW]</sub> = W<sub>[in, out·k·k]</sub>ᵀ · x<sub>[in, HW]</sub>
/// followed by col2im (the fold of the convolution that maps H′ back to H). Initialisation as PyTorch, whose
/// fan-in for this layer is out·k·k (weight dimension 1 times the kernel area).</remarks>
/// <typeparam name="T">Element type.</typeparam>
public sealed class ConvTranspose2d<T> : Layer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Im2Col _geometry; // the convolution from the output image (H′, W′) to the input grid (H, W)
    private readonly int _inChannels;
    private readonly int _outputPadding;
    private readonly Parameter<T> _weight;
    private readonly Parameter<T> _bias;
    private T[] _columns = [];
    private Tensor<T>? _input;
    private Tensor<T>? _output;
    private Tensor<T>? _inputGradient;

    /// <summary>Creates the layer with PyTorch-default initialisation from <paramref name="random"/>.</summary>
    /// <param name="inputShape">Shape of one input sample, <c>[in, H, W]</c>.</param>
    /// <param name="outChannels">Output channels ≥ 1.</param>
    /// <param name="kernelSize">Kernel side k ≥ 1.</param>
    /// <param name="stride">Stride s ≥ 1.</param>
    /// <param name="padding">Padding p ≥ 0 (removed from every side of the full output).</param>
    /// <param name="outputPadding">Extra rows/columns op ∈ [0, s) added on the bottom/right.</param>
    /// <param name="random">Seeded generator for the initial weights.</param>
    /// <exception cref="ArgumentException">A size is out of range or the output would be empty.</exception>
    public ConvTranspose2d(IReadOnlyList<int> inputShape, int outChannels, int kernelSize, int stride, int padding, int outputPadding, Random random)
        : this(Geometry(inputShape, outChannels, kernelSize, stride, padding, outputPadding), inputShape[0], outputPadding, random) { }

    private ConvTranspose2d(Im2Col g, int inChannels, int outputPadding, Random random)
        : base([inChannels, g.OutHeight, g.OutWidth], [g.Channels, g.Height, g.Width])
    {
        ArgumentNullException.ThrowIfNull(random);
        _geometry = g;
        _inChannels = inChannels;
        _outputPadding = outputPadding;
        _weight = new Parameter<T>("weight", inChannels, g.Channels, g.Kernel, g.Kernel);
        _bias = new Parameter<T>("bias", g.Channels);
        TorchInitialization.Uniform(_weight.Value.Span, g.Rows, random);
        TorchInitialization.Uniform(_bias.Value.Span, g.Rows, random);
    }

    /// <summary>Weight <c>[in, out, k, k]</c>.</summary>
    public Parameter<T> Weight => _weight;

    /// <summary>Bias <c>[out]</c>.</summary>
    public Parameter<T> Bias => _bias;

    /// <inheritdoc />
    public override IReadOnlyList<Parameter<T>> Parameters => [_weight, _bias];

    /// <inheritdoc />
    public override string Describe() =>
        $"ConvTranspose2d({_inChannels} → {_geometry.Channels}, k={_geometry.Kernel}, s={_geometry.Stride}, p={_geometry.Padding}, op={_outputPadding}; {_geometry.OutHeight}×{_geometry.OutWidth} → {_geometry.Height}×{_geometry.Width})";

    private protected override Tensor<T> ForwardCore(Tensor<T> input)
    {
        _input = input;
        int batch = Batch, rows = _geometry.Rows, cols = _geometry.Columns;
        int outChannels = _geometry.Channels, outArea = _geometry.Height * _geometry.Width;
        if (_columns.Length < rows * cols) _columns = new T[rows * cols];
        var columns = _columns.AsSpan(0, rows * cols);
        var y = Tensor<T>.Ensure(ref _output, batch, OutputShape);
        var x = input.AsReadOnlySpan();
        var b = _bias.Value.AsReadOnlySpan();
        for (int n = 0; n < batch; n++)
        {
            Blas.GemmRowMajor(true, false, rows, cols, _inChannels, T.One, _weight.Value.AsReadOnlySpan(), x.Slice(n * _inChannels * cols, _inChannels * cols), T.Zero, columns);
            var yn = y.Span.Slice(n * outChannels * outArea, outChannels * outArea);
            _geometry.Fold<T>(columns, yn);
            for (int o = 0; o < outChannels; o++) TP.Add(yn.Slice(o * outArea, outArea), b[o], yn.Slice(o * outArea, outArea));
        }
        return y;
    }

    private protected override Tensor<T>? BackwardCore(Tensor<T> outputGradient, bool inputGradient)
    {
        int batch = Batch, rows = _geometry.Rows, cols = _geometry.Columns;
        int outChannels = _geometry.Channels, outArea = _geometry.Height * _geometry.Width;
        var columns = _columns.AsSpan(0, rows * cols);
        var dy = outputGradient.AsReadOnlySpan();
        var x = _input!.AsReadOnlySpan();
        var db = _bias.Gradient.Span;
        var dx = inputGradient ? Tensor<T>.Ensure(ref _inputGradient, batch, InputShape) : null;
        for (int n = 0; n < batch; n++)
        {
            var dyn = dy.Slice(n * outChannels * outArea, outChannels * outArea);
            for (int o = 0; o < outChannels; o++) db[o] += TP.Sum(dyn.Slice(o * outArea, outArea));
            _geometry.Unfold(dyn, columns);                                                  // dcols = im2col(dy)
            var xn = x.Slice(n * _inChannels * cols, _inChannels * cols);
            Blas.GemmRowMajor(false, true, _inChannels, rows, cols, T.One, xn, columns, T.One, _weight.Gradient.Span); // dW += x·dcolsᵀ
            if (dx is not null)
                Blas.GemmRowMajor(false, false, _inChannels, cols, rows, T.One, _weight.Value.AsReadOnlySpan(), columns, T.Zero, dx.Span.Slice(n * _inChannels * cols, _inChannels * cols));
        }
        return dx;
    }

    private static Im2Col Geometry(IReadOnlyList<int> inputShape, int outChannels, int kernelSize, int stride, int padding, int outputPadding)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count != 3 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"ConvTranspose2d needs an input shape [channels, height, width] with positive sizes; got {Tensor<T>.ShapeText(inputShape)}.", nameof(inputShape));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outChannels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(kernelSize);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stride);
        ArgumentOutOfRangeException.ThrowIfNegative(padding);
        if (outputPadding < 0 || outputPadding >= stride)
            throw new ArgumentOutOfRangeException(nameof(outputPadding), outputPadding, $"The output padding must be in [0, stride = {stride}).");
        int h = (inputShape[1] - 1) * stride - 2 * padding + kernelSize + outputPadding;
        int w = (inputShape[2] - 1) * stride - 2 * padding + kernelSize + outputPadding;
        if (h <= 0 || w <= 0)
            throw new ArgumentException($"ConvTranspose2d would produce an empty {h}×{w} output from {Tensor<T>.ShapeText(inputShape)}.", nameof(padding));
        return new Im2Col(outChannels, h, w, kernelSize, stride, padding, inputShape[1], inputShape[2]);
    }
}
