using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Training;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Probes;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class ProbeTrainingHookTests
{
    [Test]
    public void TrackerFollowsTrainingThroughTheTrainersEpochCallback()
    {
        var mnist = Mnist.LoadEmbeddedTestSet();
        var train = mnist.Slice(0, 400);
        var evaluation = mnist.Slice(9000, 300);
        var tracker = new ProbeTracker(evaluation.Labels, LinearProbeOptions.Default with { Seed = 2 });
        var options = TrainingOptions.Default with { Epochs = 3, BatchSize = 50, Seed = 3 };
        var result = VaeTrainer.Train<float>(VaeArchitecture.Mlp(train.SampleShape, [64], 4), train, null, options, tracker.OnEpoch<float>(evaluation));
        var history = tracker.History;
        Assert.That(history.Select(h => h.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
        // The hook saw the same model state as an encoding after training.
        var last = LinearProbe.EvaluateFeatureSets(DiagonalNormalBatch.FromPosteriorCodes(result.Model.Encode(evaluation)), evaluation.Labels, tracker.Options);
        Assert.That(history[^1].Accuracies.Mean.TestAccuracy, Is.EqualTo(last.Mean.TestAccuracy));
        Assert.That(history[^1].Accuracies.Mean.TestAccuracy, Is.GreaterThan(0.3), "well above chance (0.1) after a few epochs");
        Assert.Throws<ArgumentException>(() => tracker.OnEpoch<float>(mnist.Slice(0, 300)));
    }
}
