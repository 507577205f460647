using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Sweeps;

namespace Vae.Tests.IO;

/// <summary>
/// Inputs that broke a reader's contract (docs/fuzzing.md: parse or throw <see cref="InvalidDataException"/>, and
/// allocate no more than the input justifies) before the fix, found by AFL++ (tools/fuzz/run.sh, crashing files in
/// Fixtures/fuzz) or by reading the code while writing the fuzz targets (inline bytes). Allocation is measured with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
[TestFixture]
public sealed class ReaderRegressionTests
{
    private static string Fixture(string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "fuzz", name);

    private static byte[] SafeTensors(string header, int dataBytes)
    {
        var json = Encoding.UTF8.GetBytes(header);
        var bytes = new byte[8 + json.Length + dataBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)json.Length);
        json.CopyTo(bytes, 8);
        return bytes;
    }

    private static long Allocated(Action action)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    // --- safetensors ---

    [TestCase("safetensors-invalid-utf8-metadata-value.safetensors")]
    [TestCase("safetensors-invalid-utf8-tensor-name.safetensors")]
    public void SafeTensorsHeaderWithInvalidUtf8IsInvalidData(string file)
    {
        // AFL++ finding: JsonDocument accepts the bytes and GetString() later threw InvalidOperationException.
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(File.ReadAllBytes(Fixture(file)), file));
        Assert.That(e!.Message, Does.Contain(file).And.Contain("UTF-8"));
    }

    [Test]
    public void SafeTensorsTensorNamedTwiceIsInvalidData()
    {
        // Was ArgumentException from the SafeTensorsFile constructor.
        var bytes = SafeTensors("""{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"w":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}""", 8);
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
    }

    [Test]
    public void SafeTensorsNonNumericOffsetsAreInvalidData()
    {
        // Was InvalidOperationException from JsonElement.TryGetInt64 on a string.
        var bytes = SafeTensors("""{"w":{"dtype":"F32","shape":[1],"data_offsets":["0",4]}}""", 4);
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
    }

    [Test]
    public void SafeTensorsShapeWhoseProductOverflowsIsInvalidData()
    {
        // 65536⁴ = 2⁶⁴ wrapped to 0 elements, so zero data bytes were accepted for a [65536, 65536, 65536, 65536] tensor.
        var bytes = SafeTensors("""{"w":{"dtype":"F32","shape":[65536,65536,65536,65536],"data_offsets":[0,0]}}""", 0);
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes));
        Assert.That(e!.Message, Does.Contain("'w'"));
    }

    [Test]
    public void ModelWhoseArchitectureParameterCountOverflowsFailsBeforeBuildingIt()
    {
        // ParameterCount wrapped to a negative number for these sizes, so Load's size check passed and libtorch was asked
        // for a 2³¹ × 2³¹ weight. The file holds one 4-byte tensor.
        var architecture = """{"input_shape":[2147483647],"convolutions":[],"hidden_sizes":[2147483647,2147483647],"latent_size":1,"activation":"relu","decoder":"bernoulli","decoder_log_variance":0,"learn_decoder_variance":false}""";
        var file = new SafeTensorsFile([SafeTensorsEntry.FromSingle("w", [1], [0f])],
            new Dictionary<string, string> { [VariationalAutoencoder.ArchitectureMetadataKey] = architecture });
        var path = Path.Combine(Path.GetTempPath(), $"vae-overflow-{Guid.NewGuid():N}.safetensors");
        try
        {
            file.Write(path);
            var e = Assert.Throws<InvalidDataException>(() => VariationalAutoencoder.Load(path));
            Assert.That(e!.Message, Does.Contain("more than 2^63").And.Contain("stores only 1 values"));
        }
        finally { File.Delete(path); }
    }

    [Test]
    public void ArchitectureWithMoreThanIntMaxFeaturesIsInvalid()
    {
        // FeatureCount (an int) wrapped to 0 for [65536, 65536].
        var json = """{"input_shape":[65536,65536],"convolutions":[],"hidden_sizes":[2],"latent_size":1,"activation":"relu","decoder":"bernoulli","decoder_log_variance":0,"learn_decoder_variance":false}""";
        var e = Assert.Throws<InvalidDataException>(() => VaeArchitecture.FromJson(json));
        Assert.That(e!.Message, Does.Contain("InputShape"));
    }

    [Test]
    public void ArchitectureWithAPaddingThatWrapsAroundIsInvalid()
    {
        // 2 · 2147483647 wrapped to −2, so the fit check passed and a 2³¹-pixel padding was accepted.
        var json = """{"input_shape":[1,3,3],"convolutions":[{"channels":1,"kernel_size":1,"stride":1,"padding":2147483647}],"hidden_sizes":[],"latent_size":1,"activation":"relu","decoder":"gaussian","decoder_log_variance":0,"learn_decoder_variance":false}""";
        var e = Assert.Throws<InvalidDataException>(() => VaeArchitecture.FromJson(json));
        Assert.That(e!.Message, Does.Contain("padding 2147483647"));
    }

    // --- .npy ---

    private static byte[] NpyHeaderOnly(string shape)
    {
        using var stream = new MemoryStream();
        Npy.Write<double>(stream, [1.0], [1]);
        var text = Encoding.Latin1.GetString(stream.ToArray(), 10, stream.ToArray().Length - 18).Replace("(1,)", shape, StringComparison.Ordinal);
        var header = new byte[10 + text.Length];
        Encoding.Latin1.GetBytes("\x93NUMPY\x01\x00").CopyTo(header, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(8), (ushort)text.Length);
        Encoding.Latin1.GetBytes(text).CopyTo(header, 10);
        return header;
    }

    [Test]
    public void NpyDeclaringTwoGigabytesInAFewBytesFailsBeforeAllocating()
    {
        // 268 435 455 float64 elements were allocated (2 GiB) before the read found the file truncated.
        var bytes = NpyHeaderOnly("(268435455,)");
        long allocated = 0;
        var e = Assert.Throws<InvalidDataException>(() => allocated = Allocated(() => Npy.Read(new MemoryStream(bytes), "huge.npy")));
        Assert.That(e!.Message, Does.Contain("huge.npy").And.Contain("truncated"));
        Assert.That(allocated, Is.LessThan(1 << 20), "bytes allocated for a header-only file");
    }

    [Test]
    public void NpyFromAStreamThatCannotSeekAllocatesByChunks()
    {
        var bytes = NpyHeaderOnly("(268435455,)");
        using var stream = new NonSeekable(bytes);
        long allocated = 0;
        Assert.Throws<InvalidDataException>(() => allocated = Allocated(() => Npy.Read(stream, "pipe")));
        Assert.That(allocated, Is.LessThan(40L << 20), "one 16 MiB chunk and a buffer, not 2 GiB");
    }

    [Test]
    public void NpyFromAStreamThatCannotSeekStillReadsLargeArrays()
    {
        var values = Enumerable.Range(0, 4_500_000).Select(i => (float)i).ToArray(); // 18 MB: more than one 16 MiB chunk
        using var buffer = new MemoryStream();
        Npy.Write<float>(buffer, values, [values.Length]);
        var read = Npy.Read(new NonSeekable(buffer.ToArray()), "pipe");
        Assert.That(read.Shape, Is.EqualTo(new[] { values.Length }));
        Assert.That(read.AsSpan<float>().SequenceEqual(values), Is.True, "every element read back");
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
    }

    // --- IDX ---

    [Test]
    public void GzipIdxStopsDecompressingPastTheDeclaredSize()
    {
        // Five labels, then 64 MiB of zeros: about 64 KB of gzip. The whole stream was decompressed (twice over, in a
        // MemoryStream and its copy) before the trailing bytes were reported.
        var content = new byte[8 + 5 + (64 << 20)];
        BinaryPrimitives.WriteInt32BigEndian(content, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4), 5);
        using var gzip = new MemoryStream();
        using (var gz = new GZipStream(gzip, CompressionLevel.SmallestSize, leaveOpen: true)) gz.Write(content);
        var compressed = gzip.ToArray();
        Assert.That(compressed, Has.Length.LessThan(256 << 10));
        long allocated = 0;
        var e = Assert.Throws<InvalidDataException>(() => allocated = Allocated(() => IdxReader.Read(new MemoryStream(compressed), "bomb.gz", IdxReader.LabelsMagic)));
        Assert.That(e!.Message, Does.Contain("trailing bytes"));
        Assert.That(allocated, Is.LessThan(2L << 20), "bytes allocated for a 5-label file");
    }

    [Test]
    public void GzipIdxWithAValidFileStillReads()
    {
        var content = new byte[8 + 5];
        BinaryPrimitives.WriteInt32BigEndian(content, IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(content.AsSpan(4), 5);
        new byte[] { 7, 2, 1, 0, 4 }.CopyTo(content, 8);
        using var gzip = new MemoryStream();
        using (var gz = new GZipStream(gzip, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content);
        var array = IdxReader.Read(new MemoryStream(gzip.ToArray()), "labels.gz", IdxReader.LabelsMagic);
        Assert.That(array.Dimensions, Is.EqualTo(new[] { 5 }));
        Assert.That(array.Data.ToArray(), Is.EqualTo(new byte[] { 7, 2, 1, 0, 4 }));
        using var shortGzip = new MemoryStream();
        using (var gz = new GZipStream(shortGzip, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(content.AsSpan(0, content.Length - 1));
        var e = Assert.Throws<InvalidDataException>(() => IdxReader.Read(new MemoryStream(shortGzip.ToArray()), "short.gz", IdxReader.LabelsMagic));
        Assert.That(e!.Message, Does.Contain("truncated"));
    }

    // --- sweep files ---

    [Test]
    public void SweepGridOfMoreThanMaxRunsIsRefusedBeforeExpanding()
    {
        // 5⁷ · 2 = 156 250 runs from a 300-byte file: all were expanded and validated (minutes, hundreds of MB) before.
        var json = """{"name":"big","grid":{"seed":[1,2,3,4,5],"latent":[1,2,3,4,5],"samples":[1,2,3,4,5],"epochs":[1,2,3,4,5],"alpha":[0,1,2,3,4],"beta":[0,1,2,3,4],"learning_rate":[1,2,3,4,5],"objective":["elbo","renyi"]}}""";
        long allocated = 0;
        var e = Assert.Throws<InvalidDataException>(() => allocated = Allocated(() => SweepDefinition.Parse(json, "big.json")));
        Assert.That(e!.Message, Does.Contain("big.json").And.Contain("156250 runs").And.Contain(SweepDefinition.MaxRuns.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(allocated, Is.LessThan(1 << 20));
    }
}
