using System.Text.Json.Nodes;
using NUnit.Framework;
using TorchSharp;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Models;

/// <summary>
/// Peer parity with PyTorch 1.13 (fixture from tools/reference/torch_vae_fixture.py, the twin in torch_vae_common.py):
/// the same weights, inputs and noise give the same loss terms, every parameter gradient and the parameters after one
/// Adam step, in float32, to 1e-5 relative (norm-wise per tensor); the built-in modules carry the twin's state_dict names.
/// </summary>
[TestFixture]
public sealed class TorchParityTests
{
    private const double Tolerance = 1e-5;
    private static readonly Lazy<JsonNode> Fixture = new(() => JsonNode.Parse(File.ReadAllText(
        Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "engine", "torch_vae_fixture.json")))!);

    private static VaeArchitecture Architecture(JsonNode c) => VaeArchitecture.FromJson(c["architecture"]!.ToJsonString());

    /// <summary>The built-in float32 model of the case's architecture with the fixture's initial parameters loaded by name.</summary>
    private static VariationalAutoencoder Model(JsonNode c)
    {
        var model = VariationalAutoencoder.Create(Architecture(c), 0);
        var parameters = c["parameters"]!.AsObject();
        Assert.That(model.named_parameters().Select(p => p.name).Order(), Is.EqualTo(parameters.Select(p => p.Key).Order()), "state_dict names");
        using (no_grad())
        {
            foreach (var (name, p) in model.named_parameters())
            {
                Assert.That(p.shape, Is.EqualTo(Shape(parameters[name]!)), name);
                using var values = TensorOf(parameters[name]!);
                p.copy_(values);
            }
        }
        Assert.That(model.DType, Is.EqualTo(ScalarType.Float32));
        return model;
    }

    private static long[] Shape(JsonNode t) => t["shape"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();

    private static float[] Values(JsonNode t) => t["values"]!.AsArray().Select(v => (float)v!.GetValue<double>()).ToArray();

    private static Tensor TensorOf(JsonNode t) => tensor(Values(t), Shape(t));

    private static float[] Values(Tensor t) => t.detach().cpu().contiguous().data<float>().ToArray();

    private static double Relative(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);

    private static double Relative(float[] actual, float[] expected) =>
        AutogradCheck.RelativeError(actual.Select(v => (double)v).ToArray(), expected.Select(v => (double)v).ToArray());

    private static void AssertGradients(VariationalAutoencoder model, JsonNode expected)
    {
        double worst = 0;
        foreach (var (name, p) in model.named_parameters())
        {
            var gradient = p.grad ?? throw new AssertionException($"{name} has no gradient.");
            double error = Relative(Values(gradient), Values(expected[name]!));
            worst = Math.Max(worst, error);
            Assert.That(error, Is.LessThan(Tolerance), name);
        }
        TestContext.Out.WriteLine($"gradients: max norm-wise relative error {worst:E2}");
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void StateDictNamesAndShapesAreThoseOfThePyTorchTwin(string name)
    {
        var c = Fixture.Value[name]!;
        using var model = VariationalAutoencoder.Create(Architecture(c), 0);
        var expected = c["parameters"]!.AsObject().Select(p => (p.Key, string.Join("x", Shape(p.Value!)))).ToArray();
        var actual = model.named_parameters().Select(p => (p.name, string.Join("x", p.parameter.shape))).ToArray();
        Assert.That(actual, Is.EqualTo(expected), "named_parameters(), in PyTorch's order, with shapes");
        Assert.That(model.state_dict().Keys, Is.EqualTo(expected.Select(e => e.Key)), "state_dict keys");
        Assert.That(model.ParameterCount, Is.EqualTo(Architecture(c).ParameterCount()));
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void ElboTermsAndGradientsMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        using var model = Model(c);
        using var x = TensorOf(c["x"]!);
        using var epsilon = TensorOf(c["epsilon"]!);
        var value = ElboLoss.Default.Evaluate(model, x, epsilon);
        var elbo = c["elbo"]!;
        Assert.That(Relative(value.Loss, elbo["loss"]!.GetValue<double>()), Is.LessThan(Tolerance), "loss");
        Assert.That(Relative(value.Reconstruction, elbo["reconstruction"]!.GetValue<double>()), Is.LessThan(Tolerance), "reconstruction");
        Assert.That(Relative(value.Kl, elbo["kl"]!.GetValue<double>()), Is.LessThan(Tolerance), "kl");
        TestContext.Out.WriteLine($"loss relative error {Relative(value.Loss, elbo["loss"]!.GetValue<double>()):E2}, kl {Relative(value.Kl, elbo["kl"]!.GetValue<double>()):E2}");
        AssertGradients(model, elbo["gradients"]!);
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void RenyiBoundAndGradientsMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        using var model = Model(c);
        var renyi = c["renyi"]!;
        var objective = RenyiBound.WithAlpha(renyi["alpha"]!.GetValue<double>(), renyi["samples"]!.GetValue<int>());
        using var x = TensorOf(c["x"]!);
        using var epsilon = TensorOf(c["renyi_epsilon"]!);
        var value = objective.Evaluate(model, x, epsilon);
        Assert.That(Relative(value.Loss, renyi["loss"]!.GetValue<double>()), Is.LessThan(Tolerance), "loss");
        TestContext.Out.WriteLine($"loss relative error {Relative(value.Loss, renyi["loss"]!.GetValue<double>()):E2}");
        AssertGradients(model, renyi["gradients"]!);
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void OneAdamStepMatchesPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        using var model = Model(c);
        var parameters = model.named_parameters().ToArray();
        var before = parameters.Select(p => Values(p.parameter)).ToArray();
        // The trainer's optimiser: torch.optim.Adam from AdamOptions (PyTorch's defaults but the learning rate).
        var o = AdamOptions.Default with { LearningRate = c["adam_learning_rate"]!.GetValue<double>() };
        using var adam = optim.Adam(model.parameters(), o.LearningRate, o.Beta1, o.Beta2, o.Epsilon, o.WeightDecay);
        using (var x = TensorOf(c["x"]!))
        using (var epsilon = TensorOf(c["epsilon"]!))
            ElboLoss.Default.Evaluate(model, x, epsilon);
        adam.step();
        for (int i = 0; i < parameters.Length; i++)
        {
            var (pname, p) = parameters[i];
            var expected = Values(c["after_adam"]![pname]!);
            var actual = Values(p);
            Assert.That(Relative(actual, expected), Is.LessThan(Tolerance), pname);
            // The update itself (≈ 1e-3 per element) must match too, not just the parameters it is added to.
            var expectedStep = expected.Select((v, j) => v - before[i][j]).ToArray();
            var actualStep = actual.Select((v, j) => v - before[i][j]).ToArray();
            Assert.That(Relative(actualStep, expectedStep), Is.LessThan(1e-3), $"{pname} step");
        }
    }

    [TestCase("mlp")]
    [TestCase("conv")]
    public void TwoClippedAdamStepsWithWeightDecayMatchPyTorch(string name)
    {
        var c = Fixture.Value[name]!;
        var o = c["adam_all_options"]!;
        using var model = Model(c);
        var options = new AdamOptions
        {
            LearningRate = o["learning_rate"]!.GetValue<double>(), Beta1 = o["beta1"]!.GetValue<double>(), Beta2 = o["beta2"]!.GetValue<double>(),
            Epsilon = o["epsilon"]!.GetValue<double>(), WeightDecay = o["weight_decay"]!.GetValue<double>(), MaxGradientNorm = o["max_gradient_norm"]!.GetValue<double>(),
        };
        options.Validate();
        using var adam = optim.Adam(model.parameters(), options.LearningRate, options.Beta1, options.Beta2, options.Epsilon, options.WeightDecay);
        var norms = o["gradient_norms"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        using var x = TensorOf(c["x"]!);
        using var epsilon = TensorOf(c["epsilon"]!);
        for (int step = 0; step < o["steps"]!.GetValue<int>(); step++)
        {
            ElboLoss.Default.Evaluate(model, x, epsilon, step);
            double norm = nn.utils.clip_grad_norm_(model.parameters(), options.MaxGradientNorm);
            Assert.That(norm, Is.GreaterThan(options.MaxGradientNorm), "clipping is active");
            Assert.That(Relative(norm, norms[step]), Is.LessThan(Tolerance), $"gradient norm at step {step + 1}");
            double clipped;
            using (NewDisposeScope()) clipped = Math.Sqrt(model.parameters().Sum(p => p.grad!.to(float64).square().sum().item<double>()));
            Assert.That(clipped, Is.EqualTo(options.MaxGradientNorm).Within(1e-5), "gradients rescaled to the maximum norm");
            adam.step();
        }
        foreach (var (pname, p) in model.named_parameters())
            Assert.That(Relative(Values(p), Values(o["after"]![pname]!)), Is.LessThan(Tolerance), pname);
    }
}
