using System.Text.Json;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Potentials;

namespace Vae.Tests.Reliability;

/// <summary>The Boltzmann pair-energy anomaly score of <c>vae fluids evaluate</c> and <c>vae fluids anomalies</c> uses the
/// potential the normal data was sampled with (the review's follow-up to finding 3): here Lennard-Jones truncated at
/// r_c = 2.5 and shifted, against a direct call of the library with <see cref="LennardJones.TruncatedShifted"/> on the same
/// matrices. Before the fix both commands scored with the untruncated potential.</summary>
[TestFixture]
public sealed class PairPotentialTests : ScratchDirectoryTest
{
    private static readonly string[] CutShifted = ["--cutoff", "2.5", "--shift"];

    [Test]
    public void Fluids_anomalies_scores_pair_energy_with_the_datas_cut_and_shifted_potential()
    {
        var (model, anomalies) = TrainedOnCutShiftedData();
        var output = Path.Combine(Scratch, "scores");
        var result = Harness.Vae("fluids", "anomalies", "--model", model, "--anomalies", anomalies, "--out", output);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Not.Contain("note:"));

        // The command calibrates on the first half of the model's held-out matrices and scores the second half as normal.
        var heldOut = FluidDataSet.ReadDistances(Path.Combine(model, "heldout_distances.npy"));
        int half = heldOut.Count / 2;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "anomalies.json")));
        var root = json.RootElement;
        Assert.That(root.GetProperty("pairPotential").GetString(), Does.Contain("truncated at r_c = 2.5 σ and shifted"));
        AssertPairEnergyScore(root, heldOut.Slice(0, half), heldOut.Slice(half, heldOut.Count - half), Families(anomalies));
    }

    [Test]
    public void Fluids_evaluate_scores_pair_energy_with_the_datas_cut_and_shifted_potential()
    {
        var (model, anomalies) = TrainedOnCutShiftedData();
        var output = Path.Combine(Scratch, "evaluation");
        var result = Harness.Vae([.. Harness.With(Harness.With(Harness.With(FluidsEvaluateTests.Evaluate, "--model", model), "--data", Path.Combine(Scratch, "data")),
            "--anomalies", anomalies), "--out", output]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);

        // The primary scores calibrate on the first half of the anomaly directory's normal family and score its second half.
        var normal = FluidDataSet.ReadDistances(Path.Combine(anomalies, "normal_distances.npy"));
        int half = normal.Count / 2;
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "evaluation.json")));
        var scores = json.RootElement.GetProperty("anomalies");
        Assert.That(scores.GetProperty("pairPotential").GetString(), Does.Contain("truncated at r_c = 2.5 σ and shifted"));
        AssertPairEnergyScore(scores.GetProperty("sameGammaNormal"), normal.Slice(0, half), normal.Slice(half, normal.Count - half), Families(anomalies));
    }

    [Test]
    public void Fake_potential_data_keep_lennard_jones_and_say_so()
    {
        // The score takes a Lennard-Jones only: anomaly data sampled with the fake potential is noted, not silent. The model
        // is trained on fake-potential data too (anomalies refuses anomaly data sampled with other physics).
        string data = Path.Combine(Scratch, "data"), model = Path.Combine(Scratch, "model"), anomalies = Path.Combine(Scratch, "anomalies");
        Require(Harness.Vae([.. Harness.TinySample, "--potential", "fake", "--out", data]));
        Require(Harness.Vae("fluids", "train", "--data", data, "--holdout", "4", "--epochs", "1", "--channels", "2", "--hidden", "0", "--latent", "2",
            "--batch-size", "4", "--out", model));
        Require(Harness.Vae("fluids", "anomaly-data", "--count", "8", "--particles", "5", "--sweeps", "5", "--mask-block", "2", "--threads", "1",
            "--potential", "fake", "--out", anomalies));
        var output = Path.Combine(Scratch, "scores");
        var result = Harness.Vae("fluids", "anomalies", "--model", model, "--anomalies", anomalies, "--out", output);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output.Split('\n').Count(l => l.StartsWith("note:", StringComparison.Ordinal) && l.Contains("fake potential")), Is.EqualTo(1));
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "anomalies.json")));
        Assert.That(json.RootElement.GetProperty("pairPotential").GetString(), Does.Contain("untruncated").And.Contain("not the data's fake potential"));
    }

    /// <summary>The recorded calibration and pair-energy AUCs equal the library's with u = LJ cut at 2.5 and shifted, and the
    /// calibration differs from the untruncated potential's (so the check can fail).</summary>
    private static void AssertPairEnergyScore(JsonElement scores, DistanceMatrixSet calibration, DistanceMatrixSet normal,
        IReadOnlyList<KeyValuePair<string, DistanceMatrixSet>> families)
    {
        var potential = LennardJones.TruncatedShifted(2.5);
        var energies = AnomalyScorer.PairEnergies(calibration, potential);
        double mean = energies.Average();
        double sd = Math.Sqrt(energies.Sum(e => (e - mean) * (e - mean)) / (energies.Count - 1));
        double untruncatedMean = AnomalyScorer.PairEnergies(calibration, LennardJones.Untruncated).Average();
        Assert.That(Math.Abs(mean - untruncatedMean), Is.GreaterThan(1e-6 * Math.Abs(mean)), "the test data tell the potentials apart");
        Assert.That(scores.GetProperty("pairEnergyMean").GetDouble(), Is.EqualTo(mean).Within(1e-12).Percent);
        Assert.That(scores.GetProperty("pairEnergyStdDev").GetDouble(), Is.EqualTo(sd).Within(1e-12).Percent);
        double[] Score(DistanceMatrixSet set) => AnomalyScorer.PairEnergies(set, potential).Select(e => Math.Abs(e - mean) / sd).Select(v => double.IsFinite(v) ? v : double.MaxValue).ToArray();
        var normalScores = Score(normal);
        var recorded = scores.GetProperty("families").EnumerateArray().ToDictionary(f => f.GetProperty("family").GetString()!, f => f.GetProperty("pairEnergyRocAuc").GetDouble());
        Assert.That(recorded.Keys, Is.EquivalentTo(families.Select(f => f.Key)));
        foreach (var (name, set) in families)
            Assert.That(recorded[name], Is.EqualTo(RocCurve.AreaUnderCurve(normalScores, Score(set))).Within(1e-12), name);
    }

    /// <summary>A data set and anomaly families sampled with LJ cut at 2.5 and shifted, and a model trained on the data.</summary>
    private (string Model, string Anomalies) TrainedOnCutShiftedData()
    {
        string data = Path.Combine(Scratch, "data"), model = Path.Combine(Scratch, "model"), anomalies = Path.Combine(Scratch, "anomalies");
        Require(Harness.Vae([.. Harness.TinySample, "--box", "6", .. CutShifted, "--out", data]));
        Require(Harness.Vae("fluids", "train", "--data", data, "--holdout", "4", "--epochs", "1", "--channels", "2", "--hidden", "0", "--latent", "2",
            "--batch-size", "4", "--out", model));
        Require(Harness.Vae(["fluids", "anomaly-data", "--count", "8", "--particles", "5", "--box", "6", "--sweeps", "5", "--mask-block", "2", "--threads", "1",
            .. CutShifted, "--out", anomalies]));
        return (model, anomalies);
    }

    /// <summary>The anomaly directory's families other than "normal", as metadata.json lists them.</summary>
    private static List<KeyValuePair<string, DistanceMatrixSet>> Families(string anomalies)
    {
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(anomalies, "metadata.json")));
        return meta.RootElement.GetProperty("families").EnumerateArray()
            .Select(f => (Name: f.GetProperty("family").GetString()!, File: f.GetProperty("distancesFile").GetString()!))
            .Where(f => f.Name != "normal")
            .Select(f => KeyValuePair.Create(f.Name, FluidDataSet.ReadDistances(Path.Combine(anomalies, f.File))))
            .ToList();
    }

    private static void Require((int ExitCode, string Output, string Error) result) => Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
}
