using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using Vae.Core.Data;
using Vae.Core.Torch;
using static TorchSharp.torch;

namespace Vae.Core.Models;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2013; Rezende et al. 2014) as a <c>torch.nn.Module</c>: a
/// <see cref="GaussianEncoder"/> q(z|x) = N(μ(x), diag exp(log σ²(x))), a standard-normal prior p(z) = N(0, I), a decoder
/// module z ↦ likelihood parameters, and a <see cref="Models.Likelihood"/> p(x|z).
/// </summary>
/// <remarks>
/// <para>Children and state_dict names: <c>encoder</c>, <c>decoder</c>, <c>likelihood</c>. The built-in architectures
/// (<see cref="Create(VaeArchitecture, int)"/>) give <c>encoder.0.weight</c> …, <c>encoder.mu.weight</c>,
/// <c>encoder.log_variance.weight</c>, <c>decoder.0.weight</c> …, and <c>likelihood.log_variance</c> for a learned
/// Gaussian variance: the names of the PyTorch twin in <c>tools/reference/torch_vae_common.py</c>.</para>
/// <para><c>forward(x)</c> is the deterministic reconstruction E[x|z = μ(x)], <c>[batch, ..InputShape]</c>. Training
/// objectives use <see cref="Forward(Tensor, Tensor)"/>.</para>
/// <para>Like every TorchSharp module it is mutable (parameters, <c>train()</c>/<c>eval()</c>, <c>to(device)</c>) and not
/// thread-safe.</para>
/// </remarks>
public sealed partial class VariationalAutoencoder : nn.Module<Tensor, Tensor>
{
    private const int EvaluationBatch = 256;
    private readonly VaeArchitecture? _architecture;
    private readonly int[] _inputShape;
#pragma warning disable IDE1006 // PyTorch names: field names are state_dict names
    private readonly GaussianEncoder encoder;
    private readonly nn.Module<Tensor, Tensor> decoder;
    private readonly Likelihood likelihood;
#pragma warning restore IDE1006

    private VariationalAutoencoder(GaussianEncoder encoder, nn.Module<Tensor, Tensor> decoder, Likelihood likelihood,
        IReadOnlyList<int> inputShape, VaeArchitecture? architecture) : base(nameof(VariationalAutoencoder))
    {
        this.encoder = encoder;
        this.decoder = decoder;
        this.likelihood = likelihood;
        _inputShape = inputShape.ToArray();
        _architecture = architecture;
        RegisterComponents();
    }

    /// <summary>Builds the network a <see cref="VaeArchitecture"/> describes, with PyTorch's default initialisation drawn
    /// from libtorch's generator seeded with <paramref name="seed"/> (the caller's global generator state is restored
    /// afterwards). float32 on the CPU; use <c>to(float64)</c> or <c>to(device)</c> to change.</summary>
    /// <param name="architecture">The description.</param>
    /// <param name="seed">Seed of the initial weights.</param>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public static VariationalAutoencoder Create(VaeArchitecture architecture, int seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        return TorchRuntime.CreateSeeded(seed, () => new VariationalAutoencoder(new ArchitectureEncoder(architecture), ArchitectureEncoder.Decoder(architecture),
            ArchitectureEncoder.LikelihoodOf(architecture), architecture.InputShape, architecture));
    }

    /// <summary>A VAE from modules of your own (C# or F#).</summary>
    /// <param name="encoder">x <c>[batch, ..inputShape]</c> ↦ (μ, log σ²), each <c>[batch, k]</c>.</param>
    /// <param name="decoder">z <c>[batch, k]</c> ↦ likelihood parameters <c>[batch, ..inputShape]</c> (or <c>[batch, features]</c>).</param>
    /// <param name="likelihood">The observation model applied to the decoder output.</param>
    /// <param name="inputShape">Shape of one sample, e.g. <c>[1, 28, 28]</c> (copied).</param>
    /// <returns>The model, owning the three modules (they are not copied).</returns>
    /// <exception cref="ArgumentException"><paramref name="inputShape"/> is empty or has a non-positive dimension, or
    /// <paramref name="likelihood"/> is a <see cref="GaussianLikelihood"/> whose <see cref="GaussianLikelihood.Features"/>
    /// differs from the product of <paramref name="inputShape"/>.</exception>
    public static VariationalAutoencoder Create(GaussianEncoder encoder, nn.Module<Tensor, Tensor> decoder, Likelihood likelihood, IReadOnlyList<int> inputShape)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        ArgumentNullException.ThrowIfNull(decoder);
        ArgumentNullException.ThrowIfNull(likelihood);
        ArgumentNullException.ThrowIfNull(inputShape);
        if (inputShape.Count == 0 || inputShape.Any(d => d <= 0))
            throw new ArgumentException($"inputShape [{string.Join(", ", inputShape)}] must have positive dimensions.", nameof(inputShape));
        long features = Dataset.CappedFeatureCount(inputShape);
        if (likelihood is GaussianLikelihood gaussian && gaussian.Features != features)
            throw new ArgumentException($"likelihood is a GaussianLikelihood of {gaussian.Features} features; inputShape [{string.Join(", ", inputShape)}] has {string.Join(" × ", inputShape)} features.", nameof(likelihood));
        TorchRuntime.Initialize();
        return new VariationalAutoencoder(encoder, decoder, likelihood, inputShape, null);
    }

    /// <summary>True for models built from a <see cref="VaeArchitecture"/>.</summary>
    public bool HasArchitecture => _architecture is not null;

    /// <summary>The architecture this model was built from.</summary>
    /// <exception cref="InvalidOperationException">The model was built from custom modules (<see cref="HasArchitecture"/> is false).</exception>
    public VaeArchitecture Architecture => _architecture
        ?? throw new InvalidOperationException("This VAE was built from custom modules and has no VaeArchitecture; use InputShape and LatentSize.");

    /// <summary>Shape of one input sample (a copy).</summary>
    public IReadOnlyList<int> InputShape => Array.AsReadOnly(_inputShape.ToArray());

    /// <summary>Number of input features: the product of <see cref="InputShape"/>.</summary>
    public int FeatureCount => _inputShape.Aggregate(1, (a, b) => a * b);

    /// <summary>Latent dimension k.</summary>
    public int LatentSize => encoder.LatentSize;

    /// <summary>The encoder module (the model's own).</summary>
    public GaussianEncoder Encoder => encoder;

    /// <summary>The decoder module (the model's own).</summary>
    public nn.Module<Tensor, Tensor> Decoder => decoder;

    /// <summary>The likelihood module (the model's own).</summary>
    public Likelihood Likelihood => likelihood;

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => parameters().Sum(p => p.numel());

    /// <summary>The device of the parameters.</summary>
    public Device Device => parameters().First().device;

    /// <summary>The element type of the parameters (float32 unless converted).</summary>
    public ScalarType DType => parameters().First().dtype;

    /// <summary>A one-line description.</summary>
    public override string ToString() => _architecture?.ToString()
        ?? $"VAE [{string.Join(", ", _inputShape)}] latent {LatentSize}, custom {encoder.GetType().Name} / {decoder.GetType().Name} / {likelihood.GetType().Name}";

    /// <summary>The reconstruction E[x|z = μ(x)].</summary>
    /// <param name="input">x <c>[batch, ..InputShape]</c>.</param>
    /// <returns><c>[batch, ..InputShape]</c>.</returns>
    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var posterior = encoder.call(input);
        return likelihood.Mean(decoder.call(posterior.Mean)).reshape(input.shape).MoveToOuterDisposeScope();
    }

    /// <summary>The reparameterised pass with caller-supplied noise (see <see cref="VaePass"/>).</summary>
    /// <param name="input">x <c>[B, ..InputShape]</c> (or <c>[B, features]</c>), on the model's device and dtype.</param>
    /// <param name="epsilon">Standard-normal noise <c>[K, B, k]</c>.</param>
    /// <exception cref="ArgumentException">A shape does not match the model: <paramref name="input"/> is neither
    /// <c>[B, ..InputShape]</c> nor <c>[B, features]</c>, or <paramref name="epsilon"/> is not <c>[K, B, k]</c>.</exception>
    public VaePass Forward(Tensor input, Tensor epsilon)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(epsilon);
        long b = input.shape.Length > 0 ? input.shape[0] : 0;
        int k = LatentSize, d = FeatureCount;
        bool sampleShaped = input.shape.Length == _inputShape.Length + 1 && input.shape.Skip(1).SequenceEqual(_inputShape.Select(s => (long)s));
        bool featureShaped = input.shape.Length == 2 && input.shape[1] == d;
        if (!sampleShaped && !featureShaped)
            throw new ArgumentException($"input has shape [{string.Join(", ", input.shape)}]; expected [batch, {string.Join(", ", _inputShape)}] or [batch, {d}].", nameof(input));
        if (epsilon.shape.Length != 3 || epsilon.shape[1] != b || epsilon.shape[2] != k)
            throw new ArgumentException($"epsilon has shape [{string.Join(", ", epsilon.shape)}]; expected [K, batch = {b}, latent = {k}].", nameof(epsilon));
        long samples = epsilon.shape[0];
        var x = sampleShaped ? input : input.reshape([b, .. _inputShape.Select(s => (long)s)]);
        var posterior = encoder.call(x);
        var mean = posterior.Mean;
        var logVariance = posterior.LogVariance;
        var z = mean.unsqueeze(0) + (logVariance * 0.5).exp().unsqueeze(0) * epsilon;
        var output = decoder.call(z.reshape(samples * b, k));
        var flat = output.reshape(samples * b, d);
        var xFlat = x.reshape(b, d);
        var targets = samples == 1 ? xFlat : xFlat.unsqueeze(0).expand(samples, b, d).reshape(samples * b, d);
        var logLikelihood = likelihood.LogProbability(targets, flat).reshape(samples, b);
        var klPerDimension = (mean.square() + logVariance.exp() - logVariance - 1).mul(0.5);
        return new VaePass(x, mean, logVariance, epsilon, z, output, logLikelihood, klPerDimension, klPerDimension.sum(1));
    }

    /// <summary>Encodes a data set to its posterior parameters, in batches, without gradients.</summary>
    /// <param name="data">Samples whose feature count equals <see cref="FeatureCount"/>.</param>
    /// <returns>μ and log σ², each <c>[samples, k]</c> (fresh matrices).</returns>
    /// <exception cref="ArgumentException">The data set's feature count differs from the model's.</exception>
    public PosteriorCodes Encode(Dataset data)
    {
        CheckFeatures(data);
        int k = LatentSize;
        var mean = new double[data.Count * k];
        var logVariance = new double[data.Count * k];
        using (no_grad())
        {
            for (int start = 0; start < data.Count; start += EvaluationBatch)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(EvaluationBatch, data.Count - start);
                var posterior = encoder.call(Batch(data, start, count));
                posterior.Mean.to(float64).cpu().data<double>().CopyTo(mean, start * k);
                posterior.LogVariance.to(float64).cpu().data<double>().CopyTo(logVariance, start * k);
            }
        }
        return new PosteriorCodes(Matrix<double>.Build.DenseOfRowMajor(data.Count, k, mean), Matrix<double>.Build.DenseOfRowMajor(data.Count, k, logVariance));
    }

    /// <summary>Decodes latent codes to the likelihood's mean: pixel probabilities σ(logits) for a Bernoulli likelihood,
    /// means for a Gaussian one. Without gradients.</summary>
    /// <param name="latent">Codes <c>[samples, k]</c>.</param>
    /// <returns><c>[samples, features]</c>, features in the input's row-major order (a fresh matrix).</returns>
    /// <exception cref="ArgumentException"><paramref name="latent"/> has the wrong number of columns.</exception>
    public Matrix<double> Decode(Matrix<double> latent)
    {
        ArgumentNullException.ThrowIfNull(latent);
        int k = LatentSize, d = FeatureCount;
        if (latent.ColumnCount != k)
            throw new ArgumentException($"latent has {latent.ColumnCount} columns; the model's latent size is {k}.", nameof(latent));
        var result = new double[latent.RowCount * d];
        var rows = latent.ToRowMajorArray();
        using (no_grad())
        {
            for (int start = 0; start < latent.RowCount; start += EvaluationBatch)
            {
                using var scope = NewDisposeScope();
                int count = Math.Min(EvaluationBatch, latent.RowCount - start);
                var z = tensor(rows.AsSpan(start * k, count * k).ToArray(), [count, k]).to(DType).to(Device);
                likelihood.Mean(decoder.call(z)).reshape(count, d).to(float64).cpu().data<double>().CopyTo(result, start * d);
            }
        }
        return Matrix<double>.Build.DenseOfRowMajor(latent.RowCount, d, result);
    }

    /// <summary>Samples [start, start + count) of <paramref name="data"/> as a tensor <c>[count, ..InputShape]</c> on the
    /// model's device and dtype (in the current dispose scope).</summary>
    internal Tensor Batch(Dataset data, int start, int count)
    {
        // Straight into native memory: no managed copy (a large-object-heap array per batch otherwise piles up).
        var t = empty([count, .. _inputShape.Select(s => (long)s)], float32);
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(data.Features.Slice(start * FeatureCount, count * FeatureCount)).CopyTo(t.bytes);
        return DType == ScalarType.Float32 && Device.type == DeviceType.CPU ? t : t.to(DType).to(Device);
    }

    /// <summary>The samples <paramref name="indices"/>[offset .. offset + count) as a tensor <c>[count, ..InputShape]</c> on
    /// the model's device and dtype, gathered row by row into native memory (in the current dispose scope).</summary>
    internal Tensor Batch(Dataset data, int[] indices, int offset, int count)
    {
        var t = empty([count, .. _inputShape.Select(s => (long)s)], float32);
        var target = t.bytes;
        int d = FeatureCount, rowBytes = d * sizeof(float);
        var features = data.Features;
        for (int i = 0; i < count; i++)
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(features.Slice(indices[offset + i] * d, d)).CopyTo(target.Slice(i * rowBytes, rowBytes));
        return DType == ScalarType.Float32 && Device.type == DeviceType.CPU ? t : t.to(DType).to(Device);
    }

    /// <summary><see cref="CheckFeatures"/>, and at least one sample: for the evaluations that average over the data.</summary>
    internal void CheckFeaturesAndSamples(Dataset data)
    {
        CheckFeatures(data);
        if (data.Count == 0)
            throw new ArgumentException($"The data set '{data.Name}' has no samples; a mean over it is undefined.", nameof(data));
    }

    internal void CheckFeatures(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
            throw new ArgumentException($"The data set '{data.Name}' has {data.FeatureCount} features per sample (shape [{string.Join(", ", data.SampleShape)}]); the model expects {FeatureCount} (shape [{string.Join(", ", _inputShape)}]).", nameof(data));
    }
}
