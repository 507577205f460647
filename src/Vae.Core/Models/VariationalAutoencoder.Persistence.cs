using System.Text.Json;
using TorchSharp;
using Vae.Core.IO;
using static TorchSharp.torch;

namespace Vae.Core.Models;

public sealed partial class VariationalAutoencoder
{
    /// <summary>Metadata key holding <see cref="VaeArchitecture.ToJson"/> in a saved model.</summary>
    public const string ArchitectureMetadataKey = "vae.architecture";

    /// <summary>Metadata key holding the input shape of a saved model (custom modules included).</summary>
    public const string InputShapeMetadataKey = "vae.input_shape";

    /// <summary>Saves the parameters (the module's <c>state_dict</c>) to a safetensors file, F32 for float32 models and
    /// F64 for float64, with the architecture (built-in models) and input shape in <c>__metadata__</c>; written atomically
    /// (temporary file, then rename). PyTorch loads it into the twin of <c>tools/reference/torch_vae_common.py</c> with a
    /// strict <c>load_state_dict</c>.</summary>
    /// <param name="path">Target file, e.g. <c>DIR/model.safetensors</c>; the directory must exist.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public void Save(string path) => ToSafeTensors(new Dictionary<string, string>(), []).Write(path);

    /// <summary>Loads a built-in-architecture model saved by <see cref="Save"/>, by a training checkpoint, or by the retired
    /// hand-written engine (its names <c>mu.*</c>, <c>log_variance.*</c> and <c>decoder_log_variance</c> are mapped).
    /// float32 on the CPU. A model of custom modules is loaded with <see cref="LoadParameters(string)"/> on a fresh instance.</summary>
    /// <param name="path">A <c>model.safetensors</c> file.</param>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is malformed, has no architecture, or a tensor is missing or has the wrong shape.</exception>
    public static VariationalAutoencoder Load(string path)
    {
        var file = SafeTensorsFile.Read(path);
        if (!file.Metadata.TryGetValue(ArchitectureMetadataKey, out var json))
            throw new InvalidDataException($"'{path}' has no '{ArchitectureMetadataKey}' metadata; it was not saved by Vae from a built-in architecture (load custom models with LoadParameters).");
        var architecture = VaeArchitecture.FromJson(json);
        architecture.CheckStoredIn(file, path);
        var model = Create(architecture, 0);
        model.LoadParameters(file, path);
        return model;
    }

    /// <summary>Overwrites the parameters with the tensors of <paramref name="path"/>, checking every name and shape first
    /// (all or nothing). Tensors named <c>optimizer.*</c> (checkpoints) are ignored.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A tensor is missing, unexpected, or has the wrong shape; the model is unchanged.</exception>
    public void LoadParameters(string path) => LoadParameters(SafeTensorsFile.Read(path), path);

    /// <summary>The names the retired hand-written engine (Vae ≤ 0.1) gave to what the encoder and likelihood now own.</summary>
    internal static string CurrentName(string name) =>
        name.StartsWith("mu.", StringComparison.Ordinal) || name.StartsWith("log_variance.", StringComparison.Ordinal) ? "encoder." + name
        : name == "decoder_log_variance" ? "likelihood.log_variance"
        : name;

    /// <summary>The parameters (and <paramref name="extra"/> tensors) as safetensors content with the metadata.</summary>
    internal SafeTensorsFile ToSafeTensors(IReadOnlyDictionary<string, string> metadata, IReadOnlyList<SafeTensorsEntry> extra)
    {
        var meta = new Dictionary<string, string>(metadata)
        {
            [InputShapeMetadataKey] = JsonSerializer.Serialize(_inputShape),
            ["format"] = "pt",
            ["vae.version"] = typeof(VariationalAutoencoder).Assembly.GetName().Version?.ToString() ?? "unknown",
        };
        if (_architecture is not null) meta[ArchitectureMetadataKey] = _architecture.ToJson();
        var tensors = named_parameters().Select(p => Entry(p.name, p.parameter)).Concat(extra).ToArray();
        return new SafeTensorsFile(tensors, meta);
    }

    /// <summary>A tensor as a safetensors entry (F64 for float64 tensors, else F32), copied to the CPU.</summary>
    internal static SafeTensorsEntry Entry(string name, Tensor t)
    {
        var shape = t.shape.Select(s => checked((int)s)).ToArray();
        using var scope = NewDisposeScope();
        var cpu = t.detach().cpu().contiguous();
        return t.dtype == ScalarType.Float64
            ? SafeTensorsEntry.FromDouble(name, shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(cpu.bytes))
            : SafeTensorsEntry.FromSingle(name, shape, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(cpu.to(float32).contiguous().bytes));
    }

    /// <summary>Copies a safetensors entry into <paramref name="target"/> (same shape), converting the element type.</summary>
    internal static void CopyInto(Tensor target, SafeTensorsEntry entry)
    {
        using var scope = NewDisposeScope();
        var source = entry.DType == SafeTensorsDType.F64
            ? tensor(entry.ToDoubleArray(), target.shape)
            : tensor(entry.ToSingleArray(), target.shape);
        using (no_grad()) target.copy_(source.to(target.dtype).to(target.device));
    }

    /// <summary>Checks every parameter's presence and shape first, then copies (all or nothing).</summary>
    internal void LoadParameters(SafeTensorsFile file, string source)
    {
        var parameters = named_parameters().ToDictionary(p => p.name, p => p.parameter, StringComparer.Ordinal);
        var found = new Dictionary<string, SafeTensorsEntry>(StringComparer.Ordinal);
        foreach (var t in file.Tensors)
        {
            if (t.Name.StartsWith("optimizer.", StringComparison.Ordinal)) continue;
            var name = CurrentName(t.Name);
            if (!parameters.ContainsKey(name))
                throw new InvalidDataException($"'{source}' has a tensor '{t.Name}' that the model ({this}) does not contain.");
            found[name] = t;
        }
        foreach (var (name, p) in parameters)
        {
            var t = found.GetValueOrDefault(name)
                ?? throw new InvalidDataException($"'{source}' lacks the tensor '{name}' [{string.Join(", ", p.shape)}] of the model ({this}).");
            if (!t.Shape.Select(s => (long)s).SequenceEqual(p.shape))
                throw new InvalidDataException($"'{source}': tensor '{t.Name}' has shape [{string.Join(", ", t.Shape)}]; the model ({this}) needs [{string.Join(", ", p.shape)}].");
        }
        foreach (var (name, p) in parameters) CopyInto(p, found[name]);
    }
}
