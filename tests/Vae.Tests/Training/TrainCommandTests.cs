using System.CommandLine;
using System.Diagnostics;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;

namespace Vae.Tests.Training;

/// <summary><c>vae train</c> end to end on the embedded MNIST split (small networks, few epochs), in process and through
/// the real executable (resume, SIGINT and SIGTERM).</summary>
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
        var model = VariationalAutoencoder.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.That(model.Architecture, Is.EqualTo(VaeArchitecture.Mlp([1, 28, 28], [32], 3)));
    }

    [Test]
    public void ClassificationDataTrainsAGaussianVae()
    {
        int code = Run("train", "--dataset", "classification", "--epochs", "3", "--hidden", "16", "--latent", "2", "--seed", "2", "--out", _directory);
        Assert.That(code, Is.EqualTo(0));
        var epochs = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")))!["epochs"]!.AsArray();
        Assert.That(epochs[2]!["train_neg_elbo"]!.GetValue<double>(), Is.LessThan(epochs[0]!["train_neg_elbo"]!.GetValue<double>()));
        var model = VariationalAutoencoder.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.That(model.Architecture.Decoder, Is.EqualTo(DecoderFamily.Gaussian));
        Assert.That(model.Architecture.InputShape, Is.EqualTo(new[] { 20 }));
    }

    [Test]
    public void FashionMnistTrainsUnderItsOwnName()
    {
        int code = Run("train", "--dataset", "fashion-mnist", "--epochs", "1", "--batch", "500", "--hidden", "16", "--latent", "2", "--out", _directory);
        Assert.That(code, Is.EqualTo(0));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(_directory, "metrics.json")))!;
        Assert.That(metrics["dataset"]!.GetValue<string>(), Is.EqualTo("fashion-mnist"));
        Assert.That(metrics["train_set"]!.GetValue<string>(), Is.EqualTo("fashion-mnist-train"));
        Assert.That(metrics["train_samples"]!.GetValue<int>(), Is.EqualTo(60_000));
        Assert.That(metrics["test_samples"]!.GetValue<int>(), Is.EqualTo(10_000));
        double elbo = metrics["epochs"]![0]!["test_neg_elbo"]!.GetValue<double>();
        Assert.That(elbo, Is.LessThan(784 * Math.Log(2)), "one epoch learns something below the 784·ln 2 of a know-nothing decoder");
    }

    [Test]
    public void BadOptionsAreUsageErrors()
    {
        Assert.That(Run("train", "--hidden", "200,x", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("train", "--objective", "kl", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("train", "--dataset", "cifar", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
    }

    [Test]
    public void ResumeContinuesFromTheCheckpointBitIdentically()
    {
        string[] common = ["train", "--batch", "500", "--hidden", "16", "--latent", "2", "--seed", "4"];
        var straight = Path.Combine(_directory, "straight");
        var resumed = Path.Combine(_directory, "resumed");
        AssertSucceeded(Vae([.. common, "--epochs", "2", "--out", straight]));
        var first = Vae([.. common, "--epochs", "1", "--out", resumed]);
        AssertSucceeded(first);
        Assert.That(first.Output, Does.Contain("epoch 1: train -ELBO"));
        Assert.That(SafeTensorsFile.Read(Path.Combine(resumed, "checkpoint.safetensors")).Metadata["vae.checkpoint.epoch"], Is.EqualTo("1"));
        var second = Vae([.. common, "--epochs", "2", "--resume", "--out", resumed]);
        AssertSucceeded(second);
        Assert.That(second.Output, Does.Not.Contain("epoch 1:").And.Contain("epoch 2: train -ELBO"));

        var a = SafeTensorsFile.Read(Path.Combine(straight, "model.safetensors"));
        var b = SafeTensorsFile.Read(Path.Combine(resumed, "model.safetensors"));
        Assert.That(b.Tensors.Select(t => t.Name), Is.EqualTo(a.Tensors.Select(t => t.Name)));
        foreach (var t in a.Tensors)
            Assert.That(b[t.Name].ToSingleArray().Select(BitConverter.SingleToInt32Bits), Is.EqualTo(t.ToSingleArray().Select(BitConverter.SingleToInt32Bits)), t.Name);
        var straightEpochs = JsonNode.Parse(File.ReadAllText(Path.Combine(straight, "metrics.json")))!["epochs"]!.AsArray();
        var resumedEpochs = JsonNode.Parse(File.ReadAllText(Path.Combine(resumed, "metrics.json")))!["epochs"]!.AsArray();
        Assert.That(resumedEpochs, Has.Count.EqualTo(1), "metrics list the epochs run by this invocation");
        Assert.That(resumedEpochs[0]!["epoch"]!.GetValue<int>(), Is.EqualTo(2));
        foreach (var key in new[] { "train_neg_elbo", "train_loss", "test_neg_elbo" })
            Assert.That(resumedEpochs[0]![key]!.GetValue<double>(), Is.EqualTo(straightEpochs[1]![key]!.GetValue<double>()), key);

        var missing = Vae([.. common, "--epochs", "2", "--resume", "--out", Path.Combine(_directory, "empty")]);
        Assert.That(missing.ExitCode, Is.EqualTo(CommandRunner.Usage));
        Assert.That(missing.Error, Does.Contain("--resume: there is no checkpoint"));
    }

    [TestCase("INT")]
    [TestCase("TERM")]
    public void ASignalSavesTheCheckpointAndExitsWith130ThenResumeFinishes(string signal)
    {
        // 900 minibatches of 10 per epoch: long enough that the signal arrives while training runs.
        string[] common = ["train", "--batch", "10", "--hidden", "16", "--latent", "2", "--seed", "5", "--out", _directory];
        var info = global::Vae.Tests.Cli.VaeExecutable.StartInfoWithDefaultSignals([.. common, "--epochs", "1000"]);
        using var process = Process.Start(info)!;
        var firstEpoch = new TaskCompletionSource();
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output) output.AppendLine(e.Data);
            if (e.Data.StartsWith("epoch 1:", StringComparison.Ordinal)) firstEpoch.TrySetResult();
        };
        var error = process.StandardError.ReadToEndAsync();
        process.BeginOutputReadLine();
        bool started = firstEpoch.Task.Wait(TimeSpan.FromMinutes(3));
        if (!started) process.Kill();
        Assert.That(started, Is.True, $"the first epoch line appeared; stderr: {(started ? "" : error.Result)}");
        var staging = Directory.GetDirectories(Path.GetDirectoryName(_directory)!, $".{Path.GetFileName(_directory)}.vae-tmp-*");
        Assert.That(staging.Any(d => File.Exists(Path.Combine(d, "checkpoint.safetensors"))), Is.True,
            "the epoch-1 checkpoint exists (staged next to --out until the command ends, docs/reliability.md)");

        using (var kill = Process.Start(new ProcessStartInfo("/bin/kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!)
            kill.WaitForExit();
        bool exited = process.WaitForExit(TimeSpan.FromSeconds(90));
        if (!exited) process.Kill();
        Assert.That(exited, Is.True, "the process stopped after SIG" + signal);
        process.WaitForExit();
        var stderr = error.Result;
        TestContext.Out.WriteLine(output.ToString());
        TestContext.Out.WriteLine(stderr);
        Assert.That(process.ExitCode, Is.EqualTo(130), stderr);
        var checkpoint = Path.Combine(_directory, "checkpoint.safetensors");
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), stderr);
        Assert.That(lines[0], Is.EqualTo($"vae train: interrupted; the position was saved to {checkpoint} (continue with --resume)."));
        Assert.That(File.Exists(Path.Combine(_directory, "model.safetensors")), Is.False, "no final model for an interrupted run");
        Assert.That(Directory.GetFiles(_directory).Select(Path.GetFileName), Is.EqualTo(new[] { "checkpoint.safetensors" }), "no temporary file is left");

        var model = VariationalAutoencoder.Load(checkpoint);
        Assert.That(model.Architecture, Is.EqualTo(VaeArchitecture.Mlp([1, 28, 28], [16], 2)));
        var metadata = SafeTensorsFile.Read(checkpoint).Metadata;
        int epochs = int.Parse(metadata["vae.checkpoint.epoch"], System.Globalization.CultureInfo.InvariantCulture);
        int batch = int.Parse(metadata["vae.checkpoint.batch"], System.Globalization.CultureInfo.InvariantCulture);
        long step = long.Parse(metadata["vae.checkpoint.step"], System.Globalization.CultureInfo.InvariantCulture);
        TestContext.Out.WriteLine($"stopped after {epochs} epochs + {batch} batches (step {step})");
        Assert.That(epochs, Is.GreaterThanOrEqualTo(1));
        Assert.That(batch, Is.InRange(0, 899));
        Assert.That(step, Is.EqualTo(900L * epochs + batch));

        // Finish the epoch in progress; the result is that of an uninterrupted run of as many epochs.
        var total = (epochs + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var resumed = Vae([.. common, "--epochs", total, "--resume"]);
        AssertSucceeded(resumed);
        Assert.That(resumed.Output, Does.Contain($"epoch {epochs + 1}: train -ELBO"));
        var final = VariationalAutoencoder.Load(Path.Combine(_directory, "model.safetensors"));
        Assert.That(final.Architecture, Is.EqualTo(model.Architecture));
        Assert.That(SafeTensorsFile.Read(checkpoint).Metadata["vae.checkpoint.step"], Is.EqualTo((900L * (epochs + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var straight = Path.Combine(_directory, "straight");
        AssertSucceeded(Vae([.. common[..^1], straight, "--epochs", total]));
        var a = SafeTensorsFile.Read(Path.Combine(straight, "model.safetensors"));
        var b = SafeTensorsFile.Read(Path.Combine(_directory, "model.safetensors"));
        foreach (var t in a.Tensors)
            Assert.That(b[t.Name].ToSingleArray().Select(BitConverter.SingleToInt32Bits), Is.EqualTo(t.ToSingleArray().Select(BitConverter.SingleToInt32Bits)), t.Name);
    }

    private static void AssertSucceeded((int ExitCode, string Output, string Error) result)
    {
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        Assert.That(result.Error, Is.Empty);
    }

    private static ProcessStartInfo Start(string[] args) => global::Vae.Tests.Cli.VaeExecutable.StartInfo(args);

    private static (int ExitCode, string Output, string Error) Vae(params string[] args) => global::Vae.Tests.Cli.VaeExecutable.Run(args);
}
