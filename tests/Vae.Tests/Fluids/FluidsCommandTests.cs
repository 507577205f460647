using System.CommandLine;
using System.Text.Json;
using NUnit.Framework;
using Vae.Fluids.Learning;
using Vae.Cli.Commands;
using Vae.Core.IO;

namespace Vae.Tests.Fluids;

public sealed class FluidsCommandTests
{
    [Test]
    public void SampleWritesNpyFilesAndMetadata()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vae-fluids-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var root = new RootCommand { FluidsCommand.Create() };
            int code = root.Parse(["fluids", "sample", "--gamma", "0.5,1", "--count", "6", "--particles", "5", "--box", "5", "--sweeps", "10", "--scheme", "slides", "--seed", "3", "--out", dir])
                .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            Assert.That(code, Is.Zero);
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[]
            {
                "gamma_0.5_coordinates.npy", "gamma_0.5_distances.npy", "gamma_1_coordinates.npy", "gamma_1_distances.npy", "metadata.json",
            }));
            Assert.That(Npy.Read(Path.Combine(dir, "gamma_1_distances.npy")).Shape, Is.EqualTo(new[] { 6, 5, 5 }));
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metadata.json")));
            var sets = meta.RootElement.GetProperty("dataSets").EnumerateArray().ToArray();
            Assert.That(sets, Has.Length.EqualTo(2));
            Assert.That(sets[1].GetProperty("gamma").GetDouble(), Is.EqualTo(1.0));
            Assert.That(sets[1].GetProperty("seed").GetInt64(), Is.EqualTo(4));
            Assert.That(sets[1].GetProperty("acceptance").GetDouble(), Is.InRange(0.01, 1.0));
            Assert.That(sets[1].GetProperty("maxDisplacement").GetDouble(), Is.GreaterThan(0));
            Assert.That(meta.RootElement.GetProperty("sweepsPerSample").GetInt32(), Is.EqualTo(10));
            Assert.That(meta.RootElement.GetProperty("sortKey").GetString(), Does.Contain("ascending by y"));
            var evidence = sets[1].GetProperty("equilibration");
            Assert.That(evidence.GetProperty("sweepsBetweenSamples").GetInt32(), Is.EqualTo(10));
            Assert.That(evidence.GetProperty("referenceChains").GetInt32(), Is.EqualTo(4));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Test]
    public void SampleIsEquilibratedByDefaultWithEvidence()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vae-fluids-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            var root = new RootCommand { FluidsCommand.Create() };
            int code = root.Parse(["fluids", "sample", "--gamma", "1", "--count", "6", "--particles", "5", "--box", "5", "--seed", "3", "--out", dir])
                .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
            Assert.That(code, Is.Zero);
            using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "metadata.json")));
            Assert.That(meta.RootElement.GetProperty("schemeOption").GetString(), Is.EqualTo("equilibrated"));
            var e = meta.RootElement.GetProperty("dataSets")[0].GetProperty("equilibration");
            Assert.That(e.GetProperty("scheme").GetString(), Is.EqualTo("Chained"));
            Assert.That(e.GetProperty("sweepsBetweenSamples").GetInt32(), Is.EqualTo((int)Math.Ceiling(2 * e.GetProperty("integratedTimeSweeps").GetDouble())));
            Assert.That(e.GetProperty("burnInSweeps").GetInt32(), Is.EqualTo(20_000));
            foreach (var name in new[] { "sampleEnergyPerParticle", "sampleStandardError", "referenceEnergyPerParticle", "referenceStandardError", "acceptance" })
                Assert.That(double.IsFinite(e.GetProperty(name).GetDouble()), name);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [Test]
    public void SampleTrainSweepAndEvaluateEndToEnd()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vae-fluids-e2e-" + Guid.NewGuid().ToString("N"));
        string data = Path.Combine(dir, "data"), anomalies = Path.Combine(dir, "anomalies"), model = Path.Combine(dir, "model");
        string sweep = Path.Combine(dir, "sweep"), evaluation = Path.Combine(dir, "evaluation");
        int Run(params string[] args) => new RootCommand { FluidsCommand.Create() }.Parse(["fluids", .. args])
            .Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        try
        {
            string[] small = ["--particles", "5", "--box", "5", "--seed", "2"];
            Assert.That(Run(["sample", "--gamma", "0.5,1", "--count", "30", "--out", data, .. small]), Is.Zero);
            Assert.That(Run(["anomaly-data", "--gamma", "1", "--unseen-gamma", "0.7", "--count", "10", "--mask-block", "2", "--out", anomalies, .. small]), Is.Zero);
            Assert.That(Run(["train", "--data", data, "--holdout", "10", "--epochs", "1", "--latent", "3", "--channels", "4", "--hidden", "8", "--out", model]), Is.Zero);
            string configuration = Path.Combine(dir, "configuration");
            Assert.That(Run(["train", "--data", data, "--holdout", "10", "--epochs", "1", "--latent", "3", "--channels", "4", "--hidden", "8", "--decoder", "configuration", "--out", configuration]), Is.Zero);
            Assert.That(FluidVaeModel.Load(configuration).Options.Decoder, Is.EqualTo(FluidDecoder.Configuration));
            using (var training = JsonDocument.Parse(File.ReadAllText(Path.Combine(configuration, "training.json"))))
                Assert.That(training.RootElement.GetProperty("decoder").GetString(), Is.EqualTo("configuration"));
            var bad = Assert.Throws<ArgumentException>(() => Run(["train", "--data", data, "--holdout", "10", "--epochs", "1", "--decoder", "sets", "--out", Path.Combine(dir, "bad")]))!;
            Assert.That(bad.ParamName, Is.EqualTo("--decoder"));
            Assert.That(Directory.Exists(Path.Combine(dir, "bad")), Is.False, "validated before anything is written");
            Assert.That(Run(["sweep", "--data", data, "--holdout", "10", "--train-per-gamma", "0", "--epochs", "1", "--lambdas", "1e-2", "--latents", "2", "--out", sweep]), Is.Zero);
            Assert.That(File.ReadAllLines(Path.Combine(sweep, "sweep.csv")), Has.Length.EqualTo(1 + 4), "header + 2 scalings + 1 λ + 1 latent");
            Assert.That(File.Exists(Path.Combine(sweep, "sweep_mse_vs_lambda.svg")) && File.Exists(Path.Combine(sweep, "sweep_mse_vs_latent.svg")));
            Assert.That(Run(["evaluate", "--model", model, "--data", data, "--anomalies", anomalies, "--holdout", "10", "--components", "2",
                "--generate", "5", "--importance-samples", "2", "--mask-block", "2", "--out", evaluation]), Is.Zero);
            using var result = JsonDocument.Parse(File.ReadAllText(Path.Combine(evaluation, "evaluation.json")));
            var families = result.RootElement.GetProperty("anomalies").GetProperty("sameGammaNormal").GetProperty("families").EnumerateArray()
                .Select(f => f.GetProperty("family").GetString()).ToArray();
            Assert.That(families, Is.EquivalentTo(new[] { "unseen_gamma", "fake_potential", "uniform", "corrupted", "masked" }));
            Assert.That(result.RootElement.GetProperty("latent").GetProperty("activeUnits").GetInt32(), Is.InRange(0, 3));
            Assert.That(result.RootElement.GetProperty("generation").GetProperty("count").GetInt32(), Is.EqualTo(5));
            var stages = result.RootElement.GetProperty("generation").GetProperty("stages").EnumerateArray().ToArray();
            Assert.That(stages.Take(6).Select(st => st.GetProperty("stage").GetString()),
                Is.EqualTo(new[] { "real", "normalisation round trip", "reconstruction", "generation", "reconstruction", "generation" }));
            Assert.That(stages, Has.Length.EqualTo(12), "6 stages + 6 error-scaling rows");
            var missing = result.RootElement.GetProperty("missingData");
            Assert.That(missing.GetProperty("msePerIteration").GetArrayLength(), Is.EqualTo(missing.GetProperty("iterations").GetInt32()).And.InRange(1, 20));
            Assert.That(missing.GetProperty("oneShotImputationMse").GetDouble(), Is.EqualTo(missing.GetProperty("msePerIteration")[0].GetDouble()));
            Assert.That(File.Exists(Path.Combine(evaluation, "latent_pca_by_gamma.svg")) && File.Exists(Path.Combine(evaluation, "generated_energy_histogram.svg")));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }

    [TestCase("--gamma", "0.1,abc")]
    [TestCase("--particles", "1")]
    [TestCase("--box", "0")]
    public void BadArgumentsThrowArgumentExceptions(string option, string value)
    {
        var root = new RootCommand { FluidsCommand.Create() };
        var parse = root.Parse(["fluids", "sample", "--count", "2", "--out", Path.GetTempPath(), option, value]);
        Assert.Throws(Is.InstanceOf<ArgumentException>(), () => parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false }));
    }
}
