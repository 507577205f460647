namespace Vae.Core.Models.Objectives;

/// <summary>
/// The weight β of the KL term of the ELBO, constant or annealed linearly from 0 to a target over a number of
/// optimiser steps: β(t) = target · min(1, t/N) for step t = 0, 1, … (the lecture notes' "β slowly annealed from 0
/// to 1"; Bowman et al. 2016).
/// </summary>
public sealed record BetaSchedule
{
    /// <summary>β = 1 throughout: the plain ELBO.</summary>
    public static BetaSchedule Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public BetaSchedule() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>BetaSchedule(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public BetaSchedule(BetaSchedule original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Beta = original.Beta;
        AnnealingSteps = original.AnnealingSteps;
    }

    /// <summary>Constant β, or the value reached at the end of annealing; ≥ 0.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>Number of steps N of the linear ramp from 0 to <see cref="Beta"/>; 0 means constant.</summary>
    public long AnnealingSteps { get; init; }

    /// <summary>A constant weight.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="beta"/> is negative or not finite.</exception>
    public static BetaSchedule Constant(double beta)
    {
        var s = new BetaSchedule { Beta = beta };
        s.Validate();
        return s;
    }

    /// <summary>Linear annealing β(t) = target·min(1, t/steps).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> &lt; 1 or the target is negative or not finite.</exception>
    public static BetaSchedule LinearAnnealing(long steps, double target = 1)
    {
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "Annealing needs at least one step.");
        var s = new BetaSchedule { Beta = target, AnnealingSteps = steps };
        s.Validate();
        return s;
    }

    /// <summary>β at optimiser step <paramref name="step"/> (the number of steps already taken).</summary>
    public double ValueAt(long step) => AnnealingSteps <= 0 ? Beta : Beta * Math.Min(1.0, Math.Max(0, step) / (double)AnnealingSteps);

    /// <summary>Checks the values.</summary>
    /// <exception cref="ArgumentOutOfRangeException">β is negative or not finite, or the step count is negative.</exception>
    public void Validate()
    {
        if (!(Beta >= 0) || !double.IsFinite(Beta)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "beta must be ≥ 0 and finite.");
        if (AnnealingSteps < 0) throw new ArgumentOutOfRangeException(nameof(AnnealingSteps), AnnealingSteps, "The annealing steps must be ≥ 0.");
    }
}
