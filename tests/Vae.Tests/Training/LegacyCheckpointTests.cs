using System.Text.Json.Nodes;
using NUnit.Framework;
using TorchSharp.Modules;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Training;
using static TorchSharp.torch;

namespace Vae.Tests.Training;

/// <summary>
/// Checkpoints written by the retired hand-written engine (tests/Vae.Tests/Fixtures/legacy, see its README) load into the
/// TorchSharp model, compute what that engine computed, and training resumes from them.
/// </summary>
[TestFixture]
public sealed class LegacyCheckpointTests
{
    /// <summary>float32 agreement of two implementations of the same network, relative to the array's scale.</summary>
    private const double Tolerance = 1e-5;

    private static readonly string Directory = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "legacy");
    private static readonly string MnistCheckpoint = Path.Combine(Directory, "mnist-mlp-checkpoint.safetensors");
    private static readonly string GaussianCheckpoint = Path.Combine(Directory, "classification-gaussian-checkpoint.safetensors");
    private static readonly JsonNode Expected = JsonNode.Parse(File.ReadAllText(Path.Combine(Directory, "mnist-mlp-expected.json")))!;

    [Test]
    public void TheMnistCheckpointLoadsWithItsArchitectureAndRenamedTensors()
    {
        var model = VariationalAutoencoder.Load(MnistCheckpoint);
        Assert.That(model.Architecture, Is.EqualTo(VaeArchitecture.Mlp([1, 28, 28], [16], 3)));
        var file = SafeTensorsFile.Read(MnistCheckpoint);
        var parameters = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        // Retired names → current names; encoder.1 (after the Flatten at 0) keeps its name.
        foreach (var (old, current) in new[] { ("mu.weight", "encoder.mu.weight"), ("log_variance.bias", "encoder.log_variance.bias"),
                     ("encoder.1.weight", "encoder.1.weight"), ("decoder.2.bias", "decoder.2.bias") })
            Assert.That(Floats(parameters[current]), Is.EqualTo(file[old].ToSingleArray()), $"{old} → {current}");
    }

    [Test]
    public void EncodeAndDecodeMatchWhatTheRetiredEngineComputed()
    {
        var model = VariationalAutoencoder.Load(MnistCheckpoint);
        var images = Mnist.StandardSplit().Test.Slice(0, 4);
        var codes = model.Encode(images);
        AssertClose(codes.Mean.ToRowArrays(), Rows(Expected["mnist_mean"]!), "posterior mean");
        AssertClose(codes.LogVariance.ToRowArrays(), Rows(Expected["mnist_log_variance"]!), "posterior log-variance");
        var pixels = model.Decode(codes.Mean);
        AssertClose(pixels.ToRowArrays().Select(r => r.Take(10).ToArray()).ToArray(), Rows(Expected["mnist_decode"]!), "decoded pixels 0–9 of the posterior means");
    }

    [Test]
    public void TheNegativeElboAgreesWithTheRetiredEngineWithinItsNoise()
    {
        // The retired engine drew its noise from another generator, so the anchor is loose: the difference of two
        // one-draw estimates must lie within 5 standard deviations of such a difference, estimated over 20 seeds here.
        var model = VariationalAutoencoder.Load(MnistCheckpoint);
        var first100 = Mnist.StandardSplit().Test.Slice(0, 100);
        var draws = Enumerable.Range(0, 20).Select(seed => VaeTrainer.NegativeElbo(model, first100, 100, seed)).ToArray();
        double mean = draws.Average();
        double sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1));
        double legacy = Expected["mnist_negative_elbo_seed0_first100"]!.GetValue<double>();
        TestContext.Out.WriteLine($"−ELBO: ours (seed 0) {draws[0]:F4}, mean over 20 seeds {mean:F4} ± {sd:F4} (sd); retired engine {legacy:F4}");
        Assert.That(sd, Is.GreaterThan(0));
        Assert.That(Math.Abs(draws[0] - legacy), Is.LessThanOrEqualTo(5 * Math.Sqrt(2) * sd));
    }

    [Test]
    public void AdamsMomentsAreRestoredUnderTheirRetiredNames()
    {
        var model = VariationalAutoencoder.Load(MnistCheckpoint);
        using var adam = optim.Adam(model.parameters());
        var file = SafeTensorsFile.Read(MnistCheckpoint);
        var state = Checkpoint.Restore(MnistCheckpoint, model, adam);
        Assert.That((state.Epoch, state.Batch, state.Step), Is.EqualTo((1, 0, 18L)));
        var names = model.named_parameters().Select(p => p.name).ToArray();
        var moments = adam.state_dict().State;
        int mu = Array.IndexOf(names, "encoder.mu.weight");
        var s = (Adam.State)moments[mu];
        Assert.That(Floats(s.exp_avg), Is.EqualTo(file["optimizer.exp_avg.mu.weight"].ToSingleArray()));
        Assert.That(Floats(s.exp_avg_sq), Is.EqualTo(file["optimizer.exp_avg_sq.mu.weight"].ToSingleArray()));
        Assert.That(s.step, Is.EqualTo(18));
    }

    [Test]
    public void TrainingResumesFromTheMnistCheckpoint()
    {
        // The README's run: 784-16-3, batch 500, seed 3, one epoch (18 steps) on the 9 000 training images.
        var split = Mnist.StandardSplit();
        var architecture = VaeArchitecture.Mlp([1, 28, 28], [16], 3);
        var before = VaeTrainer.NegativeElbo(VariationalAutoencoder.Load(MnistCheckpoint), split.Test, 500, seed: 1);
        var result = VaeTrainer.Train(architecture, split.Train, split.Test,
            TrainingOptions.Default with { Epochs = 2, BatchSize = 500, Seed = 3, ResumeFrom = MnistCheckpoint });
        Assert.That(result.Epochs, Has.Count.EqualTo(1));
        var epoch = result.Epochs[0];
        TestContext.Out.WriteLine($"test −ELBO before {before:F3}, after the resumed epoch {epoch.TestNegativeElbo:F3}; train −ELBO {epoch.TrainNegativeElbo:F3}");
        Assert.That(epoch.Epoch, Is.EqualTo(2));
        Assert.That(epoch.Step, Is.EqualTo(36));
        Assert.That(double.IsFinite(epoch.TrainLoss) && double.IsFinite(epoch.TrainNegativeElbo) && double.IsFinite(epoch.TestNegativeElbo!.Value));
        Assert.That(epoch.TestNegativeElbo!.Value, Is.LessThan(before), "another epoch of training lowers the held-out −ELBO");
    }

    [Test]
    public void TheGaussianCheckpointKeepsItsLearnedVariance()
    {
        var model = VariationalAutoencoder.Load(GaussianCheckpoint);
        Assert.That(model.Architecture, Is.EqualTo(VaeArchitecture.Mlp([20], [8], 2, DecoderFamily.Gaussian) with { LearnDecoderVariance = true }));
        var file = SafeTensorsFile.Read(GaussianCheckpoint);
        var logVariance = model.named_parameters().Single(p => p.name == "likelihood.log_variance").parameter;
        var stored = file["decoder_log_variance"].ToSingleArray();
        Assert.That(Floats(logVariance).Select(BitConverter.SingleToInt32Bits), Is.EqualTo(stored.Select(BitConverter.SingleToInt32Bits)));
        Assert.That(stored.Distinct().Count(), Is.GreaterThan(1), "learned per feature, no longer the initial 0");
        Assert.That(model.Likelihood, Is.InstanceOf<GaussianLikelihood>().With.Property("LearnsVariance").True);
    }

    private static void AssertClose(double[][] actual, double[][] expected, string what)
    {
        Assert.That(actual.Select(r => r.Length), Is.EqualTo(expected.Select(r => r.Length)), what);
        var a = actual.SelectMany(r => r).ToArray();
        var e = expected.SelectMany(r => r).ToArray();
        double scale = Math.Max(1, e.Max(Math.Abs));
        double worst = a.Zip(e, (x, y) => Math.Abs(x - y)).Max();
        TestContext.Out.WriteLine($"{what}: max |Δ| = {worst:E2}");
        Assert.That(worst, Is.LessThanOrEqualTo(Tolerance * scale), what);
    }

    private static double[][] Rows(JsonNode node) =>
        node.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();

    private static float[] Floats(Tensor t)
    {
        using var cpu = t.detach().cpu().to(float32);
        return cpu.data<float>().ToArray();
    }
}
