using System.Diagnostics;
using MathNet.Numerics;
using MathNet.Numerics.Random;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Torch;
using static TorchSharp.torch;

namespace Vae.Core.Training;

/// <summary>
/// Minibatch training of a <see cref="VariationalAutoencoder"/> with <c>torch.optim.Adam</c>: seeded shuffling, per-epoch
/// evaluation, checkpoints with mid-epoch resume, a NaN/∞ guard, progress, cancellation and a per-epoch callback.
/// </summary>
/// <remarks>
/// <para>Determinism: the model is initialised from <see cref="TrainingOptions.Seed"/>; epoch e draws its shuffle from a
/// MathNet <c>Xoshiro256StarStar</c> stream and its training, evaluation and log-likelihood noise from libtorch CPU
/// generators, each seeded by a hash of (seed, e, stream). On the CPU, results are bit-reproducible for a fixed seed and
/// thread count, and a run resumed from a checkpoint (at an epoch boundary or mid-epoch) continues bit-identically.</para>
/// <para>Guard: a non-finite loss or gradient norm stops training with <see cref="TrainingDivergedException"/> before the
/// optimiser step, so the parameters and the last checkpoint stay good.</para>
/// <para>Cancellation: checked before every minibatch. With a checkpoint directory, the trainer first writes a checkpoint
/// at the current position (resumable bit for bit), then throws <see cref="OperationCanceledException"/>.</para>
/// </remarks>
public static class VaeTrainer
{
    /// <summary>Creates a model from <paramref name="architecture"/> (seeded by <see cref="TrainingOptions.Seed"/>) and trains it.</summary>
    /// <inheritdoc cref="Train(VariationalAutoencoder, Dataset, Dataset?, TrainingOptions, Action{EpochSummary, VariationalAutoencoder}?, IProgress{TrainingProgress}?, CancellationToken)"/>
    public static TrainingResult Train(VaeArchitecture architecture, Dataset train, Dataset? test, TrainingOptions options,
        Action<EpochSummary, VariationalAutoencoder>? onEpoch = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return Train(VariationalAutoencoder.Create(architecture, options.Seed), train, test, options, onEpoch, progress, cancellationToken);
    }

    /// <summary>Trains <paramref name="model"/> in place.</summary>
    /// <param name="model">The model to train (bound: its parameters are updated; it is moved to the options' device).</param>
    /// <param name="train">Training samples; feature count = the model's; values in [0, 1] for a Bernoulli likelihood.</param>
    /// <param name="test">Held-out samples evaluated after every epoch, or null.</param>
    /// <param name="options">Epochs, batch size, optimiser, objective, seed, checkpoints, device, threads.</param>
    /// <param name="onEpoch">Called after every epoch with its summary and the model (e.g. to encode probe data); may be null.</param>
    /// <param name="progress">Receives a report after every minibatch; may be null.</param>
    /// <param name="cancellationToken">Checked before every minibatch (see remarks).</param>
    /// <returns>The model and one summary per epoch run.</returns>
    /// <exception cref="ArgumentException">The data do not fit the model, or an option is out of range.</exception>
    /// <exception cref="NotSupportedException">The device is CUDA and TorchSharp reports none.</exception>
    /// <exception cref="TrainingDivergedException">A loss or gradient became NaN or infinite.</exception>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <exception cref="InvalidDataException">The checkpoint to resume from is malformed or belongs to another model.</exception>
    /// <exception cref="ArgumentException">Resuming with a seed, batch size, number of noise draws K
    /// (<c>Objective.Samples</c>) or training-set size other than the checkpoint's run used: these fix the sample order and
    /// the noise, so the run would not continue. Thrown before anything is written; the message names the option and both
    /// values. (Checkpoints written before the batch size, K and size were stored are checked for the seed only.)</exception>
    public static TrainingResult Train(VariationalAutoencoder model, Dataset train, Dataset? test, TrainingOptions options,
        Action<EpochSummary, VariationalAutoencoder>? onEpoch = null, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        model.CheckFeatures(train);
        if (train.Count == 0) throw new ArgumentException("The training set is empty.", nameof(train));
        if (test is not null) model.CheckFeatures(test);
        if (model.Likelihood is BernoulliLikelihood)
        {
            CheckUnitInterval(train, nameof(train));
            if (test is not null) CheckUnitInterval(test, nameof(test));
        }
        var device = TorchRuntime.ResolveDevice(options.Device);
        // Checked before the checkpoint directory is created: a resume must continue the checkpoint's run.
        var resumeFile = options.ResumeFrom.Length > 0 ? Checkpoint.Open(options.ResumeFrom, model, options, train.Count) : null;
        using var threads = options.Threads > 0 ? TorchRuntime.UseThreads(options.Threads) : null;
        string checkpointPath = "";
        if (options.CheckpointDirectory.Length > 0)
        {
            Directory.CreateDirectory(options.CheckpointDirectory);
            checkpointPath = Path.Combine(options.CheckpointDirectory, Checkpoint.FileName);
        }

        model.to(device);
        var o = options.Optimizer;
        using var adam = optim.Adam(model.parameters(), o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay);
        var position = new Checkpoint.State(0, 0, 0, [], 0, 0, 1);
        string lastGood = "";
        if (resumeFile is not null)
        {
            position = Checkpoint.Restore(resumeFile, options.ResumeFrom, model, adam);
            lastGood = options.ResumeFrom;
        }
        long step = position.Step;

        var objective = options.Objective;
        int n = train.Count, batchSize = Math.Min(options.BatchSize, n);
        int batches = (n + batchSize - 1) / batchSize;
        var parameters = model.parameters().ToArray();
        bool clip = o.MaxGradientNorm > 0;
        double maxNorm = o.MaxGradientNorm;
        var summaries = new List<EpochSummary>();
        for (int epoch = position.Epoch + 1; epoch <= options.Epochs; epoch++)
        {
            var order = Combinatorics.GeneratePermutation(n, new Xoshiro256StarStar(SeedOf(options.Seed, epoch, 1), false));
            using var noise = new Generator((ulong)(uint)SeedOf(options.Seed, epoch, 2));
            int firstBatch = 0;
            double lossSum = 0, elboSum = 0, beta = objective.BetaAt(step);
            if (epoch == position.Epoch + 1 && position.Batch > 0)
            {
                firstBatch = position.Batch;
                using (var state = tensor(position.NoiseState, dtype: ScalarType.Byte)) noise.set_state(state);
                (lossSum, elboSum, beta) = (position.LossSum, position.ElboSum, position.Beta);
            }
            model.train();
            var clock = Stopwatch.StartNew();
            for (int b = firstBatch; b < batches; b++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    if (checkpointPath.Length > 0)
                    {
                        using var state = noise.get_state();
                        Checkpoint.Create(model, adam, new Checkpoint.State(epoch - 1, b, step, state.data<byte>().ToArray(), lossSum, elboSum, beta), options, n).Write(checkpointPath);
                    }
                    cancellationToken.ThrowIfCancellationRequested();
                }
                int offset = b * batchSize, count = Math.Min(batchSize, n - offset);
                ObjectiveValue value;
                double norm;
                using (var scope = NewDisposeScope())
                {
                    var x = model.Batch(train, order, offset, count);
                    value = ObjectiveEvaluation.Evaluate(objective, model, x, noise, step);
                    if (!value.IsFinite)
                        throw new TrainingDivergedException(epoch, b + 1, lastGood, $"the loss is {value.Loss} (−ELBO {value.NegativeElbo})");
                    norm = clip ? nn.utils.clip_grad_norm_(parameters, maxNorm) : GradientNorm(parameters);
                    if (!double.IsFinite(norm))
                        throw new TrainingDivergedException(epoch, b + 1, lastGood, $"the gradient norm is {norm}");
                    adam.step();
                }
                step++;
                lossSum += value.Loss * count;
                elboSum += value.NegativeElbo * count;
                beta = value.Beta;
                progress?.Report(new TrainingProgress(epoch, options.Epochs, b + 1, batches, lossSum / (offset + count),
                    (offset + count - firstBatch * batchSize) / Math.Max(clock.Elapsed.TotalSeconds, 1e-9), step));
            }
            double seconds = clock.Elapsed.TotalSeconds;
            model.eval();

            double? testElbo = null, testLogLikelihood = null;
            if (test is not null && test.Count > 0)
            {
                testElbo = NegativeElbo(model, test, options.BatchSize, SeedOf(options.Seed, epoch, 3));
                if (options.EvaluationSamples > 0 && (epoch % options.EvaluateEvery == 0 || epoch == options.Epochs))
                    testLogLikelihood = ImportanceSampledLogLikelihood.Estimate(model, test, options.EvaluationSamples, SeedOf(options.Seed, epoch, 4), options.BatchSize).Mean;
            }
            string written = "";
            if (checkpointPath.Length > 0)
            {
                Checkpoint.Create(model, adam, new Checkpoint.State(epoch, 0, step, [], 0, 0, beta), options, n).Write(checkpointPath);
                lastGood = written = checkpointPath;
            }
            var summary = new EpochSummary(epoch, lossSum / n, elboSum / n, testElbo, testLogLikelihood, seconds, beta, step, written);
            summaries.Add(summary);
            onEpoch?.Invoke(summary, model);
        }
        return new TrainingResult(model, summaries.AsReadOnly());
    }

    /// <summary>Mean −ELBO (analytic KL, β = 1, one noise draw per sample) of <paramref name="data"/>, nats per sample.</summary>
    /// <param name="model">The model.</param>
    /// <param name="data">Samples with the model's feature count.</param>
    /// <param name="batchSize">Samples per forward pass, ≥ 1.</param>
    /// <param name="seed">Seed of the noise (a libtorch CPU generator).</param>
    /// <exception cref="ArgumentException">The data do not fit the model or have no samples, or the batch size is not positive.</exception>
    public static double NegativeElbo(VariationalAutoencoder model, Dataset data, int batchSize, int seed)
    {
        ArgumentNullException.ThrowIfNull(model);
        model.CheckFeaturesAndSamples(data);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        using var generator = new Generator((ulong)(uint)seed);
        double sum = 0;
        for (int start = 0; start < data.Count; start += batchSize)
        {
            using var scope = NewDisposeScope();
            int count = Math.Min(batchSize, data.Count - start);
            sum += ElboLoss.Default.Evaluate(model, model.Batch(data, start, count), generator, computeGradients: false).NegativeElbo * count;
        }
        return sum / data.Count;
    }

    /// <summary>‖∇θ‖₂ over every parameter that has a gradient (without clipping's rescaling pass).</summary>
    private static double GradientNorm(IReadOnlyList<TorchSharp.Modules.Parameter> parameters)
    {
        using var scope = NewDisposeScope();
        Tensor? total = null;
        foreach (var p in parameters)
        {
            var g = p.grad;
            if (g is null) continue;
            var squares = g.square().sum();
            total = total is null ? squares : total.add_(squares);
        }
        return total is null ? 0 : Math.Sqrt(total.to(float64).item<double>());
    }

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
                throw new ArgumentException($"A Bernoulli likelihood needs features in [0, 1]; '{data.Name}' has {f[i]} at sample {i / data.FeatureCount}, feature {i % data.FeatureCount}.", name);
    }
}
