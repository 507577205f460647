namespace Vae.Fluids.Potentials;

/// <summary>The pair potentials that <see cref="Sampling.MetropolisOptions"/> can name (custom ones go through the generic sampler).</summary>
public enum PairPotentialKind
{
    /// <summary><see cref="Potentials.LennardJones"/>: 4[(1/r)¹² − (1/r)⁶], optionally cut and shifted.</summary>
    LennardJones,

    /// <summary><see cref="FakeLennardJones"/>: 4[(1/r)⁴ − (1/r)²], the slides' anomaly potential.</summary>
    Fake,
}
