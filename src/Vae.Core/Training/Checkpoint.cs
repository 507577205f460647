using System.Globalization;
using TorchSharp;
using TorchSharp.Modules;
using Vae.Core.IO;
using Vae.Core.Models;
using static TorchSharp.torch;

namespace Vae.Core.Training;

/// <summary>
/// Training checkpoints: the model's parameters plus Adam's moments (<c>optimizer.exp_avg.NAME</c>,
/// <c>optimizer.exp_avg_sq.NAME</c>) in one safetensors file, and in the metadata the position (epochs completed,
/// batches completed of the next epoch), the optimiser step, the noise generator's state and the running loss sums of a
/// partial epoch, and what fixes the sample order and the noise (seed, batch size, noise draws K per sample, training-set
/// size): enough to resume bit for bit, at an epoch boundary or mid-epoch, and to refuse a resume whose options would
/// change the order or the noise. Written atomically, so an
/// interrupted write leaves the previous checkpoint intact. The file also loads as a model
/// (<see cref="VariationalAutoencoder.Load"/> ignores the optimizer tensors).
/// </summary>
internal static class Checkpoint
{
    internal const string FileName = "checkpoint.safetensors";
    private const string EpochKey = "vae.checkpoint.epoch";
    private const string BatchKey = "vae.checkpoint.batch";
    private const string StepKey = "vae.checkpoint.step";
    private const string SeedKey = "vae.checkpoint.seed";
    private const string BatchSizeKey = "vae.checkpoint.batch_size";
    private const string SamplesKey = "vae.checkpoint.samples";
    private const string TrainCountKey = "vae.checkpoint.train_count";
    private const string NoiseKey = "vae.checkpoint.noise_state";
    private const string SumsKey = "vae.checkpoint.partial_sums";

    /// <summary>Where training stands: <see cref="Epoch"/> epochs complete, plus <see cref="Batch"/> batches of the next
    /// one (then <see cref="NoiseState"/> and the partial sums continue it).</summary>
    internal sealed record State(int Epoch, int Batch, long Step, byte[] NoiseState, double LossSum, double ElboSum, double Beta);

    internal static SafeTensorsFile Create(VariationalAutoencoder model, Adam adam, State state, TrainingOptions options, int trainCount)
    {
        var extra = new List<SafeTensorsEntry>();
        var moments = adam.state_dict().State;
        var names = model.named_parameters().Select(p => p.name).ToArray();
        for (int i = 0; i < names.Length; i++)
        {
            var s = (Adam.State)moments[i];
            extra.Add(VariationalAutoencoder.Entry($"optimizer.exp_avg.{names[i]}", s.exp_avg));
            extra.Add(VariationalAutoencoder.Entry($"optimizer.exp_avg_sq.{names[i]}", s.exp_avg_sq));
        }
        var metadata = new Dictionary<string, string>
        {
            [EpochKey] = state.Epoch.ToString(CultureInfo.InvariantCulture),
            [BatchKey] = state.Batch.ToString(CultureInfo.InvariantCulture),
            [StepKey] = state.Step.ToString(CultureInfo.InvariantCulture),
            [SeedKey] = options.Seed.ToString(CultureInfo.InvariantCulture),
            [BatchSizeKey] = options.BatchSize.ToString(CultureInfo.InvariantCulture),
            [SamplesKey] = options.Objective.Samples.ToString(CultureInfo.InvariantCulture),
            [TrainCountKey] = trainCount.ToString(CultureInfo.InvariantCulture),
            [NoiseKey] = Convert.ToBase64String(state.NoiseState),
            [SumsKey] = string.Join(" ", new[] { state.LossSum, state.ElboSum, state.Beta }.Select(v => v.ToString("R", CultureInfo.InvariantCulture))),
        };
        return model.ToSafeTensors(metadata, extra);
    }

    /// <summary>Reads the checkpoint at <paramref name="path"/> and checks, without changing anything, that it is a training
    /// checkpoint of <paramref name="model"/>'s architecture and that <paramref name="options"/> and the training-set size
    /// continue its run: the seed, batch size, noise draws K and sample count fix the sample order and the noise, so a
    /// resume that changes any of them would not continue the run. Values a checkpoint lacks (written before they were
    /// stored; the seed always was) are not checked.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, or another architecture.</exception>
    /// <exception cref="ArgumentException">An option or the training-set size differs from the checkpoint's run; the
    /// message names it and both values.</exception>
    internal static SafeTensorsFile Open(string path, VariationalAutoencoder model, TrainingOptions options, int trainCount)
    {
        var file = SafeTensorsFile.Read(path);
        CheckHeader(file, path, model);
        var m = file.Metadata;
        Same(SeedKey, options.Seed, nameof(options), "options.Seed");
        Same(BatchSizeKey, options.BatchSize, nameof(options), "options.BatchSize");
        Same(SamplesKey, options.Objective.Samples, nameof(options), "options.Objective.Samples");
        Same(TrainCountKey, trainCount, "train", "The training set's sample count");
        return file;

        void Same(string key, int value, string parameter, string what)
        {
            if (!m.TryGetValue(key, out var text)) return;
            if (!int.TryParse(text, CultureInfo.InvariantCulture, out int stored))
                throw new InvalidDataException($"'{path}': malformed '{key}' metadata '{text}'.");
            if (stored != value)
                throw new ArgumentException($"{what} = {value} contradicts the checkpoint '{path}', whose run used {stored} "
                    + "(it fixes the sample order and the noise); resume with the checkpoint's value.", parameter);
        }
    }

    /// <summary>Restores parameters and optimiser state; checks that the checkpoint is the model's before changing anything.</summary>
    /// <exception cref="InvalidDataException">Not a checkpoint, another architecture, or a tensor is missing or malformed.</exception>
    internal static State Restore(string path, VariationalAutoencoder model, Adam adam) => Restore(SafeTensorsFile.Read(path), path, model, adam);

    /// <inheritdoc cref="Restore(string, VariationalAutoencoder, Adam)"/>
    internal static State Restore(SafeTensorsFile file, string path, VariationalAutoencoder model, Adam adam)
    {
        var (epoch, step) = CheckHeader(file, path, model);
        var m = file.Metadata;
        int batch = 0;
        byte[] noise = [];
        double lossSum = 0, elboSum = 0, beta = 1;
        if (m.TryGetValue(BatchKey, out var batchText))
        {
            try
            {
                batch = int.Parse(batchText, CultureInfo.InvariantCulture);
                noise = Convert.FromBase64String(m.GetValueOrDefault(NoiseKey, ""));
                var sums = m.GetValueOrDefault(SumsKey, "0 0 1").Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
                (lossSum, elboSum, beta) = (sums[0], sums[1], sums[2]);
            }
            catch (Exception e) when (e is FormatException or OverflowException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"'{path}': malformed resume position metadata ({e.Message}).", e);
            }
            if (batch < 0 || (batch > 0 && noise.Length == 0))
                throw new InvalidDataException($"'{path}': batch {batch} needs a noise generator state.");
        }
        var names = model.named_parameters().ToArray();
        var moments = adam.state_dict().State;
        var first = new SafeTensorsEntry[names.Length];
        var second = new SafeTensorsEntry[names.Length];
        for (int i = 0; i < names.Length; i++)
        {
            first[i] = Moment(file, names[i].name, "exp_avg", names[i].parameter, path);
            second[i] = Moment(file, names[i].name, "exp_avg_sq", names[i].parameter, path);
        }
        model.LoadParameters(file, path);
        for (int i = 0; i < names.Length; i++)
        {
            var s = (Adam.State)moments[i];
            VariationalAutoencoder.CopyInto(s.exp_avg, first[i]);
            VariationalAutoencoder.CopyInto(s.exp_avg_sq, second[i]);
            s.step = step;
        }
        return new State(epoch, batch, step, noise, lossSum, elboSum, beta);
    }

    /// <summary>The epochs and steps completed; checks the metadata and the architecture.</summary>
    private static (int Epoch, long Step) CheckHeader(SafeTensorsFile file, string path, VariationalAutoencoder model)
    {
        var m = file.Metadata;
        if (!m.TryGetValue(EpochKey, out var epochText) || !m.TryGetValue(StepKey, out var stepText)
            || !int.TryParse(epochText, CultureInfo.InvariantCulture, out int epoch) || epoch < 0
            || !long.TryParse(stepText, CultureInfo.InvariantCulture, out long step) || step < 0)
            throw new InvalidDataException($"'{path}' is not a Vae training checkpoint (it lacks valid epoch or step metadata).");
        if (model.HasArchitecture)
        {
            if (!m.TryGetValue(VariationalAutoencoder.ArchitectureMetadataKey, out var json))
                throw new InvalidDataException($"'{path}' has no architecture metadata; it does not belong to a model built from {model.Architecture}.");
            var architecture = VaeArchitecture.FromJson(json);
            if (!architecture.Equals(model.Architecture))
                throw new InvalidDataException($"The checkpoint '{path}' was trained with {architecture}; the model is {model.Architecture}.");
        }
        return (epoch, step);
    }

    /// <summary>The moment tensor of a parameter, under its current name or the retired engine's.</summary>
    private static SafeTensorsEntry Moment(SafeTensorsFile file, string name, string kind, Tensor p, string path)
    {
        var t = file.TryGet($"optimizer.{kind}.{name}")
            ?? file.Tensors.FirstOrDefault(e => e.Name.StartsWith($"optimizer.{kind}.", StringComparison.Ordinal)
                && VariationalAutoencoder.CurrentName(e.Name[$"optimizer.{kind}.".Length..]) == name)
            ?? throw new InvalidDataException($"The checkpoint '{path}' lacks the optimizer tensor 'optimizer.{kind}.{name}'.");
        if (!t.Shape.Select(s => (long)s).SequenceEqual(p.shape))
            throw new InvalidDataException($"The checkpoint '{path}': '{t.Name}' has shape [{string.Join(", ", t.Shape)}]; expected [{string.Join(", ", p.shape)}].");
        return t;
    }
}
