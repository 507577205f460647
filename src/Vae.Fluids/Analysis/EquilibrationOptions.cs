namespace Vae.Fluids.Analysis;

/// <summary>Settings of <see cref="Equilibration.Measure"/>.</summary>
public sealed record EquilibrationOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static EquilibrationOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public EquilibrationOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>EquilibrationOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public EquilibrationOptions(EquilibrationOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Replicas = original.Replicas;
        Sweeps = original.Sweeps;
        ReferenceChains = original.ReferenceChains;
        ReferenceBurnInSweeps = original.ReferenceBurnInSweeps;
        ReferenceSweeps = original.ReferenceSweeps;
        Tolerance = original.Tolerance;
    }

    /// <summary>Independent random starts traced (they are samples 0..R−1 of the reset-per-sample scheme), ≥ 2. Default 64.</summary>
    public int Replicas { get; init; } = 64;

    /// <summary>Sweeps traced per replica, ≥ 1. Default 2000.</summary>
    public int Sweeps { get; init; } = 2000;

    /// <summary>Long reference chains that estimate the equilibrium energy, ≥ 1. Default 4.</summary>
    public int ReferenceChains { get; init; } = 4;

    /// <summary>Burn-in sweeps of each reference chain (discarded), ≥ 0. Default 20 000.</summary>
    public int ReferenceBurnInSweeps { get; init; } = 20_000;

    /// <summary>Recorded sweeps of each reference chain, ≥ 100. Default 50 000.</summary>
    public int ReferenceSweeps { get; init; } = 50_000;

    /// <summary>Tolerance in ε per particle: equilibrated once the replica mean of U'/N stays within it (plus 3 combined standard errors) of the reference. Default 0.05.</summary>
    public double Tolerance { get; init; } = 0.05;
}
