using Vae.Fluids.Potentials;

namespace Vae.Fluids.Sampling;

/// <summary>
/// Parameters of the 2-D Metropolis sampler for N particles in a square box [0, L]² with hard walls, a pair
/// potential and gravity, in reduced units: U' = Σ_{i&lt;j} u(r_ij) + γ Σ_i y_i with γ = mgσ/ε, temperature T in ε/k_B.
/// </summary>
/// <remarks>
/// Defaults follow the LCP-B group 9 slides (N = 30, γ = 1, reset before every sample) and the issue
/// (L = 10, T = 1, δ₀ = 0.2, 200 sweeps). Use as <c>MetropolisOptions.Default with { Gamma = 0.4 }</c> (C#) or
/// <c>MetropolisOptions(Gamma = 0.4)</c> (F#). Validated by <see cref="Metropolis"/>.
/// </remarks>
public sealed record MetropolisOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static MetropolisOptions Default { get; } = new();

    /// <summary>
    /// The slides' scheme, by name: a new random start per sample and 200 sweeps to it (equal to <see cref="Default"/>).
    /// Not equilibrated at the defaults: 200 sweeps leave U'/N ≈ 3.4 at γ = 1 against ≈ 0.69 (docs/fluids.md §4).
    /// </summary>
    public static MetropolisOptions Slides { get; } = new();

    /// <summary>
    /// Equilibrium data: <see cref="SamplingScheme.Chained"/> with 16 chains and 20 000 burn-in sweeps. Pass it to
    /// <see cref="Analysis.EquilibratedSampling.Sample"/>, which sets <see cref="DecorrelationSweeps"/> to ⌈2 τ_int⌉
    /// measured on long reference chains (here it keeps the placeholder 1000 ≈ 2 × the largest τ_int of §4).
    /// </summary>
    public static MetropolisOptions Equilibrated { get; } = new() { Scheme = SamplingScheme.Chained, BurnInSweeps = 20_000, DecorrelationSweeps = 1000 };

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public MetropolisOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>MetropolisOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public MetropolisOptions(MetropolisOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Particles = original.Particles;
        Box = original.Box;
        Gamma = original.Gamma;
        Temperature = original.Temperature;
        Potential = original.Potential;
        Cutoff = original.Cutoff;
        ShiftAtCutoff = original.ShiftAtCutoff;
        MaxDisplacement = original.MaxDisplacement;
        TuneMaxDisplacement = original.TuneMaxDisplacement;
        TargetAcceptance = original.TargetAcceptance;
        WarmupSweeps = original.WarmupSweeps;
        Scheme = original.Scheme;
        SweepsPerSample = original.SweepsPerSample;
        BurnInSweeps = original.BurnInSweeps;
        DecorrelationSweeps = original.DecorrelationSweeps;
        Chains = original.Chains;
        MinimumStartDistance = original.MinimumStartDistance;
        Seed = original.Seed;
        MaxDegreeOfParallelism = original.MaxDegreeOfParallelism;
    }

    /// <summary>Number of particles N, ≥ 1 (data sets and distance matrices need ≥ 2). Default 30.</summary>
    public int Particles { get; init; } = 30;

    /// <summary>Box side L in σ, &gt; 0; particle centres stay in [0, L]² (hard walls). Default 10.</summary>
    public double Box { get; init; } = 10.0;

    /// <summary>Gravity strength γ = mgσ/ε (dimensionless), ≥ 0; potential energy γy per particle. Default 1.</summary>
    public double Gamma { get; init; } = 1.0;

    /// <summary>Temperature T in ε/k_B, &gt; 0. Default 1.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Pair potential. Default <see cref="PairPotentialKind.LennardJones"/>.</summary>
    public PairPotentialKind Potential { get; init; } = PairPotentialKind.LennardJones;

    /// <summary>Cutoff r_c in σ for the Lennard-Jones potential (+∞: untruncated, the default).</summary>
    public double Cutoff { get; init; } = double.PositiveInfinity;

    /// <summary>Shift the truncated Lennard-Jones potential so u(r_c) = 0 (needs a finite <see cref="Cutoff"/>). Default false.</summary>
    public bool ShiftAtCutoff { get; init; }

    /// <summary>
    /// Maximum displacement δ in σ: each trial move adds a uniform step in [−δ, δ]² to one particle. The initial
    /// value when <see cref="TuneMaxDisplacement"/> is on. Default 0.2; must be in (0, L].
    /// </summary>
    public double MaxDisplacement { get; init; } = 0.2;

    /// <summary>Tune δ during a warm-up run toward <see cref="TargetAcceptance"/>, then freeze it. Default true.</summary>
    public bool TuneMaxDisplacement { get; init; } = true;

    /// <summary>Target acceptance ratio for tuning δ, in (0, 1). Default 0.5.</summary>
    public double TargetAcceptance { get; init; } = 0.5;

    /// <summary>Sweeps of the δ-tuning warm-up run (one chain from a random start, δ rescaled every 10 sweeps), ≥ 10. Default 1000.</summary>
    public int WarmupSweeps { get; init; } = 1000;

    /// <summary>How chains become samples. Default <see cref="SamplingScheme.ResetPerSample"/> (the slides').</summary>
    public SamplingScheme Scheme { get; init; } = SamplingScheme.ResetPerSample;

    /// <summary>Sweeps from a random start to the sample (reset-per-sample scheme), ≥ 1. One sweep = N trial moves, particles visited in order. Default 200.</summary>
    public int SweepsPerSample { get; init; } = 200;

    /// <summary>Burn-in sweeps of each chain before its first sample (chained scheme), ≥ 0. Default 2000.</summary>
    public int BurnInSweeps { get; init; } = 2000;

    /// <summary>Sweeps between samples of a chain (chained scheme), ≥ 1. Default 20.</summary>
    public int DecorrelationSweeps { get; init; } = 20;

    /// <summary>Number of independent chains (chained scheme), ≥ 1; the output depends on it. Default 16.</summary>
    public int Chains { get; init; } = 16;

    /// <summary>Closest approach allowed in random starts, in σ, ≥ 0. Default 1 (where u = 0).</summary>
    public double MinimumStartDistance { get; init; } = 1.0;

    /// <summary>Seed of all random streams. Default 0.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// Worker threads (−1: all cores). Changes speed only: results are bit-identical for the same seed (and chain
    /// count in the chained scheme) whatever the thread count. Default −1.
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}
