using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary><see cref="Dataset.Create"/> keeps the invariant FeatureCount = product of SampleShape.</summary>
[TestFixture]
public sealed class DatasetCreateTests
{
    // 65536² = 2³² wrapped to 0 in int arithmetic (a sample of 0 features, and 0 values "fitted" one label);
    // 46341² = 2 147 488 281 > 2³¹ − 1 wrapped to −2 147 479 015 (a negative FeatureCount for an empty set).
    [TestCase(65536, 65536, 1)]
    [TestCase(46341, 46341, 0)]
    public void AShapeOfMoreThanIntMaxValueFeaturesIsRefused(int rows, int columns, int samples)
    {
        var e = Assert.Throws<ArgumentException>(() => Dataset.Create("x", ReadOnlySpan<float>.Empty, new int[samples], [rows, columns]));
        Assert.That(e!.ParamName, Is.EqualTo("sampleShape"));
        Assert.That(e.Message, Does.Contain($"[{rows}, {columns}]").And.Contain("2147483647"));
    }

    [Test]
    public void TheLargestShapeStillWorks()
    {
        var empty = Dataset.Create("x", ReadOnlySpan<float>.Empty, [], [1, int.MaxValue]);
        Assert.That((empty.Count, empty.FeatureCount), Is.EqualTo((0, int.MaxValue)));
        var e = Assert.Throws<ArgumentException>(() => Dataset.Create("x", new float[6], [0, 0], [2, 2]));
        Assert.That(e!.ParamName, Is.EqualTo("features"));
        Assert.That(e.Message, Does.Contain("features has 6 values; 2 samples of shape [2, 2] need 8"));
    }
}
