namespace Vae.Fluids.Analysis;

/// <summary>Settings of <see cref="EquilibratedSampling.Sample"/>: the long reference chains and the decorrelation rule.</summary>
public sealed record EquilibratedSamplingOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static EquilibratedSamplingOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public EquilibratedSamplingOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>EquilibratedSamplingOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public EquilibratedSamplingOptions(EquilibratedSamplingOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        ReferenceChains = original.ReferenceChains;
        ReferenceBurnInSweeps = original.ReferenceBurnInSweeps;
        ReferenceSweeps = original.ReferenceSweeps;
        DecorrelationFactor = original.DecorrelationFactor;
        ChooseDecorrelation = original.ChooseDecorrelation;
        Tolerance = original.Tolerance;
    }

    /// <summary>Long reference chains that measure ⟨U'/N⟩ and τ_int, ≥ 1. Default 4.</summary>
    public int ReferenceChains { get; init; } = 4;

    /// <summary>Burn-in sweeps of each reference chain, ≥ 0; also the minimum burn-in of the production chains. Default 20 000 (docs/fluids.md §4: ≤ 5 200 sweeps needed).</summary>
    public int ReferenceBurnInSweeps { get; init; } = 20_000;

    /// <summary>Recorded sweeps of each reference chain, ≥ 100. Default 50 000 (≈ 100 τ_int).</summary>
    public int ReferenceSweeps { get; init; } = 50_000;

    /// <summary>Sweeps between samples of the chained scheme = ⌈factor · τ_int⌉, factor ≥ 1. Default 2 (the "≥ 2 τ_int").</summary>
    public double DecorrelationFactor { get; init; } = 2.0;

    /// <summary>Set the chained scheme's <c>DecorrelationSweeps</c> (and raise its burn-in to <see cref="ReferenceBurnInSweeps"/>) from the measured τ_int. Default true; false keeps the options as given (evidence is recorded either way).</summary>
    public bool ChooseDecorrelation { get; init; } = true;

    /// <summary>Tolerance in ε per particle of the equilibration check (as in <see cref="EquilibrationOptions.Tolerance"/>). Default 0.05.</summary>
    public double Tolerance { get; init; } = 0.05;

    internal void Validate()
    {
        if (ReferenceChains < 1) throw new ArgumentOutOfRangeException("settings.ReferenceChains", ReferenceChains, "ReferenceChains must be ≥ 1.");
        if (ReferenceBurnInSweeps < 0) throw new ArgumentOutOfRangeException("settings.ReferenceBurnInSweeps", ReferenceBurnInSweeps, "ReferenceBurnInSweeps must be ≥ 0.");
        if (ReferenceSweeps < 100) throw new ArgumentOutOfRangeException("settings.ReferenceSweeps", ReferenceSweeps, "ReferenceSweeps must be ≥ 100.");
        if (!(DecorrelationFactor >= 1) || !double.IsFinite(DecorrelationFactor))
            throw new ArgumentOutOfRangeException("settings.DecorrelationFactor", DecorrelationFactor, "DecorrelationFactor must be finite and ≥ 1.");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance)) throw new ArgumentOutOfRangeException("settings.Tolerance", Tolerance, "Tolerance must be finite and > 0.");
    }
}
