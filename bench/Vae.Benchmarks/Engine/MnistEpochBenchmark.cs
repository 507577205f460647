using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Numerics;
using Vae.Core.Training;

namespace Vae.Benchmarks.Engine;

/// <summary>
/// Issue 3: one training epoch of the 784-200-200-30 ReLU Bernoulli VAE on the 9 000 MNIST training images (batch 100,
/// Adam 10⁻³, ELBO), Vae's engine against the PyTorch 1.13 CPU peer (<c>tools/reference/torch_vae_mnist.py --serve</c>,
/// 2 threads, kept running so its start-up and data loading are not timed), side by side in one run.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*MnistEpochBenchmark*'</c>.
/// Target: Vae ≥ 5× faster than PyTorch.
/// </summary>
[Config(typeof(LongRunningConfig))]
public class MnistEpochBenchmark
{
    private static readonly VaeArchitecture Architecture = VaeArchitecture.Mlp([1, 28, 28], [200, 200], 30);
    private Dataset _train = null!;
    private VariationalAutoencoder<float> _model = null!;
    private Process? _peer;
    private int _epoch;

    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable();
        _train = Mnist.StandardSplit().Train;
        _model = VariationalAutoencoder<float>.Create(Architecture, 1);
        var script = FindScript();
        _peer = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, "--serve", "--threads", "2"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        }) ?? throw new InvalidOperationException("Could not start the PyTorch peer.");
        var ready = _peer.StandardOutput.ReadLine();
        if (ready != "ready") throw new InvalidOperationException($"The PyTorch peer did not start (said '{ready}').");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_peer is null) return;
        _peer.StandardInput.WriteLine("quit");
        _peer.WaitForExit(10_000);
        _peer.Dispose();
    }

    /// <summary>One epoch with Vae's engine (float32, MKL sgemm); returns the epoch's mean train −ELBO.</summary>
    [Benchmark(Description = "Vae engine: 1 epoch, 9000 MNIST")]
    public double VaeEpoch()
    {
        var options = TrainingOptions.Default with { Epochs = 1, Seed = ++_epoch };
        return VaeTrainer.Train(_model, _train, null, options).Epochs[0].TrainNegativeElbo;
    }

    /// <summary>One epoch of the PyTorch peer; returns its mean train −ELBO.</summary>
    [Benchmark(Baseline = true, Description = "PyTorch 1.13 CPU (2 threads): 1 epoch")]
    public double TorchEpoch()
    {
        _peer!.StandardInput.WriteLine("epoch");
        return double.Parse(_peer.StandardOutput.ReadLine()!, CultureInfo.InvariantCulture);
    }

    private static string FindScript()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "tools", "reference", "torch_vae_mnist.py");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tools/reference/torch_vae_mnist.py not found above " + AppContext.BaseDirectory);
    }
}
