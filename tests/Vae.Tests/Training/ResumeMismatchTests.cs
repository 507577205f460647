using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;

namespace Vae.Tests.Training;

/// <summary>
/// A resume whose options would change the sample order or the noise (seed, batch size, K noise draws, training-set size)
/// is refused before anything is written, naming the option and both values; the checkpoint's own options resume.
/// </summary>
[TestFixture]
public sealed class ResumeMismatchTests : Reliability.ScratchDirectoryTest
{
    private static readonly VaeArchitecture Architecture = TrainingTests.Architecture;
    private static readonly Dataset Train = TrainingTests.Train;
    private static readonly TrainingOptions Options = TrainingOptions.Default with { Epochs = 2, BatchSize = 32, Seed = 7 };

    private string Checkpoint => Path.Combine(Scratch, "first", "checkpoint.safetensors");

    [Test]
    public void TheCheckpointStoresWhatFixesTheOrderAndTheNoise()
    {
        VaeTrainer.Train(Architecture, Train, null, Options with { Epochs = 1, CheckpointDirectory = Path.GetDirectoryName(Checkpoint)! });
        var metadata = SafeTensorsFile.Read(Checkpoint).Metadata;
        Assert.That(metadata["vae.checkpoint.seed"], Is.EqualTo("7"));
        Assert.That(metadata["vae.checkpoint.batch_size"], Is.EqualTo("32"));
        Assert.That(metadata["vae.checkpoint.samples"], Is.EqualTo("1"));
        Assert.That(metadata["vae.checkpoint.train_count"], Is.EqualTo("400"));
    }

    [TestCase("Seed", "options.Seed = 8", "used 7", "options")]
    [TestCase("BatchSize", "options.BatchSize = 50", "used 32", "options")]
    [TestCase("Samples", "options.Objective.Samples = 2", "used 1", "options")]
    [TestCase("Count", "sample count = 399", "used 400", "train")]
    public void AResumeThatContradictsTheCheckpointIsRefusedBeforeAnythingIsWritten(string change, string named, string stored, string parameter)
    {
        VaeTrainer.Train(Architecture, Train, null, Options with { Epochs = 1, CheckpointDirectory = Path.GetDirectoryName(Checkpoint)! });
        var bytes = File.ReadAllBytes(Checkpoint);
        var model = VariationalAutoencoder.Create(Architecture, Options.Seed);
        var before = TrainingTests.Bits(model);
        var output = Path.Combine(Scratch, "second");
        var options = Options with { CheckpointDirectory = output, ResumeFrom = Checkpoint };
        var train = Train;
        switch (change)
        {
            case "Seed": options = options with { Seed = 8 }; break;
            case "BatchSize": options = options with { BatchSize = 50 }; break;
            case "Samples": options = options with { Objective = ElboLoss.Default with { Samples = 2 } }; break;
            default: train = Train.Slice(0, 399); break;
        }

        var e = Assert.Throws<ArgumentException>(() => VaeTrainer.Train(model, train, null, options));
        Assert.That(e!.ParamName, Is.EqualTo(parameter));
        Assert.That(e.Message, Does.Contain(named).And.Contain(stored).And.Contain(Checkpoint));
        Assert.That(Directory.Exists(output), Is.False, "nothing written: not even the checkpoint directory");
        Assert.That(File.ReadAllBytes(Checkpoint), Is.EqualTo(bytes));
        Assert.That(TrainingTests.Bits(model), Is.EqualTo(before), "the model is unchanged");
    }

    [Test]
    public void AnOlderCheckpointWithoutTheNewFieldsStillResumesAndIsCheckedForItsSeed()
    {
        // Rewrite the checkpoint without the keys added with this check: it resumes with any batch size, but the seed,
        // stored from the start, is still checked.
        VaeTrainer.Train(Architecture, Train, null, Options with { Epochs = 1, CheckpointDirectory = Path.GetDirectoryName(Checkpoint)! });
        var file = SafeTensorsFile.Read(Checkpoint);
        var metadata = file.Metadata.Where(p => p.Key is not ("vae.checkpoint.batch_size" or "vae.checkpoint.samples" or "vae.checkpoint.train_count"))
            .ToDictionary(p => p.Key, p => p.Value);
        var old = Path.Combine(Scratch, "old.safetensors");
        new SafeTensorsFile(file.Tensors, metadata).Write(old);

        var resumed = VaeTrainer.Train(Architecture, Train, null, Options with { BatchSize = 50, ResumeFrom = old });
        Assert.That(resumed.Epochs.Select(s => (s.Epoch, s.Step)), Is.EqualTo(new[] { (2, 13L + 8) }), "13 steps of 32 (⌈400/32⌉), then 8 of 50");
        var e = Assert.Throws<ArgumentException>(() => VaeTrainer.Train(Architecture, Train, null, Options with { Seed = 6, ResumeFrom = old }));
        Assert.That(e!.Message, Does.Contain("options.Seed = 6").And.Contain("used 7"));
    }
}
