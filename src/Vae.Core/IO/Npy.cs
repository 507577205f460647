using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace Vae.Core.IO;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0, 2.0 and 3.0 on reading; 1.0, or 2.0 when the
/// header needs it, on writing): little-endian <c>'&lt;f8'</c>, <c>'&lt;f4'</c>, <c>'&lt;i4'</c>, <c>'&lt;i8'</c>
/// elements in C order. Files written here load with <c>numpy.load</c>; files from <c>numpy.save</c> of those
/// dtypes load here.
/// </summary>
/// <remarks>
/// Format: the magic <c>\x93NUMPY</c>, a major and minor version byte, the header length (uint16 for 1.0,
/// uint32 for 2.0/3.0), an ASCII (UTF-8 for 3.0) Python dict literal
/// <c>{'descr': '&lt;f8', 'fortran_order': False, 'shape': (3, 4), }</c> padded with spaces and a newline so the
/// data starts at a multiple of 64 bytes, then the raw elements. Source: NumPy enhancement proposal NEP 1 and
/// <c>numpy/lib/format.py</c>. Only little-endian hosts are supported (all .NET 10 targets).
/// </remarks>
public static partial class Npy
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];
    private const int Alignment = 64;

    /// <summary>Reads a <c>.npy</c> file.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The array, with its shape and element type.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Wrong magic, unsupported version, malformed header, unsupported dtype
    /// (big-endian, Fortran order, other types), or a data section shorter or longer than the shape requires.</exception>
    public static NpyArray Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        var array = Read(stream, path);
        if (stream.Position != stream.Length)
            throw new InvalidDataException($"'{path}' has {stream.Length - stream.Position} bytes after the data that its shape describes.");
        return array;
    }

    /// <summary>Reads one <c>.npy</c> array from the current position of <paramref name="stream"/>.</summary>
    /// <param name="stream">A readable stream positioned at the magic string.</param>
    /// <param name="name">Name used in error messages (e.g. the file name).</param>
    /// <exception cref="InvalidDataException">See <see cref="Read(string)"/>; also a shape of more than 2^28 elements.
    /// Nothing else, for any content (checked by fuzzing, docs/fuzzing.md).</exception>
    /// <remarks>Memory: at most a 1 MiB header and the elements the stream holds. A seekable stream must hold the
    /// declared data before the array is allocated; another stream is read in 16 MiB chunks, so a short one fails early.</remarks>
    public static NpyArray Read(Stream stream, string name = "stream")
    {
        ArgumentNullException.ThrowIfNull(stream);
        Span<byte> preamble = stackalloc byte[8];
        ReadExactly(stream, preamble, name, "the magic string and version");
        if (!preamble[..6].SequenceEqual(Magic))
            throw new InvalidDataException($"'{name}' is not a .npy file: the magic string \\x93NUMPY is missing.");
        int major = preamble[6], minor = preamble[7];
        if (major is < 1 or > 3 || minor != 0)
            throw new InvalidDataException($"'{name}' has .npy format version {major}.{minor}; supported are 1.0, 2.0 and 3.0.");
        Span<byte> lengthBytes = stackalloc byte[major == 1 ? 2 : 4];
        ReadExactly(stream, lengthBytes, name, "the header length");
        long headerLength = major == 1 ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes) : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > 1 << 20)
            throw new InvalidDataException($"'{name}' declares a .npy header of {headerLength} bytes, more than the 1 MiB accepted.");
        var headerBytes = new byte[headerLength];
        ReadExactly(stream, headerBytes, name, "the header");
        var header = (major == 3 ? Encoding.UTF8 : Encoding.Latin1).GetString(headerBytes);
        var (dataType, shape, count) = ParseHeader(header, name);
        var data = AllocateAndRead(stream, dataType, count, name);
        return new NpyArray(dataType, shape, data);
    }

    /// <summary>Writes <paramref name="data"/> as a <c>.npy</c> file, atomically (<see cref="AtomicFile.Write"/>).</summary>
    /// <typeparam name="T"><see cref="double"/> (<c>&lt;f8</c>), <see cref="float"/> (<c>&lt;f4</c>), <see cref="int"/> (<c>&lt;i4</c>) or <see cref="long"/> (<c>&lt;i8</c>).</typeparam>
    /// <param name="path">Destination; its directory must exist. An interrupted write leaves no partial file under this name.</param>
    /// <param name="data">Elements in C order; its length must equal the product of <paramref name="shape"/>.</param>
    /// <param name="shape">Shape tuple, each extent ≥ 0 (empty for a scalar).</param>
    /// <exception cref="ArgumentException">The length of <paramref name="data"/> does not match <paramref name="shape"/>, an extent is negative, or <typeparamref name="T"/> is unsupported.</exception>
    public static void Write<T>(string path, ReadOnlyMemory<T> data, IReadOnlyList<int> shape) where T : unmanaged
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var header = BuildHeader<T>(data.Length, shape);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(header);
            WriteElements(stream, data.Span);
        });
    }

    /// <summary>Writes <paramref name="data"/> in <c>.npy</c> format to <paramref name="stream"/> (not atomic; see <see cref="Write{T}(string, ReadOnlyMemory{T}, IReadOnlyList{int})"/> for files).</summary>
    /// <exception cref="ArgumentException">See <see cref="Write{T}(string, ReadOnlyMemory{T}, IReadOnlyList{int})"/>.</exception>
    public static void Write<T>(Stream stream, ReadOnlySpan<T> data, IReadOnlyList<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(BuildHeader<T>(data.Length, shape));
        WriteElements(stream, data);
    }

    /// <summary>The NumPy descr string of an element type, e.g. <c>&lt;f8</c>.</summary>
    public static string Descr(NpyDataType dataType) => dataType switch
    {
        NpyDataType.Float64 => "<f8",
        NpyDataType.Float32 => "<f4",
        NpyDataType.Int32 => "<i4",
        NpyDataType.Int64 => "<i8",
        _ => throw new ArgumentOutOfRangeException(nameof(dataType), dataType, "Unknown .npy data type."),
    };

    private static void WriteElements<T>(Stream stream, ReadOnlySpan<T> data) where T : unmanaged
    {
        RequireLittleEndian();
        stream.Write(MemoryMarshal.AsBytes(data));
    }

    private static byte[] BuildHeader<T>(int length, IReadOnlyList<int> shape) where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(shape);
        var dataType = DataTypeOf<T>();
        long count = 1;
        for (int i = 0; i < shape.Count; i++)
        {
            if (shape[i] < 0)
                throw new ArgumentOutOfRangeException(nameof(shape), shape[i], $"shape[{i}] must be ≥ 0.");
            count *= shape[i];
        }
        if (count != length)
            throw new ArgumentException($"data has {length} elements but shape ({string.Join(", ", shape)}) needs {count}.", nameof(shape));
        var shapeText = shape.Count switch
        {
            0 => "()",
            1 => $"({shape[0].ToString(CultureInfo.InvariantCulture)},)",
            _ => "(" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + ")",
        };
        var dict = $"{{'descr': '{Descr(dataType)}', 'fortran_order': False, 'shape': {shapeText}, }}";
        // Version 1.0 when the header length fits in uint16, otherwise 2.0 (as numpy.lib.format does).
        int major = 1;
        int total = Pad(10 + dict.Length + 1);
        if (total - 10 > ushort.MaxValue)
        {
            major = 2;
            total = Pad(12 + dict.Length + 1);
        }
        int preambleLength = major == 1 ? 10 : 12;
        var header = new byte[total];
        Magic.CopyTo(header);
        header[6] = (byte)major;
        header[7] = 0;
        if (major == 1) BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)(total - preambleLength));
        else BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(8), (uint)(total - preambleLength));
        int written = Encoding.ASCII.GetBytes(dict, header.AsSpan(preambleLength));
        header.AsSpan(preambleLength + written, total - preambleLength - written - 1).Fill((byte)' ');
        header[^1] = (byte)'\n';
        return header;

        static int Pad(int n) => (n + Alignment - 1) / Alignment * Alignment;
    }

    private static NpyDataType DataTypeOf<T>() where T : unmanaged =>
        typeof(T) == typeof(double) ? NpyDataType.Float64
        : typeof(T) == typeof(float) ? NpyDataType.Float32
        : typeof(T) == typeof(int) ? NpyDataType.Int32
        : typeof(T) == typeof(long) ? NpyDataType.Int64
        : throw new ArgumentException($"Element type {typeof(T).Name} is not supported; use double, float, int or long.", nameof(T));

    private static (NpyDataType DataType, int[] Shape, int Count) ParseHeader(string header, string name)
    {
        var text = header.TrimEnd(' ', '\n', '\0').Trim();
        if (!text.StartsWith('{') || !text.EndsWith('}'))
            throw new InvalidDataException($"'{name}' has a malformed .npy header (not a dict literal): {Shorten(header)}");
        var descr = DescrPattern().Match(text);
        var fortran = FortranPattern().Match(text);
        var shapeMatch = ShapePattern().Match(text);
        if (!descr.Success || !fortran.Success || !shapeMatch.Success)
            throw new InvalidDataException($"'{name}' has a malformed .npy header (needs 'descr', 'fortran_order' and 'shape'): {Shorten(header)}");
        var dataType = descr.Groups[1].Value switch
        {
            "<f8" => NpyDataType.Float64,
            "<f4" => NpyDataType.Float32,
            "<i4" => NpyDataType.Int32,
            "<i8" => NpyDataType.Int64,
            var other => throw new InvalidDataException($"'{name}' has dtype '{other}'; supported are '<f8', '<f4', '<i4', '<i8' (little-endian)."),
        };
        if (fortran.Groups[1].Value == "True")
            throw new InvalidDataException($"'{name}' is stored in Fortran order; only C order is supported.");
        var parts = shapeMatch.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var shape = new int[parts.Length];
        long count = 1;
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                throw new InvalidDataException($"'{name}' has a malformed shape extent '{parts[i]}' in its .npy header.");
            count *= shape[i];
            if (count > int.MaxValue / 8)
                throw new InvalidDataException($"'{name}' declares {count}+ elements, more than the 2^28 elements accepted.");
        }
        return (dataType, shape, (int)count);
    }

    /// <summary>Reads <paramref name="count"/> elements, allocating only what the stream can back: a seekable stream must
    /// hold them (checked before allocating); any other stream is read in chunks of at most 16 MiB until it has.</summary>
    private static Array AllocateAndRead(Stream stream, NpyDataType dataType, int count, string name)
    {
        RequireLittleEndian();
        int size = dataType is NpyDataType.Float64 or NpyDataType.Int64 ? 8 : 4;
        long bytes = (long)count * size;
        string what = $"{count} {dataType.ToString().ToLowerInvariant()} elements";
        if (stream.CanSeek && stream.Length - stream.Position < bytes)
            throw new InvalidDataException($"'{name}' is truncated: its shape needs {bytes} data bytes ({what}) but {Math.Max(0, stream.Length - stream.Position)} follow the header.");
        if (!stream.CanSeek && bytes > ChunkBytes)
        {
            // Grow through the chunks first, so a short stream fails before the full array exists.
            using var buffer = new MemoryStream();
            var chunk = new byte[ChunkBytes];
            while (buffer.Length < bytes)
            {
                int want = (int)Math.Min(chunk.Length, bytes - buffer.Length);
                ReadExactly(stream, chunk.AsSpan(0, want), name, what, buffer.Length, bytes);
                buffer.Write(chunk, 0, want);
            }
            return dataType switch
            {
                NpyDataType.Float64 => MemoryMarshal.Cast<byte, double>(buffer.GetBuffer().AsSpan(0, (int)bytes)).ToArray(),
                NpyDataType.Float32 => MemoryMarshal.Cast<byte, float>(buffer.GetBuffer().AsSpan(0, (int)bytes)).ToArray(),
                NpyDataType.Int32 => MemoryMarshal.Cast<byte, int>(buffer.GetBuffer().AsSpan(0, (int)bytes)).ToArray(),
                _ => MemoryMarshal.Cast<byte, long>(buffer.GetBuffer().AsSpan(0, (int)bytes)).ToArray(),
            };
        }
        Array a = dataType switch
        {
            NpyDataType.Float64 => new double[count],
            NpyDataType.Float32 => new float[count],
            NpyDataType.Int32 => new int[count],
            _ => new long[count],
        };
        var target = a switch
        {
            double[] d => MemoryMarshal.AsBytes(d.AsSpan()),
            float[] f => MemoryMarshal.AsBytes(f.AsSpan()),
            int[] i => MemoryMarshal.AsBytes(i.AsSpan()),
            _ => MemoryMarshal.AsBytes(((long[])a).AsSpan()),
        };
        ReadExactly(stream, target, name, what);
        return a;
    }

    private const int ChunkBytes = 1 << 24;

    private static void ReadExactly(Stream stream, Span<byte> buffer, string name, string what, long before = 0, long whole = -1)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = stream.Read(buffer[total..]);
            if (n == 0)
                throw new InvalidDataException($"'{name}' is truncated: it ends after {before + total} of the {(whole < 0 ? buffer.Length : whole)} bytes of {what}.");
            total += n;
        }
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException(".npy reading and writing needs a little-endian host.");
    }

    private static string Shorten(string s) => s.Length <= 120 ? s.Trim() : s[..120] + "…";

    [GeneratedRegex(@"'descr'\s*:\s*'([^']*)'")]
    private static partial Regex DescrPattern();

    [GeneratedRegex(@"'fortran_order'\s*:\s*(True|False)")]
    private static partial Regex FortranPattern();

    [GeneratedRegex(@"'shape'\s*:\s*\(([^)]*)\)")]
    private static partial Regex ShapePattern();
}
