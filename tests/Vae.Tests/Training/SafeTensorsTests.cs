using System.Buffers.Binary;
using System.Text;
using NUnit.Framework;
using TorchSharp;
using Vae.Core.IO;
using Vae.Core.Models;
using static TorchSharp.torch;

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
    public void ModelRoundTripsBitIdenticallyWithItsArchitectureInF32()
    {
        var architecture = VaeArchitecture.Convolutional([1, 12, 12], [new ConvolutionSpec(4, 3, 2, 1)], [16], 3) with { LearnDecoderVariance = true, DecoderLogVariance = -1 };
        var model = VariationalAutoencoder.Create(architecture, 5);
        model.Save(PathOf("model.safetensors"));
        var file = SafeTensorsFile.Read(PathOf("model.safetensors"));
        Assert.That(file.Tensors.Select(t => t.DType), Is.All.EqualTo(SafeTensorsDType.F32));
        Assert.That(file.Metadata[VariationalAutoencoder.ArchitectureMetadataKey], Is.EqualTo(architecture.ToJson()));
        Assert.That(file.Metadata[VariationalAutoencoder.InputShapeMetadataKey], Is.EqualTo("[1,12,12]"));
        var loaded = VariationalAutoencoder.Load(PathOf("model.safetensors"));
        Assert.That(loaded.Architecture, Is.EqualTo(architecture));
        Assert.That(loaded.DType, Is.EqualTo(ScalarType.Float32));
        var expected = Values(model);
        var actual = Values(loaded);
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys));
        foreach (var (name, values) in expected)
        {
            Assert.That(actual[name].Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)), name);
            Assert.That(file[name].ToSingleArray().Select(v => (double)v), Is.EqualTo(values), name);
        }
    }

    [Test]
    public void Float64ModelsAreSavedAsF64AndRoundTripBitIdentically()
    {
        var architecture = VaeArchitecture.Mlp([20], [8], 2, DecoderFamily.Gaussian) with { LearnDecoderVariance = true };
        var model = VariationalAutoencoder.Create(architecture, 4).to(float64);
        using (no_grad())
            foreach (var p in model.parameters()) p.add_(1e-12); // values a float32 cannot hold
        model.Save(PathOf("f64.safetensors"));
        var file = SafeTensorsFile.Read(PathOf("f64.safetensors"));
        Assert.That(file.Tensors.Select(t => t.DType), Is.All.EqualTo(SafeTensorsDType.F64));
        var expected = Values(model);
        foreach (var (name, values) in expected)
            Assert.That(file[name].ToDoubleArray().Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(values.Select(BitConverter.DoubleToInt64Bits)), name);

        var reloaded = VariationalAutoencoder.Create(architecture, 9).to(float64);
        reloaded.LoadParameters(PathOf("f64.safetensors"));
        foreach (var (name, values) in Values(reloaded))
            Assert.That(values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(expected[name].Select(BitConverter.DoubleToInt64Bits)), name);

        var asSingle = VariationalAutoencoder.Load(PathOf("f64.safetensors"));
        Assert.That(asSingle.DType, Is.EqualTo(ScalarType.Float32), "Load builds a float32 model");
        foreach (var (name, values) in Values(asSingle))
            Assert.That(values, Is.EqualTo(expected[name].Select(v => (double)(float)v)), name);
    }

    [Test]
    public void StateDictNamesAreThoseOfThePyTorchTwin()
    {
        // pytorch-conv.safetensors holds TorchVae(arch).state_dict() as PyTorch wrote it (tools/reference/torch_state_dict_interop.py).
        var pytorch = SafeTensorsFile.Read(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "interop", "pytorch-conv.safetensors"));
        var architecture = VaeArchitecture.FromJson(pytorch.Metadata[VariationalAutoencoder.ArchitectureMetadataKey]);
        VariationalAutoencoder.Create(architecture, 1).Save(PathOf("conv.safetensors"));
        var ours = SafeTensorsFile.Read(PathOf("conv.safetensors"));
        Assert.That(ours.Tensors.Select(t => t.Name), Is.EqualTo(pytorch.Tensors.Select(t => t.Name)));
        Assert.That(ours.Tensors.Select(t => t.Shape), Is.EqualTo(pytorch.Tensors.Select(t => t.Shape)));
        Assert.That(ours.Tensors.Select(t => t.Name), Does.Contain("encoder.mu.weight").And.Contain("encoder.log_variance.bias").And.Contain("likelihood.log_variance"));
    }

    [Test]
    public void ParametersWithShapesOfAnotherArchitectureAreAClearError()
    {
        VariationalAutoencoder.Create(VaeArchitecture.Mlp([784], [200, 200], 30), 1).Save(PathOf("a.safetensors"));
        var other = VariationalAutoencoder.Create(VaeArchitecture.Mlp([784], [200, 100], 30), 1);
        var before = Values(other);
        var e = Assert.Throws<InvalidDataException>(() => other.LoadParameters(PathOf("a.safetensors")));
        Assert.That(e!.Message, Does.Contain("encoder.2.weight").And.Contain("[200, 200]").And.Contain("[100, 200]"));
        Assert.That(Values(other), Is.EqualTo(before), "a failed load leaves the model unchanged");
        var smaller = VariationalAutoencoder.Create(VaeArchitecture.Mlp([784], [200], 30), 1);
        e = Assert.Throws<InvalidDataException>(() => smaller.LoadParameters(PathOf("a.safetensors")));
        Assert.That(e!.Message, Does.Contain("encoder.2.weight").And.Contain("does not contain"));
        var larger = VariationalAutoencoder.Create(VaeArchitecture.Mlp([784], [200, 200, 200], 30), 1);
        e = Assert.Throws<InvalidDataException>(() => larger.LoadParameters(PathOf("a.safetensors")));
        Assert.That(e!.Message, Does.Contain("lacks the tensor 'encoder.4.weight'"));
    }

    [Test]
    public void FilesThatAreNotModelsAreInvalidData()
    {
        File.WriteAllBytes(PathOf("garbage.safetensors"), [1, 2, 3]);
        Assert.Throws<InvalidDataException>(() => VariationalAutoencoder.Load(PathOf("garbage.safetensors")));
        new SafeTensorsFile([SafeTensorsEntry.FromSingle("w", [2], [1f, 2f])], new Dictionary<string, string>()).Write(PathOf("plain.safetensors"));
        var e = Assert.Throws<InvalidDataException>(() => VariationalAutoencoder.Load(PathOf("plain.safetensors")));
        Assert.That(e!.Message, Does.Contain(VariationalAutoencoder.ArchitectureMetadataKey));
        Assert.Throws<FileNotFoundException>(() => VariationalAutoencoder.Load(PathOf("missing.safetensors")));
    }

    [Test]
    public void AnArchitectureTheFileCannotBackIsRefusedBeforeAnythingIsAllocated()
    {
        // 784-200000-2: 2·784·200 000 + … ≈ 3.1·10⁸ float32 parameters, 1.25 GB, declared by a file of a few bytes.
        var huge = VaeArchitecture.Mlp([784], [200_000], 2);
        new SafeTensorsFile([SafeTensorsEntry.FromSingle("encoder.0.weight", [2], [1f, 2f])],
            new Dictionary<string, string> { [VariationalAutoencoder.ArchitectureMetadataKey] = huge.ToJson() }).Write(PathOf("huge.safetensors"));
        Assert.That(new FileInfo(PathOf("huge.safetensors")).Length, Is.LessThan(1024));

        // The probe: the peak resident set (VmHWM), reset to the current size through /proc/self/clear_refs.
        // Control: building a 784-20000-2 model (≈ 3.1·10⁷ parameters, 125 MB, all written by the initialisation) raises it.
        var medium = VaeArchitecture.Mlp([784], [20_000], 2);
        // The larger of two measurements: the managed heap may return memory that earlier tests freed while the first
        // probe runs (a drop in VmRSS that hides part of the growth); the second sees a settled heap.
        long control = Math.Max(PeakGrowth(() => VariationalAutoencoder.Create(medium, 1).Dispose()), PeakGrowth(() => VariationalAutoencoder.Create(medium, 1).Dispose()));
        Assert.That(control, Is.GreaterThan(0.9 * 4 * medium.ParameterCount()), "the probe sees the 125 MB model");

        InvalidDataException? e = null;
        long growth = PeakGrowth(() => e = Assert.Throws<InvalidDataException>(() => VariationalAutoencoder.Load(PathOf("huge.safetensors"))));
        Assert.That(e!.Message, Does.Contain("hidden [200000]").And.Contain("stores only 2 values"));
        Assert.That(growth, Is.LessThan(50L << 20), $"peak resident set grew by {growth >> 20} MB");
        TestContext.Out.WriteLine($"peak growth: control {control >> 20} MB, refused load {growth >> 20} MB");
    }

    /// <summary>How much the peak resident set size grows while <paramref name="action"/> runs, in bytes.</summary>
    private static long PeakGrowth(Action action)
    {
        // Settle the resident set first: a collection, glibc returning freed heap to the system, and then readings until
        // VmRSS stays within 1 MB. Memory the managed heap or malloc gives back *during* the action would otherwise offset
        // the action's own growth (seen in a full run: the 125 MB control measured 44 KB).
        long previous = -1, current = StatusKilobytes("VmRSS");
        for (var attempt = 0; attempt < 20 && Math.Abs(current - previous) > 1024; attempt++)
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            MallocTrim(0);
            Thread.Sleep(50);
            (previous, current) = (current, StatusKilobytes("VmRSS"));
        }
        File.WriteAllText("/proc/self/clear_refs", "5"); // resets VmHWM to the current VmRSS (Linux ≥ 4.0)
        long before = StatusKilobytes("VmHWM");
        action();
        return (StatusKilobytes("VmHWM") - before) * 1024;
    }

    /// <summary>glibc's malloc_trim: returns free memory of every malloc arena to the system.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(nuint pad);

    private static long StatusKilobytes(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key + ":", StringComparison.Ordinal));
        return long.Parse(line[(key.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public void AnInterruptedCheckpointWriteLeavesThePreviousCheckpointLoadable()
    {
        var path = PathOf("checkpoint.safetensors");
        var good = VariationalAutoencoder.Create(VaeArchitecture.Mlp([20], [8], 2), 1);
        good.Save(path);
        var newer = VariationalAutoencoder.Create(VaeArchitecture.Mlp([20], [8], 2), 2);
        Assert.That(Values(newer)["encoder.0.weight"], Is.Not.EqualTo(Values(good)["encoder.0.weight"]));
        var content = newer.ToSafeTensors(new Dictionary<string, string>(), []);
        // Simulate the process dying mid-write: the stream fails after 300 bytes.
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => content.WriteTo(new FailingStream(s, 300))));
        var loaded = VariationalAutoencoder.Load(path);
        Assert.That(Values(loaded), Is.EqualTo(Values(good)));
        Assert.That(Directory.GetFiles(_directory), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    /// <summary>Every parameter as float64 values, by state_dict name.</summary>
    private static Dictionary<string, double[]> Values(VariationalAutoencoder model) =>
        model.named_parameters().ToDictionary(p => p.name, p =>
        {
            using var cpu = p.parameter.detach().cpu().to(float64);
            return cpu.data<double>().ToArray();
        });

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
