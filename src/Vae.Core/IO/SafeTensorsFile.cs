using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Vae.Core.IO;

/// <summary>
/// A safetensors file (Hugging Face format, readable by <c>safetensors.torch.load_file</c>): 8 bytes little-endian
/// header length N, N bytes of UTF-8 JSON mapping each tensor name to <c>{"dtype", "shape", "data_offsets": [begin, end]}</c>
/// (offsets relative to the data section) plus an optional <c>"__metadata__"</c> string map, then the raw
/// little-endian data. Vae reads and writes F32 and F64.
/// </summary>
/// <remarks>
/// Writing pads the header with spaces to a multiple of 8 bytes and stores tensors in the given order; files are
/// written through <see cref="AtomicFile"/>, so a reader sees the previous or the new complete file. Reading checks
/// the header length, the JSON, every dtype, shape and offset, and that the tensors tile the data section without
/// holes or overlaps (as the format requires).
/// </remarks>
public sealed class SafeTensorsFile
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;
    private readonly SafeTensorsEntry[] _tensors;
    private readonly Dictionary<string, string> _metadata;

    /// <summary>A file content from tensors (bound, immutable) and metadata (copied).</summary>
    /// <exception cref="ArgumentException">Two tensors share a name, or a name is <c>__metadata__</c>.</exception>
    public SafeTensorsFile(IReadOnlyList<SafeTensorsEntry> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tensors)
        {
            if (t.Name == MetadataKey) throw new ArgumentException($"A tensor may not be called '{MetadataKey}'.", nameof(tensors));
            if (!names.Add(t.Name)) throw new ArgumentException($"Two tensors are called '{t.Name}'.", nameof(tensors));
        }
        _tensors = tensors.ToArray();
        _metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal);
    }

    /// <summary>The tensors, in file order.</summary>
    public IReadOnlyList<SafeTensorsEntry> Tensors => Array.AsReadOnly(_tensors);

    /// <summary>The <c>__metadata__</c> map (a read-only view).</summary>
    public IReadOnlyDictionary<string, string> Metadata => _metadata.AsReadOnly();

    /// <summary>The tensor called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such tensor.</exception>
    public SafeTensorsEntry this[string name] => TryGet(name) ?? throw new KeyNotFoundException($"The file has no tensor '{name}'.");

    /// <summary>The tensor called <paramref name="name"/>, or null.</summary>
    public SafeTensorsEntry? TryGet(string name) => Array.Find(_tensors, t => t.Name == name);

    /// <summary>Writes the file atomically (temporary file, then rename).</summary>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public void Write(string path) => AtomicFile.Write(path, WriteTo);

    /// <summary>Writes the file's bytes to <paramref name="stream"/>.</summary>
    public void WriteTo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var header = new MemoryStream();
        using (var json = new Utf8JsonWriter(header))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject(MetadataKey);
                foreach (var (k, v) in _metadata.OrderBy(p => p.Key, StringComparer.Ordinal)) json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (var t in _tensors)
            {
                json.WriteStartObject(t.Name);
                json.WriteString("dtype", t.DType.ToString());
                json.WriteStartArray("shape");
                foreach (var d in t.Shape) json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + t.Bytes.Length);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += t.Bytes.Length;
            }
            json.WriteEndObject();
        }
        while (header.Length % 8 != 0) header.WriteByte((byte)' ');
        Span<byte> length = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(length, (ulong)header.Length);
        stream.Write(length);
        header.Position = 0;
        header.CopyTo(stream);
        foreach (var t in _tensors) stream.Write(t.Bytes);
    }

    /// <summary>Reads and validates a safetensors file.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is truncated or its header is malformed (the message says what was expected).</exception>
    public static SafeTensorsFile Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"Safetensors file '{path}' does not exist.", path);
        return Parse(File.ReadAllBytes(path), path);
    }

    /// <summary>Parses the bytes of a safetensors file.</summary>
    /// <param name="bytes">The whole file.</param>
    /// <param name="source">A name for messages (e.g. the path).</param>
    /// <exception cref="InvalidDataException">The content is truncated or malformed: a header length beyond the file, a
    /// header that is not UTF-8 JSON (or names a tensor twice), a tensor without dtype, shape or offsets, a dtype other
    /// than F32/F64, a shape or offsets that disagree with each other or with the data section. Nothing else, for any
    /// content (checked by fuzzing, docs/fuzzing.md).</exception>
    /// <remarks>Memory: the parsed header and one copy of the data section; sizes are checked against the data section
    /// before anything is allocated for a tensor.</remarks>
    public static SafeTensorsFile Parse(ReadOnlySpan<byte> bytes, string source = "safetensors data")
    {
        if (bytes.Length < 8)
            throw new InvalidDataException($"'{source}' has {bytes.Length} bytes; a safetensors file starts with an 8-byte header length.");
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        if (headerLength > (ulong)Math.Min(bytes.Length - 8, MaxHeaderBytes))
            throw new InvalidDataException($"'{source}': header length {headerLength} exceeds the {bytes.Length - 8} bytes after the length field (truncated or not a safetensors file).");
        var data = bytes.Slice(8 + (int)headerLength);
        var headerBytes = bytes.Slice(8, (int)headerLength);
        // JsonDocument checks UTF-8 only where it reads a string, which would throw InvalidOperationException later.
        if (!Utf8.IsValid(headerBytes))
            throw new InvalidDataException($"'{source}': the header is not valid UTF-8.");
        JsonDocument document;
        try { document = JsonDocument.Parse(headerBytes.ToArray(), new JsonDocumentOptions { AllowDuplicateProperties = false }); }
        catch (JsonException e) { throw new InvalidDataException($"'{source}': the header is not valid JSON ({e.Message}).", e); }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"'{source}': the header must be a JSON object.");
            var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
            var entries = new List<(long Begin, long End, SafeTensorsEntry Entry)>();
            foreach (var property in document.RootElement.EnumerateObject())
            {
                if (property.Name == MetadataKey)
                {
                    if (property.Value.ValueKind != JsonValueKind.Object)
                        throw new InvalidDataException($"'{source}': __metadata__ must be an object of strings.");
                    foreach (var m in property.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String)
                            throw new InvalidDataException($"'{source}': __metadata__ value '{m.Name}' is not a string.");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                entries.Add(ParseEntry(property, data, source));
            }
            long expected = 0;
            foreach (var (begin, end, entry) in entries.OrderBy(e => e.Begin))
            {
                if (begin != expected)
                    throw new InvalidDataException($"'{source}': tensor '{entry.Name}' starts at data offset {begin}; expected {expected} (tensors must tile the data without holes or overlaps).");
                expected = end;
            }
            if (expected != data.Length)
                throw new InvalidDataException($"'{source}': the tensors cover {expected} data bytes but the file has {data.Length}.");
            return new SafeTensorsFile(entries.Select(e => e.Entry).ToArray(), metadata);
        }
    }

    private static (long, long, SafeTensorsEntry) ParseEntry(JsonProperty property, ReadOnlySpan<byte> data, string source)
    {
        var name = property.Name;
        var v = property.Value;
        if (v.ValueKind != JsonValueKind.Object
            || !v.TryGetProperty("dtype", out var dtypeElement) || dtypeElement.ValueKind != JsonValueKind.String
            || !v.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !v.TryGetProperty("data_offsets", out var offsetsElement) || offsetsElement.ValueKind != JsonValueKind.Array || offsetsElement.GetArrayLength() != 2)
            throw new InvalidDataException($"'{source}': tensor '{name}' needs \"dtype\" (string), \"shape\" (array) and \"data_offsets\" ([begin, end]).");
        var dtypeText = dtypeElement.GetString();
        SafeTensorsDType dtype = dtypeText switch
        {
            "F32" => SafeTensorsDType.F32,
            "F64" => SafeTensorsDType.F64,
            _ => throw new InvalidDataException($"'{source}': tensor '{name}' has dtype '{dtypeText}'; Vae reads F32 and F64."),
        };
        var shape = new int[shapeElement.GetArrayLength()];
        int i = 0;
        long count = 1;
        foreach (var d in shapeElement.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt32(out int dim) || dim < 0)
                throw new InvalidDataException($"'{source}': tensor '{name}' has a shape entry {d} that is not a non-negative integer.");
            shape[i++] = dim;
            // Every element needs at least 4 bytes of the data section, so a larger count can only be an error (and
            // stopping here keeps the product from overflowing).
            count = Math.Min(count * dim, (long)data.Length + 1);
        }
        var offsets = offsetsElement.EnumerateArray().ToArray();
        if (offsets[0].ValueKind != JsonValueKind.Number || offsets[1].ValueKind != JsonValueKind.Number
            || !offsets[0].TryGetInt64(out long begin) || !offsets[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw new InvalidDataException($"'{source}': tensor '{name}' has invalid data_offsets {offsetsElement}.");
        int size = dtype == SafeTensorsDType.F32 ? 4 : 8;
        if (count > data.Length)
            throw new InvalidDataException($"'{source}': tensor '{name}' ({dtypeText} [{string.Join(", ", shape)}]) needs more bytes than the {data.Length}-byte data section holds.");
        if (end - begin != count * size)
            throw new InvalidDataException($"'{source}': tensor '{name}' ({dtypeText} [{string.Join(", ", shape)}]) needs {count * size} bytes; data_offsets [{begin}, {end}] give {end - begin}.");
        if (end > data.Length)
            throw new InvalidDataException($"'{source}': tensor '{name}' ends at data offset {end} but the data section has {data.Length} bytes (truncated file).");
        return (begin, end, SafeTensorsEntry.FromBytes(name, dtype, shape, data.Slice((int)begin, (int)(end - begin)).ToArray()));
    }
}
