using System.Buffers.Binary;
using System.IO.Compression;

namespace Vae.Core.Data;

/// <summary>
/// Reads IDX files of unsigned bytes, plain or gzip-compressed (detected by the gzip magic bytes 1F 8B), and
/// checks the header against the content: magic number, positive dimensions, and declared size = actual size.
/// </summary>
/// <remarks>
/// IDX layout (big-endian): two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions d, then d
/// 32-bit dimension sizes, then the data, last index fastest. MNIST images have magic 0x00000803 (3 dimensions:
/// count, rows, columns) and labels 0x00000801 (1 dimension: count).
/// Source: LeCun &amp; Cortes, "THE MNIST DATABASE of handwritten digits", section "FILE FORMATS FOR THE MNIST DATABASE".
/// </remarks>
internal static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte IDX file with 3 dimensions (MNIST images).</summary>
    internal const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte IDX file with 1 dimension (MNIST labels).</summary>
    internal const int LabelsMagic = 0x00000801;

    private const byte GzipId1 = 0x1F;
    private const byte GzipId2 = 0x8B;

    /// <summary>Reads and checks the IDX file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is corrupt (see <see cref="Parse"/>).</exception>
    internal static IdxArray ReadFile(string path, int expectedMagic)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"IDX file '{full}' does not exist.", full);
        using var stream = File.OpenRead(full);
        return Read(stream, full, expectedMagic);
    }

    /// <summary>Reads the whole stream (decompressing gzip if its first bytes are 1F 8B) and checks it.</summary>
    /// <param name="stream">The file content; read to its end, not disposed.</param>
    /// <param name="source">A path or resource name used in messages.</param>
    /// <param name="expectedMagic"><see cref="ImagesMagic"/> or <see cref="LabelsMagic"/>.</param>
    /// <exception cref="InvalidDataException">The gzip stream or the IDX content is corrupt, or the stream is longer than
    /// the largest array. Nothing else, for any content (checked by fuzzing, docs/fuzzing.md).</exception>
    /// <remarks>Memory: the file's bytes, plus for gzip at most the decompressed header and the data it declares (the
    /// decompression stops one byte past the declared size, so a small gzip bomb cannot fill memory).</remarks>
    internal static IdxArray Read(Stream stream, string source, int expectedMagic)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek && stream.Length - stream.Position > Array.MaxLength)
            throw Corrupt(source, $"expected at most {Array.MaxLength} bytes but the file holds {stream.Length - stream.Position}");
        var raw = ReadToEnd(stream);
        var content = IsGzip(raw) ? Decompress(raw, source, expectedMagic) : raw;
        return Parse(content, source, expectedMagic);
    }

    /// <summary>True when <paramref name="bytes"/> starts with the gzip magic bytes 1F 8B (RFC 1952, section 2.3.1).</summary>
    internal static bool IsGzip(ReadOnlySpan<byte> bytes) => bytes.Length >= 2 && bytes[0] == GzipId1 && bytes[1] == GzipId2;

    /// <summary>Parses decompressed IDX bytes.</summary>
    /// <exception cref="InvalidDataException">
    /// The content is shorter than its header, the magic number is not <paramref name="expectedMagic"/>, a dimension
    /// is zero or exceeds <see cref="int.MaxValue"/>, or the data length differs from the product of the dimensions.
    /// The message names <paramref name="source"/>, what was expected and what was found.
    /// </exception>
    internal static IdxArray Parse(byte[] content, string source, int expectedMagic)
    {
        int rank = expectedMagic & 0xFF;
        string kind = DescribeMagic(expectedMagic);
        if (content.Length < 4)
            throw Corrupt(source, $"expected an IDX header of at least 4 bytes (magic 0x{expectedMagic:X8}, {kind}) but the file holds only {content.Length} bytes");
        int magic = BinaryPrimitives.ReadInt32BigEndian(content);
        if (magic != expectedMagic)
            throw Corrupt(source, $"expected magic number 0x{expectedMagic:X8} ({kind}) but found 0x{magic:X8} ({DescribeMagic(magic)})");
        int headerLength = 4 + 4 * rank;
        if (content.Length < headerLength)
            throw Corrupt(source, $"expected a {headerLength}-byte header ({rank} dimension sizes after the magic number) but the file holds only {content.Length} bytes");

        var dimensions = new int[rank];
        long expectedData = 1;
        for (int i = 0; i < rank; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(content.AsSpan(4 + 4 * i));
            if (size == 0 || size > int.MaxValue)
                throw Corrupt(source, $"expected dimension {i} to be in [1, {int.MaxValue}] but found {size}");
            dimensions[i] = (int)size;
            expectedData *= size;
            if (expectedData > Array.MaxLength - headerLength)
                throw Corrupt(source, $"declared dimensions [{string.Join(", ", dimensions.Take(i + 1))}...] exceed the largest readable array ({Array.MaxLength - headerLength} data bytes)");
        }

        long actualData = content.Length - headerLength;
        if (actualData != expectedData)
        {
            string what = actualData < expectedData ? "the file is truncated" : "the file has trailing bytes";
            throw Corrupt(source, $"the header declares dimensions [{string.Join(", ", dimensions)}], so expected {expectedData} data bytes after the {headerLength}-byte header, but found {actualData}: {what}");
        }
        return new IdxArray(source, dimensions, content, headerLength);
    }

    private static string DescribeMagic(int magic)
    {
        if ((magic & unchecked((int)0xFFFF0000)) != 0) return "not an IDX file: the first two bytes must be zero";
        int type = (magic >> 8) & 0xFF;
        int rank = magic & 0xFF;
        string typeName = type switch
        {
            0x08 => "unsigned byte",
            0x09 => "signed byte",
            0x0B => "short",
            0x0C => "int",
            0x0D => "float",
            0x0E => "double",
            _ => $"unknown type 0x{type:X2}",
        };
        string role = magic switch
        {
            ImagesMagic => ", MNIST images",
            LabelsMagic => ", MNIST labels",
            _ => "",
        };
        return $"IDX {typeName}, {rank} dimension{(rank == 1 ? "" : "s")}{role}";
    }

    private static byte[] ReadToEnd(Stream stream)
    {
        using var buffer = new MemoryStream(stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, Array.MaxLength) : 1 << 16);
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>Decompresses the header, then only as many bytes as it declares (plus one, to detect trailing bytes).</summary>
    private static byte[] Decompress(byte[] gzip, string source, int expectedMagic)
    {
        int headerLength = 4 + 4 * (expectedMagic & 0xFF);
        try
        {
            using var input = new GZipStream(new MemoryStream(gzip, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[1 << 16];
            long limit = headerLength;
            bool sized = false;
            while (true)
            {
                int n = input.Read(buffer, 0, (int)Math.Min(buffer.Length, limit - output.Length));
                if (n == 0) break;
                output.Write(buffer, 0, n);
                if (!sized && output.Length == headerLength)
                {
                    sized = true;
                    limit = DeclaredLength(output.GetBuffer(), headerLength, expectedMagic);
                }
                if (output.Length == limit)
                {
                    // One byte more than declared is enough for Parse to report trailing bytes.
                    int next = input.ReadByte();
                    if (next >= 0) output.WriteByte((byte)next);
                    break;
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw Corrupt(source, $"expected a valid gzip stream (it starts with the gzip magic 1F 8B) but decompression failed: {e.Message}", e);
        }
    }

    /// <summary>Header plus declared data length, or just the header length when the header is invalid (Parse reports it).</summary>
    private static long DeclaredLength(byte[] header, int headerLength, int expectedMagic)
    {
        if (BinaryPrimitives.ReadInt32BigEndian(header) != expectedMagic) return headerLength;
        long data = 1;
        for (int i = 4; i < headerLength; i += 4)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(i));
            if (size == 0 || size > int.MaxValue) return headerLength;
            data *= size;
            if (data > Array.MaxLength - headerLength) return headerLength;
        }
        return headerLength + data;
    }

    private static InvalidDataException Corrupt(string source, string message, Exception? inner = null) =>
        new($"IDX file '{source}': {message}.", inner);
}
