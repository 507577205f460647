namespace Vae.Quantum.Spectrum;

/// <summary>The ψ network's output for a set of latent codes (one entry per sample, fresh lists).</summary>
/// <param name="Psi">ψ per sample (for <see cref="LatentCoordinate.PerCoordinateMean"/>, the mean of the per-coordinate ψ_j).</param>
/// <param name="Coordinate">The normalised latent coordinate z ∈ (0, 1] used in the relation (mean over coordinates for per-coordinate).</param>
/// <param name="QuantumNumber">n = (L/π) arcsin(Lψ²/2)/z (L = 1).</param>
/// <param name="Energy">E(n) = α n² + E¹(n).</param>
/// <param name="Level">Energy-level assignment ⌊n⌋: the basin of E between consecutive integers (the maxima of E¹ for integer t).</param>
public sealed record PsiPrediction(IReadOnlyList<double> Psi, IReadOnlyList<double> Coordinate, IReadOnlyList<double> QuantumNumber,
    IReadOnlyList<double> Energy, IReadOnlyList<int> Level);
