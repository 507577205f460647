using NUnit.Framework;

namespace Vae.Tests.Reliability;

/// <summary>Valid inputs for the commands that read what others wrote (a fluids data set, a fluids model, anomaly data,
/// an MNIST model), made once by tiny runs of the real executable for the whole namespace, and deleted afterwards.</summary>
[SetUpFixture]
public sealed class Inputs
{
    internal static string Root { get; private set; } = "";

    internal static string FluidsData => Path.Combine(Root, "fluids-data");

    internal static string FluidsModel => Path.Combine(Root, "fluids-model");

    internal static string AnomalyData => Path.Combine(Root, "anomaly-data");

    internal static string MnistModel => Path.Combine(Root, "mnist-model", "model.safetensors");

    [OneTimeSetUp]
    public void Create()
    {
        Root = Directory.CreateTempSubdirectory("vae-reliability-inputs-").FullName;
        var runs = new[]
        {
            Harness.RunAsync([.. Harness.TinySample, "--out", FluidsData]),
            Harness.RunAsync("fluids", "anomaly-data", "--count", "8", "--particles", "5", "--sweeps", "5", "--mask-block", "2", "--threads", "1", "--out", AnomalyData),
            Harness.RunAsync("train", "--dataset", "mnist", "--epochs", "1", "--hidden", "8", "--latent", "2", "--batch", "1000", "--out", Path.GetDirectoryName(MnistModel)!),
        };
        foreach (var run in runs) Require(run.Result, "input");
        Require(Harness.Vae("fluids", "train", "--data", FluidsData, "--holdout", "4", "--epochs", "1", "--channels", "2", "--hidden", "0", "--latent", "2",
            "--batch-size", "4", "--out", FluidsModel), "fluids model");
    }

    [OneTimeTearDown]
    public void Delete()
    {
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }

    private static void Require((int ExitCode, string Output, string Error) result, string what)
    {
        if (result.ExitCode != 0) Assert.Fail($"Could not make the {what} for the reliability tests: exit {result.ExitCode}: {result.Error}");
    }
}
