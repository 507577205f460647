namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Hyper-parameters of Schrödinger clustering (<see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>): the kernel width σ or the rule that
/// chooses it, an optional PCA projection, and the gradient descent on V.
/// </summary>
/// <remarks>C#: <c>QuantumClusteringOptions.Default with { PcaComponents = 3 }</c>; F#:
/// <c>QuantumClusteringOptions(PcaComponents = 3)</c>. Validated by <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/>.</remarks>
public sealed record QuantumClusteringOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static QuantumClusteringOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public QuantumClusteringOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>QuantumClusteringOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public QuantumClusteringOptions(QuantumClusteringOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Sigma = original.Sigma;
        Selection = original.Selection;
        Neighbours = original.Neighbours;
        Clusters = original.Clusters;
        BandwidthScale = original.BandwidthScale;
        PcaComponents = original.PcaComponents;
        MaxIterations = original.MaxIterations;
        Tolerance = original.Tolerance;
        MergeRadius = original.MergeRadius;
        MaxDegreeOfParallelism = original.MaxDegreeOfParallelism;
        AssignFragments = original.AssignFragments;
        AdaptiveWidths = original.AdaptiveWidths;
        LocalShapes = original.LocalShapes;
        ShapeNeighbours = original.ShapeNeighbours;
        PosteriorCovariances = original.PosteriorCovariances;
    }

    /// <summary>Kernel width σ in the units of the (projected) codes, &gt; 0 and finite; when null (the default) σ comes
    /// from the unsupervised rule <see cref="Selection"/>. Never chosen from labels.</summary>
    public double? Sigma { get; init; }

    /// <summary>The σ rule when <see cref="Sigma"/> is null. Default <see cref="BandwidthSelection.NearestNeighbours"/>
    /// with K = ⌈n/12⌉, chosen among eight label-free rules by the mean median ARI on held-out Fig. 2 codes (data seeds
    /// 100–104; docs/quantum.md §12); <see cref="BandwidthSelection.Lifetime"/> stays available.</summary>
    public BandwidthSelection Selection { get; init; } = BandwidthSelection.NearestNeighbours;

    /// <summary>K of the nearest-neighbour rule, σ = <see cref="BandwidthScale"/> × median distance to the K-th nearest
    /// neighbour (the lifetime rule starts its ladder there, the cluster-count rule its search), ≥ 1 and at most n − 1. Default null: K = ⌈n/12⌉
    /// (<see cref="Bandwidth.DefaultNeighbours"/>) for the nearest-neighbour rule and K = 10 for the start of the lifetime
    /// ladder.</summary>
    public int? Neighbours { get; init; }

    /// <summary>The number of clusters k the <see cref="BandwidthSelection.ClusterCount"/> rule looks for (as k-means is
    /// given k; never the labels): ≥ 1 and at most the number of points, required by that selection. It also sets the
    /// size a minimum needs to count as substantial (<see cref="QuantumClusteringResult.MinimumClusterSize"/>: a share
    /// min(5 %, 1/(2k)) of the points instead of 5 %). Default null.</summary>
    public int? Clusters { get; init; }

    /// <summary>Multiplier of the σ of the nearest-neighbour rule (which also starts the lifetime ladder and the
    /// cluster-count search), &gt; 0. Default 1.</summary>
    public double BandwidthScale { get; init; } = 1.0;

    /// <summary>Number of leading principal components the codes are projected on before clustering (Vae.Core PCA), ≥ 1;
    /// null (the default) clusters the codes as given.</summary>
    public int? PcaComponents { get; init; }

    /// <summary>Largest number of descent steps per point, ≥ 1. Default 2000.</summary>
    public int MaxIterations { get; init; } = 2000;

    /// <summary>A point has converged when σ‖∇V‖ &lt; tolerance (dimensionless); its end point is then within about
    /// tolerance·σ of the minimum in a well of curvature 1/σ², far inside <see cref="MergeRadius"/>. &gt; 0. Default 1e-3.</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>End points closer than this many σ belong to the same minimum of V. &gt; 0. Default 0.5.</summary>
    public double MergeRadius { get; init; } = 0.5;

    /// <summary>When true, the points of every non-substantial minimum (a basin holding fewer than
    /// <see cref="QuantumClusteringResult.MinimumClusterSize"/> points) join the substantial minimum nearest to theirs
    /// (Euclidean distance between the two minima), so the result has only substantial clusters — with
    /// <see cref="Clusters"/> = k and the <see cref="BandwidthSelection.ClusterCount"/> rule, k clusters when the rule found
    /// k. When no minimum is substantial nothing is reassigned. Default false: every minimum keeps its own label, as in
    /// Horn &amp; Gottlieb.</summary>
    public bool AssignFragments { get; init; }

    /// <summary>When true, each point's kernel has its own width σλ_i by Abramson's square-root law, λ_i = (f(z_i)/g)^(−1/2)
    /// with the fixed-σ pilot density f (<see cref="KernelCovariances.Abramson"/>): narrower kernels in dense clusters,
    /// wider ones in sparse clusters. σ, however chosen, is the reference width. Default false (one σ, Horn &amp; Gottlieb).</summary>
    public bool AdaptiveWidths { get; init; }

    /// <summary>When true, each point's kernel takes the shape (unit determinant) of the covariance of its
    /// <see cref="ShapeNeighbours"/> nearest neighbours (<see cref="KernelCovariances.LocalShapes"/>), so elongated
    /// clusters get elongated kernels. Default false.</summary>
    public bool LocalShapes { get; init; }

    /// <summary>K of <see cref="LocalShapes"/>, ≥ 1 and at most n − 1; null (the default): K = ⌈n/12⌉
    /// (<see cref="Bandwidth.DefaultNeighbours"/>).</summary>
    public int? ShapeNeighbours { get; init; }

    /// <summary>The encoder's posterior covariances in the clustering space, one [d, d] matrix per point, scaled to a
    /// geometric mean of det^(1/d) equal to 1; set by <see cref="QuantumClustering.Fit(Vae.Core.Models.PosteriorCodes, QuantumClusteringOptions?, CancellationToken)"/>
    /// (never by users), null otherwise.</summary>
    internal IReadOnlyList<MathNet.Numerics.LinearAlgebra.Matrix<double>>? PosteriorCovariances { get; init; }

    /// <summary>Threads for the per-point descents; −1 (default) = all cores. Results do not depend on it.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    internal void Validate()
    {
        if (Sigma is { } sigma) SchrodingerPotential.RequireSigma(sigma, nameof(Sigma));
        if (!Enum.IsDefined(Selection))
            throw new ArgumentOutOfRangeException(nameof(Selection), Selection, "Unknown bandwidth selection.");
        if (Neighbours is { } neighbours && neighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(Neighbours), neighbours, "The σ rule needs at least the 1st nearest neighbour.");
        if (ShapeNeighbours is { } shapeNeighbours && shapeNeighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(ShapeNeighbours), shapeNeighbours, "A local shape needs at least one neighbour.");
        if (Clusters is { } clusters && clusters < 1)
            throw new ArgumentOutOfRangeException(nameof(Clusters), clusters, "At least one cluster.");
        if (Selection == BandwidthSelection.ClusterCount && Clusters is null)
            throw new ArgumentException($"The {nameof(BandwidthSelection.ClusterCount)} selection needs the number of clusters; set {nameof(Clusters)}.", nameof(Clusters));
        if (!(BandwidthScale > 0) || !double.IsFinite(BandwidthScale))
            throw new ArgumentOutOfRangeException(nameof(BandwidthScale), BandwidthScale, "The bandwidth scale must be positive and finite.");
        if (PcaComponents is { } components && components < 1)
            throw new ArgumentOutOfRangeException(nameof(PcaComponents), components, "At least one principal component.");
        if (MaxIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxIterations), MaxIterations, "At least one descent step.");
        if (!(Tolerance > 0) || !double.IsFinite(Tolerance))
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, "The tolerance must be positive and finite.");
        if (!(MergeRadius > 0) || !double.IsFinite(MergeRadius))
            throw new ArgumentOutOfRangeException(nameof(MergeRadius), MergeRadius, "The merge radius must be positive and finite.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "Use −1 (all cores) or a positive thread count.");
    }
}
