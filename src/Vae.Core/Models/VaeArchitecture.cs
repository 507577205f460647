using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vae.Core.Collections;

namespace Vae.Core.Models;

/// <summary>
/// An engine-independent description of a VAE: input shape, encoder body (convolutions and/or fully connected
/// hidden layers), latent size and decoder family. The decoder mirrors the encoder. Another backend (e.g.
/// TorchSharp) can build the same network from this record; <c>tools/reference/torch_vae_fixture.py</c> does so
/// in PyTorch with identical <c>state_dict</c> names.
/// </summary>
/// <remarks>
/// <para>Networks built from it (<see cref="VariationalAutoencoder"/>):</para>
/// <para><c>encoder</c> = [Conv2d, act]* then Flatten (when the input has rank &gt; 1), then [Linear, act] per hidden
/// size; heads <c>mu</c> and <c>log_variance</c> = Linear(last → latent), giving q(z|x) = N(μ, diag exp(log σ²)).</para>
/// <para><c>decoder</c> = [Linear, act] per hidden size in reverse, Linear to the features (or to the last convolution's
/// output, then act, Unflatten and [ConvTranspose2d, act]* in reverse, without act after the last one), then
/// Unflatten to the input shape. Output: Bernoulli logits or Gaussian means, shape <c>[batch, ..InputShape]</c>.</para>
/// <para>A Gaussian decoder has log σ² = <see cref="DecoderLogVariance"/> per feature, fixed or, with
/// <see cref="LearnDecoderVariance"/>, a learned parameter <c>likelihood.log_variance</c> <c>[features]</c> (its state_dict
/// name; the retired engine's files call it <c>decoder_log_variance</c>) initialised to it.</para>
/// </remarks>
public sealed record VaeArchitecture
{
    /// <summary>Every property at its documented default.</summary>
    public VaeArchitecture() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>VaeArchitecture(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public VaeArchitecture(VaeArchitecture original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _inputShape = original._inputShape;
        _convolutions = original._convolutions;
        _hiddenSizes = original._hiddenSizes;
        LatentSize = original.LatentSize;
        Activation = original.Activation;
        Decoder = original.Decoder;
        DecoderLogVariance = original.DecoderLogVariance;
        LearnDecoderVariance = original.LearnDecoderVariance;
    }

    /// <summary>Shape of one input sample: <c>[features]</c> or <c>[channels, height, width]</c>.</summary>
    public IReadOnlyList<int> InputShape { get => _inputShape; init => _inputShape = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _inputShape = ValueList.Copy<int>([784]);

    /// <summary>Convolutions of the encoder, first to last (empty: a fully connected VAE). Needs a rank-3 input.</summary>
    public IReadOnlyList<ConvolutionSpec> Convolutions { get => _convolutions; init => _convolutions = ValueList.Copy(value); }
    private readonly IReadOnlyList<ConvolutionSpec> _convolutions = ValueList.Copy<ConvolutionSpec>([]);

    /// <summary>Fully connected hidden layer sizes of the encoder, first to last (the decoder uses them reversed).</summary>
    public IReadOnlyList<int> HiddenSizes { get => _hiddenSizes; init => _hiddenSizes = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _hiddenSizes = ValueList.Copy<int>([200, 200]);

    /// <summary>Latent dimension k ≥ 1.</summary>
    public int LatentSize { get; init; } = 30;

    /// <summary>Hidden non-linearity.</summary>
    public ActivationFunction Activation { get; init; } = ActivationFunction.Relu;

    /// <summary>Observation model p(x|z).</summary>
    public DecoderFamily Decoder { get; init; } = DecoderFamily.Bernoulli;

    /// <summary>Gaussian decoder only: the (initial) log-variance log σ² of every feature, in log(data units²).</summary>
    public double DecoderLogVariance { get; init; }

    /// <summary>Gaussian decoder only: learn a per-feature log-variance instead of keeping it fixed.</summary>
    public bool LearnDecoderVariance { get; init; }

    /// <summary>Number of input features: the product of <see cref="InputShape"/>.</summary>
    public int FeatureCount => InputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>A fully connected VAE (the Kingma &amp; Welling 2013 set-up), e.g. <c>Mlp([1, 28, 28], [200, 200], 30)</c>.</summary>
    /// <param name="inputShape">Shape of one sample.</param>
    /// <param name="hiddenSizes">Hidden layer sizes of the encoder, at least one.</param>
    /// <param name="latentSize">Latent dimension k.</param>
    /// <param name="decoder">Observation model.</param>
    /// <exception cref="ArgumentException">The description is inconsistent (see <see cref="Validate"/>).</exception>
    public static VaeArchitecture Mlp(IReadOnlyList<int> inputShape, IReadOnlyList<int> hiddenSizes, int latentSize, DecoderFamily decoder = DecoderFamily.Bernoulli)
    {
        var a = new VaeArchitecture { InputShape = Array.AsReadOnly(inputShape.ToArray()), HiddenSizes = Array.AsReadOnly(hiddenSizes.ToArray()), LatentSize = latentSize, Decoder = decoder };
        a.Validate();
        return a;
    }

    /// <summary>A convolutional VAE on <c>[channels, height, width]</c> inputs.</summary>
    /// <param name="inputShape">Shape <c>[channels, height, width]</c>.</param>
    /// <param name="convolutions">Encoder convolutions, at least one.</param>
    /// <param name="hiddenSizes">Fully connected layers after the convolutions (may be empty).</param>
    /// <param name="latentSize">Latent dimension k.</param>
    /// <param name="decoder">Observation model.</param>
    /// <exception cref="ArgumentException">The description is inconsistent (see <see cref="Validate"/>).</exception>
    public static VaeArchitecture Convolutional(IReadOnlyList<int> inputShape, IReadOnlyList<ConvolutionSpec> convolutions, IReadOnlyList<int> hiddenSizes, int latentSize, DecoderFamily decoder = DecoderFamily.Gaussian)
    {
        var a = new VaeArchitecture
        {
            InputShape = Array.AsReadOnly(inputShape.ToArray()), Convolutions = Array.AsReadOnly(convolutions.ToArray()),
            HiddenSizes = Array.AsReadOnly(hiddenSizes.ToArray()), LatentSize = latentSize, Decoder = decoder,
        };
        a.Validate();
        return a;
    }

    /// <summary>The per-sample shapes after each convolution, <c>[channels, height, width]</c>, starting with the input.</summary>
    /// <exception cref="ArgumentException">The description is inconsistent.</exception>
    public IReadOnlyList<IReadOnlyList<int>> ConvolutionShapes()
    {
        Validate();
        var shapes = new List<IReadOnlyList<int>> { InputShape.ToArray() };
        foreach (var c in Convolutions)
        {
            var s = shapes[^1];
            shapes.Add(new[] { c.Channels, c.OutputSize(s[1]), c.OutputSize(s[2]) });
        }
        return shapes;
    }

    /// <summary>Number of trainable scalars of the network this description builds, computed without building it.</summary>
    /// <exception cref="ArgumentException">The description is inconsistent.</exception>
    /// <exception cref="OverflowException">The count exceeds <see cref="long.MaxValue"/> (no such network can be built).</exception>
    public long ParameterCount()
    {
        var shapes = ConvolutionShapes();
        checked
        {
            long total = 0;
            for (int i = 0; i < Convolutions.Count; i++)
            {
                long cin = shapes[i][0], cout = Convolutions[i].Channels, k = Convolutions[i].KernelSize;
                total += 2 * cin * cout * k * k + cout + cin; // Conv2d in the encoder, ConvTranspose2d back in the decoder
            }
            long bottom = shapes[^1].Aggregate(1L, (x, y) => x * y), features = bottom;
            foreach (var h in HiddenSizes)
            {
                total += 2 * features * h + h + features; // encoder Linear(features, h) and decoder Linear(h, features)
                features = h;
            }
            total += 2 * (features * LatentSize + LatentSize); // heads mu and log_variance
            total += LatentSize * features + features;         // decoder's first Linear(k, last hidden or bottom)
            if (Decoder == DecoderFamily.Gaussian && LearnDecoderVariance) total += FeatureCount;
            return total;
        }
    }

    /// <summary>Refuses, before anything is allocated, an architecture whose parameters <paramref name="file"/> cannot
    /// hold: every parameter is stored, so the model cannot have more scalars than the file has tensor elements.</summary>
    /// <param name="file">The parsed safetensors file (its sizes are already checked against its length).</param>
    /// <param name="path">The file name for messages.</param>
    /// <exception cref="InvalidDataException">The architecture needs more parameters than the file stores (or more than
    /// <see cref="long.MaxValue"/>).</exception>
    internal void CheckStoredIn(Vae.Core.IO.SafeTensorsFile file, string path)
    {
        long stored = file.Tensors.Sum(t => (long)t.Length);
        long needed;
        try { needed = ParameterCount(); }
        catch (OverflowException) { needed = long.MaxValue; }
        if (needed > stored)
            throw new InvalidDataException($"'{path}': its architecture ({this}) has {(needed == long.MaxValue ? "more than 2^63" : needed.ToString(CultureInfo.InvariantCulture))} parameters but the file stores only {stored} values.");
    }

    /// <summary>Checks the description.</summary>
    /// <exception cref="ArgumentException">A size is not positive, a convolution does not fit its input, convolutions are
    /// given for an input that is not <c>[channels, height, width]</c>, or a fully connected VAE has no hidden layer.</exception>
    public void Validate()
    {
        if (InputShape is null || InputShape.Count == 0 || InputShape.Any(d => d <= 0))
            throw new ArgumentException($"InputShape [{string.Join(", ", InputShape ?? [])}] must have positive dimensions.", nameof(InputShape));
        if (InputShape.Aggregate(1.0, (a, b) => a * b) > int.MaxValue)
            throw new ArgumentException($"InputShape [{string.Join(", ", InputShape)}] has more than {int.MaxValue} features.", nameof(InputShape));
        if (HiddenSizes is null || HiddenSizes.Any(h => h <= 0))
            throw new ArgumentException($"HiddenSizes [{string.Join(", ", HiddenSizes ?? [])}] must be positive.", nameof(HiddenSizes));
        if (LatentSize <= 0) throw new ArgumentOutOfRangeException(nameof(LatentSize), LatentSize, "The latent size must be positive.");
        if (!double.IsFinite(DecoderLogVariance))
            throw new ArgumentOutOfRangeException(nameof(DecoderLogVariance), DecoderLogVariance, "The decoder log-variance must be finite.");
        if (!Enum.IsDefined(Activation)) throw new ArgumentOutOfRangeException(nameof(Activation), Activation, "Unknown activation.");
        if (!Enum.IsDefined(Decoder)) throw new ArgumentOutOfRangeException(nameof(Decoder), Decoder, "Unknown decoder family.");
        if (Convolutions is null) throw new ArgumentException("Convolutions must not be null (use an empty list).", nameof(Convolutions));
        if (Convolutions.Count == 0)
        {
            if (HiddenSizes.Count == 0) throw new ArgumentException("A fully connected VAE needs at least one hidden layer.", nameof(HiddenSizes));
            return;
        }
        if (InputShape.Count != 3)
            throw new ArgumentException($"Convolutions need an input of shape [channels, height, width]; got [{string.Join(", ", InputShape)}].", nameof(InputShape));
        int h = InputShape[1], w = InputShape[2];
        for (int i = 0; i < Convolutions.Count; i++)
        {
            var c = Convolutions[i];
            if (c is null || c.Channels <= 0 || c.KernelSize <= 0 || c.Stride <= 0 || c.Padding < 0)
                throw new ArgumentException($"Convolution {i} ({c}) needs positive channels, kernel and stride and a non-negative padding.", nameof(Convolutions));
            // In long: 2·padding near int.MaxValue wrapped around and let an absurd padding through.
            if ((long)h + 2L * c.Padding < c.KernelSize || (long)w + 2L * c.Padding < c.KernelSize)
                throw new ArgumentException($"Convolution {i} (kernel {c.KernelSize}, padding {c.Padding}) does not fit its {h}×{w} input.", nameof(Convolutions));
            if ((long)Math.Max(h, w) + 2L * c.Padding > int.MaxValue)
                throw new ArgumentException($"Convolution {i} (padding {c.Padding}) pads its {h}×{w} input beyond {int.MaxValue} pixels.", nameof(Convolutions));
            h = c.OutputSize(h);
            w = c.OutputSize(w);
        }
    }

    /// <summary>The description as JSON (stored in the <c>__metadata__</c> of <c>model.safetensors</c> under <c>vae.architecture</c>).</summary>
    public string ToJson()
    {
        var o = new JsonObject
        {
            ["input_shape"] = new JsonArray(InputShape.Select(d => (JsonNode)d).ToArray()),
            ["convolutions"] = new JsonArray(Convolutions.Select(c => (JsonNode)new JsonObject
            {
                ["channels"] = c.Channels, ["kernel_size"] = c.KernelSize, ["stride"] = c.Stride, ["padding"] = c.Padding,
            }).ToArray()),
            ["hidden_sizes"] = new JsonArray(HiddenSizes.Select(d => (JsonNode)d).ToArray()),
            ["latent_size"] = LatentSize,
            ["activation"] = Activation.ToString().ToLowerInvariant(),
            ["decoder"] = Decoder.ToString().ToLowerInvariant(),
            ["decoder_log_variance"] = DecoderLogVariance,
            ["learn_decoder_variance"] = LearnDecoderVariance,
        };
        return o.ToJsonString();
    }

    /// <summary>Parses <see cref="ToJson"/>'s output.</summary>
    /// <exception cref="InvalidDataException">The JSON is malformed, lacks a field or describes an invalid architecture.</exception>
    public static VaeArchitecture FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var o = JsonNode.Parse(json)?.AsObject() ?? throw new InvalidDataException("The architecture JSON is empty.");
            static IReadOnlyList<int> Ints(JsonNode? n, string name) =>
                Array.AsReadOnly((n ?? throw new InvalidDataException($"The architecture JSON lacks '{name}'.")).AsArray().Select(x => x!.GetValue<int>()).ToArray());
            JsonNode Field(string name) => o[name] ?? throw new InvalidDataException($"The architecture JSON lacks '{name}'.");
            var a = new VaeArchitecture
            {
                InputShape = Ints(o["input_shape"], "input_shape"),
                Convolutions = Array.AsReadOnly(Field("convolutions").AsArray().Select(c => new ConvolutionSpec(
                    c!["channels"]!.GetValue<int>(), c["kernel_size"]!.GetValue<int>(), c["stride"]!.GetValue<int>(), c["padding"]!.GetValue<int>())).ToArray()),
                HiddenSizes = Ints(o["hidden_sizes"], "hidden_sizes"),
                LatentSize = Field("latent_size").GetValue<int>(),
                Activation = Enum.Parse<ActivationFunction>(Field("activation").GetValue<string>(), ignoreCase: true),
                Decoder = Enum.Parse<DecoderFamily>(Field("decoder").GetValue<string>(), ignoreCase: true),
                DecoderLogVariance = Field("decoder_log_variance").GetValue<double>(),
                LearnDecoderVariance = Field("learn_decoder_variance").GetValue<bool>(),
            };
            a.Validate();
            return a;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException or NullReferenceException)
        {
            throw new InvalidDataException($"Invalid VAE architecture JSON: {e.Message}", e);
        }
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(VaeArchitecture? other) =>
        other is not null && InputShape.SequenceEqual(other.InputShape) && Convolutions.SequenceEqual(other.Convolutions)
        && HiddenSizes.SequenceEqual(other.HiddenSizes) && LatentSize == other.LatentSize && Activation == other.Activation
        && Decoder == other.Decoder && DecoderLogVariance.Equals(other.DecoderLogVariance) && LearnDecoderVariance == other.LearnDecoderVariance;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(string.Join(",", InputShape), string.Join(",", HiddenSizes), Convolutions.Count, LatentSize, Activation, Decoder);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"VAE [{string.Join(", ", InputShape)}] {(Convolutions.Count > 0 ? $"conv {string.Join("-", Convolutions.Select(c => $"{c.Channels}k{c.KernelSize}s{c.Stride}p{c.Padding}"))} " : "")}hidden [{string.Join(", ", HiddenSizes)}] latent {LatentSize}, {Activation}, {Decoder} decoder");
}
