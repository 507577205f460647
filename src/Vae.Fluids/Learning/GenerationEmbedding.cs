namespace Vae.Fluids.Learning;

/// <summary>How <see cref="LatentGeneration"/> turns a (decoded) distance matrix into 2-D coordinates.</summary>
public enum GenerationEmbedding
{
    /// <summary>The slides' pipeline: Gram matrix and classical MDS (<see cref="Geometry.ClassicalMds"/>, double centring).</summary>
    ClassicalMds,

    /// <summary>
    /// Metric MDS: SMACOF (<see cref="Geometry.MetricMds"/>) started from the classical solution, which fits the
    /// distances instead of the inner products. Not part of the slides' pipeline; it uses no validity threshold.
    /// </summary>
    MetricMds,
}
