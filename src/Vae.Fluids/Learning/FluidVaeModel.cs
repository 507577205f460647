using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Training;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>A trained convolutional VAE on distance matrices (<see cref="FluidVae.Train"/>) with its input scale.</summary>
/// <remarks>Not thread-safe (Core's model is a mutable TorchSharp module).</remarks>
public sealed class FluidVaeModel
{
    private const int Chunk = 1000;
    private const string ScaleFile = "fluid_vae.json";
    private const string ModelFile = "model.safetensors";
    private const string NormalizationFile = "normalization.npy";

    internal FluidVaeModel(VariationalAutoencoder model, FluidInputNormalization normalization, FluidVaeOptions options, IReadOnlyList<EpochSummary> epochs)
    {
        Model = model;
        Normalization = normalization;
        Options = options;
        Epochs = epochs;
    }

    /// <summary>Core's model (bound, not copied).</summary>
    public VariationalAutoencoder Model { get; }

    /// <summary>The per-entry map from distances (σ) to the model's inputs, fitted on the training matrices.</summary>
    public FluidInputNormalization Normalization { get; }

    /// <summary>The options it was trained with.</summary>
    public FluidVaeOptions Options { get; }

    /// <summary>Per-epoch training summaries (empty for a loaded model).</summary>
    public IReadOnlyList<EpochSummary> Epochs { get; }

    /// <summary>
    /// Core's loss minus the Gaussian normalisation constant: (d/2)·log(2πσ²) with σ² = d/2 for the matrix decoder, what
    /// remains being the slides' MSE + λ·KL per sample (normalised units); (M/2)·log(2π·½) for the configuration decoder,
    /// what remains being Σ_m (Δd_(m))² + λ·KL (σ²).
    /// </summary>
    public double LossWithoutConstant(double loss)
    {
        int n = Normalization.Particles;
        if (Options.Decoder == FluidDecoder.Configuration) return loss - n * (n - 1) / 4.0 * Math.Log(Math.PI);
        double d = n * n;
        return loss - d / 2 * Math.Log(2 * Math.PI * d / 2);
    }

    /// <summary>Per-sample reconstruction error of decode(μ(x)). Matrix decoder: the MSE over the N² entries, in the model's
    /// normalised input units (<see cref="Normalization"/>). Configuration decoder (whose entries are in its own particle
    /// order): the mean over the M = N(N − 1)/2 sorted pair distances of their squared difference, σ².</summary>
    /// <param name="matrices">Distance matrices [count, N, N] with the model's N.</param>
    /// <returns>Shape [count].</returns>
    /// <exception cref="ArgumentException">N differs from the model's.</exception>
    public IReadOnlyList<double> ReconstructionErrors(DistanceMatrixSet matrices)
    {
        Check(matrices);
        if (Options.Decoder == FluidDecoder.Configuration) return Array.AsReadOnly(SortedDistanceErrors(matrices, Reconstruct(matrices)));
        var errors = new double[matrices.Count];
        int d = matrices.Particles * matrices.Particles;
        for (int start = 0; start < matrices.Count; start += Chunk)
        {
            var x = Slice(matrices, start);
            var reconstruction = Model.Decode(Model.Encode(x).Mean);
            var features = x.Features;
            for (int i = 0; i < x.Count; i++)
            {
                double sum = 0;
                for (int j = 0; j < d; j++)
                {
                    double r = features[i * d + j] - reconstruction[i, j];
                    sum += r * r;
                }
                errors[start + i] = sum / d;
            }
        }
        return Array.AsReadOnly(errors);
    }

    /// <summary>Per matrix, the mean over the pairs i &lt; j of the squared difference of the two sets' sorted pair
    /// distances (upper triangles), σ²: the configuration decoder's reconstruction error, blind to particle order.</summary>
    /// <param name="truth">Matrices [count, N, N], σ.</param>
    /// <param name="decoded">Matrices of the same count and N, σ, in any particle order.</param>
    /// <returns>Shape [count].</returns>
    internal static double[] SortedDistanceErrors(DistanceMatrixSet truth, DistanceMatrixSet decoded)
    {
        int n = truth.Particles, d = n * n, pairs = n * (n - 1) / 2;
        var errors = new double[truth.Count];
        var x = new double[pairs];
        var y = new double[pairs];
        for (int k = 0; k < truth.Count; k++)
        {
            var a = truth.Values.Slice(k * d, d);
            var b = decoded.Values.Slice(k * d, d);
            for (int i = 0, p = 0; i < n; i++)
                for (int j = i + 1; j < n; j++, p++)
                {
                    x[p] = a[i * n + j];
                    y[p] = b[i * n + j];
                }
            Array.Sort(x);
            Array.Sort(y);
            double sum = 0;
            for (int p = 0; p < pairs; p++) sum += (x[p] - y[p]) * (x[p] - y[p]);
            errors[k] = sum / pairs;
        }
        return errors;
    }

    /// <summary>Posterior means μ(x), shape [count, latent] (a fresh matrix).</summary>
    /// <exception cref="ArgumentException">N differs from the model's.</exception>
    public Matrix<double> LatentMeans(DistanceMatrixSet matrices)
    {
        Check(matrices);
        var mean = Matrix<double>.Build.Dense(matrices.Count, Model.LatentSize);
        for (int start = 0; start < matrices.Count; start += Chunk)
            mean.SetSubMatrix(start, 0, Model.Encode(Slice(matrices, start)).Mean);
        return mean;
    }

    /// <summary>Reconstructed distance matrices decode(μ(x)) in σ, [count, N, N].</summary>
    /// <exception cref="ArgumentException">N differs from the model's.</exception>
    public DistanceMatrixSet Reconstruct(DistanceMatrixSet matrices)
    {
        Check(matrices);
        int d = matrices.Particles * matrices.Particles;
        var values = new float[(long)matrices.Count * d];
        for (int start = 0; start < matrices.Count; start += Chunk)
        {
            var x = Slice(matrices, start);
            var r = Model.Decode(Model.Encode(x).Mean);
            for (int i = 0; i < x.Count; i++)
                for (int j = 0; j < d; j++)
                    values[(long)(start + i) * d + j] = (float)Normalization.Inverse(r[i, j], j);
        }
        return new DistanceMatrixSet(values, matrices.Count, matrices.Particles);
    }

    /// <summary>Decodes latent codes to distance matrices in σ (the decoder mean mapped back through <see cref="Normalization"/>).</summary>
    /// <param name="latent">Codes [samples, latent].</param>
    /// <returns>[samples, N, N] in σ; not symmetrised, diagonal not forced to 0 (a fresh set).</returns>
    /// <exception cref="ArgumentException"><paramref name="latent"/> has the wrong number of columns.</exception>
    public DistanceMatrixSet Decode(Matrix<double> latent)
    {
        var r = Model.Decode(latent);
        int d = r.ColumnCount, n = Normalization.Particles;
        var values = new float[(long)r.RowCount * d];
        for (int i = 0; i < r.RowCount; i++)
            for (int j = 0; j < d; j++)
                values[(long)i * d + j] = (float)Normalization.Inverse(r[i, j], j);
        return new DistanceMatrixSet(values, r.RowCount, n);
    }

    /// <summary>
    /// Importance-sampled log-likelihood log p̂(x) = log (1/K) Σ_k p(x, z_k)/q(z_k|x) of every matrix (Burda et al. 2016,
    /// eq. 8), through Core's <see cref="Core.Models.Objectives.ImportanceSampledLogLikelihood"/>, in nats of the
    /// normalised inputs. K = 1 gives a single-sample ELBO estimate (with KL weight 1, not λ).
    /// </summary>
    /// <param name="matrices">Distance matrices with the model's N.</param>
    /// <param name="samples">K ≥ 1.</param>
    /// <param name="seed">Seed of the importance samples.</param>
    /// <returns>Shape [count], nats.</returns>
    /// <exception cref="ArgumentException">N differs from the model's.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="samples"/> &lt; 1.</exception>
    public IReadOnlyList<double> LogLikelihoods(DistanceMatrixSet matrices, int samples, int seed)
    {
        Check(matrices);
        ArgumentOutOfRangeException.ThrowIfLessThan(samples, 1);
        return Core.Models.Objectives.ImportanceSampledLogLikelihood.Estimate(Model, FluidVae.ToDataset(matrices, Normalization, "fluids"), samples, seed).PerSample;
    }

    /// <summary>Writes <c>model.safetensors</c> (Core's format; the architecture in its metadata for the matrix decoder),
    /// <c>normalization.npy</c> (<c>&lt;f8</c> [2, N²]: offset in σ, scale in 1/σ) and <c>fluid_vae.json</c> (scaling, λ,
    /// epochs, seed, the SHA-256 of the other two files; for the configuration decoder also its hidden sizes and the
    /// encoder's architecture) into <paramref name="directory"/>, each atomically and the JSON last: a save interrupted
    /// over an older model leaves hashes that do not match, which <see cref="Load(string)"/> reports instead of mixing the two.</summary>
    public void Save(string directory)
    {
        Directory.CreateDirectory(directory);
        Model.Save(Path.Combine(directory, ModelFile));
        int d = Normalization.Particles * Normalization.Particles;
        Npy.Write<double>(Path.Combine(directory, NormalizationFile), Normalization.Offset.Concat(Normalization.Scale).ToArray(), [2, d]);
        var meta = new JsonObject
        {
            ["scaling"] = (int)Normalization.Scaling, ["lambda"] = Options.Lambda, ["epochs"] = Options.Epochs, ["seed"] = Options.Seed,
            [ModelHashKey] = Sha256(Path.Combine(directory, ModelFile)), [NormalizationHashKey] = Sha256(Path.Combine(directory, NormalizationFile)),
        };
        if (Options.Decoder == FluidDecoder.Configuration)
        {
            meta["decoder"] = "configuration";
            meta["configurationHiddenSizes"] = new JsonArray(Options.ConfigurationHiddenSizes.Select(h => (JsonNode?)h).ToArray());
            meta["encoder"] = JsonNode.Parse(FluidVae.Architecture(Normalization.Particles, Options).ToJson());
        }
        AtomicFile.WriteAllText(Path.Combine(directory, ScaleFile), meta.ToJsonString());
    }

    /// <summary>Loads a model written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">A file is missing.</exception>
    /// <exception cref="InvalidDataException">A file is malformed: <c>fluid_vae.json</c> lacks one of scaling, lambda,
    /// epochs and seed, has a non-number or a non-integral scaling, epochs or seed, or records a SHA-256 that
    /// <c>model.safetensors</c> or <c>normalization.npy</c> does not have (files from different saves, e.g. an
    /// interrupted <see cref="Save"/>; files saved before the hashes were recorded are not checked).</exception>
    public static FluidVaeModel Load(string directory)
    {
        var metaFile = Path.Combine(directory, ScaleFile);
        JsonObject meta;
        try
        {
            meta = JsonNode.Parse(File.ReadAllText(metaFile)) as JsonObject ?? throw new InvalidDataException($"'{metaFile}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{metaFile}' is malformed: {e.Message}", e);
        }
        try
        {
            return Load(directory, meta);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{metaFile}' does not describe a model: {e.Message}", e);
        }
    }

    private static FluidVaeModel Load(string directory, JsonObject meta)
    {
        double Number(string key) =>
            (meta[key] ?? throw new InvalidDataException($"{ScaleFile} in '{directory}' has no '{key}'.")).GetValue<double>();
        int Integer(string key)
        {
            double value = Number(key);
            if (value != Math.Round(value) || value < int.MinValue || value > int.MaxValue)
                throw new InvalidDataException($"{ScaleFile} in '{directory}' has '{key}' = {value}; expected an integer.");
            return (int)value;
        }
        RequireHash(directory, meta, ModelHashKey, ModelFile);
        RequireHash(directory, meta, NormalizationHashKey, NormalizationFile);
        var decoder = meta["decoder"]?.GetValue<string>() switch
        {
            null or "matrix" => FluidDecoder.DistanceMatrix,
            "configuration" => FluidDecoder.Configuration,
            var other => throw new InvalidDataException($"{ScaleFile} in '{directory}' has an unknown 'decoder' '{other}'."),
        };
        var scaling = (FluidInputScaling)Integer("scaling");
        if (!Enum.IsDefined(scaling)) throw new InvalidDataException($"{ScaleFile} in '{directory}' has an unknown 'scaling' {Number("scaling")}.");
        var encoder = decoder == FluidDecoder.Configuration
            ? VaeArchitecture.FromJson(meta["encoder"]?.ToJsonString() ?? throw new InvalidDataException($"{ScaleFile} in '{directory}' has no 'encoder'."))
            : null;
        var model = encoder is null ? VariationalAutoencoder.Load(Path.Combine(directory, ModelFile)) : null;
        var architecture = encoder ?? model!.Architecture;
        int n = architecture.InputShape[1];
        var options = FluidVaeOptions.Default with
        {
            LatentSize = architecture.LatentSize, Convolutions = architecture.Convolutions, HiddenSizes = architecture.HiddenSizes,
            InputScaling = scaling, Lambda = Number("lambda"), Epochs = Integer("epochs"), Seed = Integer("seed"), Decoder = decoder,
        };
        if (decoder == FluidDecoder.Configuration)
            options = options with { ConfigurationHiddenSizes = meta["configurationHiddenSizes"]?.AsArray().Select(h => h!.GetValue<int>()).ToArray() ?? [] };
        var file = Path.Combine(directory, NormalizationFile);
        var stored = Npy.Read(file);
        if (stored.Shape.Count != 2 || stored.Shape[0] != 2 || stored.Shape[1] != n * n)
            throw new InvalidDataException($"'{file}' has shape ({string.Join(", ", stored.Shape)}); expected (2, {n * n}).");
        var values = stored.ToDoubleArray();
        FluidInputNormalization normalization;
        try
        {
            normalization = FluidInputNormalization.FromOffsetScale(scaling, n, values[..(n * n)], values[(n * n)..]);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{file}' is not a valid normalisation: {e.Message}", e);
        }
        if (model is null)
        {
            model = FluidVae.Create(n, normalization, options);
            model.LoadParameters(Path.Combine(directory, ModelFile));
        }
        return new FluidVaeModel(model, normalization, options, []);
    }

    private const string ModelHashKey = "modelSha256";
    private const string NormalizationHashKey = "normalizationSha256";

    private static string Sha256(string file)
    {
        using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stream));
    }

    /// <summary>When <paramref name="meta"/> records a hash for <paramref name="name"/> (saves from this version on), the file must have it.</summary>
    private static void RequireHash(string directory, JsonObject meta, string key, string name)
    {
        if (meta[key] is not { } node) return;
        var file = Path.Combine(directory, name);
        if (!File.Exists(file)) throw new FileNotFoundException($"'{file}' is missing.", file);
        string expected = node.GetValue<string>(), actual = Sha256(file);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"'{file}' has SHA-256 {actual}, but {ScaleFile} records {expected}: the files come from different saves (an interrupted Save?).");
    }

    private DistanceMatrixSet Check(DistanceMatrixSet matrices)
    {
        ArgumentNullException.ThrowIfNull(matrices);
        var shape = Model.InputShape;
        if (matrices.Particles != shape[1])
            throw new ArgumentException($"matrices are {matrices.Particles}×{matrices.Particles}; the model expects {shape[1]}×{shape[2]}.", nameof(matrices));
        return matrices;
    }

    private Core.Data.Dataset Slice(DistanceMatrixSet matrices, int start)
    {
        int count = Math.Min(Chunk, matrices.Count - start), d = matrices.Particles * matrices.Particles;
        var part = new DistanceMatrixSet(matrices.Values.Slice(start * d, count * d), count, matrices.Particles);
        return FluidVae.ToDataset(part, Normalization, "fluids");
    }
}
