using System.Text.Json;
using NUnit.Framework;
using Vae.Core.IO;

namespace Vae.Tests.Reliability;

/// <summary><c>vae fluids evaluate</c> and <c>vae fluids sweep</c> through the real executable: every option is checked
/// before anything is written; evaluate uses the held-out split and the physics the model and its data were made with
/// (training.json, metadata.json), not defaults.</summary>
[TestFixture]
public sealed class FluidsEvaluateTests : ScratchDirectoryTest
{
    /// <summary>A valid evaluation of the namespace's fluids model (trained with --holdout 4 on 2 γ × 8 configurations), without --out.</summary>
    internal static string[] Evaluate =>
        ["fluids", "evaluate", "--model", Inputs.FluidsModel, "--data", Inputs.FluidsData, "--anomalies", Inputs.AnomalyData,
         "--components", "2", "--generate", "5", "--importance-samples", "2", "--mask-block", "2"];

    private static readonly string[] Sweep =
        ["fluids", "sweep", "--data", Inputs.FluidsData, "--holdout", "2", "--train-per-gamma", "0", "--epochs", "1", "--lambdas", "1e-2", "--latents", "2"];

    [TestCase("--anomalies", "/nonexistent-vae-anomalies", "/nonexistent-vae-anomalies/metadata.json", "does not exist")]
    [TestCase("--mask-block", "50", "--mask-block 50", "[1, N = 5]")]
    [TestCase("--components", "3", "--components 3", "latent size 2")]
    [TestCase("--generate", "0", "--generate 0", "≥ 1")]
    [TestCase("--importance-samples", "0", "--importance-samples 0", "ImportanceSamples must be ≥ 1")]
    [TestCase("--holdout", "1000", "--holdout 1000", "trained with --holdout 4")]
    [TestCase("--anomalies", "ANOMALIES6", "its normal family has 6 configurations", "latent size 2 + 2 = 4 are needed")]
    public void Fluids_evaluate_validates_before_writing(string option, string value, string fragment1, string fragment2)
    {
        // Before the fix --anomalies was read after latent_pca_by_gamma.svg had been written, and --holdout 1000 was believed.
        var before = Harness.Fingerprint(Scratch);
        if (value == "ANOMALIES6")
        {
            // Anomaly data too small to calibrate on (the library's late "reference has 3 matrices"), named by option.
            value = Path.Combine(Scratch, "anomalies6");
            Assert.That(Harness.Vae("fluids", "anomaly-data", "--count", "6", "--particles", "5", "--sweeps", "5", "--mask-block", "2", "--threads", "1", "--out", value).ExitCode, Is.Zero);
            before = Harness.Fingerprint(Scratch);
        }
        var result = Harness.Vae([.. Harness.With(Evaluate, option, value), "--out", Path.Combine(Scratch, "out")]);
        Harness.AssertOneLineError(result, 2, fragment1, fragment2);
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before), "nothing written");
    }

    [Test]
    public void Fluids_evaluate_refuses_data_other_than_the_models()
    {
        // A copy of the training data is another directory: training.json names the original.
        var copy = Path.Combine(Scratch, "copy");
        Directory.CreateDirectory(copy);
        foreach (var file in Directory.GetFiles(Inputs.FluidsData)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        var result = Harness.Vae([.. Harness.With(Evaluate, "--data", copy), "--out", Path.Combine(Scratch, "out")]);
        Harness.AssertOneLineError(result, 2, $"--data '{copy}'", "is not the data the model was trained on", Inputs.FluidsData);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.EqualTo(new[] { copy }));
    }

    [Test]
    public void Fluids_evaluate_takes_the_held_out_split_from_training_json()
    {
        // No --holdout: the model held out 4 of each γ's 8 configurations (Inputs), so each of the 2 γ gives 2 calibration
        // and 2 evaluation matrices. The old default, --holdout 1000, was refused as larger than the data.
        var output = Path.Combine(Scratch, "out");
        var result = Harness.Vae([.. Evaluate, "--out", output]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")));
        var mixed = json.RootElement.GetProperty("anomalies").GetProperty("allGammaHeldOut");
        Assert.That(mixed.GetProperty("calibrationCount").GetInt32(), Is.EqualTo(4));
        Assert.That(mixed.GetProperty("normalCount").GetInt32(), Is.EqualTo(4));
        Assert.That(Harness.Vae([.. Harness.With(Evaluate, "--holdout", "4"), "--out", output, "--force"]).ExitCode, Is.EqualTo(0), "an agreeing --holdout is accepted");
    }

    /// <summary>U'/N of the held-out Metropolis configurations must use the data's potential, cutoff, shift and box. The
    /// reference is written out here: U' = Σ_{i&lt;j} u(r_ij) + γ Σ_i y_i with u the fake potential 4(r⁻⁴ − r⁻²), or
    /// Lennard-Jones 4(r⁻¹² − r⁻⁶) cut at r_c = 1.5 and shifted by −u(r_c) (0 beyond r_c).</summary>
    [TestCase("fake")]
    [TestCase("cut-shifted")]
    public void Fluids_evaluate_computes_energies_with_the_datas_physics(string physics)
    {
        string data = Path.Combine(Scratch, "data"), model = Path.Combine(Scratch, "model"), anomalies = Path.Combine(Scratch, "anomalies"), output = Path.Combine(Scratch, "out");
        string[] potential = physics == "fake" ? ["--potential", "fake"] : ["--cutoff", "1.5", "--shift"];
        Require(Harness.Vae([.. Harness.With(Harness.TinySample, "--gamma", "0.5,1"), "--box", "6", .. potential, "--out", data]));
        Require(Harness.Vae("fluids", "train", "--data", data, "--holdout", "4", "--epochs", "1", "--channels", "2", "--hidden", "0", "--latent", "2",
            "--batch-size", "4", "--out", model));
        // Anomaly data sampled like the training data (evaluate refuses other physics).
        Require(Harness.Vae(["fluids", "anomaly-data", "--count", "8", "--particles", "5", "--box", "6", "--sweeps", "5", "--mask-block", "2", "--threads", "1",
            .. potential, "--out", anomalies]));
        Require(Harness.Vae([.. Harness.With(Harness.With(Harness.With(Evaluate, "--model", model), "--data", data), "--anomalies", anomalies), "--out", output]));

        Func<double, double> u = physics == "fake"
            ? r => 4 * (Math.Pow(r, -4) - Math.Pow(r, -2))
            : r => r < 1.5 ? 4 * (Math.Pow(r, -12) - Math.Pow(r, -6)) - 4 * (Math.Pow(1.5, -12) - Math.Pow(1.5, -6)) : 0;
        var coordinates = Npy.Read(Path.Combine(data, "gamma_1_coordinates.npy"));
        int count = coordinates.Shape[0], n = coordinates.Shape[1];
        var xy = coordinates.ToDoubleArray();
        var expected = Enumerable.Range(count - 4, 4).Select(k =>
        {
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                total += 1.0 * xy[(k * n + i) * 2 + 1];
                for (int j = i + 1; j < n; j++)
                    total += u(Math.Sqrt(Math.Pow(xy[(k * n + i) * 2] - xy[(k * n + j) * 2], 2) + Math.Pow(xy[(k * n + i) * 2 + 1] - xy[(k * n + j) * 2 + 1], 2)));
            }
            return total / n;
        }).Average();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")));
        var generation = json.RootElement.GetProperty("generation");
        Assert.That(generation.GetProperty("gamma").GetDouble(), Is.EqualTo(1.0));
        Assert.That(generation.GetProperty("metropolisMeanEnergyPerParticle").GetDouble(), Is.EqualTo(expected).Within(1e-12).Percent);
    }

    [TestCase("--lambdas", "1e-4,NaN", "--lambdas value 'NaN'", "not a finite number ≥ 0")]
    [TestCase("--latents", "2,99999999999", "--latents '2,99999999999'", "'99999999999' is not a positive integer")]
    [TestCase("--train-per-gamma", "-5", "--train-per-gamma -5", "must be ≥ 0")]
    [TestCase("--epochs", "0", "--epochs 0", "")]
    public void Fluids_sweep_validates_before_writing(string option, string value, string fragment1, string fragment2)
    {
        // Before the fix NaN failed only when its grid point trained (after sweep.csv was written), and the overflowing
        // latent size ended in an OverflowException.
        var result = Harness.Vae([.. Harness.With(Sweep, option, value), "--out", Path.Combine(Scratch, "out")]);
        Harness.AssertOneLineError(result, 2, fragment1, fragment2);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    private static void Require((int ExitCode, string Output, string Error) result) => Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
}
