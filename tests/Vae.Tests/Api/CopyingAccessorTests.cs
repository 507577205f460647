using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Engine;

namespace Vae.Tests.Api;

/// <summary>The array twins of span members: <see cref="Dataset.CopySample"/> and <see cref="Tensor{T}.FromArray(T[], int[])"/>.</summary>
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
    public void TensorFromArrayTakesTheShapeAsParamsAndCopies()
    {
        var values = new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 };
        var tensor = Tensor<double>.FromArray(values, 2, 3);
        Assert.That(tensor.Shape, Is.EqualTo(new[] { 2, 3 }));
        Assert.That(tensor[1, 0], Is.EqualTo(4.0));
        values[0] = -1;
        Assert.That(tensor.ToArray(), Is.EqualTo(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }), "the values are copied");
        var fromSpan = Tensor<double>.FromArray(new ReadOnlySpan<double>(tensor.ToArray()), 3, 2);
        Assert.That((fromSpan.Shape, fromSpan.ToArray()), Is.EqualTo((new[] { 3, 2 }, tensor.ToArray())));
    }

    [Test]
    public void TensorFromArrayRejectsNullAndMismatchedShapes()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => Tensor<float>.FromArray((float[])null!, 1))!.ParamName, Is.EqualTo("values"));
        Assert.Throws<ArgumentException>(() => Tensor<float>.FromArray(new[] { 1f, 2f, 3f }, 2, 2));
        Assert.Throws<ArgumentException>(() => Tensor<float>.FromArray(new[] { 1f, 2f }, 2, 0));
    }
}
