using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using Vae.Core.Collections;

namespace Vae.Core.Sweeps;

/// <summary>
/// The options of one training run of a sweep, as <c>vae train</c> takes them: data by registry name, a fully connected
/// VAE, the objective, the optimiser's learning rate, the seed. Defaults are <c>vae train</c>'s (mnist, 10 epochs,
/// batches of 100, hidden [200, 200], latent 30, ELBO with β = 1, α = 0.5, K = 1, learning rate 10⁻³, seed 1, one thread).
/// </summary>
/// <remarks>
/// <para>Identity: <see cref="Id"/> is the first 12 hex digits of SHA-256 of <see cref="ToCanonicalJson()"/>, which holds
/// every option that changes the result except the execution settings <see cref="DataDirectory"/> (a path that
/// differs between machines) and <see cref="Threads"/>; equality and hashing cover every property.</para>
/// </remarks>
public sealed record RunConfiguration
{
    /// <summary>Every property at its documented default.</summary>
    public RunConfiguration() { }

    /// <summary>A copy of <paramref name="original"/> (used by <c>with</c>; F# copies and updates with it).</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public RunConfiguration(RunConfiguration original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Dataset = original.Dataset;
        DataDirectory = original.DataDirectory;
        Epochs = original.Epochs;
        BatchSize = original.BatchSize;
        _hidden = original._hidden;
        Latent = original.Latent;
        Objective = original.Objective;
        Alpha = original.Alpha;
        Samples = original.Samples;
        Beta = original.Beta;
        AnnealSteps = original.AnnealSteps;
        LearningRate = original.LearningRate;
        EvaluationSamples = original.EvaluationSamples;
        EvaluateEvery = original.EvaluateEvery;
        BoundSamples = original.BoundSamples;
        Seed = original.Seed;
        Threads = original.Threads;
    }

    /// <summary>Registry name of the data (<see cref="DatasetRegistry.Names"/>); loaded with data seed 0, so every replica sees the same data.</summary>
    public string Dataset { get; init; } = "mnist";

    /// <summary>Directory of the IDX files for <c>mnist-full</c> and <c>fashion-mnist</c>; empty for none. Not part of <see cref="Id"/>.</summary>
    public string DataDirectory { get; init; } = "";

    /// <summary>Number of epochs, ≥ 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Minibatch size, ≥ 1.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Hidden layer sizes of the encoder (the decoder mirrors them), each ≥ 1, at least one.</summary>
    public IReadOnlyList<int> Hidden { get => _hidden; init => _hidden = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _hidden = ValueList.Copy<int>(Array.AsReadOnly(new[] { 200, 200 }));

    /// <summary>Latent dimension k, ≥ 1.</summary>
    public int Latent { get; init; } = 30;

    /// <summary><c>elbo</c> or <c>renyi</c>.</summary>
    public string Objective { get; init; } = "elbo";

    /// <summary>Rényi order α of <c>renyi</c> (0 = IWAE, 1 = ELBO); finite.</summary>
    public double Alpha { get; init; } = 0.5;

    /// <summary>Noise samples K per data point, ≥ 1.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>KL weight β of <c>elbo</c> (the target when annealing), ≥ 0, finite.</summary>
    public double Beta { get; init; } = 1.0;

    /// <summary>Steps of linear β annealing from 0 (0 = constant β), ≥ 0.</summary>
    public long AnnealSteps { get; init; }

    /// <summary>Adam learning rate η &gt; 0.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>K of the importance-sampled test log-likelihood (<c>eval_samples</c>); 0 = not computed.</summary>
    public int EvaluationSamples { get; init; }

    /// <summary>Epochs between importance-sampled evaluations (<c>eval_every</c>, ≥ 1); the last epoch is always
    /// evaluated (<see cref="TrainingOptions.EvaluateEvery"/>).</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>K of the Rényi bound L<sub>α</sub> on the test split after the last epoch (<c>bound_samples</c>, ≥ 0;
    /// 0 = not computed), at the run's <see cref="Alpha"/> for <c>renyi</c> and α = 1 (the ELBO) for <c>elbo</c>;
    /// recorded as <c>test_renyi_bound</c> (Peşte, Malagò &amp; Sârbu, Fig. 2 right, use K = 10).</summary>
    public int BoundSamples { get; init; }

    /// <summary>The order α of the bound evaluated with <see cref="BoundSamples"/>: <see cref="Alpha"/> for
    /// <c>renyi</c>, 1 for <c>elbo</c>.</summary>
    public double BoundAlpha => Objective == "renyi" ? Alpha : 1.0;

    /// <summary>Seed of initialisation, shuffling and noise.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>libtorch threads of the run, ≥ 1 (results are bit-reproducible at a fixed thread count). Not part of <see cref="Id"/>.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The run's ID: the first 12 lower-case hex digits of SHA-256 over the UTF-8 bytes of <see cref="ToCanonicalJson()"/>.</summary>
    public string Id => HashOf(ToCanonicalJson());

    /// <summary>The ID of the run's configuration across seeds: the same hash over <see cref="ToCanonicalJson()"/> without <c>seed</c>.</summary>
    public string ConfigurationId => HashOf(ToCanonicalJson(includeSeed: false));

    /// <summary>Canonical JSON of the options that determine the result: one line, keys sorted ordinally (<c>alpha,
    /// anneal_steps, batch_size, beta, [bound_samples,] dataset, epochs, [eval_every,] eval_samples, hidden, latent,
    /// learning_rate, objective, samples, seed</c>), integers in invariant culture, doubles in round-trip (<c>"R"</c>)
    /// form, no white space. The bracketed keys were added later and are written only when they differ from their
    /// defaults (0 and 1), so the IDs of runs written before them stay valid.</summary>
    /// <returns>The JSON text.</returns>
    public string ToCanonicalJson() => ToCanonicalJson(includeSeed: true);

    /// <summary>Canonical JSON, optionally without the seed (the configuration across seeds).</summary>
    /// <param name="includeSeed">Whether to write <c>seed</c>.</param>
    /// <returns>The JSON text.</returns>
    public string ToCanonicalJson(bool includeSeed)
    {
        static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        static string I(long v) => v.ToString(CultureInfo.InvariantCulture);
        var b = new StringBuilder("{");
        b.Append("\"alpha\":").Append(D(Alpha));
        b.Append(",\"anneal_steps\":").Append(I(AnnealSteps));
        b.Append(",\"batch_size\":").Append(I(BatchSize));
        b.Append(",\"beta\":").Append(D(Beta));
        if (BoundSamples != 0) b.Append(",\"bound_samples\":").Append(I(BoundSamples));
        b.Append(",\"dataset\":").Append(JsonSerializer.Serialize(Dataset));
        b.Append(",\"epochs\":").Append(I(Epochs));
        if (EvaluateEvery != 1) b.Append(",\"eval_every\":").Append(I(EvaluateEvery));
        b.Append(",\"eval_samples\":").Append(I(EvaluationSamples));
        b.Append(",\"hidden\":[").Append(string.Join(",", Hidden.Select(h => I(h)))).Append(']');
        b.Append(",\"latent\":").Append(I(Latent));
        b.Append(",\"learning_rate\":").Append(D(LearningRate));
        b.Append(",\"objective\":").Append(JsonSerializer.Serialize(Objective));
        b.Append(",\"samples\":").Append(I(Samples));
        if (includeSeed) b.Append(",\"seed\":").Append(I(Seed));
        return b.Append('}').ToString();
    }

    /// <summary>The fully connected architecture of the run for <paramref name="data"/> (Bernoulli decoder; Gaussian with learned variance for <c>classification</c>).</summary>
    /// <param name="data">The loaded data.</param>
    /// <returns>The architecture.</returns>
    public VaeArchitecture ArchitectureFor(NamedDataSplit data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return data.Name != "classification"
            ? VaeArchitecture.Mlp(data.Train.SampleShape, Hidden.ToArray(), Latent)
            : VaeArchitecture.Mlp(data.Train.SampleShape, Hidden.ToArray(), Latent, DecoderFamily.Gaussian) with { LearnDecoderVariance = true };
    }

    /// <summary>The trainer's options for this run (device CPU); the checkpoint directory and resume file are the caller's.</summary>
    /// <returns>The training options.</returns>
    /// <exception cref="ArgumentException">The objective is not <c>elbo</c> or <c>renyi</c>.</exception>
    public TrainingOptions ToTrainingOptions()
    {
        IVaeObjective objective = Objective switch
        {
            "elbo" => ElboLoss.Default with
            {
                Samples = Samples,
                Beta = AnnealSteps > 0 ? BetaSchedule.LinearAnnealing(AnnealSteps, Beta) : BetaSchedule.Constant(Beta),
            },
            "renyi" => RenyiBound.WithAlpha(Alpha, Samples),
            _ => throw new ArgumentException($"objective '{Objective}' is not one of elbo, renyi.", nameof(Objective)),
        };
        return TrainingOptions.Default with
        {
            Epochs = Epochs, BatchSize = BatchSize, Objective = objective, Seed = Seed,
            Optimizer = AdamOptions.Default with { LearningRate = LearningRate },
            EvaluationSamples = EvaluationSamples, EvaluateEvery = EvaluateEvery, Device = "cpu", Threads = Threads,
        };
    }

    /// <summary>Content equality (the hidden sizes element by element).</summary>
    /// <param name="other">The other configuration.</param>
    /// <returns>Whether every property is equal.</returns>
    public bool Equals(RunConfiguration? other) =>
        other is not null && Dataset == other.Dataset && DataDirectory == other.DataDirectory && Epochs == other.Epochs
        && BatchSize == other.BatchSize && Hidden.SequenceEqual(other.Hidden) && Latent == other.Latent && Objective == other.Objective
        && Alpha.Equals(other.Alpha) && Samples == other.Samples && Beta.Equals(other.Beta) && AnnealSteps == other.AnnealSteps
        && LearningRate.Equals(other.LearningRate) && EvaluationSamples == other.EvaluationSamples
        && EvaluateEvery == other.EvaluateEvery && BoundSamples == other.BoundSamples && Seed == other.Seed && Threads == other.Threads;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Dataset); h.Add(DataDirectory); h.Add(Epochs); h.Add(BatchSize);
        foreach (var s in Hidden) h.Add(s);
        h.Add(Latent); h.Add(Objective); h.Add(Alpha); h.Add(Samples); h.Add(Beta); h.Add(AnnealSteps);
        h.Add(LearningRate); h.Add(EvaluationSamples); h.Add(EvaluateEvery); h.Add(BoundSamples); h.Add(Seed); h.Add(Threads);
        return h.ToHashCode();
    }

    internal static string HashOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
}
