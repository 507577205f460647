using NUnit.Framework;
using Vae.Core.IO;
using Vae.Fluids.Data;

namespace Vae.Tests.Fluids;

/// <summary>Bad distance-matrix files get an <see cref="InvalidDataException"/> naming the file (issue 14).</summary>
public sealed class DistanceFileValidationTests
{
    private string _directory = "";

    [SetUp]
    public void SetUp() => _directory = Directory.CreateTempSubdirectory("vae-fluids-bad-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_directory, true);

    /// <summary>Two valid 3 × 3 distance matrices (points (0,0), (3,0), (0,4): distances 3, 4, 5).</summary>
    private static float[] Valid() => [0, 3, 4, 3, 0, 5, 4, 5, 0, 0, 1, 1, 1, 0, 1, 1, 1, 0];

    private string Write(string name, float[] values)
    {
        var path = Path.Combine(_directory, name);
        Npy.Write<float>(path, values, [2, 3, 3]);
        return path;
    }

    [Test]
    public void ValidAndMaskedMatricesLoad()
    {
        var set = FluidDataSet.ReadDistances(Write("ok.npy", Valid()));
        Assert.That(set.Count, Is.EqualTo(2));
        Assert.That(set.Values.ToArray(), Is.EqualTo(Valid()));
        var masked = Valid();
        masked[1] = masked[3] = 0; // a blacked-out symmetric pair
        Assert.That(FluidDataSet.ReadDistances(Write("masked.npy", masked)).Count, Is.EqualTo(2));
    }

    [TestCase(1, 3.5f, "not symmetric", TestName = "NonSymmetric")]
    [TestCase(13, 0.25f, "diagonal", TestName = "NonZeroDiagonal")]
    [TestCase(14, -1f, "negative", TestName = "Negative")]
    [TestCase(5, float.NaN, "not finite", TestName = "NaN")]
    [TestCase(16, float.PositiveInfinity, "not finite", TestName = "Infinite")]
    public void BadEntryNamesFileMatrixAndEntry(int index, float value, string reason)
    {
        var values = Valid();
        values[index] = value;
        var path = Write("bad.npy", values);
        var error = Assert.Throws<InvalidDataException>(() => FluidDataSet.ReadDistances(path))!;
        Assert.That(error.Message, Does.Contain(path).And.Contain(reason).And.Contain($"matrix {index / 9}"));
    }

    [Test]
    public void IntegerDtypesAreRejected()
    {
        var path32 = Path.Combine(_directory, "int32.npy");
        Npy.Write<int>(path32, new int[] { 0, 3, 4, 3, 0, 5, 4, 5, 0 }, [1, 3, 3]);
        var error = Assert.Throws<InvalidDataException>(() => FluidDataSet.ReadDistances(path32))!;
        Assert.That(error.Message, Does.Contain(path32).And.Contain("Int32"));
        var path64 = Path.Combine(_directory, "int64.npy");
        Npy.Write<long>(path64, new long[] { 0, 3, 4, 3, 0, 5, 4, 5, 0 }, [1, 3, 3]);
        Assert.That(Assert.Throws<InvalidDataException>(() => FluidDataSet.ReadDistances(path64))!.Message, Does.Contain(path64).And.Contain("Int64"));
    }
}
