using BenchmarkDotNet.Attributes;
using MathNet.Numerics.Random;
using Vae.Core.Data;
using Vae.Core.Engine;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Numerics;
using Vae.Core.Training;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;

namespace Vae.Benchmarks.Engine;

/// <summary>
/// The hand-written engine (<c>Vae.Core.Engine</c>, <c>VaeComputation</c>, <see cref="VariationalAutoencoder{T}"/>,
/// <see cref="VaeTrainer"/>) before its replacement by TorchSharp, float32 after <see cref="VaeNumerics.UseBestAvailable"/>,
/// kept so that a script can check out this commit and run it side by side with the TorchSharp engine:
/// one MNIST MLP epoch and optimiser steps of the fluids convolutional VAE.
/// Run: <c>dotnet run -c Release --project bench/Vae.Benchmarks -- --filter '*RetiredEngineBenchmarks*'</c>.
/// </summary>
[Config(typeof(LongRunningConfig))]
public class RetiredEngineBenchmarks
{
    /// <summary>Optimiser steps per <see cref="ConvStep"/> invocation (one step alone is too short to time in a
    /// single-invocation iteration): ms per step = mean / <see cref="StepsPerInvocation"/>.</summary>
    public const int StepsPerInvocation = 20;

    /// <summary>Batch size of <see cref="ConvStep"/>.</summary>
    public const int ConvBatchSize = 64;

    private static readonly VaeArchitecture MlpArchitecture = VaeArchitecture.Mlp([1, 28, 28], [200, 200], 30);
    private Dataset _train = null!;
    private VariationalAutoencoder<float> _mlp = null!;
    private int _epoch;

    private VariationalAutoencoder<float> _conv = null!;
    private Adam<float> _adam = null!;
    private VaeObjective _objective = null!;
    private Tensor<float> _batch = null!;
    private Xoshiro256StarStar _noise = null!;

    /// <summary>Loads MNIST and builds both models (seed 1) and the conv model's optimiser; prints the conv model's
    /// parameter count.</summary>
    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable();
        _train = Mnist.StandardSplit().Train;
        _mlp = VariationalAutoencoder<float>.Create(MlpArchitecture, 1);

        // The default FluidVae model (FluidVae.Train) on N × N distance matrices, N = MetropolisOptions' default.
        var options = FluidVaeOptions.Default;
        int n = MetropolisOptions.Default.Particles;
        var architecture = VaeArchitecture.Convolutional([1, n, n], options.Convolutions, options.HiddenSizes, options.LatentSize, DecoderFamily.Gaussian)
            with { DecoderLogVariance = Math.Log(n * n / 2.0) };
        architecture.Validate();
        _conv = VariationalAutoencoder<float>.Create(architecture, 1);
        _adam = new Adam<float>(_conv.Parameters, AdamOptions.Default with { LearningRate = options.LearningRate });
        _objective = ElboLoss.Default with { Beta = BetaSchedule.Constant(options.Lambda) };
        var random = new Xoshiro256StarStar(7, false);
        var values = new float[ConvBatchSize * n * n];
        for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
        _batch = Tensor<float>.FromArray(values, ConvBatchSize, 1, n, n);
        _noise = new Xoshiro256StarStar(11, false);
        Console.WriteLine($"// RetiredEngineBenchmarks: conv VAE [1, {n}, {n}], {_conv.ParameterCount:N0} parameters; MLP VAE {_mlp.ParameterCount:N0} parameters.");
    }

    /// <summary>One epoch of the 784-200-200-30 ReLU Bernoulli MLP VAE on the 9 000 MNIST training images (batch 100,
    /// Adam 10⁻³, ELBO) with the old engine; returns the epoch's mean train −ELBO.</summary>
    [Benchmark(Description = "Old engine MLP: 1 epoch, 9000 MNIST, batch 100")]
    public double MlpEpoch()
    {
        var options = TrainingOptions.Default with { Epochs = 1, Seed = ++_epoch };
        return VaeTrainer.Train(_mlp, _train, null, options).Epochs[0].TrainNegativeElbo;
    }

    /// <summary><see cref="StepsPerInvocation"/> optimiser steps (forward, backward, Adam, as in
    /// <see cref="VaeTrainer"/>) of the default fluids convolutional VAE on a fixed random batch of 64; returns the last
    /// step's loss.</summary>
    [Benchmark(Description = "Old engine conv (fluids default): 20 Adam steps, batch 64")]
    public double ConvStep()
    {
        double loss = 0;
        for (int s = 0; s < StepsPerInvocation; s++)
        {
            var value = _objective.Evaluate(_conv, _batch, _noise, _adam.StepCount);
            if (!value.IsFinite || !double.IsFinite(_adam.GradientNorm()))
                throw new InvalidOperationException($"The conv VAE diverged at step {_adam.StepCount + 1}.");
            _adam.Step();
            loss = value.Loss;
        }
        return loss;
    }
}
