using System.Globalization;
using System.Numerics;
using Vae.Core.Engine;
using Vae.Core.IO;
using Vae.Core.Models;

namespace Vae.Core.Training;

/// <summary>
/// Training checkpoints: the model's parameters plus Adam's moments (<c>optimizer.exp_avg.NAME</c>,
/// <c>optimizer.exp_avg_sq.NAME</c>) in one safetensors file, with epoch, step and seed in the metadata. Written
/// atomically, so an interrupted write leaves the previous checkpoint intact. The file also loads as a model
/// (<see cref="VariationalAutoencoder{T}.Load"/> ignores the optimizer tensors).
/// </summary>
internal static class Checkpoint
{
    internal const string FileName = "checkpoint.safetensors";
    private const string EpochKey = "vae.checkpoint.epoch";
    private const string StepKey = "vae.checkpoint.step";
    private const string SeedKey = "vae.checkpoint.seed";

    internal sealed record State(int Epoch, long Step);

    internal static SafeTensorsFile Create<T>(VariationalAutoencoder<T> model, Adam<T> adam, int epoch, int seed) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var extra = new List<SafeTensorsEntry>();
        for (int i = 0; i < adam.Parameters.Count; i++)
        {
            var p = adam.Parameters[i];
            extra.Add(VariationalAutoencoder<T>.Entry($"optimizer.exp_avg.{p.Name}", p.Value.Shape, adam.FirstMoment(i)));
            extra.Add(VariationalAutoencoder<T>.Entry($"optimizer.exp_avg_sq.{p.Name}", p.Value.Shape, adam.SecondMoment(i)));
        }
        var metadata = new Dictionary<string, string>
        {
            [EpochKey] = epoch.ToString(CultureInfo.InvariantCulture),
            [StepKey] = adam.StepCount.ToString(CultureInfo.InvariantCulture),
            [SeedKey] = seed.ToString(CultureInfo.InvariantCulture),
        };
        return model.ToSafeTensors(metadata, extra);
    }

    /// <summary>Restores parameters and optimizer state; checks that the checkpoint's architecture is the model's.</summary>
    internal static State Restore<T>(string path, VariationalAutoencoder<T> model, Adam<T> adam) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var file = SafeTensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(VariationalAutoencoder<T>.ArchitectureMetadataKey, out var json)
            || !file.Metadata.TryGetValue(EpochKey, out var epochText) || !file.Metadata.TryGetValue(StepKey, out var stepText)
            || !int.TryParse(epochText, CultureInfo.InvariantCulture, out int epoch) || !long.TryParse(stepText, CultureInfo.InvariantCulture, out long step))
            throw new InvalidDataException($"'{path}' is not a Vae training checkpoint (it lacks the architecture, epoch or step metadata).");
        var architecture = VaeArchitecture.FromJson(json);
        if (!architecture.Equals(model.Architecture))
            throw new InvalidDataException($"The checkpoint '{path}' was trained with {architecture}; the model is {model.Architecture}.");
        model.LoadParameters(file, path);
        var first = new List<T[]>();
        var second = new List<T[]>();
        foreach (var p in adam.Parameters)
        {
            first.Add(Moment(file, $"optimizer.exp_avg.{p.Name}", p, path));
            second.Add(Moment(file, $"optimizer.exp_avg_sq.{p.Name}", p, path));
        }
        adam.Restore(step, first, second);
        return new State(epoch, step);
    }

    private static T[] Moment<T>(SafeTensorsFile file, string name, Parameter<T> p, string path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var t = file.TryGet(name) ?? throw new InvalidDataException($"The checkpoint '{path}' lacks the optimizer tensor '{name}'.");
        if (!t.Shape.SequenceEqual(p.Value.Shape))
            throw new InvalidDataException($"The checkpoint '{path}': '{name}' has shape [{string.Join(", ", t.Shape)}]; expected [{string.Join(", ", p.Value.Shape)}].");
        return VariationalAutoencoder<T>.Values(t);
    }
}
