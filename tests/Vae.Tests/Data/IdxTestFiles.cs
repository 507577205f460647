using System.Buffers.Binary;
using System.IO.Compression;

namespace Vae.Tests.Data;

/// <summary>Writes small IDX files (plain or gzip) into a temporary directory, for corrupt-file and layout tests.</summary>
internal sealed class IdxTestFiles : IDisposable
{
    public IdxTestFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "vae-idx-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
    }

    public string Directory { get; }

    /// <summary>IDX bytes: magic, big-endian dimensions, then <paramref name="data"/>.</summary>
    public static byte[] Idx(int magic, int[] dimensions, byte[] data)
    {
        var bytes = new byte[4 + 4 * dimensions.Length + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic);
        for (int i = 0; i < dimensions.Length; i++)
            BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(bytes, 4 + 4 * dimensions.Length);
        return bytes;
    }

    public static byte[] Images(byte[] pixels, int count, int rows = 28, int columns = 28) =>
        Idx(0x00000803, [count, rows, columns], pixels);

    public static byte[] Labels(byte[] labels) => Idx(0x00000801, [labels.Length], labels);

    public static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true)) gz.Write(content);
        return output.ToArray();
    }

    /// <summary>Deterministic pseudo-random pixels for <paramref name="count"/> 28×28 images.</summary>
    public static byte[] Pixels(int count, int seed)
    {
        var bytes = new byte[count * 28 * 28];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public string Write(string name, byte[] content)
    {
        var path = Path.Combine(Directory, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    public void Dispose()
    {
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { }
    }
}
