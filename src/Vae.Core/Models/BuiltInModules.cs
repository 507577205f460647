using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Core.Models;

/// <summary>
/// The built-in encoder of a <see cref="VaeArchitecture"/>: [Conv2d, act]* then Flatten (rank-3 inputs), then
/// [Linear, act] per hidden size (children <c>0</c>, <c>1</c>, … as in <c>nn.Sequential</c>), and the heads <c>mu</c> and
/// <c>log_variance</c> = Linear(last → k).
/// </summary>
internal sealed class ArchitectureEncoder : GaussianEncoder
{
    private readonly nn.Module<Tensor, Tensor>[] _layers;
#pragma warning disable IDE1006 // PyTorch names: field names are state_dict names
    private readonly TorchSharp.Modules.Linear mu;
    private readonly TorchSharp.Modules.Linear log_variance;
#pragma warning restore IDE1006

    internal ArchitectureEncoder(VaeArchitecture a) : base(nameof(ArchitectureEncoder), a.LatentSize)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var shapes = a.ConvolutionShapes();
        for (int i = 0; i < a.Convolutions.Count; i++)
        {
            var c = a.Convolutions[i];
            layers.Add(nn.Conv2d(shapes[i][0], c.Channels, c.KernelSize, c.Stride, c.Padding));
            layers.Add(Activation(a.Activation));
        }
        var last = shapes[^1];
        if (last.Count > 1) layers.Add(nn.Flatten());
        long features = last.Aggregate(1L, (x, y) => x * y);
        foreach (var h in a.HiddenSizes)
        {
            layers.Add(nn.Linear(features, h));
            layers.Add(Activation(a.Activation));
            features = h;
        }
        _layers = layers.ToArray();
        for (int i = 0; i < _layers.Length; i++) register_module(i.ToString(System.Globalization.CultureInfo.InvariantCulture), _layers[i]);
        mu = nn.Linear(features, a.LatentSize);
        log_variance = nn.Linear(features, a.LatentSize);
        register_module(nameof(mu), mu);
        register_module(nameof(log_variance), log_variance);
    }

    public override GaussianPosterior forward(Tensor input)
    {
        var h = input;
        foreach (var layer in _layers) h = layer.call(h);
        return new GaussianPosterior(mu.call(h), log_variance.call(h));
    }

    internal static nn.Module<Tensor, Tensor> Activation(ActivationFunction f) => f switch
    {
        ActivationFunction.Relu => nn.ReLU(),
        ActivationFunction.LeakyRelu => nn.LeakyReLU(0.01),
        ActivationFunction.Tanh => nn.Tanh(),
        ActivationFunction.Sigmoid => nn.Sigmoid(),
        ActivationFunction.Softplus => nn.Softplus(),
        _ => throw new ArgumentOutOfRangeException(nameof(f), f, "Unknown activation."),
    };

    /// <summary>The built-in decoder: [Linear, act] per hidden size reversed, Linear to the features (or to the last
    /// convolution's output, act, Unflatten, [ConvTranspose2d, act]* reversed without act after the last), then Unflatten
    /// to the input shape. Output <c>[batch, ..InputShape]</c>: Bernoulli logits or Gaussian means.</summary>
    internal static nn.Module<Tensor, Tensor> Decoder(VaeArchitecture a)
    {
        var layers = new List<nn.Module<Tensor, Tensor>>();
        var shapes = a.ConvolutionShapes();
        long features = a.LatentSize;
        for (int i = a.HiddenSizes.Count - 1; i >= 0; i--)
        {
            layers.Add(nn.Linear(features, a.HiddenSizes[i]));
            layers.Add(Activation(a.Activation));
            features = a.HiddenSizes[i];
        }
        var bottom = shapes[^1];
        long bottomFeatures = bottom.Aggregate(1L, (x, y) => x * y);
        layers.Add(nn.Linear(features, bottomFeatures));
        if (a.Convolutions.Count > 0)
        {
            layers.Add(Activation(a.Activation));
            layers.Add(nn.Unflatten(1, bottom.Select(d => (long)d).ToArray()));
            for (int i = a.Convolutions.Count - 1; i >= 0; i--)
            {
                var c = a.Convolutions[i];
                var input = shapes[i + 1];
                var target = shapes[i];
                int outputPadding = target[1] - ((input[1] - 1) * c.Stride - 2 * c.Padding + c.KernelSize);
                int outputPaddingW = target[2] - ((input[2] - 1) * c.Stride - 2 * c.Padding + c.KernelSize);
                if (outputPadding != outputPaddingW)
                    throw new ArgumentException($"Convolution {i} needs different output paddings for height ({outputPadding}) and width ({outputPaddingW}); use square inputs.", nameof(a));
                layers.Add(nn.ConvTranspose2d(input[0], target[0], c.KernelSize, c.Stride, c.Padding, outputPadding));
                if (i > 0) layers.Add(Activation(a.Activation));
            }
        }
        else if (a.InputShape.Count > 1)
        {
            layers.Add(nn.Unflatten(1, a.InputShape.Select(d => (long)d).ToArray()));
        }
        return nn.Sequential(layers.ToArray());
    }

    /// <summary>The likelihood the architecture names.</summary>
    internal static Likelihood LikelihoodOf(VaeArchitecture a) => a.Decoder == DecoderFamily.Bernoulli
        ? new BernoulliLikelihood()
        : new GaussianLikelihood(a.FeatureCount, a.DecoderLogVariance, a.LearnDecoderVariance);
}
