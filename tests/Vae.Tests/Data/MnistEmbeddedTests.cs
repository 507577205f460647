using System.Security.Cryptography;
using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>The embedded official test set: bytes, counts, labels and pixel statistics against published values.</summary>
[TestFixture]
public sealed class MnistEmbeddedTests
{
    private static Dataset _testSet = null!;

    [OneTimeSetUp]
    public void LoadOnce() => _testSet = Mnist.LoadEmbeddedTestSet();

    [Test]
    public void EmbeddedBytesMatchTheCommittedMd5Sums()
    {
        var sums = File.ReadAllLines(Path.Combine(RepositoryRoot(), "data", "mnist", "MD5SUMS"))
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", 2))
            .ToDictionary(p => p[1].Trim(), p => p[0].Trim());
        Assert.That(sums.Keys, Is.EquivalentTo(Mnist.EmbeddedFileNames));
        foreach (var file in Mnist.EmbeddedFileNames)
        {
            using var stream = Mnist.OpenEmbedded(file);
            var md5 = Convert.ToHexStringLower(MD5.HashData(stream));
            Assert.That(md5, Is.EqualTo(sums[file]), file);
        }
    }

    [Test]
    public void TestSetHasTenThousandImagesOfShape1x28x28()
    {
        Assert.That(_testSet.Count, Is.EqualTo(10_000));
        Assert.That(_testSet.SampleShape, Is.EqualTo(new[] { 1, 28, 28 }));
        Assert.That(_testSet.FeatureCount, Is.EqualTo(784));
        Assert.That(_testSet.ClassCount, Is.EqualTo(10));
        Assert.That(_testSet.Name, Is.EqualTo("mnist-t10k"));
    }

    [Test]
    public void LabelHistogramIsThePublishedOne()
    {
        // Per-digit counts of the MNIST test set as published (e.g. torchvision / Keras documentation of MNIST).
        int[] published = [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009];
        var histogram = new int[10];
        foreach (var label in _testSet.Labels) histogram[label]++;
        Assert.That(histogram, Is.EqualTo(published));
        Assert.That(_testSet.Labels.Take(10), Is.EqualTo(new[] { 7, 2, 1, 0, 4, 1, 4, 9, 5, 9 }));
    }

    [Test]
    public void PixelsAreScaledToUnitIntervalWithTheKnownMoments()
    {
        // numpy on the same file, in double: x = bytes / 255 → mean 0.13251460584, std 0.31048024793; image 0 sums
        // to 72.36862745. Our floats are k / 255f; k is recovered exactly and the moments are taken in double.
        var x = _testSet.Features;
        double sum = 0, sumSquares = 0;
        float min = float.MaxValue, max = float.MinValue;
        int notMultiplesOf255th = 0;
        foreach (var v in x)
        {
            if (v != MathF.Round(v * 255f) / 255f) notMultiplesOf255th++;
            double exact = Math.Round(v * 255.0) / 255.0;
            sum += exact; sumSquares += exact * exact;
            min = Math.Min(min, v); max = Math.Max(max, v);
        }
        double mean = sum / x.Length;
        double std = Math.Sqrt(sumSquares / x.Length - mean * mean);
        Assert.That(notMultiplesOf255th, Is.Zero, "every pixel is k / 255f");
        Assert.That(min, Is.EqualTo(0f));
        Assert.That(max, Is.EqualTo(1f));
        Assert.That(mean, Is.EqualTo(0.13251460584).Within(1e-11));
        Assert.That(std, Is.EqualTo(0.31048024793).Within(1e-10));
        double first = 0;
        foreach (var v in _testSet.Sample(0)) first += v;
        Assert.That(first, Is.EqualTo(72.36862745).Within(1e-5));
    }

    [Test]
    public void StandardSplitIsFirst9000ThenLast1000InOrder()
    {
        var split = Mnist.StandardSplit(_testSet);
        Assert.That(split.Train.Count, Is.EqualTo(9_000));
        Assert.That(split.Test.Count, Is.EqualTo(1_000));
        Assert.That(split.Train.Name, Is.EqualTo("mnist-t10k[0..9000)"));
        Assert.That(split.Test.Name, Is.EqualTo("mnist-t10k[9000..10000)"));
        Assert.That(split.Train.Labels, Is.EqualTo(_testSet.Labels.Take(9_000)));
        Assert.That(split.Test.Labels, Is.EqualTo(_testSet.Labels.Skip(9_000)));
        Assert.That(split.Test.Sample(0).SequenceEqual(_testSet.Sample(9_000)), Is.True);
        // numpy: np.bincount(y[9000:]) on the same file.
        var histogram = new int[10];
        foreach (var label in split.Test.Labels) histogram[label]++;
        Assert.That(histogram, Is.EqualTo(new[] { 102, 119, 99, 102, 92, 85, 102, 115, 94, 90 }));
    }

    [Test]
    public void StandardSplitRejectsAnythingButTheFullTestSet()
    {
        var ex = Assert.Throws<ArgumentException>(() => Mnist.StandardSplit(_testSet.Slice(0, 100)));
        Assert.That(ex!.ParamName, Is.EqualTo("testSet"));
        Assert.That(ex.Message, Does.Contain("10000"));
    }

    /// <summary>The repository root: the first ancestor of the test directory that holds Vae.sln.</summary>
    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vae.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"No Vae.sln above {TestContext.CurrentContext.TestDirectory}.");
    }
}
