using Vae.Core.Collections;

namespace Vae.Quantum.Spectrum;

/// <summary>The ψ network's output for a set of latent codes (one entry per sample, fresh lists).</summary>
/// <param name="Psi">ψ per sample (for <see cref="LatentCoordinate.PerCoordinateMean"/>, the mean of the per-coordinate ψ_j).</param>
/// <param name="Coordinate">The normalised latent coordinate z used in the relation (mean over coordinates for per-coordinate):
/// |code| over the largest |code| of the training codes, so z ∈ (0, 1] on the training codes; codes beyond the training range
/// give z &gt; 1, outside the unit box the relation was trained on (their n and level are extrapolations).</param>
/// <param name="QuantumNumber">n = (L/π) arcsin(Lψ²/2)/z (L = 1).</param>
/// <param name="Energy">E(n) = α n² + E¹(n).</param>
/// <param name="Level">Energy-level assignment ⌊n⌋: the basin of E between consecutive integers (the maxima of E¹ for integer t).</param>
public sealed record PsiPrediction(IReadOnlyList<double> Psi, IReadOnlyList<double> Coordinate, IReadOnlyList<double> QuantumNumber,
    IReadOnlyList<double> Energy, IReadOnlyList<int> Level)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Psi { get => _psi; init => _psi = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _psi = ValueList.Copy(Psi);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Coordinate { get => _coordinate; init => _coordinate = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _coordinate = ValueList.Copy(Coordinate);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> QuantumNumber { get => _quantumNumber; init => _quantumNumber = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _quantumNumber = ValueList.Copy(QuantumNumber);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Energy { get => _energy; init => _energy = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _energy = ValueList.Copy(Energy);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Level { get => _level; init => _level = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _level = ValueList.Copy(Level);
}
