using NUnit.Framework;
using Vae.Core.Engine;

namespace Vae.Tests.Engine;

/// <summary>Every layer's backward pass against central differences (double, norm-wise relative error &lt; 1e-6).</summary>
[TestFixture]
public sealed class LayerGradientTests
{
    private const double Tolerance = 1e-6;

    private static IEnumerable<TestCaseData> Layers()
    {
        yield return Case("Linear", r => new Linear<double>(5, 4, r), 3, 5);
        yield return Case("Relu", _ => new Relu<double>(7), 3, 7);
        yield return Case("LeakyRelu", _ => new LeakyRelu<double>(0.1, 7), 3, 7);
        yield return Case("Tanh", _ => new Tanh<double>(2, 3), 2, 2, 3);
        yield return Case("Sigmoid", _ => new Sigmoid<double>(6), 3, 6);
        yield return Case("Softplus", _ => new Softplus<double>(6), 3, 6);
        yield return Case("Reshape", _ => new Reshape<double>([2, 3], [3, 2]), 2, 2, 3);
        yield return Case("Sequential", r => new Sequential<double>([Reshape<double>.Flatten([2, 3]), new Linear<double>(6, 4, r), new Tanh<double>(4), new Linear<double>(4, 3, r)]), 3, 2, 3);
        yield return Case("Conv2d k3 s1 p0", r => new Conv2d<double>([2, 5, 5], 3, 3, 1, 0, r), 2, 2, 5, 5);
        yield return Case("Conv2d k3 s2 p1", r => new Conv2d<double>([2, 6, 5], 3, 3, 2, 1, r), 2, 2, 6, 5);
        yield return Case("ConvTranspose2d k3 s1 p0", r => new ConvTranspose2d<double>([2, 3, 3], 3, 3, 1, 0, 0, r), 2, 2, 3, 3);
        yield return Case("ConvTranspose2d k3 s2 p1 op1", r => new ConvTranspose2d<double>([3, 3, 4], 2, 3, 2, 1, 1, r), 2, 3, 3, 4);
        yield return Case("ConvTranspose2d k4 s2 p1", r => new ConvTranspose2d<double>([2, 3, 3], 2, 4, 2, 1, 0, r), 2, 2, 3, 3);
    }

    private static TestCaseData Case(string name, Func<Random, Layer<double>> create, params int[] inputShape) =>
        new TestCaseData(create, inputShape).SetName($"GradientCheck_{name.Replace(' ', '_')}");

    [TestCaseSource(nameof(Layers))]
    public void BackwardMatchesCentralDifferences(Func<Random, Layer<double>> create, int[] inputShape)
    {
        var random = new Random(42);
        var layer = create(random);
        var x = GradientCheck.Random(random, inputShape);
        // Keep inputs away from the ReLU kink so the finite differences do not straddle it.
        var values = x.ToArray();
        for (int i = 0; i < values.Length; i++) if (Math.Abs(values[i]) < 0.05) values[i] += 0.1;
        x.CopyFrom(values);
        var y = layer.Forward(x);
        var weights = GradientCheck.Random(random, [.. y.Shape]);
        double Loss()
        {
            var output = layer.Forward(x).AsReadOnlySpan();
            double s = 0;
            for (int i = 0; i < output.Length; i++) s += output[i] * weights.AsReadOnlySpan()[i];
            return s;
        }

        Loss();
        layer.ZeroGradients();
        var dx = layer.Backward(weights).ToArray();
        var parameterGradients = layer.Parameters.Select(p => p.Gradient.ToArray()).ToArray();

        var numericInput = GradientCheck.Numeric(x, Loss);
        Assert.That(GradientCheck.RelativeError(dx, numericInput), Is.LessThan(Tolerance), "input gradient");
        for (int p = 0; p < layer.Parameters.Count; p++)
        {
            var numeric = GradientCheck.Numeric(layer.Parameters[p].Value, Loss);
            Assert.That(GradientCheck.RelativeError(parameterGradients[p], numeric), Is.LessThan(Tolerance), layer.Parameters[p].Name);
        }
    }

    [Test]
    public void ParameterGradientsAccumulateAcrossBackwardCalls()
    {
        var layer = new Linear<double>(3, 2, new Random(1));
        var x = GradientCheck.Random(new Random(2), 4, 3);
        var g = GradientCheck.Random(new Random(3), 4, 2);
        layer.Forward(x);
        layer.ZeroGradients();
        layer.Backward(g);
        var once = layer.Weight.Gradient.ToArray();
        layer.BackwardParametersOnly(g);
        var twice = layer.Weight.Gradient.ToArray();
        Assert.That(twice, Is.EqualTo(once.Select(v => 2 * v).ToArray()).Within(1e-12));
    }
}
