namespace Vae.Fluids.Learning;

/// <summary>Settings of the iterative VAE imputation (<see cref="MissingData.Impute"/>) and of the planar
/// distance-matrix projection (<see cref="MissingDataProjection.PlanarDistances"/>, <see cref="MissingData.ImputeByGeometry"/>).</summary>
public sealed record MissingDataOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static MissingDataOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public MissingDataOptions() { }

    /// <summary>A copy of <paramref name="original"/>; C#'s <c>with</c> calls it, F# copies and updates with
    /// <c>MissingDataOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public MissingDataOptions(MissingDataOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Iterations = original.Iterations;
        Tolerance = original.Tolerance;
        Projection = original.Projection;
        ProjectionIterations = original.ProjectionIterations;
        ProjectionTolerance = original.ProjectionTolerance;
    }

    /// <summary>Largest number of encode → decode → replace passes, ≥ 1. Default 20.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>
    /// Stop early once a pass changes the imputed entries by less than this root-mean-square amount, σ, ≥ 0
    /// (0: always run <see cref="Iterations"/> passes). Default 10⁻³ σ.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>
    /// What follows each VAE pass. <see cref="MissingDataProjection.None"/> (default): nothing, the scheme of Rezende et
    /// al.; <see cref="MissingDataProjection.PlanarDistances"/>: the masked entries are replaced by the distances of the
    /// planar configuration that fits the observed entries (<see cref="Geometry.DistanceCompletion"/>), started from the
    /// VAE's values; from the second pass on, a projection that fits the observed entries worse than the matrix's last
    /// accepted one is rejected (the previous masked entries stay), so the passes cannot cycle between local minima.
    /// Observed entries stay bit for bit either way.
    /// </summary>
    public MissingDataProjection Projection { get; init; } = MissingDataProjection.None;

    /// <summary>Largest number of weighted SMACOF transforms per projection of one matrix, ≥ 1. Default 1000.</summary>
    public int ProjectionIterations { get; init; } = 1000;

    /// <summary>A projection stops once a SMACOF transform lowers the stress on the observed entries by less than this
    /// fraction of it, ≥ 0. Default 10⁻¹⁰.</summary>
    public double ProjectionTolerance { get; init; } = 1e-10;

    internal void Validate()
    {
        if (!Enum.IsDefined(Projection)) throw new ArgumentOutOfRangeException("options.Projection", Projection, "Projection must be None or PlanarDistances.");
        if (ProjectionIterations < 1) throw new ArgumentOutOfRangeException("options.ProjectionIterations", ProjectionIterations, "ProjectionIterations must be ≥ 1.");
        if (!(ProjectionTolerance >= 0) || !double.IsFinite(ProjectionTolerance)) throw new ArgumentOutOfRangeException("options.ProjectionTolerance", ProjectionTolerance, "ProjectionTolerance must be finite and ≥ 0.");
        if (Iterations < 1) throw new ArgumentOutOfRangeException("options.Iterations", Iterations, "Iterations must be ≥ 1.");
        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance)) throw new ArgumentOutOfRangeException("options.Tolerance", Tolerance, "Tolerance must be finite and ≥ 0.");
    }
}

/// <summary>What <see cref="MissingData.Impute"/> does to the masked entries after each VAE pass.</summary>
public enum MissingDataProjection
{
    /// <summary>Nothing: the masked entries are the symmetrised, clipped VAE output (Rezende et al. 2014, §5.2).</summary>
    None,

    /// <summary>
    /// Projection onto distance matrices of points in the plane: the masked entries become the distances of the 2-D
    /// configuration fitted to the observed entries by weighted SMACOF (zero weight on the masked entries), started
    /// from classical MDS of the current matrix (<see cref="Geometry.DistanceCompletion"/>). A distance matrix of N
    /// particles in the plane is a Euclidean distance matrix of embedding dimension ≤ 2; the observed entries of a
    /// masked particle (its distances to the ≥ N − 2s particles outside the block) fix its position, so the geometry,
    /// not the model, supplies most of the information.
    /// </summary>
    PlanarDistances,
}
