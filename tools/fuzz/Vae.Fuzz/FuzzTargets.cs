using System.Text;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Sweeps;
using Vae.Fluids.Data;

namespace Vae.Fuzz;

/// <summary>
/// One fuzz target per file reader, each stating the reader's contract (docs/fuzzing.md): for any bytes, the reader
/// returns a value or throws <see cref="InvalidDataException"/>; any other exception escapes the target and is a
/// finding (AFL++ records it as a crash; the NUnit contract test fails). Allocation beyond what the input justifies shows
/// up as <see cref="OutOfMemoryException"/> or as a hang under AFL's time limit.
/// </summary>
/// <remarks>Compiled into the fuzzing executable and, as a linked source file, into tests/Vae.Tests.</remarks>
public static class FuzzTargets
{
    /// <summary>The targets by the name <c>tools/fuzz/run.sh</c> and the corpus folders use.</summary>
    public static IReadOnlyDictionary<string, Action<byte[]>> All { get; } = new Dictionary<string, Action<byte[]>>
    {
        ["idx"] = Idx,
        ["npy"] = Npy,
        ["safetensors"] = SafeTensors,
        ["metadata"] = Metadata,
        ["sweep"] = Sweep,
    }.AsReadOnly();

    /// <summary>MNIST IDX files, plain or gzip: <c>IdxReader.Read</c> with the images and with the labels magic.</summary>
    public static void Idx(byte[] data)
    {
        foreach (int magic in new[] { IdxReader.ImagesMagic, IdxReader.LabelsMagic })
        {
            try
            {
                var array = IdxReader.Read(new MemoryStream(data, writable: false), "fuzz.idx", magic);
                long product = array.Dimensions.Aggregate(1L, (a, b) => a * b);
                if (array.Data.Length != product) throw new InvalidOperationException($"IDX accepted {array.Data.Length} data bytes for dimensions whose product is {product}.");
            }
            catch (InvalidDataException) { }
        }
    }

    /// <summary>NumPy files: <c>Npy.Read(Stream)</c>, then the trailing-byte check of <c>Npy.Read(path)</c>, then the
    /// element accessors.</summary>
    public static void Npy(byte[] data)
    {
        try
        {
            using var stream = new MemoryStream(data, writable: false);
            var array = Vae.Core.IO.Npy.Read(stream, "fuzz.npy");
            long product = array.Shape.Aggregate(1L, (a, b) => a * b);
            if (array.Length != product) throw new InvalidOperationException($".npy accepted {array.Length} elements for shape ({string.Join(", ", array.Shape)}).");
            _ = array.ToDoubleArray();
        }
        catch (InvalidDataException) { }
    }

    /// <summary>Safetensors files: <c>SafeTensorsFile.Parse</c>, the tensors' accessors, and for a model file the
    /// architecture metadata with the size check that <c>VariationalAutoencoder.Load</c> makes before building anything.</summary>
    public static void SafeTensors(byte[] data)
    {
        try
        {
            var file = SafeTensorsFile.Parse(data, "fuzz.safetensors");
            foreach (var t in file.Tensors)
            {
                long product = t.Shape.Aggregate(1L, (a, b) => a * b);
                if (t.Length != product) throw new InvalidOperationException($"safetensors accepted '{t.Name}' with Length {t.Length} for shape [{string.Join(", ", t.Shape)}].");
                _ = t.ToDoubleArray();
            }
            if (file.Metadata.TryGetValue(VariationalAutoencoder.ArchitectureMetadataKey, out var json))
                VaeArchitecture.FromJson(json).CheckStoredIn(file, "fuzz.safetensors");
        }
        catch (InvalidDataException) { }
    }

    /// <summary>Fluids <c>metadata.json</c>: <c>FluidDataSetMetadata.Parse</c> of the bytes as UTF-8 text (invalid
    /// sequences replaced, as <c>File.ReadAllText</c> does).</summary>
    public static void Metadata(byte[] data)
    {
        try { FluidDataSetMetadata.Parse(Encoding.UTF8.GetString(data), "metadata.json"); }
        catch (InvalidDataException) { }
    }

    /// <summary>Sweep files: <c>SweepDefinition.Parse</c> of the bytes as UTF-8 text, then the expansion into runs.</summary>
    public static void Sweep(byte[] data)
    {
        try
        {
            var definition = SweepDefinition.Parse(Encoding.UTF8.GetString(data), "sweep.json");
            _ = definition.Fingerprint();
        }
        catch (InvalidDataException) { }
    }
}
