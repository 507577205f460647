using System.Security.Cryptography;
using System.Text;
using NUnit.Framework;
using Vae.Core.Sweeps;

namespace Vae.Tests.Sweeps;

/// <summary>sweep.json parsing, validation messages, expansion order and stable run IDs.</summary>
[TestFixture]
public sealed class SweepDefinitionTests
{
    private const string Source = "/sweeps/demo/sweep.json";

    private const string Valid = """
        {"name": "demo", "base": {"dataset": "mnist", "epochs": 1, "batch_size": 500, "hidden": [16], "latent": 2},
         "grid": {"latent": [2, 3], "seed": [1, 2, 3]}}
        """;

    [Test]
    public void ExpandsAxesInFileOrderFirstAxisSlowest()
    {
        var runs = SweepDefinition.Parse(Valid, Source).Expand();
        Assert.That(runs.Select(r => (r.Latent, r.Seed)), Is.EqualTo(new[] { (2, 1), (2, 2), (2, 3), (3, 1), (3, 2), (3, 3) }));
        Assert.That(runs.Select(r => r.Hidden.Single()).Distinct(), Is.EqualTo(new[] { 16 }));
        Assert.That(runs.Select(r => r.Id).Distinct().Count(), Is.EqualTo(6));
        Assert.That(runs.Select(r => r.ConfigurationId).Distinct().Count(), Is.EqualTo(2));
        var swapped = SweepDefinition.Parse(Valid.Replace("\"latent\": [2, 3], \"seed\": [1, 2, 3]", "\"seed\": [1, 2, 3], \"latent\": [2, 3]", StringComparison.Ordinal), Source).Expand();
        Assert.That(swapped.Select(r => (r.Latent, r.Seed)), Is.EqualTo(new[] { (2, 1), (3, 1), (2, 2), (3, 2), (2, 3), (3, 3) }));
    }

    [Test]
    public void RunIdIsTheSha256OfTheCanonicalJson()
    {
        var run = new RunConfiguration { Epochs = 1, BatchSize = 500, Hidden = [16], Latent = 2, Seed = 1, DataDirectory = "/anywhere", Threads = 2 };
        const string canonical = """{"alpha":0.5,"anneal_steps":0,"batch_size":500,"beta":1,"dataset":"mnist","epochs":1,"eval_samples":0,"hidden":[16],"latent":2,"learning_rate":0.001,"objective":"elbo","samples":1,"seed":1}""";
        Assert.That(run.ToCanonicalJson(), Is.EqualTo(canonical));
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..12];
        Assert.That(run.Id, Is.EqualTo(expected));
        Assert.That(run.Id, Is.EqualTo("ee9bb83a4d72"), "stable across machines and versions");
        Assert.That(SweepDefinition.Parse(Valid, Source).Expand()[0].Id, Is.EqualTo("ee9bb83a4d72"));
        Assert.That((run with { LearningRate = 1e-5 }).ToCanonicalJson(), Does.Contain("\"learning_rate\":1E-05"));
        Assert.That(run.ToCanonicalJson(includeSeed: false), Does.Not.Contain("seed"));
    }

    [Test]
    public void KeysAddedLaterAppearOnlyAwayFromTheirDefaultsSoOldIdsStayValid()
    {
        var run = new RunConfiguration { Epochs = 1, BatchSize = 500, Hidden = [16], Latent = 2, Seed = 1 };
        Assert.That(run with { EvaluateEvery = 1, BoundSamples = 0 }, Has.Property("Id").EqualTo("ee9bb83a4d72"));
        var later = run with { EvaluateEvery = 10, BoundSamples = 10 };
        Assert.That(later.ToCanonicalJson(), Does.Contain("\"beta\":1,\"bound_samples\":10,\"dataset\"").And.Contain("\"epochs\":1,\"eval_every\":10,\"eval_samples\":0"));
        Assert.That(later.Id, Is.Not.EqualTo(run.Id));
        Assert.That(later.ToTrainingOptions().EvaluateEvery, Is.EqualTo(10));
        Assert.That((run with { Objective = "renyi", Alpha = 0.25 }).BoundAlpha, Is.EqualTo(0.25));
        Assert.That(run.BoundAlpha, Is.EqualTo(1.0), "the ELBO is the bound at α = 1");
        var parsed = SweepDefinition.Parse(Valid.Replace("\"epochs\": 1", "\"epochs\": 1, \"eval_every\": 10, \"bound_samples\": 10", StringComparison.Ordinal), Source);
        Assert.That(parsed.Expand()[0], Is.EqualTo(later), "the sweep file's keys reach the run");
    }

    [Test]
    public void EqualValuesWrittenDifferentlyAreTheSameRun()
    {
        var a = SweepDefinition.Parse(Valid.Replace("\"epochs\": 1", "\"epochs\": 1, \"learning_rate\": 0.001", StringComparison.Ordinal), Source);
        var b = SweepDefinition.Parse(Valid.Replace("\"epochs\": 1", "\"epochs\": 1, \"learning_rate\": 1e-3", StringComparison.Ordinal), Source);
        Assert.That(a.Fingerprint(), Is.EqualTo(b.Fingerprint()));
        Assert.That(a, Is.EqualTo(b));
    }

    private static IEnumerable<TestCaseData> BadFiles()
    {
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": [1]}, "extra": 1}""", "extra").SetName("UnknownRootField");
        yield return new TestCaseData("""{"name": "x", "base": {"latnt": 3}, "grid": {"seed": [1]}}""", "base.latnt").SetName("UnknownBaseField");
        yield return new TestCaseData("""{"name": "x", "grid": {"hidden": [[16]]}}""", "grid.hidden").SetName("UnknownAxis");
        yield return new TestCaseData("""{"name": "x", "base": {"eval_every": 0}, "grid": {"seed": [1]}}""", "base.eval_every").SetName("EvalEveryBelowOne");
        yield return new TestCaseData("""{"name": "x", "base": {"bound_samples": -1}, "grid": {"seed": [1]}}""", "base.bound_samples").SetName("NegativeBoundSamples");
        yield return new TestCaseData("""{"name": "x", "base": {"latent": "3"}, "grid": {"seed": [1]}}""", "base.latent").SetName("WrongTypeInBase");
        yield return new TestCaseData("""{"name": "x", "grid": {"alpha": [0.5, "one"]}}""", "grid.alpha").SetName("WrongTypeInAxis");
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": 1}}""", "grid.seed").SetName("AxisNotAnArray");
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": []}}""", "grid.seed").SetName("EmptyAxis");
        yield return new TestCaseData("""{"name": "x", "grid": {}}""", "grid").SetName("EmptyGrid");
        yield return new TestCaseData("""{"name": "x", "base": {}}""", "grid").SetName("MissingGrid");
        yield return new TestCaseData("""{"grid": {"seed": [1]}}""", "name").SetName("MissingName");
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": [1, 2, 1]}}""", "grid.seed").SetName("DuplicateValue");
        yield return new TestCaseData("""{"name": "x", "grid": {"beta": [1, 1.0]}}""", "grid.beta").SetName("DuplicateValueWrittenDifferently");
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": [1], "seed": [2]}}""", "seed").SetName("DuplicateAxis");
        yield return new TestCaseData("""{"name": "x", "grid": {"epochs": [0, 1]}}""", "grid.epochs").SetName("OutOfRangeInAxis");
        yield return new TestCaseData("""{"name": "x", "base": {"batch_size": -5}, "grid": {"seed": [1]}}""", "base.batch_size").SetName("OutOfRangeInBase");
        yield return new TestCaseData("""{"name": "x", "grid": {"objective": ["elbo", "vampprior"]}}""", "grid.objective").SetName("UnknownObjective");
        yield return new TestCaseData("""{"name": "x", "base": {"dataset": "cifar"}, "grid": {"seed": [1]}}""", "base.dataset").SetName("UnknownDataset");
        yield return new TestCaseData("""{"name": "x", "base": {"hidden": []}, "grid": {"seed": [1]}}""", "base.hidden").SetName("EmptyHidden");
        yield return new TestCaseData("""{"name": "x", "base": {"dataset": "mnist", "data_dir": "/x"}, "grid": {"seed": [1]}}""", "base.data_dir").SetName("DataDirectoryForTheEmbeddedSet");
        yield return new TestCaseData("""{"name": "x", "base": {"dataset": "mnist-full"}, "grid": {"seed": [1]}}""", "base.data_dir").SetName("FullMnistWithoutDataDirectory");
        yield return new TestCaseData("""{"name": "x", "grid": {"seed": [1]""", Source).SetName("NotJson");
        yield return new TestCaseData("""[1, 2]""", "(root)").SetName("RootNotAnObject");
    }

    [TestCaseSource(nameof(BadFiles))]
    public void BadInputNamesTheFileAndTheField(string json, string field)
    {
        var e = Assert.Throws<InvalidDataException>(() => SweepDefinition.Parse(json, Source));
        Assert.That(e!.Message, Does.Contain(Source));
        Assert.That(e.Message, Does.Contain(field));
    }

    [Test]
    public void BadValueIsQuotedInTheMessage()
    {
        var e = Assert.Throws<InvalidDataException>(() => SweepDefinition.Parse("""{"name": "x", "grid": {"learning_rate": [0.001, -0.5]}}""", Source));
        Assert.That(e!.Message, Does.Contain("grid.learning_rate").And.Contain("-0.5"));
    }

    [Test]
    public void MissingFileIsFileNotFound() =>
        Assert.Throws<FileNotFoundException>(() => SweepDefinition.Load(Path.Combine(Path.GetTempPath(), "no-such-sweep-" + Guid.NewGuid().ToString("N"))));

    [Test]
    public void ShardsPartitionTheRunsDeterministically()
    {
        var runs = SweepDefinition.Parse(Valid, Source).Expand();
        var shards = Enumerable.Range(0, 4).Select(i => SweepRunner.Shard(runs, i, 4)).ToArray();
        Assert.That(shards.SelectMany(s => s).Select(r => r.Id).Order(), Is.EqualTo(runs.Select(r => r.Id).Order()));
        Assert.That(shards[1].Select(r => r.Id), Is.EqualTo(new[] { runs[1].Id, runs[5].Id }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepRunner.Shard(runs, 4, 4));
    }

    [Test]
    public void SlurmScriptHasTheArrayThrottleSignalRequeueAndCommand()
    {
        var options = SlurmScriptOptions.Default with { MaxConcurrent = 2, Time = "0:10:00", Partition = "debug", CpusPerTask = 2, Memory = "2G", GpusPerTask = 1 };
        var lines = SlurmScript.Create("/data/sweeps/demo", "demo run", 6, "/opt/vae/vae", options).Split('\n');
        Assert.That(lines[0], Is.EqualTo("#!/bin/bash"));
        Assert.That(lines, Does.Contain("#SBATCH --array=0-5%2"));
        Assert.That(lines, Does.Contain("#SBATCH --output=/data/sweeps/demo/slurm/logs/%A_%a.out"));
        Assert.That(lines, Does.Contain("#SBATCH --signal=B:TERM@120"));
        Assert.That(lines, Does.Contain("#SBATCH --requeue"));
        Assert.That(lines, Does.Contain("#SBATCH --open-mode=append"));
        Assert.That(lines, Does.Contain("#SBATCH --cpus-per-task=2"));
        Assert.That(lines, Does.Contain("#SBATCH --gpus-per-task=1"));
        Assert.That(lines, Does.Contain("#SBATCH --partition=debug"));
        Assert.That(lines, Does.Contain("#SBATCH --time=0:10:00"));
        Assert.That(lines, Does.Contain("#SBATCH --mem=2G"));
        Assert.That(lines, Does.Contain("#SBATCH --job-name=vae-sweep-demo_run"));
        Assert.That(lines, Does.Contain("exec /opt/vae/vae sweep run /data/sweeps/demo --task \"$SLURM_ARRAY_TASK_ID\" --tasks 6"));

        var many = SlurmScript.Create("/data/big sweep", "big", 2500, "dotnet /opt/vae/vae.dll", SlurmScriptOptions.Default).Split('\n');
        Assert.That(many, Does.Contain("#SBATCH --array=0-999"), "no throttle by default; one shard per task beyond 1000 runs");
        Assert.That(many, Does.Contain("exec dotnet /opt/vae/vae.dll sweep run '/data/big sweep' --task \"$SLURM_ARRAY_TASK_ID\" --tasks 1000"));
        Assert.That(many.Any(l => l.StartsWith("#SBATCH --partition", StringComparison.Ordinal)), Is.False);
        Assert.Throws<ArgumentOutOfRangeException>(() => SlurmScript.Create("/x", "x", 6, "vae", SlurmScriptOptions.Default with { MaxConcurrent = -1 }));
    }

    [Test]
    public void TheLogPathSurvivesSbatchsParsingOfWhiteSpaceQuotesAndPercentSigns()
    {
        // sbatch splits an #SBATCH line at unquoted white space, groups "…" and reads \" as a quote (Slurm's
        // src/sbatch/opt.c, _get_argument); in a file name %% is a literal % (sbatch(1), "filename pattern"). Unquoted,
        // "/home/me/my sweeps" sent every log to "/home/me/my", and "50%" became a pattern.
        string Output(string directory) => SlurmScript.Create(directory, "x", 2, "vae", SlurmScriptOptions.Default).Split('\n').Single(l => l.StartsWith("#SBATCH --output", StringComparison.Ordinal));
        Assert.That(Output("/home/me/my sweeps/50% s1"), Is.EqualTo("#SBATCH --output=\"/home/me/my sweeps/50%% s1/slurm/logs/%A_%a.out\""));
        Assert.That(Output("/data/a\"b"), Is.EqualTo("#SBATCH --output=\"/data/a\\\"b/slurm/logs/%A_%a.out\""));
        Assert.That(Output("/data/#1"), Is.EqualTo("#SBATCH --output=\"/data/#1/slurm/logs/%A_%a.out\""), "an unquoted # starts a comment");
        // A line break would end the #SBATCH line; a backslash turns off the %A/%a patterns.
        foreach (var bad in new[] { "/data/a\nb", "/data/a\\b" })
            Assert.That(Assert.Throws<ArgumentException>(() => SlurmScript.Create(bad, "x", 2, "vae", SlurmScriptOptions.Default))!.ParamName, Is.EqualTo("sweepDirectory"));
    }
}
