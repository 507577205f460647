namespace Vae.Fluids.Anomalies;

/// <summary>
/// How the slides' anomaly families are made from the normal data's sampler settings. Use as
/// <c>AnomalyFamilyOptions.Default with { Count = 500 }</c> (C#) or <c>AnomalyFamilyOptions(Count = 500)</c> (F#).
/// </summary>
public sealed record AnomalyFamilyOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static AnomalyFamilyOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public AnomalyFamilyOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>AnomalyFamilyOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public AnomalyFamilyOptions(AnomalyFamilyOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Count = original.Count;
        UnseenGamma = original.UnseenGamma;
        Moved = original.Moved;
        MaxStep = original.MaxStep;
        MaskBlock = original.MaskBlock;
        Seed = original.Seed;
    }

    /// <summary>Configurations per family, ≥ 1. Default 2000.</summary>
    public int Count { get; init; } = 2000;

    /// <summary>γ of the "unseen γ" family, ≥ 0, normally one not used in training. Default 0.55.</summary>
    public double UnseenGamma { get; init; } = 0.55;

    /// <summary>Particles moved in each corrupted configuration, in [1, N]. Default 4 (the slides').</summary>
    public int Moved { get; init; } = 4;

    /// <summary>Largest corruption step in σ, finite and &gt; 0; steps are uniform in [0, MaxStep] in a random direction. Default 0.2.</summary>
    public double MaxStep { get; init; } = 0.2;

    /// <summary>Side of the blacked-out block of each masked distance matrix, in [1, N]. Default 8.</summary>
    public int MaskBlock { get; init; } = 8;

    /// <summary>Base seed; family i uses Seed + 100 + i. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>Checks every property against N = <paramref name="particles"/>, naming it as <c>options.Property</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Count &lt; 1, UnseenGamma negative or not finite, Moved outside [1, N],
    /// MaxStep not finite and &gt; 0, or MaskBlock outside [1, N].</exception>
    internal void Validate(int particles)
    {
        if (Count < 1) throw new ArgumentOutOfRangeException("options.Count", Count, "Count must be ≥ 1.");
        if (!(UnseenGamma >= 0) || !double.IsFinite(UnseenGamma))
            throw new ArgumentOutOfRangeException("options.UnseenGamma", UnseenGamma, "UnseenGamma must be finite and ≥ 0.");
        if (Moved < 1 || Moved > particles)
            throw new ArgumentOutOfRangeException("options.Moved", Moved, $"Moved must be in [1, {particles}] (the particles per configuration).");
        if (!(MaxStep > 0) || !double.IsFinite(MaxStep))
            throw new ArgumentOutOfRangeException("options.MaxStep", MaxStep, "MaxStep must be finite and > 0.");
        if (MaskBlock < 1 || MaskBlock > particles)
            throw new ArgumentOutOfRangeException("options.MaskBlock", MaskBlock, $"MaskBlock must be in [1, {particles}] (the side of an N×N distance matrix).");
    }
}
