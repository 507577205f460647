namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Hyper-parameters of dynamic quantum clustering (<see cref="DynamicQuantumClustering.Fit"/>): the static options
/// (σ or its rule, PCA, merge radius, fragments) and the time evolution in the truncated Gaussian basis.
/// </summary>
/// <remarks>C#: <c>DynamicQuantumClusteringOptions.Default with { Mass = 0.5 }</c>; F#:
/// <c>DynamicQuantumClusteringOptions(Mass = 0.5)</c>. Validated by <see cref="DynamicQuantumClustering.Fit"/> before any work.</remarks>
public sealed record DynamicQuantumClusteringOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static DynamicQuantumClusteringOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public DynamicQuantumClusteringOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same (C#'s <c>with</c>, F#'s copy-and-update).</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public DynamicQuantumClusteringOptions(DynamicQuantumClusteringOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Clustering = original.Clustering;
        Mass = original.Mass;
        TimeStep = original.TimeStep;
        MaxSteps = original.MaxSteps;
        Tolerance = original.Tolerance;
        BasisSize = original.BasisSize;
        OverlapCutoff = original.OverlapCutoff;
        GridSpacing = original.GridSpacing;
        Seed = original.Seed;
    }

    /// <summary>σ or the rule that chooses it, the PCA projection, <see cref="QuantumClusteringOptions.MergeRadius"/>,
    /// <see cref="QuantumClusteringOptions.AssignFragments"/>, <see cref="QuantumClusteringOptions.Clusters"/> and the
    /// thread count, as for <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/> (its descent settings are not used); with the rule given
    /// k the σ search counts the rest clusters of the flow itself.
    /// Default <see cref="QuantumClusteringOptions.Default"/>.</summary>
    public QuantumClusteringOptions Clustering { get; init; } = QuantumClusteringOptions.Default;

    /// <summary>The mass m in H = −(σ²/2m)∇² + V, &gt; 0 and finite. m = 1 (the default) is Horn &amp; Gottlieb's
    /// Hamiltonian, whose ground state is the Parzen ψ; a smaller m lets packets tunnel through higher barriers
    /// (Weinstein &amp; Horn 2009). Above 1 a packet narrows below σ during an interval, which the width-σ Gaussians
    /// represent less well (in a harmonic well ⟨x⟩ is off by 1.4·10⁻⁴σ at m = 2, against 5·10⁻⁸σ at m = 1).</summary>
    public double Mass { get; init; } = 1.0;

    /// <summary>The interval δt after which each packet is restarted at rest at its expected position, &gt; 0 and finite,
    /// in units of the time 1/ω = √m of the one-point harmonic well (ħ = 1). Default 1.</summary>
    public double TimeStep { get; init; } = 1.0;

    /// <summary>Largest number of intervals δt per point, ≥ 1. Default 1000.</summary>
    public int MaxSteps { get; init; } = 1000;

    /// <summary>A point has come to rest when its expected position moves less than <c>Tolerance</c>·σ in one
    /// interval, &gt; 0 and finite. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Largest number of Gaussians in the basis, ≥ 1: every point when there are at most this many, else a
    /// random subset of this size (<see cref="Seed"/>). Default 300: on the 1000 Fig. 2 codes of held-out seed 100
    /// (k = 3) a basis of 300 gives the same labels as all 1000 points in 1.5 s instead of 5.6 s, the worst packet's
    /// projection on the span keeping 99.6 % of its norm (<see cref="DynamicQuantumClusteringResult.MinimumCapturedNorm"/>).</summary>
    public int BasisSize { get; init; } = 300;

    /// <summary>Eigenvalues of the basis' overlap matrix below <c>OverlapCutoff</c> × the largest are dropped (the
    /// Gaussians are nearly linearly dependent there), in (0, 1). Default 1e-10.</summary>
    public double OverlapCutoff { get; init; } = 1e-10;

    /// <summary>Spacing of the grid on which the matrix elements are summed, in units of σ, in (0, 1]. Default 1/4: the
    /// Parzen ground-state energy d/2 comes out to rounding already at σ/2, but V bends on scales well below σ between
    /// far-apart groups of points, and there the levels above the ground state move by up to 6·10⁻⁶ (relative) at σ/2
    /// against 3·10⁻⁹ at σ/4 (test). The grid spans the points' bounding box widened by 6σ; grid nodes × basis
    /// functions may not exceed 3·10⁷ (in practice d' ≤ 3).</summary>
    public double GridSpacing { get; init; } = 0.25;

    /// <summary>Seed of the basis subset (used only above <see cref="BasisSize"/> points). Default 0.</summary>
    public int Seed { get; init; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Clustering, nameof(Clustering));
        if (Clustering.AdaptiveWidths || Clustering.LocalShapes)
            throw new ArgumentException("Dynamic quantum clustering evolves packets of one width σ in the isotropic potential; "
                + $"{nameof(QuantumClusteringOptions.AdaptiveWidths)} and {nameof(QuantumClusteringOptions.LocalShapes)} must be false.", nameof(Clustering));
        if (!(Mass > 0) || !double.IsFinite(Mass))
            throw new ArgumentOutOfRangeException(nameof(Mass), Mass, "The mass must be positive and finite.");
        if (!(TimeStep > 0) || !double.IsFinite(TimeStep))
            throw new ArgumentOutOfRangeException(nameof(TimeStep), TimeStep, "The time step must be positive and finite.");
        if (MaxSteps < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxSteps), MaxSteps, "At least one time step.");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive and finite.");
        if (BasisSize < 1)
            throw new ArgumentOutOfRangeException(nameof(BasisSize), BasisSize, "At least one basis function.");
        if (!(OverlapCutoff > 0 && OverlapCutoff < 1))
            throw new ArgumentOutOfRangeException(nameof(OverlapCutoff), OverlapCutoff, "The overlap cut-off must be in (0, 1).");
        if (!(GridSpacing > 0 && GridSpacing <= 1))
            throw new ArgumentOutOfRangeException(nameof(GridSpacing), GridSpacing, "The grid spacing must be in (0, 1] (units of σ).");
    }
}
