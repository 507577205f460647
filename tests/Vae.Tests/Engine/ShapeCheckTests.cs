using NUnit.Framework;
using Vae.Core.Engine;

namespace Vae.Tests.Engine;

[TestFixture]
public sealed class ShapeCheckTests
{
    [Test]
    public void LinearRejectsWrongFeatureCountNamingBothShapes()
    {
        var layer = new Linear<float>(784, 200, new Random(0));
        var e = Assert.Throws<ArgumentException>(() => layer.Forward(Tensor<float>.Zeros(100, 785)));
        Assert.That(e!.Message, Does.Contain("Linear(784 → 200)").And.Contain("[100, 785]").And.Contain("[batch, 784]"));
        Assert.That(e.ParamName, Is.EqualTo("input"));
    }

    [Test]
    public void SequentialRejectsIncompatibleNeighbours()
    {
        var r = new Random(0);
        var e = Assert.Throws<ArgumentException>(() => _ = new Sequential<float>([new Linear<float>(4, 3, r), new Linear<float>(5, 2, r)]));
        Assert.That(e!.Message, Does.Contain("Layer 0 (Linear(4 → 3)) outputs [3]").And.Contain("layer 1 (Linear(5 → 2)) expects [5]"));
    }

    [Test]
    public void BackwardRejectsGradientOfAnotherBatch()
    {
        var layer = new Tanh<double>(3);
        layer.Forward(Tensor<double>.Zeros(2, 3));
        var e = Assert.Throws<ArgumentException>(() => layer.Backward(Tensor<double>.Zeros(4, 3)));
        Assert.That(e!.Message, Does.Contain("batch 4").And.Contain("batch 2"));
    }

    [Test]
    public void BackwardBeforeForwardIsAnError()
        => Assert.Throws<InvalidOperationException>(() => new Relu<double>(3).Backward(Tensor<double>.Zeros(1, 3)));

    [Test]
    public void ConvolutionOutputShapesFollowPyTorch()
    {
        var r = new Random(0);
        Assert.That(new Conv2d<float>([1, 28, 28], 8, 4, 2, 1, r).OutputShape, Is.EqualTo(new[] { 8, 14, 14 }));
        Assert.That(new ConvTranspose2d<float>([8, 14, 14], 1, 4, 2, 1, 0, r).OutputShape, Is.EqualTo(new[] { 1, 28, 28 }));
        Assert.That(new ConvTranspose2d<float>([4, 8, 8], 1, 3, 2, 1, 1, r).OutputShape, Is.EqualTo(new[] { 1, 16, 16 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ConvTranspose2d<float>([4, 8, 8], 1, 3, 2, 1, 2, r));
    }
}
