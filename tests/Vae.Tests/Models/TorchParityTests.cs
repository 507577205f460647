using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Core.Engine;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Tests.Engine;

namespace Vae.Tests.Models;

/// <summary>
/// Peer parity with PyTorch 1.13 (fixture from tools/reference/torch_vae_fixture.py): the same weights, inputs and
/// noise give the same loss terms, every parameter gradient and the parameters after one Adam step, in float32,
/// to 1e-5 relative (norm-wise per tensor).
/// </summary>
[TestFixture]
public sealed class TorchParityTests
{
    private const double Tolerance = 1e-5;
    private static readonly Lazy<JsonNode> Fixture = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "engine", "torch_vae_fixture.json")))!);

    private static VariationalAutoencoder<float> Model(JsonNode c)
    {
        var model = VariationalAutoencoder<float>.Create(VaeArchitecture.FromJson(c["architecture"]!.ToJsonString()), 99);
        var parameters = c["parameters"]!.AsObject();
        Assert.That(model.Parameters.Select(p => p.Name).Order(), Is.EqualTo(parameters.Select(p => p.Key).Order()), "state_dict names");
        foreach (var p in model.Parameters)
        {
            Assert.That(Shape(parameters[p.Name]!), Is.EqualTo(p.Value.Shape), p.Name);
            p.Value.CopyFrom(Values(parameters[p.Name]!));
        }
        return model;
    }

    private static int[] Shape(JsonNode t) => t["shape"]!.AsArray().Select(v => v!.GetValue<int>()).ToArray();

    private static float[] Values(JsonNode t) => t["values"]!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();

    private static Tensor<float> TensorOf(JsonNode t) => Tensor<float>.FromArray(Values(t), Shape(t));

    private static double Relative(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);

    private static double Relative(float[] actual, float[] expected) =>
        GradientCheck.RelativeError(actual.Select(v => (double)v).ToArray(), expected.Select(v => (double)v).ToArray());

    [TestCase("mlp")]
    [TestCase("conv")]
    public void ElboTermsAndGradientsMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        var model = Model(c);
        var value = ElboLoss.Default.Evaluate(model, TensorOf(c["x"]!), TensorOf(c["epsilon"]!));
        var elbo = c["elbo"]!;
        Assert.That(Relative(value.Loss, elbo["loss"]!.GetValue<double>()), Is.LessThan(Tolerance), "loss");
        Assert.That(Relative(value.Reconstruction, elbo["reconstruction"]!.GetValue<double>()), Is.LessThan(Tolerance), "reconstruction");
        Assert.That(Relative(value.Kl, elbo["kl"]!.GetValue<double>()), Is.LessThan(Tolerance), "kl");
        foreach (var p in model.Parameters)
            Assert.That(Relative(p.Gradient.ToArray(), Values(elbo["gradients"]![p.Name]!)), Is.LessThan(Tolerance), p.Name);
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void RenyiBoundAndGradientsMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        var model = Model(c);
        var renyi = c["renyi"]!;
        var objective = RenyiBound.WithAlpha(renyi["alpha"]!.GetValue<double>(), renyi["samples"]!.GetValue<int>());
        var value = objective.Evaluate(model, TensorOf(c["x"]!), TensorOf(c["renyi_epsilon"]!));
        Assert.That(Relative(value.Loss, renyi["loss"]!.GetValue<double>()), Is.LessThan(Tolerance), "loss");
        foreach (var p in model.Parameters)
            Assert.That(Relative(p.Gradient.ToArray(), Values(renyi["gradients"]![p.Name]!)), Is.LessThan(Tolerance), p.Name);
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void OneAdamStepMatchesPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        var model = Model(c);
        var before = model.Parameters.Select(p => p.Value.ToArray()).ToArray();
        ElboLoss.Default.Evaluate(model, TensorOf(c["x"]!), TensorOf(c["epsilon"]!));
        new Adam<float>(model.Parameters, AdamOptions.Default with { LearningRate = c["adam_learning_rate"]!.GetValue<double>() }).Step();
        for (int i = 0; i < model.Parameters.Count; i++)
        {
            var p = model.Parameters[i];
            var expected = Values(c["after_adam"]![p.Name]!);
            var actual = p.Value.ToArray();
            Assert.That(Relative(actual, expected), Is.LessThan(Tolerance), p.Name);
            // The update itself (≈ 1e-3 per element) must match too, not just the parameters it is added to.
            var expectedStep = expected.Select((v, j) => v - before[i][j]).ToArray();
            var actualStep = actual.Select((v, j) => v - before[i][j]).ToArray();
            Assert.That(Relative(actualStep, expectedStep), Is.LessThan(1e-3), $"{p.Name} step");
        }
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void TwoClippedAdamStepsWithWeightDecayMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        var o = c["adam_all_options"]!;
        var model = Model(c);
        var adam = new Adam<float>(model.Parameters, new AdamOptions
        {
            LearningRate = o["learning_rate"]!.GetValue<double>(), Beta1 = o["beta1"]!.GetValue<double>(), Beta2 = o["beta2"]!.GetValue<double>(),
            Epsilon = o["epsilon"]!.GetValue<double>(), WeightDecay = o["weight_decay"]!.GetValue<double>(), MaxGradientNorm = o["max_gradient_norm"]!.GetValue<double>(),
        });
        var norms = o["gradient_norms"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        for (int step = 0; step < o["steps"]!.GetValue<int>(); step++)
        {
            ElboLoss.Default.Evaluate(model, TensorOf(c["x"]!), TensorOf(c["epsilon"]!));
            double norm = adam.Step();
            Assert.That(norm, Is.GreaterThan(o["max_gradient_norm"]!.GetValue<double>()), "clipping is active");
            Assert.That(Relative(norm, norms[step]), Is.LessThan(Tolerance), $"gradient norm at step {step + 1}");
        }
        foreach (var p in model.Parameters)
            Assert.That(Relative(p.Value.ToArray(), Values(o["after"]![p.Name]!)), Is.LessThan(Tolerance), p.Name);
    }
}
