using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;

namespace Vae.Tests.Api;

/// <summary>Accessors that hand out copies: <see cref="Dataset.CopySample"/> (the array twin of a span member) and the
/// model's <see cref="VariationalAutoencoder.Encode"/>/<see cref="VariationalAutoencoder.Decode"/> results.</summary>
[TestFixture]
public sealed class CopyingAccessorTests
{
    private static readonly float[] Features = [0.0f, 0.5f, 1.0f, 1.5f, 2.0f, 2.5f];

    [Test]
    public void CopySampleReturnsTheRowAsAnIndependentArray()
    {
        var data = Dataset.Create("toy", Features, [0, 1, 0], [2]);
        for (int i = 0; i < data.Count; i++)
            Assert.That(data.CopySample(i), Is.EqualTo(new[] { Features[2 * i], Features[2 * i + 1] }).AsCollection, $"sample {i}");
        var copy = data.CopySample(1);
        copy[0] = -7;
        Assert.That(data.Sample(1)[0], Is.EqualTo(1.0f), "writing the copy must not reach the data set");
        float[] first = data.CopySample(1), second = data.CopySample(1);
        Assert.That(first, Is.Not.SameAs(second));
    }

    [TestCase(-1)]
    [TestCase(3)]
    public void CopySampleRejectsAnIndexOutsideTheSet(int index)
    {
        var data = Dataset.Create("toy", Features, [0, 1, 0], [2]);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => data.CopySample(index));
        Assert.That((e!.ParamName, e.ActualValue), Is.EqualTo(("index", (object)index)));
    }

    [Test]
    public void EncodeAndDecodeReturnFreshMatricesTheModelDoesNotKeep()
    {
        using var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([2], [4], 2), 0);
        var data = Dataset.Create("toy", Features, [0, 1, 0], [2]);
        var first = model.Encode(data);
        var second = model.Encode(data);
        Assert.That(first.Mean, Is.Not.SameAs(second.Mean));
        Assert.That((first.Mean.RowCount, first.Mean.ColumnCount), Is.EqualTo((3, 2)));
        var expected = first.Mean.Clone();
        first.Mean[0, 0] = 99;
        first.LogVariance[0, 0] = 99;
        Assert.That(model.Encode(data).Mean.ToArray(), Is.EqualTo(expected.ToArray()), "writing a result must not reach the model");
        var decoded = model.Decode(expected);
        Assert.That((decoded.RowCount, decoded.ColumnCount), Is.EqualTo((3, 2)));
        decoded[0, 0] = -5;
        Assert.That(model.Decode(expected)[0, 0], Is.InRange(0.0, 1.0), "Bernoulli means are probabilities; the earlier result is not reused");
    }
}
