using BenchmarkDotNet.Attributes;
using TorchSharp;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Numerics;
using Vae.Core.Training;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;
using static TorchSharp.torch;

namespace Vae.Benchmarks.Training;

/// <summary>
/// Issue 10: training on TorchSharp (libtorch 2.10, CPU, float32), with the same workloads as
/// <c>RetiredEngineBenchmarks</c> of commit 42d15a3 (the hand-written engine) so that <c>tools/bench/training.sh</c> runs
/// both side by side, and Debian's PyTorch 1.13 on the MNIST epoch (<c>tools/reference/torch_vae_mnist.py --serve</c>,
/// kept running so its start-up is not timed).
/// Workloads: one epoch of the 784-200-200-30 ReLU Bernoulli MLP VAE on the 9 000 MNIST training images (batch 100, Adam
/// 10⁻³, ELBO) through <see cref="VaeTrainer"/>; 20 optimiser steps of the default fluids convolutional VAE on a batch of 64.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*TrainingBenchmarks*'</c>.
/// Targets: MLP epoch ≤ the retired engine's; conv step ≥ 3× faster than the retired engine's.
/// </summary>
[Config(typeof(LongRunningConfig))]
public class TrainingBenchmarks
{
    /// <summary>Optimiser steps per <see cref="ConvStep"/> invocation: ms per step = mean / 20.</summary>
    public const int StepsPerInvocation = 20;

    /// <summary>Batch size of <see cref="ConvStep"/>.</summary>
    public const int ConvBatchSize = 64;

    private static readonly VaeArchitecture MlpArchitecture = VaeArchitecture.Mlp([1, 28, 28], [200, 200], 30);
    private Dataset _train = null!;
    private VariationalAutoencoder _mlp = null!;
    private int _epoch;
    private VariationalAutoencoder _conv = null!;
    private optim.Optimizer _adam = null!;
    private TorchSharp.Modules.Parameter[] _convParameters = [];
    private IVaeObjective _objective = null!;
    private Tensor _batch = null!;
    private Generator _noise = null!;
    private long _step;
    private TorchPeer? _peer;

    /// <summary>Loads MNIST, builds both models (seed 1) and the conv model's optimiser, starts the PyTorch peer.</summary>
    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });
        _train = Mnist.StandardSplit().Train;
        _mlp = VariationalAutoencoder.Create(MlpArchitecture, 1);

        var options = FluidVaeOptions.Default;
        int n = MetropolisOptions.Default.Particles;
        var architecture = VaeArchitecture.Convolutional([1, n, n], options.Convolutions, options.HiddenSizes, options.LatentSize, DecoderFamily.Gaussian)
            with { DecoderLogVariance = Math.Log(n * n / 2.0) };
        _conv = VariationalAutoencoder.Create(architecture, 1);
        _convParameters = _conv.parameters().ToArray();
        _adam = optim.Adam(_convParameters, options.LearningRate);
        _objective = ElboLoss.Default with { Beta = BetaSchedule.Constant(options.Lambda) };
        _batch = rand([ConvBatchSize, 1, n, n], generator: new Generator(7));
        _noise = new Generator(11);
        Console.WriteLine($"// TrainingBenchmarks: conv VAE [1, {n}, {n}], {_conv.ParameterCount:N0} parameters; MLP VAE {_mlp.ParameterCount:N0} parameters; {Vae.Core.Torch.TorchRuntime.Describe()}");

        _peer = new TorchPeer("torch_vae_mnist.py", "--threads", "1");
    }

    /// <summary>Stops the PyTorch peer and frees the native memory of the models, the optimiser, the batch and the
    /// generator (in-process BenchmarkDotNet runs <see cref="Setup"/> once per case).</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _peer?.Dispose();
        _adam?.Dispose();
        _conv?.Dispose();
        _mlp?.Dispose();
        _batch?.Dispose();
        _noise?.Dispose();
    }

    /// <summary>One MLP epoch through <see cref="VaeTrainer"/>, one libtorch thread (the default); returns the epoch's mean train −ELBO.</summary>
    [Benchmark(Description = "TorchSharp MLP: 1 epoch, 9000 MNIST, batch 100, 1 thread")]
    public double MlpEpoch() => Epoch(1);

    /// <summary>The same with two libtorch threads.</summary>
    [Benchmark(Description = "TorchSharp MLP: 1 epoch, 2 threads")]
    public double MlpEpochTwoThreads() => Epoch(2);

    /// <summary>One epoch of the PyTorch 1.13 peer (one thread); returns its mean train −ELBO.</summary>
    [Benchmark(Baseline = true, Description = "PyTorch 1.13 CPU MLP: 1 epoch, 1 thread")]
    public double TorchEpoch()
    {
        return _peer!.Ask("epoch");
    }

    /// <summary>20 optimiser steps (forward, backward, gradient-norm guard, Adam, as in <see cref="VaeTrainer"/>) of the
    /// default fluids convolutional VAE on a fixed batch of 64, one libtorch thread; returns the last loss.</summary>
    [Benchmark(Description = "TorchSharp conv (fluids default): 20 Adam steps, batch 64, 1 thread")]
    public double ConvStep() => ConvSteps(1);

    /// <summary>The same with two libtorch threads.</summary>
    [Benchmark(Description = "TorchSharp conv: 20 Adam steps, 2 threads")]
    public double ConvStepTwoThreads() => ConvSteps(2);

    private double Epoch(int threads)
    {
        var options = TrainingOptions.Default with { Epochs = 1, Seed = ++_epoch, Threads = threads };
        return VaeTrainer.Train(_mlp, _train, null, options).Epochs[0].TrainNegativeElbo;
    }

    private double ConvSteps(int threads)
    {
        set_num_threads(threads);
        double loss = 0;
        for (int s = 0; s < StepsPerInvocation; s++)
        {
            using var scope = NewDisposeScope();
            var value = ObjectiveEvaluation.Evaluate(_objective, _conv, _batch, _noise, _step);
            double norm = nn.utils.clip_grad_norm_(_convParameters, double.PositiveInfinity);
            if (!value.IsFinite || !double.IsFinite(norm)) throw new InvalidOperationException($"The conv VAE diverged at step {_step + 1}.");
            _adam.step();
            _step++;
            loss = value.Loss;
        }
        return loss;
    }
}
