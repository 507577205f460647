namespace Vae.Core.Data;

/// <summary>The role of a feature column produced by <see cref="MakeClassification"/> (scikit-learn's four kinds).</summary>
public enum MakeClassificationFeatureKind
{
    /// <summary>Carries the cluster structure: a centroid coordinate plus correlated N(0, 1) noise.</summary>
    Informative,

    /// <summary>A random linear combination of the informative features.</summary>
    Redundant,

    /// <summary>An exact copy of an informative or redundant feature.</summary>
    Repeated,

    /// <summary>Independent N(0, 1) noise ("useless" in scikit-learn's words).</summary>
    Useless,
}
