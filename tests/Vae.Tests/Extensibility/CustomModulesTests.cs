using MathNet.Numerics.Statistics;
using NUnit.Framework;
using TorchSharp;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Torch;
using Vae.Core.Training;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Decomposition;
using Vae.InfoGeometry.Gaussians;
using static TorchSharp.torch;

namespace Vae.Tests.Extensibility;

/// <summary>
/// Issue 10's extensibility acceptance from C#, through the public API only: a residual MLP encoder and a decoder
/// module written here, and a free-bits objective written here (a record deriving from <see cref="VaeObjective"/>),
/// train on real MNIST digits, are saved, reload into fresh modules bit for bit, and feed the InfoGeometry analysis.
/// (The F# counterpart is tests/Vae.FSharp.Tests/ExtensibilityTests.fs.)
/// </summary>
[TestFixture]
public sealed class CustomModulesTests
{
    private const int Latent = 6;

    /// <summary>x ↦ h = relu(W₀x), h ← h + relu(W₁h), heads μ and log σ².</summary>
    private sealed class ResidualEncoder : GaussianEncoder
    {
        private readonly TorchSharp.Modules.Linear _input, _block, _mu, _logVariance;

        public ResidualEncoder(int features, int width, int latent) : base(nameof(ResidualEncoder), latent)
        {
            _input = nn.Linear(features, width);
            _block = nn.Linear(width, width);
            _mu = nn.Linear(width, latent);
            _logVariance = nn.Linear(width, latent);
            register_module("input", _input);
            register_module("block", _block);
            register_module("mu", _mu);
            register_module("log_variance", _logVariance);
        }

        public override GaussianPosterior forward(Tensor x)
        {
            var h = nn.functional.relu(_input.call(x.flatten(1)));
            h = h + nn.functional.relu(_block.call(h));
            return new GaussianPosterior(_mu.call(h), _logVariance.call(h));
        }
    }

    /// <summary>Free bits (Kingma et al. 2016, Appendix C.8): each unit's batch-mean KL counts at least λ nats.</summary>
    private sealed record FreeBitsElbo : VaeObjective
    {
        public double Lambda { get; init; }

        public override Tensor Loss(VaePass pass, long step) =>
            pass.LogLikelihood.mean().neg() + pass.KlPerDimension.mean([0]).clamp_min(Lambda).sum();

        public override void Validate()
        {
            base.Validate();
            if (!(Lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be ≥ 0.");
        }
    }

    private static VariationalAutoencoder Build(int seed) => TorchRuntime.CreateSeeded(seed, () => VariationalAutoencoder.Create(
        new ResidualEncoder(784, 64, Latent),
        nn.Sequential(nn.Linear(Latent, 64), nn.ReLU(), nn.Linear(64, 784), nn.Unflatten(1, [1, 28, 28])),
        new BernoulliLikelihood(), [1, 28, 28]));

    [Test]
    public void AResidualEncoderAndAFreeBitsObjectiveTrainSaveReloadAndFeedInfoGeometry()
    {
        var split = Mnist.StandardSplit();
        var train = split.Train.Slice(0, 1000);
        var test = split.Test.Slice(0, 200);
        var model = Build(3);
        double untrained = VaeTrainer.NegativeElbo(model, test, 100, 0);
        var objective = new FreeBitsElbo { Lambda = 0.5 };
        var result = VaeTrainer.Train(model, train, test, TrainingOptions.Default with { Epochs = 2, BatchSize = 50, Seed = 3, Objective = objective });

        Assert.That(result.Model, Is.SameAs(model), "the trainer trains the instance it is given");
        var last = result.Epochs[^1];
        Assert.That(last.TestNegativeElbo, Is.LessThan(untrained - 150), $"test −ELBO {last.TestNegativeElbo:F1} vs untrained {untrained:F1}");
        Assert.That(result.Epochs[1].TestNegativeElbo!.Value, Is.LessThan(result.Epochs[0].TestNegativeElbo!.Value));
        // Free bits only raise the KL term: the minimised loss is ≥ the −ELBO (float32 rounding of one sum allowed).
        foreach (var e in result.Epochs)
            Assert.That(e.TrainLoss, Is.GreaterThanOrEqualTo(e.TrainNegativeElbo - Math.Abs(e.TrainLoss) * Math.Pow(2, -24)));

        var path = Path.Combine(Path.GetTempPath(), $"vae-custom-{Guid.NewGuid():N}.safetensors");
        try
        {
            model.Save(path);
            var fresh = Build(99);
            Assert.That(fresh.named_parameters().First().parameter.Equals(model.named_parameters().First().parameter), Is.False, "another seed, other weights");
            fresh.LoadParameters(path);
            foreach (var ((name, a), (_, b)) in model.named_parameters().Zip(fresh.named_parameters()))
                Assert.That(a.Equals(b), Is.True, $"{name} reloads bit for bit");
            var codes = model.Encode(test);
            var reloaded = fresh.Encode(test);
            Assert.That(reloaded.Mean.Equals(codes.Mean) && reloaded.LogVariance.Equals(codes.LogVariance), Is.True);
            Assert.Throws<InvalidDataException>(() => VariationalAutoencoder.Load(path), "Load needs a built-in architecture");

            // InfoGeometry: Fisher–Rao distances between consecutive posteriors against the closed form for diagonal
            // Gaussians (a product of hyperbolic planes; Costa et al. 2015, eq. 11): d = √(Σ_j 2 d_j²),
            // d_j = arccosh(1 + ((μ₁ − μ₂)²/2 + (σ₁ − σ₂)²)/(2σ₁σ₂)).
            var batch = DiagonalNormalBatch.FromPosteriorCodes(reloaded);
            var first = DiagonalNormalBatch.FromPosteriorCodes(new PosteriorCodes(reloaded.Mean.SubMatrix(0, 199, 0, Latent), reloaded.LogVariance.SubMatrix(0, 199, 0, Latent)));
            var second = DiagonalNormalBatch.FromPosteriorCodes(new PosteriorCodes(reloaded.Mean.SubMatrix(1, 199, 0, Latent), reloaded.LogVariance.SubMatrix(1, 199, 0, Latent)));
            var distances = FisherRao.Distances(first, second);
            for (int i = 0; i < distances.Length; i++)
            {
                double sum = 0;
                for (int j = 0; j < Latent; j++)
                {
                    double m1 = reloaded.Mean[i, j], m2 = reloaded.Mean[i + 1, j];
                    double s1 = Math.Exp(0.5 * reloaded.LogVariance[i, j]), s2 = Math.Exp(0.5 * reloaded.LogVariance[i + 1, j]);
                    double dj = Math.Acosh(1 + ((m1 - m2) * (m1 - m2) / 2 + (s1 - s2) * (s1 - s2)) / (2 * s1 * s2));
                    sum += 2 * dj * dj;
                }
                Assert.That(distances[i], Is.EqualTo(Math.Sqrt(sum)).Within(1e-9).Percent);
            }
            Assert.That(batch.Count, Is.EqualTo(200));
            // Active units against the per-dimension variance of the posterior means (MathNet statistics).
            var units = ActiveUnits.Measure(reloaded.Mean);
            int active = Enumerable.Range(0, Latent).Count(j => reloaded.Mean.Column(j).Variance() > ActiveUnits.DefaultEpsilon);
            Assert.That(units.VarianceCount, Is.EqualTo(active));
            for (int j = 0; j < Latent; j++) Assert.That(units.DimensionVariances[j], Is.EqualTo(reloaded.Mean.Column(j).Variance()).Within(1e-12).Percent);
            TestContext.Out.WriteLine($"test −ELBO {untrained:F1} → {result.Epochs[0].TestNegativeElbo:F1} → {last.TestNegativeElbo:F1}; active units {active}/{Latent}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
