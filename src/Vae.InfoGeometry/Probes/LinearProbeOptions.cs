namespace Vae.InfoGeometry.Probes;

/// <summary>Hyper-parameters of the linear probe (<see cref="LinearProbe"/>).</summary>
/// <remarks>C#: <c>LinearProbeOptions.Default with { InverseRegularization = 10 }</c>; F#: <c>LinearProbeOptions(InverseRegularization = 10.0)</c>.</remarks>
public sealed record LinearProbeOptions
{
    /// <summary>The defaults: C = 1, standardised features, 20 % held out, seed 0.</summary>
    public static LinearProbeOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public LinearProbeOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>LinearProbeOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public LinearProbeOptions(LinearProbeOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        InverseRegularization = original.InverseRegularization;
        Standardize = original.Standardize;
        TestFraction = original.TestFraction;
        Seed = original.Seed;
        GradientTolerance = original.GradientTolerance;
        MaximumIterations = original.MaximumIterations;
    }

    /// <summary>
    /// Inverse L2 regularisation strength C (scikit-learn's <c>C</c>): the objective is
    /// C·Σᵢ log-loss(xᵢ, yᵢ) + ½‖W‖²_F, intercepts not penalised. Range: finite, &gt; 0. Default 1.
    /// </summary>
    public double InverseRegularization { get; init; } = 1.0;

    /// <summary>
    /// Whether features are standardised (z-scored with the training mean and standard deviation; constant features
    /// are only centred) before fitting. The VAE features mix means (order 1) and variances (order 0.01–1), so this
    /// keeps the L2 penalty comparable across them. Default true; false reproduces scikit-learn on raw features.
    /// </summary>
    public bool Standardize { get; init; } = true;

    /// <summary>Fraction of the samples held out for the test accuracy in <see cref="LinearProbe.Evaluate"/>. Range: (0, 1). Default 0.2.</summary>
    public double TestFraction { get; init; } = 0.2;

    /// <summary>Seed of the train/test shuffle (and of the latent draw for sampled features). Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// τ of MathNet's <c>LimitedMemoryBfgsMinimizer</c>, applied to the objective f and gradient g divided by C·n: it stops
    /// at the first point where the relative gradient maxᵢ |gᵢ|·max(|θᵢ|, 1)/max(|f|, 1) &lt; τ
    /// (<c>MinimizerBase.ExitCriteriaSatisfied</c>) or ‖g‖₂ &lt; τ. With weights |θᵢ| ≫ 1 (large C) the max-abs gradient at
    /// the stop may exceed τ by up to maxᵢ |θᵢ|/max(|f|, 1). Range: &gt; 0. Default 1e-9.
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>L-BFGS iteration limit. Range: ≥ 1. Default 10 000.</summary>
    public int MaximumIterations { get; init; } = 10_000;

    internal void Validate(string name)
    {
        if (!(InverseRegularization > 0) || !double.IsFinite(InverseRegularization))
            throw new ArgumentOutOfRangeException(name, InverseRegularization, $"{name}.InverseRegularization must be finite and > 0.");
        if (!(TestFraction > 0 && TestFraction < 1))
            throw new ArgumentOutOfRangeException(name, TestFraction, $"{name}.TestFraction must be in (0, 1).");
        if (!(GradientTolerance > 0))
            throw new ArgumentOutOfRangeException(name, GradientTolerance, $"{name}.GradientTolerance must be > 0.");
        if (MaximumIterations < 1)
            throw new ArgumentOutOfRangeException(name, MaximumIterations, $"{name}.MaximumIterations must be ≥ 1.");
    }
}
