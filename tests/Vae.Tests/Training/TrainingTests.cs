using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Engine;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;

namespace Vae.Tests.Training;

[TestFixture]
public sealed class TrainingTests
{
    private static readonly VaeArchitecture Architecture = VaeArchitecture.Mlp([24], [32], 4);
    private static readonly Dataset Data = SyntheticData.Prototypes(500, 24, 4, seed: 1);
    private static readonly Dataset Train = Data.Slice(0, 400);
    private static readonly Dataset Test = Data.Slice(400, 100);
    private static readonly TrainingOptions Options = TrainingOptions.Default with { Epochs = 4, BatchSize = 32, Seed = 7, Optimizer = AdamOptions.Default with { LearningRate = 3e-3 } };

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-training-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void TrainingLowersTheNegativeElboOnTrainAndTest()
    {
        var result = VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Epochs = 8 });
        Assert.That(result.Epochs, Has.Count.EqualTo(8));
        Assert.That(result.Epochs[^1].TrainNegativeElbo, Is.LessThan(0.8 * result.Epochs[0].TrainNegativeElbo));
        Assert.That(result.Epochs[^1].TestNegativeElbo!.Value, Is.LessThan(result.Epochs[0].TestNegativeElbo!.Value));
        // 24 binary pixels: a uniform model costs 24·ln 2 ≈ 16.6 nats; the prototypes with 10 % noise cost ≈ 24·H(0.1) + ln 4 ≈ 9.2.
        Assert.That(result.Epochs[^1].TestNegativeElbo!.Value, Is.LessThan(24 * Math.Log(2)));
    }

    [Test]
    public void SameSeedGivesBitIdenticalModelsAndMetrics()
    {
        var a = VaeTrainer.Train<float>(Architecture, Train, Test, Options);
        var b = VaeTrainer.Train<float>(Architecture, Train, Test, Options);
        Assert.That(b.Epochs.Select(e => e.TrainLoss), Is.EqualTo(a.Epochs.Select(e => e.TrainLoss)));
        Assert.That(b.Epochs.Select(e => e.TestNegativeElbo), Is.EqualTo(a.Epochs.Select(e => e.TestNegativeElbo)));
        for (int p = 0; p < a.Model.Parameters.Count; p++)
            Assert.That(b.Model.Parameters[p].Value.ToArray(), Is.EqualTo(a.Model.Parameters[p].Value.ToArray()), a.Model.Parameters[p].Name);
        var c = VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Seed = 8 });
        Assert.That(c.Epochs[^1].TrainLoss, Is.Not.EqualTo(a.Epochs[^1].TrainLoss));
    }

    [Test]
    public void ResumingFromAnEpochCheckpointContinuesBitIdentically()
    {
        var straight = VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Epochs = 3 });
        var first = VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Epochs = 1, CheckpointDirectory = _directory });
        var checkpoint = first.Epochs[0].CheckpointPath;
        Assert.That(File.Exists(checkpoint));
        var resumed = VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Epochs = 3, ResumeFrom = checkpoint });
        Assert.That(resumed.Epochs.Select(e => e.Epoch), Is.EqualTo(new[] { 2, 3 }));
        Assert.That(resumed.Epochs.Select(e => e.TrainLoss), Is.EqualTo(straight.Epochs.Skip(1).Select(e => e.TrainLoss)));
        for (int p = 0; p < straight.Model.Parameters.Count; p++)
            Assert.That(resumed.Model.Parameters[p].Value.ToArray(), Is.EqualTo(straight.Model.Parameters[p].Value.ToArray()));
    }

    [Test]
    public void ResumingWithAnotherArchitectureIsAClearError()
    {
        var first = VaeTrainer.Train<float>(Architecture, Train, null, Options with { Epochs = 1, CheckpointDirectory = _directory });
        var other = VaeArchitecture.Mlp([24], [16], 4);
        var e = Assert.Throws<InvalidDataException>(() => VaeTrainer.Train<float>(other, Train, null, Options with { ResumeFrom = first.Epochs[0].CheckpointPath }));
        Assert.That(e!.Message, Does.Contain("hidden [32]").And.Contain("hidden [16]"));
    }

    [Test]
    public void DivergenceStopsWithEpochBatchAndTheLastGoodCheckpoint()
    {
        // A Gaussian decoder with a huge learning rate overflows float within a few steps.
        var architecture = VaeArchitecture.Mlp([24], [32], 4, DecoderFamily.Gaussian) with { DecoderLogVariance = -20 };
        var options = Options with { Epochs = 50, CheckpointDirectory = _directory, Optimizer = AdamOptions.Default with { LearningRate = 1e4 } };
        var epochs = new List<EpochSummary>();
        var e = Assert.Throws<TrainingDivergedException>(() => VaeTrainer.Train<float>(architecture, Train, null, options, (s, _) => epochs.Add(s)));
        Assert.That(e!.Epoch, Is.EqualTo(epochs.Count + 1));
        Assert.That(e.Batch, Is.InRange(1, 13));
        Assert.That(e.Message, Does.Contain($"epoch {e.Epoch}, batch {e.Batch}"));
        if (epochs.Count > 0)
        {
            Assert.That(e.LastGoodCheckpoint, Is.EqualTo(Path.Combine(_directory, "checkpoint.safetensors")));
            var model = VariationalAutoencoder<float>.Load(e.LastGoodCheckpoint);
            Assert.That(model.Parameters.SelectMany(p => p.Value.ToArray()).All(float.IsFinite));
        }
        else
        {
            Assert.That(e.LastGoodCheckpoint, Is.Empty);
        }
    }

    [Test]
    public void EpochCallbackSeesTheModelAndProgressIsReported()
    {
        var reports = new List<TrainingProgress>();
        var means = new List<double>();
        var progress = new SynchronousProgress(reports.Add);
        VaeTrainer.Train<float>(Architecture, Train, Test, Options with { Epochs = 2 },
            (summary, model) => means.Add(model.Encode(Test).Mean.Column(0).Average()), progress);
        Assert.That(means, Has.Count.EqualTo(2));
        Assert.That(means[0], Is.Not.EqualTo(means[1]));
        Assert.That(reports, Has.Count.EqualTo(2 * 13));
        Assert.That(reports[^1], Has.Property("Epoch").EqualTo(2).And.Property("Batch").EqualTo(13).And.Property("Batches").EqualTo(13));
    }

    [Test]
    public void CancellationStopsTraining()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SynchronousProgress(p => { if (p.Batch == 3) cts.Cancel(); });
        Assert.Throws<OperationCanceledException>(() => VaeTrainer.Train<float>(Architecture, Train, null, Options, null, progress, cts.Token));
    }

    [Test]
    public void BernoulliDecoderRejectsFeaturesOutsideTheUnitInterval()
    {
        var bad = Dataset.Create("scaled", Train.Features.ToArray().Select(v => 2 * v).ToArray(), Train.Labels, [24]);
        var e = Assert.Throws<ArgumentException>(() => VaeTrainer.Train<float>(Architecture, bad, null, Options));
        Assert.That(e!.Message, Does.Contain("[0, 1]").And.Contain("scaled"));
    }

    [Test]
    public void ImportanceSampledLogLikelihoodIsAtLeastTheElboOnHeldOutData()
    {
        var result = VaeTrainer.Train<double>(Architecture, Train, Test, Options with { Epochs = 6, EvaluationSamples = 200 });
        var last = result.Epochs[^1];
        Assert.That(last.TestLogLikelihood, Is.Not.Null);
        Assert.That(last.TestLogLikelihood!.Value, Is.GreaterThanOrEqualTo(-last.TestNegativeElbo!.Value));
        var estimate = ImportanceSampledLogLikelihood.Estimate(result.Model, Test, 500, seed: 3);
        double elbo = -VaeTrainer.NegativeElbo(result.Model, Test, 100, seed: 4);
        Assert.That(estimate.Mean, Is.GreaterThan(elbo));
        Assert.That(estimate.PerSample, Has.Count.EqualTo(Test.Count));
    }

    /// <summary>IProgress that reports synchronously on the training thread (Progress&lt;T&gt; posts asynchronously).</summary>
    private sealed class SynchronousProgress(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
