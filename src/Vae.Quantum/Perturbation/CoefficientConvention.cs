namespace Vae.Quantum.Perturbation;

/// <summary>How the first-order mixing coefficient c_mn of |ψ_n⟩ = |φ_n⟩ + Σ_{m≠n} c_mn |φ_m⟩ is defined.</summary>
public enum CoefficientConvention
{
    /// <summary>The paper's printed definition c_mn = ⟨φ_m|H¹|φ_n⟩ = V_mn (Andrés-Terré &amp; Lió §1.2; energy units).</summary>
    Paper,

    /// <summary>
    /// Textbook first-order Rayleigh–Schrödinger coefficient c_mn = V_mn / (E_n⁰ − E_m⁰) (dimensionless;
    /// Griffiths, Introduction to Quantum Mechanics, eq. 7.13 in the 3rd edition).
    /// </summary>
    RayleighSchrodinger,
}
