namespace Vae.Core.Metrics;

/// <summary>Hyper-parameters of <see cref="GaussianMixture.Fit"/> (scikit-learn's <c>GaussianMixture</c> defaults, full covariances).</summary>
/// <remarks>C#: <c>GaussianMixtureOptions.Default with { Components = 4 }</c>; F#: <c>GaussianMixtureOptions(Components = 4)</c>.</remarks>
public sealed record GaussianMixtureOptions
{
    /// <summary>The defaults (see each property).</summary>
    public static GaussianMixtureOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public GaussianMixtureOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>GaussianMixtureOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public GaussianMixtureOptions(GaussianMixtureOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Components = original.Components;
        Restarts = original.Restarts;
        MaxIterations = original.MaxIterations;
        Tolerance = original.Tolerance;
        Regularization = original.Regularization;
        Seed = original.Seed;
    }

    /// <summary>Number of mixture components, ≥ 1 and ≤ samples. Default 2.</summary>
    public int Components { get; init; } = 2;

    /// <summary>Independent EM runs (k-means initialisations with seeds Seed, Seed + 1, …); the highest final mean
    /// log-likelihood wins (sklearn <c>n_init</c>). ≥ 1. Default 1.</summary>
    public int Restarts { get; init; } = 1;

    /// <summary>EM iterations, ≥ 1. Default 100 (sklearn <c>max_iter</c>).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Stop when the mean log-likelihood per sample changes by less than this (nats), ≥ 0. Default 1e-3 (sklearn <c>tol</c>).</summary>
    public double Tolerance { get; init; } = 1e-3;

    /// <summary>Added to each covariance diagonal (units of x²), ≥ 0. Default 1e-6 (sklearn <c>reg_covar</c>).</summary>
    public double Regularization { get; init; } = 1e-6;

    /// <summary>Seed of the k-means initialisation.</summary>
    public int Seed { get; init; }
}
