using NUnit.Framework;

namespace Vae.Tests.Cli;

/// <summary>
/// <c>vae reproduce</c> bad input, through the real executable: a one-line error on standard error, a non-zero exit
/// code, no stack trace, and nothing computed.
/// </summary>
public sealed class ReproduceCommandTests
{
    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-reproduce-cli-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Existing_non_empty_output_without_force_is_refused()
    {
        File.WriteAllText(Path.Combine(_directory, "keep.txt"), "user data");
        var result = Vae("reproduce", "--quick", "--out", _directory);
        AssertOneLineError(result, 2, "is not empty; choose another directory or pass --force");
        Assert.That(Directory.GetFileSystemEntries(_directory), Has.Length.EqualTo(1), "nothing written");
    }

    [Test]
    public void Unwritable_output_is_refused()
    {
        var file = Path.Combine(_directory, "a-file");
        File.WriteAllText(file, "");
        AssertOneLineError(Vae("reproduce", "--quick", "--out", Path.Combine(file, "report")), 1, "is not writable");
        AssertOneLineError(Vae("reproduce", "--quick", "--out", "/proc/vae-cannot-create-here"), 1, "is not writable");
    }

    [Test]
    public void Unknown_option_and_missing_output_are_usage_errors()
    {
        AssertOneLineError(Vae("reproduce", "--quick", "--out", _directory, "--fast"), 2, "Unrecognized command or argument '--fast'");
        var missing = Vae("reproduce", "--quick");
        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Does.Contain("Option '--out' is required"));
        Assert.That(missing.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void Unknown_section_is_refused_before_any_work()
    {
        AssertOneLineError(Vae("reproduce", "--quick", "--only", "chemistry", "--out", Path.Combine(_directory, "r")), 2,
            "--only selects no section; known: mnist, replicas, alpha, quantum, fluids");
    }

    [Test]
    public void A_misspelt_section_among_known_ones_is_refused_before_any_work()
    {
        // "fluid" is not the id "fluids": the old check passed as soon as one id matched and ran MNIST alone.
        AssertOneLineError(Vae("reproduce", "--quick", "--only", "mnist,fluid", "--out", Path.Combine(_directory, "r")), 2,
            "--only 'fluid': not a section; known: mnist, replicas, alpha, quantum, fluids");
        Assert.That(Directory.GetFileSystemEntries(_directory), Is.Empty, "nothing written");
    }

    [Test]
    public void Only_with_the_paper_profile_is_refused()
    {
        AssertOneLineError(Vae("reproduce", "--profile", "paper", "--dataset", "classification", "--only", "mnist", "--out", Path.Combine(_directory, "s")), 2,
            "--profile paper writes the whole sweep and takes no --only");
        Assert.That(Directory.GetFileSystemEntries(_directory), Is.Empty, "nothing written");
    }

    [TestCase("mnist", "/data", "--dataset 'mnist' with --data-dir '/data'", "takes no data directory")]
    [TestCase("classification", "/data", "--dataset 'classification' with --data-dir '/data'", "takes no data directory")]
    [TestCase("cifar", "", "--dataset 'cifar'", "is not one of mnist, mnist-full, fashion-mnist, classification")]
    public void The_paper_profile_refuses_data_options_every_task_would_fail_on(string dataset, string dataDirectory, string fragment1, string fragment2)
    {
        // Finding 7: mnist with a data directory wrote a 180-run sweep in which DatasetRegistry.Load failed every task.
        var result = Vae("reproduce", "--profile", "paper", "--dataset", dataset, "--data-dir", dataDirectory, "--out", Path.Combine(_directory, "s"));
        AssertOneLineError(result, 2, fragment1);
        Assert.That(result.Error, Does.Contain(fragment2));
        Assert.That(Directory.GetFileSystemEntries(_directory), Is.Empty, "nothing written");
    }

    [Test]
    public void The_paper_profile_takes_the_dataset_name_in_any_case_and_writes_it_in_lower_case()
    {
        // The registry is case-insensitive, sweep.json's reader is not: "Classification" was refused, and must be written as "classification".
        var sweep = Path.Combine(_directory, "s");
        var result = Vae("reproduce", "--profile", "paper", "--dataset", " Classification", "--out", sweep);
        Assert.That(result.ExitCode, Is.Zero, result.Error);
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(sweep, "sweep.json")));
        Assert.That(json.RootElement.GetProperty("base").GetProperty("dataset").GetString(), Is.EqualTo("classification"));
    }

    private static void AssertOneLineError((int ExitCode, string Output, string Error) result, int exitCode, string message)
    {
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), result.Error);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Has.Length.EqualTo(1), result.Error);
        Assert.That(lines[0], Does.StartWith("vae: ").And.Contain(message));
        Assert.That(result.Error, Does.Not.Contain("   at "), "no stack trace");
    }

    private static (int ExitCode, string Output, string Error) Vae(params string[] args) => VaeExecutable.Run(args);
}
