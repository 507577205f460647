using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.Core.Data;
using Vae.Core.Engine;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Models;

/// <summary>
/// A variational autoencoder (Kingma &amp; Welling 2013; Rezende et al. 2014) on the engine: Gaussian encoder
/// q(z|x) = N(μ(x), diag exp(log σ²(x))) with separate μ and log σ² heads, a standard-normal prior p(z) = N(0, I),
/// and a Bernoulli (logits) or Gaussian decoder p(x|z), built from a <see cref="VaeArchitecture"/>.
/// </summary>
/// <remarks>
/// <para>Parameter names follow the PyTorch module of <c>tools/reference/torch_vae_fixture.py</c>:
/// <c>encoder.i.weight</c>, <c>mu.weight</c>, <c>log_variance.weight</c>, <c>decoder.i.bias</c>, <c>decoder_log_variance</c>.</para>
/// <para>Not thread-safe: the model owns reusable activation buffers. Use one instance per thread.</para>
/// </remarks>
/// <typeparam name="T">Element type: <c>float</c> for training, <c>double</c> for gradient checks.</typeparam>
public sealed partial class VariationalAutoencoder<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int EvaluationBatch = 256;
    private readonly Parameter<T>[] _parameters;
    private VaeComputation<T>? _computation;
    private Tensor<T>? _batch;

    private VariationalAutoencoder(VaeArchitecture architecture, Random random)
    {
        Architecture = architecture;
        Encoder = VaeNetworkBuilder.Encoder<T>(architecture, random);
        int features = VaeNetworkBuilder.EncoderFeatures(architecture);
        MeanHead = new Linear<T>(features, architecture.LatentSize, random);
        LogVarianceHead = new Linear<T>(features, architecture.LatentSize, random);
        Decoder = VaeNetworkBuilder.Decoder<T>(architecture, random);
        var parameters = new List<Parameter<T>>();
        parameters.AddRange(Encoder.Parameters.Select(p => p.Qualified("encoder")));
        parameters.AddRange(MeanHead.Parameters.Select(p => p.Qualified("mu")));
        parameters.AddRange(LogVarianceHead.Parameters.Select(p => p.Qualified("log_variance")));
        parameters.AddRange(Decoder.Parameters.Select(p => p.Qualified("decoder")));
        if (architecture.Decoder == DecoderFamily.Gaussian && architecture.LearnDecoderVariance)
        {
            DecoderLogVariance = new Parameter<T>("decoder_log_variance", architecture.FeatureCount);
            DecoderLogVariance.Value.Span.Fill(T.CreateChecked(architecture.DecoderLogVariance));
            parameters.Add(DecoderLogVariance);
        }
        _parameters = parameters.ToArray();
    }

    /// <summary>Creates a model with PyTorch-default initialisation drawn from a generator seeded with <paramref name="seed"/>
    /// (MathNet <c>Xoshiro256StarStar</c>; order: encoder, μ head, log σ² head, decoder).</summary>
    /// <exception cref="ArgumentException">The architecture is invalid.</exception>
    public static VariationalAutoencoder<T> Create(VaeArchitecture architecture, int seed)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        architecture.Validate();
        return new VariationalAutoencoder<T>(architecture, new Xoshiro256StarStar(seed, false));
    }

    /// <summary>The architecture this model was built from.</summary>
    public VaeArchitecture Architecture { get; }

    /// <summary>All trainable parameters with their qualified names, in a fixed order (bound: the model's own tensors).</summary>
    public IReadOnlyList<Parameter<T>> Parameters => Array.AsReadOnly(_parameters);

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount => _parameters.Sum(p => (long)p.Value.Length);

    internal Sequential<T> Encoder { get; }

    internal Linear<T> MeanHead { get; }

    internal Linear<T> LogVarianceHead { get; }

    internal Sequential<T> Decoder { get; }

    /// <summary>The learned Gaussian log-variance <c>[features]</c>, or null when it is fixed or the decoder is Bernoulli.</summary>
    internal Parameter<T>? DecoderLogVariance { get; }

    internal VaeComputation<T> Computation => _computation ??= new VaeComputation<T>(this);

    /// <summary>Sets every parameter gradient to zero.</summary>
    public void ZeroGradients()
    {
        foreach (var p in _parameters) p.Gradient.Span.Clear();
    }

    /// <summary>Encodes a data set to its posterior parameters, in batches.</summary>
    /// <param name="data">Samples whose feature count equals <see cref="VaeArchitecture.FeatureCount"/>.</param>
    /// <returns>μ and log σ², each <c>[samples, latent]</c> (fresh matrices).</returns>
    /// <exception cref="ArgumentException">The data set's feature count differs from the architecture's.</exception>
    public PosteriorCodes Encode(Dataset data)
    {
        CheckFeatures(data);
        int latent = Architecture.LatentSize;
        var mean = Matrix<double>.Build.Dense(data.Count, latent);
        var logVariance = Matrix<double>.Build.Dense(data.Count, latent);
        for (int start = 0; start < data.Count; start += EvaluationBatch)
        {
            int count = Math.Min(EvaluationBatch, data.Count - start);
            var x = LoadBatch(data, start, count);
            var h = Encoder.Forward(x);
            var mu = MeanHead.Forward(h).AsReadOnlySpan();
            for (int i = 0; i < count; i++)
            for (int j = 0; j < latent; j++)
                mean[start + i, j] = double.CreateTruncating(mu[i * latent + j]);
            var lv = LogVarianceHead.Forward(h).AsReadOnlySpan();
            for (int i = 0; i < count; i++)
            for (int j = 0; j < latent; j++)
                logVariance[start + i, j] = double.CreateTruncating(lv[i * latent + j]);
        }
        return new PosteriorCodes(mean, logVariance);
    }

    /// <summary>Decodes latent codes to the decoder's mean: pixel probabilities σ(logits) for a Bernoulli decoder, means for a Gaussian one.</summary>
    /// <param name="latent">Codes <c>[samples, latent]</c>.</param>
    /// <returns><c>[samples, features]</c>, row-major features in the input's flattened order (a fresh matrix).</returns>
    /// <exception cref="ArgumentException"><paramref name="latent"/> has the wrong number of columns.</exception>
    public Matrix<double> Decode(Matrix<double> latent)
    {
        ArgumentNullException.ThrowIfNull(latent);
        int k = Architecture.LatentSize, d = Architecture.FeatureCount;
        if (latent.ColumnCount != k)
            throw new ArgumentException($"latent has {latent.ColumnCount} columns; the model's latent size is {k}.", nameof(latent));
        var result = Matrix<double>.Build.Dense(latent.RowCount, d);
        Tensor<T>? z = null;
        var row = new T[d];
        for (int start = 0; start < latent.RowCount; start += EvaluationBatch)
        {
            int count = Math.Min(EvaluationBatch, latent.RowCount - start);
            var zt = Tensor<T>.Ensure(ref z, count, [k]);
            var zs = zt.Span;
            for (int i = 0; i < count; i++)
            for (int j = 0; j < k; j++)
                zs[i * k + j] = T.CreateChecked(latent[start + i, j]);
            var output = Decoder.Forward(zt).AsReadOnlySpan();
            for (int i = 0; i < count; i++)
            {
                var o = output.Slice(i * d, d);
                if (Architecture.Decoder == DecoderFamily.Bernoulli) TP.Sigmoid(o, row); else o.CopyTo(row);
                for (int j = 0; j < d; j++) result[start + i, j] = double.CreateTruncating(row[j]);
            }
        }
        return result;
    }

    /// <summary>Copies samples [start, start + count) of <paramref name="data"/> into the model's input buffer.</summary>
    internal Tensor<T> LoadBatch(Dataset data, int start, int count) => LoadBatch(data, Enumerable.Range(start, count).ToArray(), 0, count);

    /// <summary>Copies the samples <paramref name="indices"/>[offset..offset+count) into the model's input buffer, shape <c>[count, ..InputShape]</c>.</summary>
    internal Tensor<T> LoadBatch(Dataset data, int[] indices, int offset, int count)
    {
        int d = data.FeatureCount;
        var x = Tensor<T>.Ensure(ref _batch, count, Architecture.InputShape);
        var xs = x.Span;
        var features = data.Features;
        for (int i = 0; i < count; i++)
        {
            var source = features.Slice(indices[offset + i] * d, d);
            var target = xs.Slice(i * d, d);
            if (typeof(T) == typeof(float)) source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(target));
            else TP.ConvertChecked(source, target);
        }
        return x;
    }

    internal void CheckFeatures(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != Architecture.FeatureCount)
            throw new ArgumentException($"The data set '{data.Name}' has {data.FeatureCount} features per sample (shape [{string.Join(", ", data.SampleShape)}]); the model expects {Architecture.FeatureCount} (shape [{string.Join(", ", Architecture.InputShape)}]).", nameof(data));
    }
}
