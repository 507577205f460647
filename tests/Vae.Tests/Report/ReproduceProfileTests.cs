using System.CommandLine;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Cli;
using Vae.Cli.Commands;
using Vae.Reproduce;
using Vae.Reproduce.Parts;
using Vae.Core.Sweeps;

namespace Vae.Tests.Report;

/// <summary><c>vae reproduce --profile paper</c> writes the paper's sweep and Slurm script without training, and
/// <c>vae reproduce --from SWEEP</c> reports a finished sweep; the same path is run here at a small scale.</summary>
[NonParallelizable]
public sealed class ReproduceProfileTests
{
    private string _root = "";

    [SetUp]
    public void CreateDirectory() => _root = Directory.CreateTempSubdirectory("vae-profile-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_root, recursive: true);

    private static int Vae(params string[] args)
    {
        var root = new RootCommand("test");
        root.Subcommands.Add(ReproduceCommand.Create());
        root.Subcommands.Add(SweepCommand.Create());
        return CommandRunner.Run(root, args);
    }

    [Test]
    public void PaperProfileWritesThe180RunSweepAndItsJobArrayWithoutTraining()
    {
        var directory = Path.Combine(_root, "paper");
        Assert.That(Vae("reproduce", "--profile", "paper", "--dataset", "fashion-mnist", "--out", directory), Is.EqualTo(0));
        var definition = SweepDefinition.Load(directory);
        var runs = definition.Expand();
        Assert.That(runs, Has.Count.EqualTo(180));
        Assert.That(runs.Select(r => r.Alpha).Distinct(), Is.EqualTo(new[] { 0, 0.2, 0.4, 0.6, 0.8, 1.0 }));
        Assert.That(runs.Select(r => r.Latent).Distinct(), Is.EqualTo(new[] { 30, 40, 50 }));
        Assert.That(runs.Select(r => r.Seed).Distinct().Count(), Is.EqualTo(10));
        var b = definition.Base;
        Assert.That((b.Epochs, b.Objective, b.Samples, b.BoundSamples, b.EvaluationSamples, b.EvaluateEvery, b.Dataset),
            Is.EqualTo((1000, "renyi", 10, 10, 2000, 1000, "fashion-mnist")));
        var script = File.ReadAllLines(Path.Combine(directory, "slurm", "sweep.sbatch"));
        Assert.That(script, Does.Contain("#SBATCH --array=0-179%20").And.Contain("#SBATCH --gpus-per-task=1"));
        Assert.That(Directory.Exists(Path.Combine(directory, "runs")), Is.False, "nothing is trained");
        Assert.That(SweepRunner.Status(directory), Is.EqualTo(new SweepStatus(180, 0, 0, 180)));
    }

    [Test]
    public void BadProfileOptionsFailBeforeWritingAnything()
    {
        var directory = Path.Combine(_root, "bad");
        Assert.That(Vae("reproduce", "--profile", "paper", "--out", directory), Is.EqualTo(CommandRunner.Usage), "mnist-full without --data-dir");
        Assert.That(Vae("reproduce", "--profile", "paper", "--dataset", "cifar", "--out", directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Vae("reproduce", "--quick", "--profile", "full", "--out", directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Vae("reproduce", "--from", _root, "--out", directory), Is.EqualTo(CommandRunner.Usage), "not a sweep directory");
        Assert.That(Vae("reproduce", "--quick", "--dataset", "mnist", "--out", directory), Is.EqualTo(CommandRunner.Usage));
        Assert.That(Directory.Exists(directory), Is.False);
    }

    [Test]
    public void FromSweepReportsAFinishedSweepLikeTheGridSection()
    {
        // The same path as the paper's: a sweep file, `vae sweep run`, then `vae reproduce --from` (the smoke grid).
        var sweep = Path.Combine(_root, "sweep");
        Directory.CreateDirectory(sweep);
        var grid = AlphaGridPart.Grids(new ReproduceOptions(sweep, ReproduceScale.Smoke, 1, [])).Single();
        File.WriteAllText(Path.Combine(sweep, SweepDefinition.FileName), grid.ToJson());
        Assert.That(SweepDefinition.Load(sweep), Is.EqualTo(grid), "ToJson round-trips");
        Assert.That(Vae("sweep", "run", sweep, "--workers", "2"), Is.EqualTo(0));
        var report = Path.Combine(_root, "report");
        Assert.That(Vae("reproduce", "--from", sweep, "--out", report), Is.EqualTo(0));
        var metrics = JsonNode.Parse(File.ReadAllText(Path.Combine(report, "metrics.json")))!;
        var section = metrics["sections"]!["sweep"]!;
        Assert.That(section["claims"]!.AsArray(), Has.Count.EqualTo(7));
        Assert.That(section["summary"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "summary.json")))!.ToJsonString()));
        var html = File.ReadAllText(Path.Combine(report, "index.html"));
        Assert.That(html, Does.Contain("<figure id=\"sweep-bound-vs-alpha\">").And.Contain("<figure id=\"sweep-active-units-vs-alpha\">").And.Contain("Claims of Peşte"));
    }
}
