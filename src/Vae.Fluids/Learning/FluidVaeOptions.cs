using Vae.Core.Models;
using Vae.Core.Collections;

namespace Vae.Fluids.Learning;

/// <summary>
/// Settings of the convolutional VAE on distance matrices (LCP-B group 9 slides: "convolutional 2D, distance
/// matrices, sorted points", encoder and decoder mirrored, latent size 40, loss MSE + λ·KL).
/// </summary>
/// <remarks>
/// The slides' figure with the exact layers is missing from the text; the default encoder is two stride-2 3×3
/// convolutions (16 and 32 channels, padding 1: 30 → 15 → 8) and one fully connected layer of 256, mirrored by
/// Core's decoder (ConvTranspose2d). Inputs are normalised per <see cref="InputScaling"/> (default: per-entry
/// standardisation over the training matrices); the MSE is in those normalised units.
/// </remarks>
public sealed record FluidVaeOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static FluidVaeOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public FluidVaeOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>FluidVaeOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public FluidVaeOptions(FluidVaeOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        LatentSize = original.LatentSize;
        Lambda = original.Lambda;
        _convolutions = original._convolutions;
        _hiddenSizes = original._hiddenSizes;
        Epochs = original.Epochs;
        BatchSize = original.BatchSize;
        LearningRate = original.LearningRate;
        Seed = original.Seed;
        InputScaling = original.InputScaling;
        Decoder = original.Decoder;
        _configurationHiddenSizes = original._configurationHiddenSizes;
    }

    /// <summary>Latent dimension. Default 40 (slides).</summary>
    public int LatentSize { get; init; } = 40;

    /// <summary>λ in MSE + λ·KL, ≥ 0. Default 1e-4: the lowest held-out MSE of the sweep in docs/fluids.md §9 among
    /// the settings with ≥ 8 active units and ≤ 50 % of the latent variance in two components.</summary>
    public double Lambda { get; init; } = 1e-4;

    /// <summary>Encoder convolutions (the decoder mirrors them). Default 16k3s2p1, 32k3s2p1.</summary>
    public IReadOnlyList<ConvolutionSpec> Convolutions { get => _convolutions; init => _convolutions = ValueList.Copy(value); }
    private readonly IReadOnlyList<ConvolutionSpec> _convolutions = ValueList.Copy<ConvolutionSpec>([new(16, 3, 2, 1), new(32, 3, 2, 1)]);

    /// <summary>Fully connected layers after the convolutions. Default [256].</summary>
    public IReadOnlyList<int> HiddenSizes { get => _hiddenSizes; init => _hiddenSizes = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _hiddenSizes = ValueList.Copy<int>([256]);

    /// <summary>Training epochs, ≥ 1. Default 20.</summary>
    public int Epochs { get; init; } = 20;

    /// <summary>Minibatch size, ≥ 1. Default 100.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Adam learning rate, &gt; 0. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of initialisation, shuffling and reparameterisation noise. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Input normalisation (docs/fluids.md §9 has the sweep that chose it). Default <see cref="FluidInputScaling.Standardized"/>.</summary>
    public FluidInputScaling InputScaling { get; init; } = FluidInputScaling.Standardized;

    /// <summary>What the decoder produces. Default <see cref="FluidDecoder.DistanceMatrix"/> (the slides');
    /// <see cref="FluidDecoder.Configuration"/> is the permutation-invariant decoder used for generation.</summary>
    public FluidDecoder Decoder { get; init; } = FluidDecoder.DistanceMatrix;

    /// <summary>Hidden layers of the <see cref="FluidDecoder.Configuration"/> decoder (z → [Linear, ReLU]* → Linear → 2N
    /// coordinates); ignored by the matrix decoder. Default [256, 256]: the most valid generations among [256], [256, 256],
    /// [512, 512] and [256, 256, 256] at the acceptance scale (docs/fluids.md §9,
    /// <c>tools/experiments/fluids_configuration_decoder.sh</c>).</summary>
    public IReadOnlyList<int> ConfigurationHiddenSizes { get => _configurationHiddenSizes; init => _configurationHiddenSizes = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _configurationHiddenSizes = ValueList.Copy<int>([256, 256]);

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(FluidVaeOptions? other) =>
        other is not null && LatentSize == other.LatentSize && Lambda.Equals(other.Lambda)
        && Convolutions.SequenceEqual(other.Convolutions) && HiddenSizes.SequenceEqual(other.HiddenSizes)
        && Epochs == other.Epochs && BatchSize == other.BatchSize && LearningRate.Equals(other.LearningRate)
        && Seed == other.Seed && InputScaling == other.InputScaling
        && Decoder == other.Decoder && ConfigurationHiddenSizes.SequenceEqual(other.ConfigurationHiddenSizes);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(LatentSize);
        hash.Add(Lambda);
        foreach (var item in Convolutions) hash.Add(item);
        foreach (var item in HiddenSizes) hash.Add(item);
        hash.Add(Epochs);
        hash.Add(BatchSize);
        hash.Add(LearningRate);
        hash.Add(Seed);
        hash.Add(InputScaling);
        hash.Add(Decoder);
        foreach (var item in ConfigurationHiddenSizes) hash.Add(item);
        return hash.ToHashCode();
    }
}
