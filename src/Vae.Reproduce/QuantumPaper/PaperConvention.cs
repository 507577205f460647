namespace Vae.Reproduce.QuantumPaper;

/// <summary>
/// Candidate conventions under which E¹ = ⟨φ_n|V|φ_n⟩ can be computed, to test which (if any) the paper's printed
/// formula matches (see <see cref="PaperFormulas.ExactFirstOrderEnergy"/>). L = 1 throughout, as in the paper.
/// </summary>
public enum PaperConvention
{
    /// <summary>The convention: box [0, 1], φ_n = √2 sin(πnz), V = sin(2πtz).</summary>
    UnitBox,

    /// <summary>Centred box [−1/2, 1/2], φ_n(z) = √2 sin(πn(z + 1/2)), V = sin(2πtz) (odd V, even |φ_n|²: E¹ ≡ 0).</summary>
    CenteredBox,

    /// <summary>Box [0, 2], φ_n = sin(πnz/2), V = sin(2πtz).</summary>
    DoubleBox,

    /// <summary>z-scaling: box [0, 1], φ_n = √2 sin(πnz), V = sin(πtz) (t half-periods instead of t periods).</summary>
    HalfFrequency,

    /// <summary>z-scaling without normalisation: box [0, 1], φ_n = sin(πnz) (norm 1/2), V = sin(πtz).</summary>
    HalfFrequencyUnnormalized,
}
