using Vae.Core.Collections;
namespace Vae.Quantum.Spectrum;

/// <summary>Hyper-parameters of the ψ_n network (an MLP z ↦ ψ trained with the paper's loss E⁰ + E¹).</summary>
/// <remarks>C#: <c>PsiNetworkOptions.Default with { Minima = 3 }</c>; F#: <c>PsiNetworkOptions(Minima = 3.0)</c>.</remarks>
public sealed record PsiNetworkOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static PsiNetworkOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public PsiNetworkOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>PsiNetworkOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public PsiNetworkOptions(PsiNetworkOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _hiddenSizes = original._hiddenSizes;
        Alpha = original.Alpha;
        Minima = original.Minima;
        Coordinate = original.Coordinate;
        Domain = original.Domain;
        InitialArcsinArgument = original.InitialArcsinArgument;
        Epochs = original.Epochs;
        BatchSize = original.BatchSize;
        LearningRate = original.LearningRate;
        Seed = original.Seed;
    }

    /// <summary>Hidden layer widths (tanh activations). Default 32, 32.</summary>
    public IReadOnlyList<int> HiddenSizes { get => _hiddenSizes; init => _hiddenSizes = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _hiddenSizes = ValueList.Copy<int>([32, 32]);

    /// <summary>α, the weight of the kinetic term E⁰ = α n² (paper §2), ≥ 0. Default 0.01.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>t, the number of minima of V(z) = sin(2πtz) on the unit box, finite and non-zero. Default 4.</summary>
    public double Minima { get; init; } = 4.0;

    /// <summary>What z is for d_z &gt; 1. Default <see cref="LatentCoordinate.Norm"/>.</summary>
    public LatentCoordinate Coordinate { get; init; } = LatentCoordinate.Norm;

    /// <summary>How the arcsin domain is respected. Default <see cref="ArcsinDomain.Squash"/>.</summary>
    public ArcsinDomain Domain { get; init; } = ArcsinDomain.Squash;

    /// <summary>
    /// u₀ ∈ [0, 1): the output bias is initialised so that the arcsin argument Lψ²/2 starts at u₀ for every sample, i.e.
    /// n starts at arcsin(u₀)/(π z) and each sample descends into the basin of E(n) its own coordinate z points to.
    /// With u₀ = 0 every sample starts at n = 0 and falls into the lowest level. Default 0.5.
    /// </summary>
    public double InitialArcsinArgument { get; init; } = 0.5;

    /// <summary>Training epochs, ≥ 1. Default 300.</summary>
    public int Epochs { get; init; } = 300;

    /// <summary>Minibatch size, ≥ 1. Default 64.</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Adam learning rate, &gt; 0. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Seed of the initialisation and the minibatch order.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(HiddenSizes);
        if (HiddenSizes.Any(h => h < 1))
            throw new ArgumentOutOfRangeException(nameof(HiddenSizes), string.Join(",", HiddenSizes), "Hidden sizes must be positive.");
        if (!(Alpha >= 0) || !double.IsFinite(Alpha))
            throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "α must be finite and ≥ 0.");
        if (!double.IsFinite(Minima) || Minima == 0)
            throw new ArgumentOutOfRangeException(nameof(Minima), Minima, "t must be finite and non-zero.");
        if (!Enum.IsDefined(Coordinate))
            throw new ArgumentOutOfRangeException(nameof(Coordinate), Coordinate, "Unknown latent coordinate.");
        if (!Enum.IsDefined(Domain))
            throw new ArgumentOutOfRangeException(nameof(Domain), Domain, "Unknown arcsin-domain handling.");
        if (!(InitialArcsinArgument >= 0 && InitialArcsinArgument < 1))
            throw new ArgumentOutOfRangeException(nameof(InitialArcsinArgument), InitialArcsinArgument, "u₀ must be in [0, 1).");
        if (Epochs < 1)
            throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "At least one epoch.");
        if (BatchSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(PsiNetworkOptions? other) =>
        other is not null && HiddenSizes.SequenceEqual(other.HiddenSizes) && Alpha.Equals(other.Alpha)
        && Minima.Equals(other.Minima) && Coordinate == other.Coordinate && Domain == other.Domain
        && InitialArcsinArgument.Equals(other.InitialArcsinArgument) && Epochs == other.Epochs
        && BatchSize == other.BatchSize && LearningRate.Equals(other.LearningRate) && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var item in HiddenSizes) hash.Add(item);
        hash.Add(Alpha);
        hash.Add(Minima);
        hash.Add(Coordinate);
        hash.Add(Domain);
        hash.Add(InitialArcsinArgument);
        hash.Add(Epochs);
        hash.Add(BatchSize);
        hash.Add(LearningRate);
        hash.Add(Seed);
        return hash.ToHashCode();
    }
}
