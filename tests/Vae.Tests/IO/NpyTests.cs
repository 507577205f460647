using NUnit.Framework;
using Vae.Core.IO;

namespace Vae.Tests.IO;

/// <summary>Npy reader/writer against files written by NumPy 1.24 (tools/reference/fluids_npy.py).</summary>
public sealed class NpyTests
{
    private static string Fixture(string name) =>
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "fluids", "npy", name);

    private string _temp = "";

    [SetUp]
    public void CreateTemp() => _temp = Directory.CreateTempSubdirectory("vae-npy-").FullName;

    [TearDown]
    public void DeleteTemp() => Directory.Delete(_temp, recursive: true);

    [Test]
    public void ReadsNumPyFloat64Matrix()
    {
        var a = Npy.Read(Fixture("f8_2x3.npy"));
        Assert.That(a.DataType, Is.EqualTo(NpyDataType.Float64));
        Assert.That(a.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(a.ToArray<double>(), Is.EqualTo(new[] { -1.0, -0.5, 0.0, 0.5, 1.0, 1.5 }));
    }

    [Test]
    public void ReadsFloat32Int32Int64ScalarEmptyAndVersion2()
    {
        var f = Npy.Read(Fixture("f4_5.npy"));
        Assert.That(f.DataType, Is.EqualTo(NpyDataType.Float32));
        Assert.That(f.ToArray<float>(), Is.EqualTo(new[] { 1.5f, -2.25f, 3.0e-8f, 65504.0f, -0.0f }));
        var i = Npy.Read(Fixture("i4_2x2x2.npy"));
        Assert.That(i.Shape, Is.EqualTo(new[] { 2, 2, 2 }));
        Assert.That(i.ToArray<int>(), Is.EqualTo(new[] { -4, -3, -2, -1, 0, 1, 2, 3 }));
        var s = Npy.Read(Fixture("i8_scalar.npy"));
        Assert.That(s.Shape, Is.Empty);
        Assert.That(s.ToArray<long>(), Is.EqualTo(new[] { -123456789012L }));
        var e = Npy.Read(Fixture("f8_0x3.npy"));
        Assert.That(e.Shape, Is.EqualTo(new[] { 0, 3 }));
        Assert.That(e.Length, Is.Zero);
        var v2 = Npy.Read(Fixture("f8_v2_3.npy"));
        Assert.That(v2.ToArray<double>(), Is.EqualTo(new[] { 0.1, 0.2, 0.3 }));
    }

    [TestCase("f8_2x3.npy")]
    [TestCase("f4_5.npy")]
    [TestCase("i4_2x2x2.npy")]
    [TestCase("i8_scalar.npy")]
    [TestCase("f8_0x3.npy")]
    public void WriterProducesTheBytesNumPyWrites(string name)
    {
        var expected = File.ReadAllBytes(Fixture(name));
        var a = Npy.Read(Fixture(name));
        var path = Path.Combine(_temp, name);
        switch (a.DataType)
        {
            case NpyDataType.Float64: Npy.Write<double>(path, a.ToArray<double>(), a.Shape); break;
            case NpyDataType.Float32: Npy.Write<float>(path, a.ToArray<float>(), a.Shape); break;
            case NpyDataType.Int32: Npy.Write<int>(path, a.ToArray<int>(), a.Shape); break;
            default: Npy.Write<long>(path, a.ToArray<long>(), a.Shape); break;
        }
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(expected));
    }

    [Test]
    public void LargeHeaderSwitchesToVersion2AndRoundTrips()
    {
        // A 1-element array with 30 000 axes of extent 1 ("1, " each) needs a header longer than 65 535 bytes.
        var shape = Enumerable.Repeat(1, 30_000).ToArray();
        var path = Path.Combine(_temp, "v2.npy");
        Npy.Write<double>(path, new[] { 42.0 }, shape);
        var bytes = File.ReadAllBytes(path);
        Assert.That(bytes[6], Is.EqualTo(2));
        Assert.That((bytes.Length - 8) % 64, Is.Zero);
        var back = Npy.Read(path);
        Assert.That(back.Shape, Has.Count.EqualTo(30_000));
        Assert.That(back.ToArray<double>(), Is.EqualTo(new[] { 42.0 }));
    }

    [Test]
    public void TruncatedFileThrowsInvalidData()
    {
        var bytes = File.ReadAllBytes(Fixture("f8_2x3.npy"));
        foreach (var keep in new[] { 3, 9, 40, bytes.Length - 1, bytes.Length - 8 })
        {
            var path = Path.Combine(_temp, $"cut{keep}.npy");
            File.WriteAllBytes(path, bytes[..keep]);
            Assert.Throws<InvalidDataException>(() => Npy.Read(path), $"kept {keep} bytes");
        }
    }

    [Test]
    public void TrailingBytesThrowInvalidData()
    {
        var path = Path.Combine(_temp, "long.npy");
        File.WriteAllBytes(path, [.. File.ReadAllBytes(Fixture("f8_2x3.npy")), 0, 0, 0, 0, 0, 0, 0, 0]);
        Assert.Throws<InvalidDataException>(() => Npy.Read(path));
    }

    [TestCase("f8_bigendian_2.npy", "dtype")]
    [TestCase("f8_fortran_2x2.npy", "Fortran")]
    [TestCase("u1_2.npy", "dtype")]
    public void UnsupportedLayoutsThrowInvalidData(string name, string messagePart)
    {
        var e = Assert.Throws<InvalidDataException>(() => Npy.Read(Fixture(name)));
        Assert.That(e!.Message, Does.Contain(messagePart));
    }

    [Test]
    public void CorruptMagicVersionAndHeaderThrowInvalidData()
    {
        var good = File.ReadAllBytes(Fixture("f8_2x3.npy"));
        void Check(Action<byte[]> corrupt, string part)
        {
            var bytes = (byte[])good.Clone();
            corrupt(bytes);
            var path = Path.Combine(_temp, "bad.npy");
            File.WriteAllBytes(path, bytes);
            var e = Assert.Throws<InvalidDataException>(() => Npy.Read(path));
            Assert.That(e!.Message, Does.Contain(part));
        }
        Check(b => b[1] = (byte)'X', "magic");
        Check(b => b[6] = 7, "version");
        Check(b => b[10] = (byte)'[', "malformed");
        Check(b => b[12] = (byte)'x', "malformed"); // 'descr' key no longer found
    }

    [Test]
    public void WriterRejectsShapeMismatchAndUnsupportedType()
    {
        var path = Path.Combine(_temp, "x.npy");
        Assert.Throws<ArgumentException>(() => Npy.Write<double>(path, new double[5], [2, 3]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Npy.Write<double>(path, new double[0], [-1]));
        Assert.Throws<ArgumentException>(() => Npy.Write<short>(path, new short[1], [1]));
        Assert.That(File.Exists(path), Is.False);
    }

    [Test]
    public void WrongElementTypeViewThrows()
    {
        var a = Npy.Read(Fixture("f4_5.npy"));
        Assert.Throws<InvalidOperationException>(() => a.ToArray<double>());
        Assert.That(a.ToDoubleArray()[0], Is.EqualTo(1.5));
    }
}
