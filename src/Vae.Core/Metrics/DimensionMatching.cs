using Vae.Core.Collections;

namespace Vae.Core.Metrics;

/// <summary>
/// The best signed permutation between the latent dimensions of two spaces (see <see cref="Similarity.MatchDimensions"/>).
/// Every list is indexed by the column i of x.
/// </summary>
/// <param name="Permutation">Column of y matched to column i of x; −1 when x has more columns than y and column i is
/// left unmatched.</param>
/// <param name="Signs">+1 or −1: y[:, Permutation[i]] ≈ Signs[i] · x[:, i] up to scale and shift; 0 where unmatched.</param>
/// <param name="MatchedCorrelations">Signed Pearson correlation of each matched pair, in [−1, 1]; 0 where unmatched.</param>
/// <param name="Active">Whether the pair counts as active: the x column or its matched y column has sample variance
/// (divisor n − 1) &gt; ε. False where unmatched.</param>
/// <param name="Epsilon">The threshold ε used, in latent units².</param>
/// <param name="ActivePairs">Number of active pairs.</param>
/// <param name="MeanMatchedAbsoluteCorrelation">Mean |correlation| over the active pairs, in [0, 1]; 0 when no pair is
/// active.</param>
/// <remarks>Equality is by content: the lists compare element by element.</remarks>
public sealed record DimensionMatching(
    IReadOnlyList<int> Permutation,
    IReadOnlyList<int> Signs,
    IReadOnlyList<double> MatchedCorrelations,
    IReadOnlyList<bool> Active,
    double Epsilon,
    int ActivePairs,
    double MeanMatchedAbsoluteCorrelation)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Permutation { get => _permutation; init => _permutation = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _permutation = ValueList.Copy(Permutation);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Signs { get => _signs; init => _signs = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _signs = ValueList.Copy(Signs);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> MatchedCorrelations { get => _matchedCorrelations; init => _matchedCorrelations = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _matchedCorrelations = ValueList.Copy(MatchedCorrelations);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<bool> Active { get => _active; init => _active = ValueList.Copy(value); }

    private readonly IReadOnlyList<bool> _active = ValueList.Copy(Active);

    /// <summary>Content equality: element-wise equal lists and equal numbers.</summary>
    public bool Equals(DimensionMatching? other) =>
        other is not null && Permutation.SequenceEqual(other.Permutation) && Signs.SequenceEqual(other.Signs)
        && MatchedCorrelations.SequenceEqual(other.MatchedCorrelations) && Active.SequenceEqual(other.Active)
        && Epsilon.Equals(other.Epsilon) && ActivePairs == other.ActivePairs
        && MeanMatchedAbsoluteCorrelation.Equals(other.MeanMatchedAbsoluteCorrelation);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Permutation) hash.Add(p);
        foreach (var c in MatchedCorrelations) hash.Add(c);
        hash.Add(Epsilon);
        hash.Add(MeanMatchedAbsoluteCorrelation);
        return hash.ToHashCode();
    }
}
