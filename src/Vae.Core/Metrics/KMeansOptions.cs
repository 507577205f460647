namespace Vae.Core.Metrics;

/// <summary>Hyper-parameters of <see cref="KMeans.Fit"/> (scikit-learn's <c>KMeans</c> defaults where they exist).</summary>
/// <remarks>C#: <c>KMeansOptions.Default with { Clusters = 4 }</c>; F#: <c>KMeansOptions(Clusters = 4)</c>.</remarks>
public sealed record KMeansOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static KMeansOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public KMeansOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>KMeansOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public KMeansOptions(KMeansOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Clusters = original.Clusters;
        Restarts = original.Restarts;
        MaxIterations = original.MaxIterations;
        Tolerance = original.Tolerance;
        Seed = original.Seed;
    }

    /// <summary>k, the number of clusters, ≥ 1 and ≤ samples. Default 2.</summary>
    public int Clusters { get; init; } = 2;

    /// <summary>Independent k-means++ initialisations; the lowest inertia wins (sklearn <c>n_init</c>). ≥ 1. Default 10.</summary>
    public int Restarts { get; init; } = 10;

    /// <summary>Lloyd iterations per restart, ≥ 1. Default 300 (sklearn <c>max_iter</c>).</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Stop when the squared centre shift, summed over centres, is at most tolerance × mean per-feature
    /// variance (sklearn <c>tol</c>). ≥ 0. Default 1e-4.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Seed of the k-means++ draws.</summary>
    public int Seed { get; init; }
}
