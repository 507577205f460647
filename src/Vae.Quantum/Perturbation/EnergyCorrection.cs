namespace Vae.Quantum.Perturbation;

/// <summary>
/// Rayleigh–Schrödinger energy corrections of one level for H = H⁰ + λ V: E_n(λ) = E⁰ + λ E¹ + λ² E² + λ³ E³ + O(λ⁴)
/// (energy units), with the sums over intermediate states truncated at m ≤ <see cref="Truncation"/>.
/// </summary>
/// <param name="Level">Quantum number n ≥ 1.</param>
/// <param name="Unperturbed">E_n⁰ = A (π/L)² n².</param>
/// <param name="FirstOrder">E_n¹ = V_nn.</param>
/// <param name="SecondOrder">E_n² = Σ_{m≠n, m≤N} |V_mn|² / (E_n⁰ − E_m⁰).</param>
/// <param name="ThirdOrder">E_n³ = Σ_{k,m≠n} V_nk V_km V_mn / ((E_n⁰−E_k⁰)(E_n⁰−E_m⁰)) − V_nn Σ_{m≠n} |V_nm|²/(E_n⁰−E_m⁰)².</param>
/// <param name="Truncation">N, the largest quantum number kept in the sums.</param>
public sealed record EnergyCorrection(int Level, double Unperturbed, double FirstOrder, double SecondOrder, double ThirdOrder, int Truncation)
{
    /// <summary>E⁰ + λ E¹ + λ² E² (energy units), the second-order estimate of the perturbed level.</summary>
    /// <param name="lambda">Perturbation strength λ (dimensionless).</param>
    public double ThroughSecondOrder(double lambda) => Unperturbed + lambda * (FirstOrder + lambda * SecondOrder);

    /// <summary>E⁰ + λ E¹ + λ² E² + λ³ E³ (energy units).</summary>
    /// <param name="lambda">Perturbation strength λ (dimensionless).</param>
    public double ThroughThirdOrder(double lambda) => Unperturbed + lambda * (FirstOrder + lambda * (SecondOrder + lambda * ThirdOrder));
}
