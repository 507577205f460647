using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// Trains the convolutional VAE of the slides on distance matrices with Core's TorchSharp trainer, and scores samples by their
/// reconstruction MSE.
/// </summary>
/// <remarks>
/// Loss: the slides minimise MSE(x, μ_θ(z)) + λ·KL(q(z|x) ‖ N(0, I)) with a unit-variance Gaussian likelihood. With
/// d = N² features, a Gaussian decoder of fixed variance σ² = d/2 gives −log p(x|z) = Σ(x − μ)²/(2σ²) + const =
/// MSE + const, so Core's ELBO with β = λ is exactly that loss (up to a constant). Bit-reproducible for a fixed seed
/// and libtorch thread count (Core's trainer).
/// </remarks>
public static class FluidVae
{
    /// <summary>Trains a model on <paramref name="train"/>.</summary>
    /// <param name="train">Normal distance matrices [count, N, N] (σ).</param>
    /// <param name="box">Box side L in σ (used by <see cref="FluidInputScaling.BoxDiagonal"/>).</param>
    /// <param name="options">Architecture and training settings.</param>
    /// <param name="progress">Receives Core's per-minibatch reports; may be null.</param>
    /// <param name="cancellationToken">Checked before every minibatch.</param>
    /// <exception cref="ArgumentException">The set is empty or too small for the convolutions, or an option is out of range.</exception>
    /// <exception cref="TrainingDivergedException">The loss became non-finite.</exception>
    public static FluidVaeModel Train(DistanceMatrixSet train, double box, FluidVaeOptions options,
        IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(options);
        if (train.Count == 0) throw new ArgumentException("The training set is empty.", nameof(train));
        if (!(box > 0) || !double.IsFinite(box)) throw new ArgumentOutOfRangeException(nameof(box), box, "box must be finite and > 0.");
        if (!(options.Lambda >= 0) || !double.IsFinite(options.Lambda))
            throw new ArgumentOutOfRangeException("options.Lambda", options.Lambda, "Lambda must be finite and ≥ 0.");
        if (!Enum.IsDefined(options.Decoder)) throw new ArgumentOutOfRangeException("options.Decoder", options.Decoder, "Unknown decoder.");
        if (options.ConfigurationHiddenSizes.Any(h => h < 1))
            throw new ArgumentOutOfRangeException("options.ConfigurationHiddenSizes", $"[{string.Join(", ", options.ConfigurationHiddenSizes)}]", "Every hidden size must be ≥ 1.");
        var normalization = FluidInputNormalization.Fit(train, box, options.InputScaling);
        var model = Create(train.Particles, normalization, options);
        var training = TrainingOptions.Default with
        {
            Epochs = options.Epochs,
            BatchSize = options.BatchSize,
            Seed = options.Seed,
            Optimizer = AdamOptions.Default with { LearningRate = options.LearningRate },
            Objective = ElboLoss.Default with { Beta = BetaSchedule.Constant(options.Lambda) },
        };
        var result = VaeTrainer.Train(model, ToDataset(train, normalization, "fluids-train"), null, training, null, progress, cancellationToken);
        return new FluidVaeModel(result.Model, normalization, options, result.Epochs);
    }

    /// <summary>The encoder's architecture: the slides' convolutional VAE on [1, N, N] (its decoder settings are those of
    /// <see cref="FluidDecoder.DistanceMatrix"/>: a Gaussian of fixed variance d/2 on the N² entries).</summary>
    internal static VaeArchitecture Architecture(int particles, FluidVaeOptions options)
    {
        var architecture = VaeArchitecture.Convolutional([1, particles, particles], options.Convolutions, options.HiddenSizes, options.LatentSize, DecoderFamily.Gaussian)
            with { DecoderLogVariance = Math.Log(particles * particles / 2.0) };
        architecture.Validate();
        return architecture;
    }

    /// <summary>A fresh, seeded model of <paramref name="options"/>' decoder kind.</summary>
    internal static VariationalAutoencoder Create(int particles, FluidInputNormalization normalization, FluidVaeOptions options)
    {
        var architecture = Architecture(particles, options);
        if (options.Decoder == FluidDecoder.DistanceMatrix) return VariationalAutoencoder.Create(architecture, options.Seed);
        // Fixed s² = ½ σ²: −log p(x|z) = Σ_m (Δd_(m))² + const, so the loss is Σ (Δd)² + λ·KL in σ².
        return Core.Torch.TorchRuntime.CreateSeeded(options.Seed, () => VariationalAutoencoder.Create(
            GaussianEncoder.FromArchitecture(architecture),
            new ConfigurationDecoder(options.LatentSize, options.ConfigurationHiddenSizes, normalization),
            new SortedDistanceLikelihood(normalization, Math.Log(0.5)),
            [1, particles, particles]));
    }

    internal static Dataset ToDataset(DistanceMatrixSet set, FluidInputNormalization normalization, string name) =>
        Dataset.Create(name, normalization.Forward(set), new int[set.Count], [1, set.Particles, set.Particles]);
}
