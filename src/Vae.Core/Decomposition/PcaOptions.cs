namespace Vae.Core.Decomposition;

/// <summary>Hyper-parameters of <see cref="Pca.Fit"/>.</summary>
/// <remarks>C#: <c>PcaOptions.Default with { ComponentCount = 2 }</c>; F#: <c>PcaOptions(ComponentCount = 2)</c>.</remarks>
public sealed record PcaOptions
{
    /// <summary>All components, as scikit-learn's <c>PCA(n_components=None)</c>.</summary>
    public static PcaOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public PcaOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>PcaOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public PcaOptions(PcaOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        ComponentCount = original.ComponentCount;
    }

    /// <summary>
    /// Number of principal components kept; 0 (the default) keeps min(samples, features). Range: [0, min(samples, features)].
    /// The explained-variance ratios are always relative to the total variance of all components.
    /// </summary>
    public int ComponentCount { get; init; }
}
