using Vae.Fluids.Potentials;

namespace Vae.Fluids.Learning;

/// <summary>Settings of <see cref="AnomalyScorer"/>.</summary>
public sealed record AnomalyScoreOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static AnomalyScoreOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public AnomalyScoreOptions() { }

    /// <summary>A copy of <paramref name="original"/>; C#'s <c>with</c> calls it, F# copies and updates with
    /// <c>AnomalyScoreOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public AnomalyScoreOptions(AnomalyScoreOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        ImportanceSamples = original.ImportanceSamples;
        Seed = original.Seed;
        Ridge = original.Ridge;
        PairPotential = original.PairPotential;
    }

    /// <summary>Importance samples K per matrix of the likelihood score, ≥ 1. Default 16.</summary>
    public int ImportanceSamples { get; init; } = 16;

    /// <summary>Seed of the importance samples. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Ridge added to the code covariance, relative to its mean eigenvalue tr(Σ)/k, ≥ 0. Default 1e-6.</summary>
    public double Ridge { get; init; } = 1e-6;

    /// <summary>
    /// The pair potential u(r) of the Boltzmann pair-energy score (<see cref="AnomalyScores.PairEnergy"/>), in ε with r in σ.
    /// Default <see cref="LennardJones.Untruncated"/>, the potential of the default data sets (<c>vae fluids sample</c>
    /// without <c>--cutoff</c>); use the data's own cutoff and shift when they have one.
    /// </summary>
    public LennardJones PairPotential { get; init; } = LennardJones.Untruncated;

    internal void Validate()
    {
        if (ImportanceSamples < 1) throw new ArgumentOutOfRangeException("options.ImportanceSamples", ImportanceSamples, "ImportanceSamples must be ≥ 1.");
        if (!(Ridge >= 0) || !double.IsFinite(Ridge)) throw new ArgumentOutOfRangeException("options.Ridge", Ridge, "Ridge must be finite and ≥ 0.");
    }
}
