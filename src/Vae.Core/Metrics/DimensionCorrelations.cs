using Vae.Core.Collections;

namespace Vae.Core.Metrics;

/// <summary>
/// Per-dimension Pearson correlations between latent dimension j of one space and dimension j of another, without any
/// matching (see <see cref="Similarity.RawCorrelation"/>).
/// </summary>
/// <param name="Correlations">corr(x_j, y_j) for j &lt; min(columns of x, columns of y); 0 where a column is constant.</param>
/// <param name="MeanAbsoluteCorrelation">Mean of |corr(x_j, y_j)| over those dimensions, in [0, 1].</param>
/// <remarks>Equality is by content: the list compares element by element.</remarks>
public sealed record DimensionCorrelations(IReadOnlyList<double> Correlations, double MeanAbsoluteCorrelation)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Correlations { get => _correlations; init => _correlations = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _correlations = ValueList.Copy(Correlations);

    /// <summary>Content equality: element-wise equal correlations and equal means.</summary>
    public bool Equals(DimensionCorrelations? other) =>
        other is not null && Correlations.SequenceEqual(other.Correlations) && MeanAbsoluteCorrelation.Equals(other.MeanAbsoluteCorrelation);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var c in Correlations) hash.Add(c);
        hash.Add(MeanAbsoluteCorrelation);
        return hash.ToHashCode();
    }
}
