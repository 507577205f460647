using BenchmarkDotNet.Attributes;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Numerics;
using Vae.Core.Training;

namespace Vae.Benchmarks.Training;

/// <summary>
/// Issue 13: the full-scale workloads of the paper's protocol on Fashion-MNIST (60 000 + 10 000 images, Debian's
/// <c>dataset-fashion-mnist</c>), TorchSharp side by side with Debian's PyTorch 1.13
/// (<c>tools/reference/torch_vae_fullscale.py --serve</c>, same model, same protocol), one thread each:
/// one training epoch of the 784-200-200-30 VAE with the ELBO (K = 1) and with the Rényi bound (α = 0.5, K = 10, the
/// paper's training), and the importance-sampled log-likelihood with K = 2 000 on 200 test images (the paper's
/// evaluation; throughput in images/s = 200 / mean), against the sgemm throughput libtorch reaches on one thread for the
/// decoder's largest product ([10 000, 200] × [200, 784], the shape the IS chunks feed it) and for a square 1024³ product.
/// GFLOP/s of the IS estimate: 200 images × 2 000 samples × 2 × (30·200 + 200·200 + 200·784) multiply-adds = 162.2 GFLOP
/// of decoder GEMMs per invocation (encoder, likelihood and log-sum-exp not counted) divided by the mean time.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*FullScaleBenchmarks*'</c>.
/// </summary>
[Config(typeof(LongRunningConfig))]
public class FullScaleBenchmarks
{
    /// <summary>Test images of the IS benchmarks.</summary>
    public const int IsImages = 200;

    /// <summary>Importance samples per image (the paper's evaluation).</summary>
    public const int IsSamples = 2000;

    private NamedDataSplit _data = null!;
    private Dataset _isImages = null!;
    private VariationalAutoencoder _model = null!;
    private int _epoch;
    private TorchPeer? _peer;
    private TorchSharp.torch.Tensor _decoderA = null!, _decoderB = null!, _squareA = null!, _squareB = null!;

    /// <summary>Loads Fashion-MNIST, builds the model (seed 1), starts the PyTorch peer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable();
        _data = DatasetRegistry.Load("fashion-mnist");
        _isImages = _data.Test.Slice(0, IsImages);
        _model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([1, 28, 28], [200, 200], 30), 1);
        _peer = new TorchPeer("torch_vae_fullscale.py", "--threads", "1");
        using var generator = new TorchSharp.torch.Generator(5);
        _decoderA = TorchSharp.torch.rand([10_000, 200], generator: generator);
        _decoderB = TorchSharp.torch.rand([200, 784], generator: generator);
        _squareA = TorchSharp.torch.rand([1024, 1024], generator: generator);
        _squareB = TorchSharp.torch.rand([1024, 1024], generator: generator);
        Console.WriteLine($"// FullScaleBenchmarks: {_data.Train.Count} + {_data.Test.Count} images from {_data.Source}; {Vae.Core.Torch.TorchRuntime.Describe()}");
    }

    /// <summary>Stops the PyTorch peer and frees the native memory of the model and the sgemm operands (about 17 MB per
    /// case: in-process BenchmarkDotNet runs <see cref="Setup"/> once per case).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _peer?.Dispose();
        _decoderA?.Dispose();
        _decoderB?.Dispose();
        _squareA?.Dispose();
        _squareB?.Dispose();
        _model?.Dispose();
    }

    /// <summary>One ELBO epoch over the 60 000 training images (batch 100, Adam 10⁻³, one thread); returns the mean −ELBO.</summary>
    [Benchmark(Description = "TorchSharp: ELBO epoch, Fashion-MNIST 60000, 1 thread")]
    public double ElboEpoch() => Epoch(ElboLoss.Default);

    /// <summary>The same epoch in PyTorch 1.13.</summary>
    [Benchmark(Baseline = true, Description = "PyTorch 1.13: ELBO epoch, Fashion-MNIST 60000, 1 thread")]
    public double TorchElboEpoch() => Ask("epoch 1 1");

    /// <summary>One epoch with the Rényi bound, α = 0.5, K = 10.</summary>
    [Benchmark(Description = "TorchSharp: Rényi α=0.5 K=10 epoch, 60000, 1 thread")]
    public double RenyiEpoch() => Epoch(RenyiBound.WithAlpha(0.5, 10));

    /// <summary>The same epoch in PyTorch 1.13.</summary>
    [Benchmark(Description = "PyTorch 1.13: Rényi α=0.5 K=10 epoch, 60000, 1 thread")]
    public double TorchRenyiEpoch() => Ask("epoch 10 0.5");

    /// <summary>Importance-sampled log p(x) with K = 2 000 on 200 test images, one thread.</summary>
    [Benchmark(Description = "TorchSharp: IS K=2000, 200 test images, 1 thread")]
    public double ImportanceSampling()
    {
        TorchSharp.torch.set_num_threads(1);
        return ImportanceSampledLogLikelihood.Estimate(_model, _isImages, IsSamples, 3).Mean;
    }

    /// <summary>The same estimate in PyTorch 1.13.</summary>
    [Benchmark(Description = "PyTorch 1.13: IS K=2000, 200 test images, 1 thread")]
    public double TorchImportanceSampling() => Ask($"is {IsSamples} {IsImages}");

    /// <summary>One decoder-shaped sgemm, [10 000, 200] × [200, 784] (3.136 GFLOP), one libtorch thread, ten times.</summary>
    [Benchmark(Description = "libtorch sgemm [10000,200]x[200,784] ×10, 1 thread")]
    public float DecoderSgemm() => Sgemm(_decoderA, _decoderB);

    /// <summary>A square sgemm 1024³ (2.147 GFLOP), one libtorch thread, ten times.</summary>
    [Benchmark(Description = "libtorch sgemm 1024³ ×10, 1 thread")]
    public float SquareSgemm() => Sgemm(_squareA, _squareB);

    private static float Sgemm(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b)
    {
        TorchSharp.torch.set_num_threads(1);
        float last = 0;
        for (int i = 0; i < 10; i++)
        {
            using var c = TorchSharp.torch.mm(a, b);
            using var first = c[0, 0];   // the indexer makes a tensor of its own
            last = first.item<float>();
        }
        return last;
    }

    private double Epoch(IVaeObjective objective)
    {
        var options = TrainingOptions.Default with { Epochs = 1, Seed = ++_epoch, Threads = 1, Objective = objective };
        return VaeTrainer.Train(_model, _data.Train, null, options).Epochs[0].TrainLoss;
    }

    private double Ask(string command) => _peer!.Ask(command);
}
