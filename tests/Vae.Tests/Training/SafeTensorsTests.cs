using System.Buffers.Binary;
using System.Text;
using NUnit.Framework;
using Vae.Core.IO;
using Vae.Core.Models;

namespace Vae.Tests.Training;

[TestFixture]
public sealed class SafeTensorsTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-safetensors-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string PathOf(string name) => Path.Combine(_directory, name);

    [Test]
    public void RoundTripKeepsNamesShapesValuesAndMetadataForF32AndF64()
    {
        var file = new SafeTensorsFile(
            [SafeTensorsEntry.FromSingle("a.weight", [2, 3], [1, 2, 3, 4, 5, float.Epsilon]), SafeTensorsEntry.FromDouble("b", [1], [Math.PI])],
            new Dictionary<string, string> { ["k"] = "v" });
        file.Write(PathOf("x.safetensors"));
        var read = SafeTensorsFile.Read(PathOf("x.safetensors"));
        Assert.That(read.Tensors.Select(t => t.Name), Is.EqualTo(new[] { "a.weight", "b" }));
        Assert.That(read["a.weight"].Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(read["a.weight"].ToSingleArray(), Is.EqualTo(new[] { 1f, 2, 3, 4, 5, float.Epsilon }));
        Assert.That(read["b"].DType, Is.EqualTo(SafeTensorsDType.F64));
        Assert.That(read["b"].ToDoubleArray()[0], Is.EqualTo(Math.PI));
        Assert.That(read.Metadata["k"], Is.EqualTo("v"));
    }

    [Test]
    public void LayoutFollowsTheSafetensorsSpecification()
    {
        new SafeTensorsFile([SafeTensorsEntry.FromSingle("w", [2], [1f, -2f])], new Dictionary<string, string>()).Write(PathOf("s.safetensors"));
        var bytes = File.ReadAllBytes(PathOf("s.safetensors"));
        ulong n = BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        Assert.That(n % 8, Is.EqualTo(0UL));
        var header = Encoding.UTF8.GetString(bytes, 8, (int)n).TrimEnd();
        Assert.That(header, Is.EqualTo("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}"));
        Assert.That(BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(8 + (int)n + 4)), Is.EqualTo(-2f));
    }

    [Test]
    public void TruncatedFileIsInvalidData()
    {
        new SafeTensorsFile([SafeTensorsEntry.FromSingle("w", [4], [1f, 2, 3, 4])], new Dictionary<string, string>()).Write(PathOf("t.safetensors"));
        var bytes = File.ReadAllBytes(PathOf("t.safetensors"));
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes.AsSpan(0, bytes.Length - 3)));
        Assert.That(e!.Message, Does.Contain("'w'").And.Contain("truncated"));
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes.AsSpan(0, 5)));
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(bytes.AsSpan(0, 20)));
    }

    [Test]
    public void UnsupportedDtypeAndHolesAreInvalidData()
    {
        static byte[] File(string header, int dataBytes)
        {
            var h = Encoding.UTF8.GetBytes(header);
            var bytes = new byte[8 + h.Length + dataBytes];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)h.Length);
            h.CopyTo(bytes, 8);
            return bytes;
        }
        var e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(File("{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4)));
        Assert.That(e!.Message, Does.Contain("BF16"));
        e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(File("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8)));
        Assert.That(e!.Message, Does.Contain("holes"));
        e = Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(File("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8)));
        Assert.That(e!.Message, Does.Contain("needs 12 bytes"));
        Assert.Throws<InvalidDataException>(() => SafeTensorsFile.Parse(File("not json", 0)));
    }

    [Test]
    public void ModelRoundTripsThroughModelSafetensorsWithItsArchitecture()
    {
        var architecture = VaeArchitecture.Convolutional([1, 12, 12], [new ConvolutionSpec(4, 3, 2, 1)], [16], 3) with { LearnDecoderVariance = true, DecoderLogVariance = -1 };
        var model = VariationalAutoencoder<float>.Create(architecture, 5);
        model.Save(PathOf("model.safetensors"));
        var loaded = VariationalAutoencoder<float>.Load(PathOf("model.safetensors"));
        Assert.That(loaded.Architecture, Is.EqualTo(architecture));
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            Assert.That(loaded.Parameters[i].Name, Is.EqualTo(model.Parameters[i].Name));
            Assert.That(loaded.Parameters[i].Value.ToArray(), Is.EqualTo(model.Parameters[i].Value.ToArray()));
        }
        var asDouble = VariationalAutoencoder<double>.Load(PathOf("model.safetensors"));
        Assert.That(asDouble.Parameters[0].Value.ToArray(), Is.EqualTo(model.Parameters[0].Value.ToArray().Select(v => (double)v).ToArray()));
    }

    [Test]
    public void ParametersWithShapesOfAnotherArchitectureAreAClearError()
    {
        VariationalAutoencoder<float>.Create(VaeArchitecture.Mlp([784], [200, 200], 30), 1).Save(PathOf("a.safetensors"));
        var other = VariationalAutoencoder<float>.Create(VaeArchitecture.Mlp([784], [200, 100], 30), 1);
        var before = other.Parameters[0].Value.ToArray();
        var e = Assert.Throws<InvalidDataException>(() => other.LoadParameters(PathOf("a.safetensors")));
        Assert.That(e!.Message, Does.Contain("encoder.2.weight").And.Contain("[200, 200]").And.Contain("[100, 200]"));
        Assert.That(other.Parameters[0].Value.ToArray(), Is.EqualTo(before), "a failed load leaves the model unchanged");
        var smaller = VariationalAutoencoder<float>.Create(VaeArchitecture.Mlp([784], [200], 30), 1);
        e = Assert.Throws<InvalidDataException>(() => smaller.LoadParameters(PathOf("a.safetensors")));
        Assert.That(e!.Message, Does.Contain("does not contain"));
    }

    [Test]
    public void AnInterruptedCheckpointWriteLeavesThePreviousCheckpointLoadable()
    {
        var path = PathOf("checkpoint.safetensors");
        var good = VariationalAutoencoder<float>.Create(VaeArchitecture.Mlp([20], [8], 2), 1);
        good.Save(path);
        var newer = VariationalAutoencoder<float>.Create(VaeArchitecture.Mlp([20], [8], 2), 2);
        var content = newer.ToSafeTensors(new Dictionary<string, string>(), []);
        // Simulate the process dying mid-write: the stream fails after 300 bytes.
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => content.WriteTo(new FailingStream(s, 300))));
        var loaded = VariationalAutoencoder<float>.Load(path);
        Assert.That(loaded.Parameters[0].Value.ToArray(), Is.EqualTo(good.Parameters[0].Value.ToArray()));
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    private sealed class FailingStream(Stream inner, long limit) : Stream
    {
        private long _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _written;
        public override long Position { get => _written; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_written + buffer.Length > limit)
            {
                inner.Write(buffer[..(int)(limit - _written)]);
                throw new IOException("simulated crash during the checkpoint write");
            }
            inner.Write(buffer);
            _written += buffer.Length;
        }
    }
}
