using System.CommandLine;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Core.Data;
using Vae.Core.Models;

namespace Vae.Tests.Training;

/// <summary><c>vae train</c> end to end on the embedded MNIST split (small network, one epoch).</summary>
[TestFixture]
public sealed class TrainCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-train-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static int Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(TrainCommand.Create());
        return CommandRunner.Run(root, args);
    }

    [Test]
    public void WritesModelAndMetricsWithTheEpochsArray()
    {
        int code = Run("train", "--dataset", "mnist", "--epochs", "2", "--batch", "100", "--hidden", "32", "--latent", "3",
            "--eval-samples", "5", "--seed", "4", "--out", _directory);
        Assert.That(code, Is.EqualTo(0));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")))!;
        Assert.That(metrics["train_samples"]!.GetValue<int>(), Is.EqualTo(Mnist.StandardTrainingCount));
        Assert.That(metrics["test_samples"]!.GetValue<int>(), Is.EqualTo(Mnist.StandardEvaluationCount));
        Assert.That(metrics["objective"]!["name"]!.GetValue<string>(), Is.EqualTo("elbo"));
        Assert.That(metrics["objective"]!["beta"]!.GetValue<double>(), Is.EqualTo(1.0));
        var epochs = metrics["epochs"]!.AsArray();
        Assert.That(epochs, Has.Count.EqualTo(2));
        foreach (var key in new[] { "epoch", "train_neg_elbo", "test_neg_elbo", "seconds", "test_log_likelihood" })
            Assert.That(epochs[1]![key], Is.Not.Null, key);
        double ll = epochs[1]!["test_log_likelihood"]!.GetValue<double>(), elbo = epochs[1]!["test_neg_elbo"]!.GetValue<double>();
        Assert.That(ll, Is.LessThan(0).And.GreaterThan(-elbo - 5), "log p(x) is a finite nats value near −ELBO");
        var model = VariationalAutoencoder<float>.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.That(model.Architecture, Is.EqualTo(VaeArchitecture.Mlp([1, 28, 28], [32], 3)));
    }

    [Test]
    public void ClassificationDataTrainsAGaussianVae()
    {
        int code = Run("train", "--dataset", "classification", "--epochs", "3", "--hidden", "16", "--latent", "2", "--seed", "2", "--out", _directory);
        Assert.That(code, Is.EqualTo(0));
        var epochs = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")))!["epochs"]!.AsArray();
        Assert.That(epochs[2]!["train_neg_elbo"]!.GetValue<double>(), Is.LessThan(epochs[0]!["train_neg_elbo"]!.GetValue<double>()));
        var model = VariationalAutoencoder<float>.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.That(model.Architecture.Decoder, Is.EqualTo(DecoderFamily.Gaussian));
        Assert.That(model.Architecture.InputShape, Is.EqualTo(new[] { 20 }));
    }

    [Test]
    public void BadOptionsAreUsageErrors()
    {
        Assert.That(Run("train", "--hidden", "200,x", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("train", "--objective", "kl", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("train", "--dataset", "cifar", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
    }
}
