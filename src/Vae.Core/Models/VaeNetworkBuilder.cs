using System.Numerics;
using Vae.Core.Engine;

namespace Vae.Core.Models;

/// <summary>Builds the engine networks described by a <see cref="VaeArchitecture"/> (see its remarks for the layout).</summary>
internal static class VaeNetworkBuilder
{
    internal static Sequential<T> Encoder<T>(VaeArchitecture a, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<Layer<T>>();
        var shapes = a.ConvolutionShapes();
        for (int i = 0; i < a.Convolutions.Count; i++)
        {
            var c = a.Convolutions[i];
            layers.Add(new Conv2d<T>(shapes[i], c.Channels, c.KernelSize, c.Stride, c.Padding, random));
            layers.Add(Activation<T>(a.Activation, shapes[i + 1]));
        }
        var last = shapes[^1];
        if (last.Count > 1) layers.Add(Reshape<T>.Flatten(last));
        int features = last.Aggregate(1, (x, y) => x * y);
        foreach (var h in a.HiddenSizes)
        {
            layers.Add(new Linear<T>(features, h, random));
            layers.Add(Activation<T>(a.Activation, [h]));
            features = h;
        }
        return new Sequential<T>(layers);
    }

    internal static int EncoderFeatures(VaeArchitecture a) =>
        a.HiddenSizes.Count > 0 ? a.HiddenSizes[^1] : a.ConvolutionShapes()[^1].Aggregate(1, (x, y) => x * y);

    internal static Sequential<T> Decoder<T>(VaeArchitecture a, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var layers = new List<Layer<T>>();
        var shapes = a.ConvolutionShapes();
        int features = a.LatentSize;
        for (int i = a.HiddenSizes.Count - 1; i >= 0; i--)
        {
            layers.Add(new Linear<T>(features, a.HiddenSizes[i], random));
            layers.Add(Activation<T>(a.Activation, [a.HiddenSizes[i]]));
            features = a.HiddenSizes[i];
        }
        var bottom = shapes[^1];
        int bottomFeatures = bottom.Aggregate(1, (x, y) => x * y);
        layers.Add(new Linear<T>(features, bottomFeatures, random));
        if (a.Convolutions.Count > 0)
        {
            layers.Add(Activation<T>(a.Activation, [bottomFeatures]));
            layers.Add(new Reshape<T>([bottomFeatures], bottom));
            for (int i = a.Convolutions.Count - 1; i >= 0; i--)
            {
                var c = a.Convolutions[i];
                var input = shapes[i + 1];
                var target = shapes[i];
                int outputPadding = target[1] - ((input[1] - 1) * c.Stride - 2 * c.Padding + c.KernelSize);
                int outputPaddingW = target[2] - ((input[2] - 1) * c.Stride - 2 * c.Padding + c.KernelSize);
                if (outputPadding != outputPaddingW)
                    throw new ArgumentException($"Convolution {i} needs different output paddings for height ({outputPadding}) and width ({outputPaddingW}); use square inputs.", nameof(a));
                layers.Add(new ConvTranspose2d<T>(input, target[0], c.KernelSize, c.Stride, c.Padding, outputPadding, random));
                if (i > 0) layers.Add(Activation<T>(a.Activation, target));
            }
        }
        else if (a.InputShape.Count > 1)
        {
            layers.Add(new Reshape<T>([bottomFeatures], a.InputShape));
        }
        return new Sequential<T>(layers);
    }

    private static Layer<T> Activation<T>(ActivationFunction f, IReadOnlyList<int> shape) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var s = shape.ToArray();
        return f switch
        {
            ActivationFunction.Relu => new Relu<T>(s),
            ActivationFunction.LeakyRelu => new LeakyRelu<T>(0.01, s),
            ActivationFunction.Tanh => new Tanh<T>(s),
            ActivationFunction.Sigmoid => new Sigmoid<T>(s),
            ActivationFunction.Softplus => new Softplus<T>(s),
            _ => throw new ArgumentOutOfRangeException(nameof(f), f, "Unknown activation."),
        };
    }
}
