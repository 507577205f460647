using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

/// <summary>
/// Checkpoints cross between Vae and PyTorch both ways (tests/Vae.Tests/Fixtures/interop, written by
/// tools/reference/torch_state_dict_interop.py with PyTorch 1.13): PyTorch loaded Vae's <c>vae-*.safetensors</c> into its
/// twin with a strict <c>load_state_dict</c> and recorded what it computes; Vae loads PyTorch's <c>pytorch-*.safetensors</c>.
/// Either way both sides must compute the same posterior, reconstruction and ELBO from the same file and inputs.
/// </summary>
[TestFixture]
public sealed class InteropTests
{
    /// <summary>Agreement of two float32 implementations: |a − b| ≤ 1e-5 · max(1, max |b|) over each array (relative to
    /// the array's scale, so that entries near 0 are not judged relative to themselves).</summary>
    private const double Tolerance = 1e-5;

    private static readonly string Directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "interop");
    private static readonly JsonNode Fixture = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "interop.json")))!;

    private string _temp = "";

    [SetUp]
    public void CreateDirectory() => _temp = System.IO.Directory.CreateTempSubdirectory("vae-interop-").FullName;

    [TearDown]
    public void DeleteDirectory() => System.IO.Directory.Delete(_temp, recursive: true);

    [TestCase("vae-mlp.safetensors", "vae_mlp")]
    [TestCase("vae-conv.safetensors", "vae_conv")]
    [TestCase("pytorch-mlp.safetensors", "pytorch_mlp")]
    [TestCase("pytorch-conv.safetensors", "pytorch_conv")]
    public void VaeComputesWhatPyTorchComputedFromTheSameFile(string file, string entry)
    {
        var model = VariationalAutoencoder.Load(Path.Combine(Directory, file));
        var expected = Fixture[entry]!;
        using var scope = NewDisposeScope();
        var x = TensorOf(expected["x"]!);
        var epsilon = TensorOf(expected["epsilon"]!);
        Assert.That(x.shape.Skip(1).Select(s => (int)s), Is.EqualTo(model.InputShape));
        Assert.That(epsilon.shape, Is.EqualTo(new long[] { 1, x.shape[0], model.LatentSize }));

        using (no_grad())
        {
            var posterior = model.Encoder.call(x);
            AssertClose(Values(posterior.Mean), Doubles(expected["mean"]!), "posterior mean");
            AssertClose(Values(posterior.LogVariance), Doubles(expected["log_variance"]!), "posterior log-variance");
            AssertClose(Values(model.forward(x)), Doubles(expected["reconstruction"]!), "reconstruction E[x|z = μ(x)]");
        }
        var value = ObjectiveEvaluation.Evaluate(ElboLoss.Default, model, x, epsilon, computeGradients: false);
        AssertClose([value.Loss], [expected["loss"]!.GetValue<double>()], "−ELBO");
        AssertClose([value.Reconstruction], [expected["reconstruction_term"]!.GetValue<double>()], "reconstruction term");
        AssertClose([value.Kl], [expected["kl"]!.GetValue<double>()], "KL");
        Assert.That(model.parameters().All(p => p.grad is null), "no gradients were computed");
    }

    [TestCase("vae-mlp.safetensors")]
    [TestCase("vae-conv.safetensors")]
    public void TheVaeFixturesAreWhatVaeWritesToday(string file)
    {
        var committed = SafeTensorsFile.Read(Path.Combine(Directory, file));
        var architecture = VaeArchitecture.FromJson(committed.Metadata[VariationalAutoencoder.ArchitectureMetadataKey]);
        var path = Path.Combine(_temp, file);
        VariationalAutoencoder.Create(architecture, 5).Save(path);
        var written = SafeTensorsFile.Read(path);
        Assert.That(written.Tensors.Select(t => t.Name), Is.EqualTo(committed.Tensors.Select(t => t.Name)));
        foreach (var t in committed.Tensors)
        {
            Assert.That(written[t.Name].DType, Is.EqualTo(t.DType), t.Name);
            Assert.That(written[t.Name].Shape, Is.EqualTo(t.Shape), t.Name);
            Assert.That(written[t.Name].ToSingleArray().Select(BitConverter.SingleToInt32Bits), Is.EqualTo(t.ToSingleArray().Select(BitConverter.SingleToInt32Bits)), t.Name);
        }
        Assert.That(written.Metadata[VariationalAutoencoder.ArchitectureMetadataKey], Is.EqualTo(committed.Metadata[VariationalAutoencoder.ArchitectureMetadataKey]));
        Assert.That(written.Metadata[VariationalAutoencoder.InputShapeMetadataKey], Is.EqualTo(committed.Metadata[VariationalAutoencoder.InputShapeMetadataKey]));
    }

    private static void AssertClose(double[] actual, double[] expected, string what)
    {
        Assert.That(actual, Has.Length.EqualTo(expected.Length), what);
        double scale = Math.Max(1, expected.Max(Math.Abs));
        double worst = actual.Zip(expected, (a, b) => Math.Abs(a - b)).Max();
        TestContext.Out.WriteLine($"{what}: max |Δ| = {worst:E2} (scale {scale:G4})");
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance * scale), what);
    }

    private static Tensor TensorOf(JsonNode node)
    {
        var shape = node["shape"]!.AsArray().Select(v => v!.GetValue<long>()).ToArray();
        return tensor(Doubles(node["values"]!), shape, dtype: ScalarType.Float64).to(float32);
    }

    private static double[] Doubles(JsonNode node) => node.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    private static double[] Values(Tensor t) => t.detach().to(float64).cpu().data<double>().ToArray();
}
