using NUnit.Framework;

namespace Vae.Tests.Reliability;

/// <summary>Option values that were accepted silently, reached the library unnamed, or lost their value in the message
/// (review findings 7, 9–11, and the resume check), through the real executable: each is a one-line usage error naming the option and the value,
/// and nothing is written.</summary>
[TestFixture]
public sealed class OptionValidationTests : ScratchDirectoryTest
{
    private static readonly string[] Bench = ["fluids", "bench", "--particles", "5", "--bench-sweeps", "2", "--repeats", "1", "--threads", "1"];

    private static readonly string[] Spectrum = ["quantum", "spectrum", "--clusters", "2", "--samples", "40", "--vae-epochs", "1", "--epochs", "2"];

    // 10: --threads 0 and --repeats -5 silently became 1; --gamma and --bench-sweeps reached the library unnamed.
    [TestCase("--threads", "0", "--threads 0", "MaxDegreeOfParallelism must be −1 (all cores) or ≥ 1")]
    [TestCase("--repeats", "-5", "--repeats -5", "must be ≥ 1")]
    [TestCase("--bench-sweeps", "0", "--bench-sweeps 0", "must be ≥ 1")]
    [TestCase("--gamma", "-1", "--gamma -1", "Gamma must be finite and ≥ 0")]
    public void Fluids_bench_names_bad_options(string option, string value, string fragment1, string fragment2) =>
        Harness.AssertOneLineError(Harness.Vae(Harness.With(Bench, option, value)), 2, fragment1, fragment2);

    [Test]
    public void Fluids_bench_threads_minus_one_runs_one_chain_per_core()
    {
        // The shared help says "-1: all cores"; bench turned it into one thread.
        var result = Harness.Vae(Harness.With(Bench, "--threads", "-1"));
        Assert.That(result.ExitCode, Is.EqualTo(0), result.Error);
        Assert.That(result.Output, Does.Contain($"cs threads={Environment.ProcessorCount} "));
    }

    // 11: a negative annealing length trained with constant β and exited 0.
    [Test]
    public void Train_refuses_negative_anneal_steps() =>
        AssertNothingWritten(Harness.Vae([.. Harness.TinyTrain, "--anneal-steps", "-1000", "--out", Path.Combine(Scratch, "out")]), "--anneal-steps -1000", "must be ≥ 0");

    // 9: the value was stripped from the message, or the library's internal names were shown.
    [Test]
    public void Fluids_sample_count_keeps_its_value() =>
        AssertNothingWritten(Harness.Vae([.. Harness.With(Harness.TinySample, "--count", "0"), "--out", Path.Combine(Scratch, "out")]), "--count 0: must be ≥ 1");

    [Test]
    public void Train_device_is_checked_before_the_output_is_opened() =>
        AssertNothingWritten(Harness.Vae([.. Harness.TinyTrain, "--device", "gpu", "--out", Path.Combine(Scratch, "out")]), "--device", "'gpu' is not auto, cpu, cuda");

    [TestCase("--clusters", "33", "--clusters 33", "must be in [2, 32]")]
    [TestCase("--vae-epochs", "0", "--vae-epochs 0", "must be ≥ 1")]
    public void Quantum_spectrum_names_bad_options(string option, string value, string fragment1, string fragment2) =>
        AssertNothingWritten(Harness.Vae([.. Harness.With(Spectrum, option, value), "--out", Path.Combine(Scratch, "out")]), fragment1, fragment2);

    [Test]
    public void Quantum_paper_names_a_non_finite_t() =>
        Harness.AssertOneLineError(Harness.Vae("quantum", "paper", "--nmax", "2", "--t", "1,NaN"), 2, "--t '1,NaN'", "every t must be finite");

    // 7 and 9: the registry's rule (DatasetRegistry.Validate) before anything is loaded or written, named by option and value.
    [TestCase("--dataset", "foo", "", "--dataset 'foo'", "is not one of mnist, mnist-full, fashion-mnist, classification")]
    [TestCase("--dataset", "mnist", "/x", "--dataset 'mnist' with --data-dir '/x'", "takes no data directory")]
    [TestCase("--dataset", "mnist-full", "", "--dataset 'mnist-full' with --data-dir ''", "mnist-full needs --data-dir")]
    public void Train_names_a_bad_dataset_and_data_dir(string option, string name, string directory, string fragment1, string fragment2)
    {
        string[] args = [.. Harness.With(Harness.TinyTrain, option, name), "--out", Path.Combine(Scratch, "out")];
        AssertNothingWritten(Harness.Vae(directory.Length > 0 ? [.. args, "--data-dir", directory] : args), fragment1, fragment2);
    }

    [Test]
    public void Geometry_names_a_data_dir_the_dataset_does_not_take() =>
        AssertNothingWritten(Harness.Vae("geometry", "analyse", "--model", Inputs.MnistModel, "--dataset", "mnist", "--data-dir", "/x", "--out", Path.Combine(Scratch, "out")),
            "--dataset 'mnist' with --data-dir '/x'", "takes no data directory");

    // A resume whose seed, batch size or K contradicts the checkpoint was refused only inside training, after the output
    // had been staged, in the library's words ("options.Seed = 2 contradicts …"). TinyTrain: seed 1, batch 1000, K = 1.
    [TestCase("--seed", "2", "--seed 2 contradicts the checkpoint", "whose run used 1")]
    [TestCase("--batch", "500", "--batch 500 contradicts the checkpoint", "whose run used 1000")]
    [TestCase("--samples", "2", "--samples 2 contradicts the checkpoint", "whose run used 1")]
    public void Train_resume_that_contradicts_the_checkpoint_is_refused_before_staging(string option, string value, string fragment1, string fragment2)
    {
        var output = Path.Combine(Scratch, "out");
        var first = Harness.Vae([.. Harness.TinyTrain, "--out", output]);
        Assert.That(first.ExitCode, Is.EqualTo(0), first.Error);
        var before = Harness.Fingerprint(Scratch);
        var resumed = Harness.Vae([.. Harness.With(Harness.With(Harness.TinyTrain, "--epochs", "2"), option, value), "--resume", "--out", output]);
        Harness.AssertOneLineError(resumed, 2, fragment1, Path.Combine(output, "checkpoint.safetensors"), fragment2);
        Assert.That(resumed.Error, Does.Not.Contain("options."), "the library's names are replaced by the options'");
        Assert.That(Harness.Fingerprint(Scratch), Is.EqualTo(before), "the output exactly as it was, no staging directory left");
    }

    private void AssertNothingWritten((int ExitCode, string Output, string Error) result, params string[] fragments)
    {
        Harness.AssertOneLineError(result, 2, fragments);
        Assert.That(Directory.GetFileSystemEntries(Scratch), Is.Empty);
    }
}
