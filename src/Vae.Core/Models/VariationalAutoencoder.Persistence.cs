using System.Numerics;
using System.Runtime.InteropServices;
using Vae.Core.Engine;
using Vae.Core.IO;

namespace Vae.Core.Models;

public sealed partial class VariationalAutoencoder<T>
{
    /// <summary>Metadata key holding <see cref="VaeArchitecture.ToJson"/> in a saved model.</summary>
    public const string ArchitectureMetadataKey = "vae.architecture";

    /// <summary>Saves the parameters to a safetensors file (F32 for <c>float</c> models, F64 for <c>double</c>) with the
    /// architecture in <c>__metadata__["vae.architecture"]</c>, written atomically (temporary file + rename).
    /// Tensor names are the <see cref="Parameters"/> names, so PyTorch loads them into the reference module.</summary>
    /// <param name="path">Target file, e.g. <c>DIR/model.safetensors</c>; the directory must exist.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public void Save(string path) => ToSafeTensors(new Dictionary<string, string>(), []).Write(path);

    /// <summary>Loads a model saved by <see cref="Save"/> (or a training checkpoint): the architecture comes from the metadata.</summary>
    /// <param name="path">A <c>model.safetensors</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, has no architecture, or a tensor is missing or has the wrong shape.</exception>
    public static VariationalAutoencoder<T> Load(string path)
    {
        var file = SafeTensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(ArchitectureMetadataKey, out var json))
            throw new InvalidDataException($"'{path}' has no '{ArchitectureMetadataKey}' metadata; it was not saved by Vae.");
        var model = Create(VaeArchitecture.FromJson(json), 0);
        model.LoadParameters(file, path);
        return model;
    }

    /// <summary>Overwrites the parameters with the tensors of <paramref name="path"/>, checking names and shapes against this model's architecture.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A tensor is missing, unexpected, or has the wrong shape; the model is left unchanged.</exception>
    public void LoadParameters(string path) => LoadParameters(SafeTensorsFile.Read(path), path);

    /// <summary>The parameters (and <paramref name="extra"/> tensors) as a safetensors content with the architecture in the metadata.</summary>
    internal SafeTensorsFile ToSafeTensors(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> extra)
    {
        var meta = new Dictionary<string, string>(metadata)
        {
            [ArchitectureMetadataKey] = Architecture.ToJson(),
            ["format"] = "pt",
            ["vae.version"] = typeof(VariationalAutoencoder<T>).Assembly.GetName().Version?.ToString() ?? "unknown",
        };
        var tensors = _parameters.Select(p => Entry(p.Name, p.Value.Shape, p.Value.AsReadOnlySpan())).Concat(extra).ToArray();
        return new SafeTensorsFile(tensors, meta);
    }

    internal static SafeTensorsEntry Entry(string name, IReadOnlyList<int> shape, ReadOnlySpan<T> values) =>
        typeof(T) == typeof(float)
            ? SafeTensorsEntry.FromSingle(name, shape, MemoryMarshal.Cast<T, float>(values))
            : SafeTensorsEntry.FromDouble(name, shape, MemoryMarshal.Cast<T, double>(values));

    internal static T[] Values(SafeTensorsEntry entry)
    {
        if (typeof(T) == typeof(float)) return (T[])(object)entry.ToSingleArray();
        return (T[])(object)entry.ToDoubleArray();
    }

    /// <summary>Checks every parameter's presence and shape first, then copies (all or nothing). Tensors named <c>optimizer.*</c> are ignored.</summary>
    internal void LoadParameters(SafeTensorsFile file, string source)
    {
        var expected = _parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var t in file.Tensors)
            if (!expected.Contains(t.Name) && !t.Name.StartsWith("optimizer.", StringComparison.Ordinal))
                throw new InvalidDataException($"'{source}' has a tensor '{t.Name}' that the architecture ({Architecture}) does not contain.");
        var values = new T[_parameters.Length][];
        for (int i = 0; i < _parameters.Length; i++)
        {
            var p = _parameters[i];
            var t = file.TryGet(p.Name) ?? throw new InvalidDataException($"'{source}' lacks the tensor '{p.Name}' {Tensor<T>.ShapeText(p.Value.Shape)} of the architecture ({Architecture}).");
            if (!t.Shape.SequenceEqual(p.Value.Shape))
                throw new InvalidDataException($"'{source}': tensor '{p.Name}' has shape {Tensor<T>.ShapeText(t.Shape)}; the architecture ({Architecture}) needs {Tensor<T>.ShapeText(p.Value.Shape)}.");
            values[i] = Values(t);
        }
        for (int i = 0; i < _parameters.Length; i++) _parameters[i].Value.CopyFrom(values[i]);
    }
}
