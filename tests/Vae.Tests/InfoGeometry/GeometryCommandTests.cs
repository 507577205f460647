using System.CommandLine;
using System.Text.Json.Nodes;
using MathNet.Numerics.Statistics;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Training;

namespace Vae.Tests.InfoGeometry;

/// <summary><c>vae geometry analyse</c> end to end on a small VAE trained for two epochs.</summary>
[TestFixture]
public sealed class GeometryCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-geometry-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private static int Run(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(GeometryCommand.Create());
        return CommandRunner.Run(root, args);
    }

    [Test]
    public void WritesGeometryJsonCsvAndFigures()
    {
        var train = Mnist.LoadEmbeddedTestSet().Slice(0, 1000);
        var result = VaeTrainer.Train(VaeArchitecture.Mlp(train.SampleShape, [64], 5), train, null,
            TrainingOptions.Default with { Epochs = 2, BatchSize = 100, Seed = 1 });
        var modelPath = Path.Combine(_directory, "model.safetensors");
        result.Model.Save(modelPath);
        var output = Path.Combine(_directory, "analysis");

        Assert.That(Run("geometry", "analyse", "--model", modelPath, "--out", output, "--steps", "6", "--profile-steps", "21", "--pair", "3,4"), Is.EqualTo(0));

        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "geometry.json")))!;
        var eigenvalues = json["pca_eigenvalues"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.That(eigenvalues, Has.Length.EqualTo(5));
        Assert.That(eigenvalues, Is.Ordered.Descending);
        int pcaCount = json["active_units_pca"]!.GetValue<int>();
        Assert.That(pcaCount, Is.EqualTo(eigenvalues.Count(v => v > 0.01)));
        // Independent check: the per-dimension variances of the encoded means, computed here with MathNet statistics.
        var test = DatasetRegistry.Load("mnist").Test;
        Assert.That(json["samples"]!.GetValue<int>(), Is.EqualTo(1000), "the held-out split of the registry's mnist");
        var means = result.Model.Encode(test).Mean;
        var variances = Enumerable.Range(0, 5).Select(j => means.Column(j).Variance()).ToArray();
        Assert.That(json["active_units_variance"]!.GetValue<int>(), Is.EqualTo(variances.Count(v => v > 0.01)));
        Assert.That(eigenvalues.Sum(), Is.EqualTo(variances.Sum()).Within(1e-9 * variances.Sum()), "PCA keeps the total variance");
        foreach (var key in new[] { "mean", "mean_var", "sampled" })
            TestContext.Out.WriteLine($"{key}: {json["probe_accuracy"]![key]}");
        Assert.That(json["probe_accuracy"]!["mean"]!.GetValue<double>(), Is.InRange(0.25, 1.0), "above chance (≈ 0.11) after two short epochs");
        Assert.That(json["probe_accuracy"]!["mean_var"]!.GetValue<double>(), Is.InRange(0.25, 1.0));
        Assert.That(json["probe_accuracy"]!["sampled"]!.GetValue<double>(), Is.InRange(0.1, 1.0), "noisy draws early in training");
        Assert.That(json["interpolation"]!["labels"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { test.Labels[3], test.Labels[4] }));

        var grid = File.ReadAllLines(Path.Combine(output, "interpolation_grid.csv"));
        Assert.That(grid, Has.Length.EqualTo(1 + 7 * 6), "7 rows × 6 steps");
        Assert.That(grid[0].Split(','), Has.Length.EqualTo(2 + 784));
        Assert.That(File.ReadAllLines(Path.Combine(output, "interpolation_profile.csv")), Has.Length.EqualTo(1 + 2 * 21 * 5));
        Assert.That(File.ReadAllLines(Path.Combine(output, "pca_spectrum.csv")), Has.Length.EqualTo(1 + 5));
        foreach (var svg in new[] { "pca_spectrum.svg", "interpolation.svg", "sigma_profile.svg" })
            Assert.That(File.ReadAllText(Path.Combine(output, svg)), Does.StartWith("<svg"), svg);
    }

    [Test]
    public void ClassificationDataAreGeneratedWithTheSeedTheModelWasTrainedWith()
    {
        // vae train --dataset classification --seed 7 generates the problem with seed 7 and holds out its last 1 000 samples;
        // analyse must encode that split, not the problem of seed 0.
        var trained = DatasetRegistry.Load("classification", "", 7);
        var result = VaeTrainer.Train(VaeArchitecture.Mlp(trained.Train.SampleShape, [16], 2, DecoderFamily.Gaussian), trained.Train.Slice(0, 500), null,
            TrainingOptions.Default with { Epochs = 1, BatchSize = 100, Seed = 7 });
        var modelPath = Path.Combine(_directory, "model.safetensors");
        result.Model.Save(modelPath);
        File.WriteAllText(Path.Combine(_directory, "metrics.json"), "{ \"dataset\": \"classification\", \"seed\": 7 }");

        JsonNode Analyse(string output, params string[] extra)
        {
            Assert.That(Run(["geometry", "analyse", "--model", modelPath, "--dataset", "classification", "--out", output, "--steps", "3",
                "--profile-steps", "5", "--pair", "5,9", .. extra]), Is.EqualTo(0));
            return JsonNode.Parse(File.ReadAllText(Path.Combine(output, "geometry.json")))!;
        }
        var json = Analyse(Path.Combine(_directory, "a"));
        Assert.That(File.ReadAllText(Path.Combine(_directory, "a", "interpolation.svg")), Does.StartWith("<svg"), "feature vectors are drawn as strips");
        Assert.That(json["data_source"]!.GetValue<string>(), Is.EqualTo(trained.Source));
        Assert.That(json["interpolation"]!["labels"]!.AsArray().Select(v => v!.GetValue<int>()), Is.EqualTo(new[] { trained.Test.Labels[5], trained.Test.Labels[9] }));
        // An explicit --data-seed wins over metrics.json.
        Assert.That(Analyse(Path.Combine(_directory, "b"), "--data-seed", "3")["data_source"]!.GetValue<string>(),
            Is.EqualTo(DatasetRegistry.Load("classification", "", 3).Source));
    }

    [Test]
    public void BadOptionsAreUsageErrors()
    {
        Assert.That(Run("geometry", "analyse", "--model", Path.Combine(_directory, "missing.safetensors"), "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("geometry", "analyse", "--model", "x", "--dataset", "cifar", "--out", _directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Run("geometry", "analyse", "--out", _directory), Is.EqualTo(CommandRunner.Usage), "--model is required");
    }
}
