using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Vae.Tests.Reliability;

/// <summary><c>vae fluids anomalies</c> and <c>vae fluids evaluate</c> score the model's training data (its held-out
/// matrices, its physics) against an anomaly directory's normal family: both must have been sampled with the same pair
/// potential, cutoff, shift, temperature, N and box (γ may differ). The namespace's model was trained on untruncated
/// Lennard-Jones data at T = 1 (<see cref="Inputs"/>); here the anomaly data are drawn with a cutoff or another
/// temperature. Before the fix both commands scored such data without a word.</summary>
[TestFixture]
public sealed class PhysicsMismatchTests : ScratchDirectoryTest
{
    [Test]
    public void Fluids_anomalies_refuses_anomaly_data_sampled_with_another_cutoff()
    {
        var anomalies = AnomalyData("--cutoff", "2.5");
        var output = Path.Combine(Scratch, "scores");
        var result = Harness.Vae("fluids", "anomalies", "--model", Inputs.FluidsModel, "--anomalies", anomalies, "--out", output);
        Harness.AssertOneLineError(result, 1, $"'{Path.Combine(anomalies, "metadata.json")}' (normal family)",
            $"'{Path.Combine(Inputs.FluidsData, "metadata.json")}' (the model's training data)", "record different physics: cutoff 2.5 vs none;");
        Assert.That(result.Error, Does.Not.Contain("temperature").And.Not.Contain("gamma").And.Not.Contain("γ"), "only the differing field; γ is not compared");
        Assert.That(Directory.Exists(output), Is.False, "no output directory");
        Assert.That(Harness.Leftovers(output), Is.Empty);
    }

    [Test]
    public void Fluids_evaluate_refuses_anomaly_data_sampled_with_another_cutoff_and_temperature()
    {
        var anomalies = AnomalyData("--cutoff", "2.5", "--temperature", "0.5");
        var output = Path.Combine(Scratch, "evaluation");
        var result = Harness.Vae([.. Harness.With(FluidsEvaluateTests.Evaluate, "--anomalies", anomalies), "--out", output]);
        Harness.AssertOneLineError(result, 1, $"'{Path.Combine(anomalies, "metadata.json")}' (normal family)",
            $"'{Path.Combine(Inputs.FluidsData, "metadata.json")}' (the model's training data)", "record different physics: cutoff 2.5 vs none, temperature 0.5 vs 1;");
        Assert.That(Directory.Exists(output), Is.False, "no output directory");
        Assert.That(Harness.Leftovers(output), Is.Empty);
    }

    [Test]
    public void Fluids_anomalies_without_the_training_data_notes_that_the_physics_check_was_skipped()
    {
        // A copy of the model whose training.json names a data directory that is gone: scored as before, with one note.
        var model = Path.Combine(Scratch, "model");
        Directory.CreateDirectory(model);
        foreach (var file in Directory.GetFiles(Inputs.FluidsModel)) File.Copy(file, Path.Combine(model, Path.GetFileName(file)));
        var gone = Path.Combine(Scratch, "deleted-data");
        var training = JsonNode.Parse(File.ReadAllText(Path.Combine(model, "training.json")))!;
        training["data"] = gone;
        File.WriteAllText(Path.Combine(model, "training.json"), training.ToJsonString());
        var output = Path.Combine(Scratch, "scores");
        var result = Harness.Vae("fluids", "anomalies", "--model", model, "--anomalies", Inputs.AnomalyData, "--out", output);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var notes = result.Output.Split('\n').Where(l => l.StartsWith("note:", StringComparison.Ordinal)).ToArray();
        Assert.That(notes, Has.Length.EqualTo(1));
        Assert.That(notes[0], Does.Contain("physics check was skipped").And.Contain($"'{gone}'").And.Contain("is not there"));
        Assert.That(File.Exists(Path.Combine(output, "anomalies.json")));
    }

    [Test]
    public void Fluids_anomalies_accepts_anomaly_data_with_the_same_physics_at_another_gamma()
    {
        // The namespace's anomaly data (γ = 1) match the training data (γ = 0.1, 0.5) in everything but γ: accepted, no note.
        var output = Path.Combine(Scratch, "scores");
        var result = Harness.Vae("fluids", "anomalies", "--model", Inputs.FluidsModel, "--anomalies", Inputs.AnomalyData, "--out", output);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Not.Contain("note:"));
        Assert.That(File.Exists(Path.Combine(output, "anomalies.json")));
    }

    /// <summary>Tiny anomaly data like the namespace's (N = 5, default box), sampled with <paramref name="physics"/> added.</summary>
    private string AnomalyData(params string[] physics)
    {
        var anomalies = Path.Combine(Scratch, "anomalies");
        var result = Harness.Vae(["fluids", "anomaly-data", "--count", "8", "--particles", "5", "--sweeps", "5", "--mask-block", "2", "--threads", "1",
            .. physics, "--out", anomalies]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        return anomalies;
    }
}
