using Vae.Core.Collections;

namespace Vae.Fluids.Analysis;

/// <summary>A histogram of pair energies with an upper cap (<see cref="FluidEnergy.PairEnergyHistogram"/>).</summary>
/// <param name="BinEdges">Bin edges in ε, shape [bins + 1], ascending; the last edge is the cap.</param>
/// <param name="Counts">Pairs per bin, shape [bins]; the last bin includes the capped values.</param>
/// <param name="Capped">Number of pair energies at or above the cap.</param>
/// <param name="Total">Number of pair energies counted.</param>
public sealed record EnergyHistogram(IReadOnlyList<double> BinEdges, IReadOnlyList<long> Counts, long Capped, long Total)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> BinEdges { get => _binEdges; init => _binEdges = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _binEdges = ValueList.Copy(BinEdges);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<long> Counts { get => _counts; init => _counts = ValueList.Copy(value); }

    private readonly IReadOnlyList<long> _counts = ValueList.Copy(Counts);
}
