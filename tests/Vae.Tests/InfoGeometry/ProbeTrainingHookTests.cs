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
        // The standard split: 9 000 training images, the last 1 000 for the probe (200 held out by the probe). With only
        // 400 images (24 Adam steps) the probe's accuracy stays near that of the random initial encoder (0.27–0.35 over
        // seeds 1–6, on 60 held-out points); three epochs on 9 000 images raise it to 0.55–0.66.
        var mnist = Mnist.LoadEmbeddedTestSet();
        var split = Mnist.StandardSplit(mnist);
        var train = split.Train;
        var evaluation = split.Test;
        var tracker = new ProbeTracker(evaluation.Labels, LinearProbeOptions.Default with { Seed = 2 });
        var options = TrainingOptions.Default with { Epochs = 3, BatchSize = 100, Seed = 3 };
        var result = VaeTrainer.Train(VaeArchitecture.Mlp(train.SampleShape, [64], 4), train, null, options, tracker.OnEpoch(evaluation));
        var history = tracker.History;
        Assert.That(history.Select(h => h.Epoch), Is.EqualTo(new[] { 1, 2, 3 }));
        // The hook saw the same model state as an encoding after training.
        var last = LinearProbe.EvaluateFeatureSets(DiagonalNormalBatch.FromPosteriorCodes(result.Model.Encode(evaluation)), evaluation.Labels, tracker.Options);
        Assert.That(history[^1].Accuracies.Mean.TestAccuracy, Is.EqualTo(last.Mean.TestAccuracy));
        Assert.That(history[^1].Accuracies.Mean.TestAccuracy, Is.GreaterThan(0.3), "well above chance (0.1) after a few epochs");
        Assert.Throws<ArgumentException>(() => tracker.OnEpoch(mnist.Slice(0, 300)));
    }
}
