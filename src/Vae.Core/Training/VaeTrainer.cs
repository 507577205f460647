using System.Diagnostics;
using System.Numerics;
using MathNet.Numerics;
using MathNet.Numerics.Random;
using Vae.Core.Data;
using Vae.Core.Engine;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;

namespace Vae.Core.Training;

/// <summary>
/// Minibatch training of a <see cref="VariationalAutoencoder{T}"/> with Adam: seeded shuffling, per-epoch
/// evaluation, checkpoints, a NaN/Inf guard, progress, cancellation and a per-epoch callback.
/// </summary>
/// <remarks>
/// <para>Determinism: the model is initialised from <see cref="TrainingOptions.Seed"/>; epoch e draws its shuffle,
/// its training noise, its evaluation noise and its log-likelihood noise from four MathNet
/// <c>Xoshiro256StarStar</c> streams seeded by a hash of (seed, e, stream). Results are bit-reproducible for a fixed
/// seed and MKL thread count, and a run resumed from an epoch checkpoint continues bit-identically.</para>
/// <para>Guard: a non-finite loss or gradient norm stops training with <see cref="TrainingDivergedException"/>
/// before the optimiser step, so the parameters and the last checkpoint stay good.</para>
/// </remarks>
public static class VaeTrainer
{
    /// <summary>Creates a model from <paramref name="architecture"/> (seeded by <see cref="TrainingOptions.Seed"/>) and trains it.</summary>
    /// <inheritdoc cref="Train{T}(VariationalAutoencoder{T}, Dataset, Dataset?, TrainingOptions, Action{EpochSummary, VariationalAutoencoder{T}}?, IProgress{TrainingProgress}?, CancellationToken)"/>
    public static TrainingResult<T> Train<T>(VaeArchitecture architecture, Dataset train, Dataset? test, TrainingOptions options,
        Action<EpochSummary, VariationalAutoencoder<T>>? onEpoch = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        return Train(VariationalAutoencoder<T>.Create(architecture, options.Seed), train, test, options, onEpoch, progress, cancellationToken);
    }

    /// <summary>Trains <paramref name="model"/> in place.</summary>
    /// <param name="model">The model to train (bound: its parameters are updated).</param>
    /// <param name="train">Training samples; feature count = the architecture's; values in [0, 1] for a Bernoulli decoder.</param>
    /// <param name="test">Held-out samples evaluated after every epoch, or null.</param>
    /// <param name="options">Epochs, batch size, optimiser, objective, seed, checkpoints.</param>
    /// <param name="onEpoch">Called after every epoch with its summary and read access to the model (e.g. to encode probe data); may be null.</param>
    /// <param name="progress">Receives a report after every minibatch; may be null.</param>
    /// <param name="cancellationToken">Checked before every minibatch; the last epoch checkpoint stays valid.</param>
    /// <returns>The model and one summary per epoch.</returns>
    /// <exception cref="ArgumentException">The data do not fit the model, or an option is out of range.</exception>
    /// <exception cref="TrainingDivergedException">A loss or gradient became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from is malformed or belongs to another architecture.</exception>
    public static TrainingResult<T> Train<T>(VariationalAutoencoder<T> model, Dataset train, Dataset? test, TrainingOptions options,
        Action<EpochSummary, VariationalAutoencoder<T>>? onEpoch = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        model.CheckFeatures(train);
        if (train.Count == 0) throw new ArgumentException("The training set is empty.", nameof(train));
        if (test is not null) model.CheckFeatures(test);
        if (model.Architecture.Decoder == DecoderFamily.Bernoulli)
        {
            CheckUnitInterval(train, nameof(train));
            if (test is not null) CheckUnitInterval(test, nameof(test));
        }
        string checkpointPath = "";
        if (options.CheckpointDirectory.Length > 0)
        {
            Directory.CreateDirectory(options.CheckpointDirectory);
            checkpointPath = Path.Combine(options.CheckpointDirectory, Checkpoint.FileName);
        }

        var adam = new Adam<T>(model.Parameters, options.Optimizer);
        int startEpoch = 0;
        string lastGood = "";
        if (options.ResumeFrom.Length > 0)
        {
            startEpoch = Checkpoint.Restore(options.ResumeFrom, model, adam).Epoch;
            lastGood = options.ResumeFrom;
        }

        var objective = options.Objective;
        int n = train.Count, batchSize = Math.Min(options.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        var summaries = new List<EpochSummary>();
        for (int epoch = startEpoch + 1; epoch <= options.Epochs; epoch++)
        {
            var shuffle = RandomStream(options.Seed, epoch, 1);
            var noise = RandomStream(options.Seed, epoch, 2);
            var order = Combinatorics.GeneratePermutation(n, shuffle);
            double lossSum = 0, elboSum = 0, beta = 1;
            var clock = Stopwatch.StartNew();
            for (int b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int offset = b * batchSize, count = Math.Min(batchSize, n - offset);
                var x = model.LoadBatch(train, order, offset, count);
                var value = objective.Evaluate(model, x, noise, adam.StepCount);
                if (!value.IsFinite)
                    throw new TrainingDivergedException(epoch, b + 1, lastGood, $"the loss is {value.Loss} (−ELBO {value.NegativeElbo})");
                double norm = adam.GradientNorm();
                if (!double.IsFinite(norm))
                    throw new TrainingDivergedException(epoch, b + 1, lastGood, $"the gradient norm is {norm}");
                adam.Step();
                lossSum += value.Loss * count;
                elboSum += value.NegativeElbo * count;
                beta = value.Beta;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, b + 1, batches, lossSum / (offset + count),
                    (offset + count) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), adam.StepCount));
            }
            double seconds = clock.Elapsed.TotalSeconds;

            double? testElbo = null, testLogLikelihood = null;
            if (test is not null && test.Count > 0)
            {
                testElbo = NegativeElbo(model, test, options.BatchSize, RandomStream(options.Seed, epoch, 3));
                if (options.EvaluationSamples > 0)
                    testLogLikelihood = ImportanceSampledLogLikelihood.Estimate(model, test, options.EvaluationSamples, SeedOf(options.Seed, epoch, 4), options.BatchSize).Mean;
            }
            string written = "";
            if (checkpointPath.Length > 0)
            {
                Checkpoint.Create(model, adam, epoch, options.Seed).Write(checkpointPath);
                lastGood = written = checkpointPath;
            }
            var summary = new EpochSummary(epoch, lossSum / n, elboSum / n, testElbo, testLogLikelihood, seconds, beta, adam.StepCount, written);
            summaries.Add(summary);
            onEpoch?.Invoke(summary, model);
        }
        return new TrainingResult<T>(model, summaries.AsReadOnly());
    }

    /// <summary>Mean −ELBO (analytic KL, β = 1, one noise draw per sample) of <paramref name="data"/>, nats per sample.</summary>
    /// <exception cref="ArgumentException">The data do not fit the model.</exception>
    public static double NegativeElbo<T>(VariationalAutoencoder<T> model, Dataset data, int batchSize, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CheckFeatures(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        return NegativeElbo(model, data, batchSize, new Xoshiro256StarStar(seed, false));
    }

    private static double NegativeElbo<T>(VariationalAutoencoder<T> model, Dataset data, int batchSize, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double sum = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            int count = Math.Min(batchSize, data.Count - start);
            var x = model.LoadBatch(data, start, count);
            sum += ElboLoss.Default.Evaluate(model, x, random, computeGradients: false).NegativeElbo * count;
        }
        return sum / data.Count;
    }

    private static Xoshiro256StarStar RandomStream(int seed, int epoch, int stream) => new(SeedOf(seed, epoch, stream), false);

    /// <summary>SplitMix64 finaliser of (seed, epoch, stream), folded to 32 bits.</summary>
    internal static int SeedOf(int seed, int epoch, int stream)
    {
        ulong z = unchecked((ulong)(uint)seed * 0x9E3779B97F4A7C15UL + (ulong)epoch * 0xBF58476D1CE4E5B9UL + (ulong)stream * 0x94D049BB133111EBUL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return unchecked((int)(z ^ (z >> 32)));
    }

    private static void CheckUnitInterval(Dataset data, string name)
    {
        var f = data.Features;
        for (int i = 0; i < f.Length; i++)
            if (f[i] < 0 || f[i] > 1)
                throw new ArgumentException($"A Bernoulli decoder needs features in [0, 1]; '{data.Name}' has {f[i]} at sample {i / data.FeatureCount}, feature {i % data.FeatureCount}.", name);
    }
}
