using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Core.IO;
using Vae.Fluids.Data;
using Vae.Tests.Cli;

namespace Vae.Tests.Reliability;

/// <summary>
/// The failure classes of issue 15, each reproduced through the real executable: a one-line error naming the option or
/// file and the value, exit code 2 (usage) or 1 (data, runtime), no stack trace, no signal, nothing written.
/// </summary>
[TestFixture]
[Parallelizable(ParallelScope.All)]
[FixtureLifeCycle(LifeCycle.InstancePerTestCase)]
public sealed class HostileInputTests : ScratchDirectoryTest
{

    // Native crash (SIGSEGV at nmax 65536), overflow (46341² > int.MaxValue) and hangs (t = 0: λ_max = ∞; L = 1e300:
    // energies underflow to 0) of quantum validate: bounded before any work, in well under the 60 s timeout.
    [TestCase("--nmax 65536 --t 1", "--nmax 65536|[2, 1000]")]
    [TestCase("--nmax 46341 --t 1", "--nmax 46341|[2, 1000]")]
    [TestCase("--nmax 5 --t 0", "--t 0|non-zero")]
    [TestCase("--nmax 5 --t 1e300", "--t 1E+300|≤ 10000")]
    [TestCase("--nmax 5 --t 1 --length 1e300", "--length 1E+300|[1E-100, 1E+100]")]
    [TestCase("--nmax 5 --t 1 --coefficient -1", "--coefficient -1|A must be > 0")]
    [CancelAfter(60_000)]
    public void Quantum_validate_bounds_every_user_driven_loop(string options, string fragments)
    {
        var clock = Stopwatch.StartNew();
        var result = Harness.Vae(["quantum", "validate", .. options.Split(' '), "--out", Path.Combine(Scratch, "report.json")]);
        Harness.AssertOneLineError(result, 2, fragments.Split('|'));
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(30), "fails before any work");
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    [Test]
    public void Quantum_paper_bounds_nmax()
    {
        Harness.AssertOneLineError(Harness.Vae("quantum", "paper", "--nmax", "100000"), 2, "--nmax 100000", "[1, 1000]");
    }

    // Silent overwrite: two γ that rounded to one file stem.
    [Test]
    public void Distinct_gammas_get_distinct_files_and_a_repeated_gamma_is_refused()
    {
        var output = Path.Combine(Scratch, "out");
        var result = Harness.Vae([.. Harness.With(Harness.TinySample, "--gamma", "0.1234,0.12341"), "--out", output]);
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        var entries = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "metadata.json")))!["dataSets"]!.AsArray();
        var files = entries.Select(e => e!["distancesFile"]!.GetValue<string>()).ToArray();
        Assert.That(files, Is.EquivalentTo(new[] { "gamma_0.1234_distances.npy", "gamma_0.12341_distances.npy" }));
        Assert.That(files.Select(f => FluidDataSet.ReadDistances(Path.Combine(output, f)).Count), Is.All.EqualTo(8));

        var repeated = Harness.Vae([.. Harness.With(Harness.TinySample, "--gamma", "0.1,0.10"), "--out", Path.Combine(Scratch, "r")]);
        Harness.AssertOneLineError(repeated, 2, "--gamma '0.1,0.10'", "more than once");
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.EquivalentTo(new[] { output }));
    }

    // Half-written outputs: checks that came after the first files.
    [TestCase("--box", "1e308", "--box 1E+308", "(0, 1e150]")]
    [TestCase("--count", "0", "--count", "≥ 1")]
    [TestCase("--delta", "-1", "--delta -1", "MaxDisplacement")]
    public void Fluids_sample_validates_before_writing(string option, string value, string fragment1, string fragment2)
    {
        var result = Harness.Vae([.. Harness.With(Harness.TinySample, option, value), "--out", Path.Combine(Scratch, "out")]);
        Harness.AssertOneLineError(result, 2, fragment1, fragment2);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    [TestCase("--mask-block", "50", "--mask-block 50", "[1, --particles = 5]")]
    [TestCase("--moved", "0", "--moved 0", "[1, --particles = 5]")]
    [TestCase("--unseen-gamma", "-2", "--gamma -2", "Gamma")]
    public void Fluids_anomaly_data_validates_before_writing(string option, string value, string fragment1, string fragment2)
    {
        var result = Harness.Vae("fluids", "anomaly-data", "--count", "4", "--particles", "5", "--sweeps", "5", "--threads", "1", option, value, "--out", Path.Combine(Scratch, "out"));
        Harness.AssertOneLineError(result, 2, fragment1, fragment2);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    // A failure in the middle of the work (training diverges) leaves nothing, and with --force the previous result intact.
    [Test]
    public void A_run_that_fails_midway_leaves_nothing_and_keeps_the_previous_result()
    {
        var output = Path.Combine(Scratch, "out");
        string[] diverging = [.. Harness.With(Harness.With(Harness.TinyTrain, "--batch", "100"), "--learning-rate", "1e30"), "--out", output];
        var fresh = Harness.Vae(diverging);
        Assert.That(fresh.ExitCode, Is.EqualTo(1), fresh.Error);
        Assert.That(fresh.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), fresh.Error);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty, "no output, no leftovers");

        Assert.That(Harness.Vae([.. Harness.TinyTrain, "--out", output]).ExitCode, Is.EqualTo(0));
        var before = Harness.Fingerprint(Scratch);
        var forced = Harness.Vae([.. diverging, "--force"]);
        Assert.That(forced.ExitCode, Is.EqualTo(1), forced.Error);
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before), "the previous complete result is intact");
    }

    // Unbounded allocation from a tiny file: architecture metadata promising 200 000 hidden units.
    [Test]
    [CancelAfter(60_000)]
    public void A_model_whose_metadata_promises_more_parameters_than_it_stores_is_refused_before_allocating()
    {
        var file = SafeTensorsFile.Read(Inputs.MnistModel);
        var metadata = file.Metadata.ToDictionary(p => p.Key, p => p.Value);
        var architecture = JsonNode.Parse(metadata["vae.architecture"])!.AsObject();
        Assert.That(architecture.Select(p => p.Key), Does.Contain("hidden_sizes"), "the metadata key this test edits");
        architecture["hidden_sizes"] = new JsonArray(200000);
        metadata["vae.architecture"] = architecture.ToJsonString();
        var hostile = Path.Combine(Scratch, "hostile.safetensors");
        new SafeTensorsFile(file.Tensors, metadata).Write(hostile);
        Assert.That(new FileInfo(hostile).Length, Is.LessThan(200_000));
        var clock = Stopwatch.StartNew();
        var result = Harness.Vae("geometry", "analyse", "--model", hostile, "--out", Path.Combine(Scratch, "out"));
        Harness.AssertOneLineError(result, 1, hostile, "parameters but the file stores only");
        Assert.That(clock.Elapsed.TotalSeconds, Is.LessThan(30));
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.EquivalentTo(new[] { hostile }));
    }

    // Raw .NET messages: each now names the option or the file, the field and the value.
    [Test]
    public void Bad_option_text_is_named()
    {
        Harness.AssertOneLineError(Harness.Vae("fluids", "train", "--data", Inputs.FluidsData, "--out", Path.Combine(Scratch, "o")), 2,
            "--holdout 1000", "below the 8 configurations per γ");
        Harness.AssertOneLineError(Harness.Vae([.. Harness.With(Harness.TinyTrain, "--batch", "0"), "--out", Path.Combine(Scratch, "o")]), 2, "--batch 0", "batch size");
        Harness.AssertOneLineError(Harness.Vae("train", "--hidden", "8,x", "--out", Path.Combine(Scratch, "o")), 2, "--hidden '8,x'", "'x' is not a positive integer");
        Harness.AssertOneLineError(Harness.Vae("fluids", "train", "--data", Inputs.FluidsData, "--holdout", "2", "--channels", "2,x", "--out", Path.Combine(Scratch, "o")), 2,
            "--channels '2,x'", "'x' is not a positive integer");
        Harness.AssertOneLineError(Harness.Vae("quantum", "validate", "--t", "1:x:2"), 2, "--t '1:x:2'");
        Harness.AssertOneLineError(Harness.Vae("train", "--epochs", "many", "--out", Path.Combine(Scratch, "o")), 2, "many");
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }

    [TestCase("{\"box\": \"ten\", \"dataSets\": []}", "field 'box' is string \"ten\"; expected a number")]
    [TestCase("{\"box\": 10, \"dataSets\": [{\"distancesFile\": null}]}", "field 'distancesFile' is null null; expected a string")]
    [TestCase("{\"box\": 10, \"dataSets\": [{\"distancesFile\": \"../../etc/passwd\"}]}", "is not a file name inside")]
    [TestCase("{\"box\": 10}", "lacks the field 'dataSets'")]
    [TestCase("{\"box\": 1e400, \"dataSets\": []}", "field 'box' is 1e400; expected a finite number > 0")]
    [TestCase("[1, 2", "is not valid JSON")]
    public void Corrupt_metadata_names_the_file_and_the_field(string json, string fragment)
    {
        var data = Path.Combine(Scratch, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "metadata.json"), json);
        var before = Harness.Fingerprint(Scratch);
        var result = Harness.Vae("fluids", "train", "--data", data, "--out", Path.Combine(Scratch, "out"));
        Harness.AssertOneLineError(result, 1, Path.Combine(data, "metadata.json"), fragment);
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before));
    }

    [Test]
    public void Vae_debug_keeps_the_stack_trace()
    {
        var info = VaeExecutable.StartInfo("quantum", "validate", "--nmax", "65536", "--t", "1");
        info.Environment["VAE_DEBUG"] = "1";
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(error.Result, Does.Contain("   at "), "VAE_DEBUG=1 shows the trace");
        Assert.That(process.ExitCode, Is.Not.EqualTo(0));
    }

    [Test]
    public void Sweep_collect_and_slurm_of_a_busy_sweep_fail_at_once()
    {
        File.WriteAllText(Path.Combine(Scratch, "sweep.json"), SweepJson);
        using (OutputLock.Acquire(Path.Combine(Scratch, ".sweep.vae-lock"), "test"))
        {
            Harness.AssertOneLineError(Harness.Vae("sweep", "collect", Scratch), 1, "is in use by another vae process");
            Harness.AssertOneLineError(Harness.Vae("sweep", "slurm", Scratch), 1, "is in use by another vae process");
        }
        Assert.That(Directory.GetFileSystemEntries(Scratch).Select(Path.GetFileName), Is.EquivalentTo(new[] { "sweep.json" }));
    }

    internal const string SweepJson = """
        { "name": "reliability", "base": { "dataset": "classification", "epochs": 2, "batch_size": 500, "hidden": [4], "latent": 2, "seed": 1 },
          "grid": { "seed": [1, 2] } }
        """;

    [Test]
    public void Json_named_in_messages_is_the_users_file()
    {
        // A metadata.json that is JSON but not an object at the top.
        var data = Path.Combine(Scratch, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "metadata.json"), JsonSerializer.Serialize(new[] { 1, 2 }));
        Harness.AssertOneLineError(Harness.Vae("fluids", "train", "--data", data, "--out", Path.Combine(Scratch, "out")), 1,
            Path.Combine(data, "metadata.json"), "expected an object holding 'box'");
    }
}
