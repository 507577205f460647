using Vae.Core.Collections;
using System.Collections.ObjectModel;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>
/// Replica degeneracy (Andrés-Terré &amp; Lió): every pairwise metric of <see cref="Similarity"/> between R ≥ 2
/// representations of the same samples — typically the posterior means E_q[z | xᵢ] of one test set under R VAEs that
/// differ only in their seed — and the active units of each.
/// </summary>
/// <param name="Pairs">One entry per pair A &lt; B, in the order (0,1), (0,2), …, (1,2), …; R(R − 1)/2 entries.</param>
/// <param name="ActiveUnits">Per replica, the number of dimensions whose sample variance (divisor n − 1) exceeds
/// <paramref name="Epsilon"/> (Burda, Grosse &amp; Salakhutdinov 2016, §5.2).</param>
/// <param name="Collapsed">Per replica, whether every dimension is constant across samples (<see cref="Similarity.IsConstant"/>).</param>
/// <param name="Epsilon">The active-unit threshold ε used, in latent units².</param>
/// <param name="Neighbours">The neighbourhood size k of the nearest-neighbour overlap used.</param>
/// <remarks>Equality is by content: the lists compare element by element. docs/metrics.md explains what the numbers
/// mean together.</remarks>
public sealed record ReplicaComparison(IReadOnlyList<ReplicaPair> Pairs, IReadOnlyList<int> ActiveUnits, IReadOnlyList<bool> Collapsed,
    double Epsilon, int Neighbours)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<ReplicaPair> Pairs { get => _pairs; init => _pairs = ValueList.Copy(value); }

    private readonly IReadOnlyList<ReplicaPair> _pairs = ValueList.Copy(Pairs);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> ActiveUnits { get => _activeUnits; init => _activeUnits = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _activeUnits = ValueList.Copy(ActiveUnits);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<bool> Collapsed { get => _collapsed; init => _collapsed = ValueList.Copy(value); }

    private readonly IReadOnlyList<bool> _collapsed = ValueList.Copy(Collapsed);

    /// <summary>Number of replicas R.</summary>
    public int Replicas => ActiveUnits.Count;

    /// <summary>Compares every pair of replicas.</summary>
    /// <param name="representations">R ≥ 2 matrices of shape [samples, k_r] (the k_r may differ), with the same
    /// samples ≥ 2 in the same row order, finite. The matrices are read, not kept.</param>
    /// <param name="epsilon">Active-unit threshold ε ≥ 0, finite (default 0.01).</param>
    /// <param name="neighbours">Neighbourhood size k of the overlap, in [1, samples − 1] (default 10; clamped to
    /// samples − 1 when the data set is smaller).</param>
    /// <returns>The pairwise metrics and the active units; CKA and the Procrustes residual are null for pairs with a
    /// collapsed replica (every dimension constant), where they are undefined.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="representations"/> or an element is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 replicas, or the matrices disagree in rows, have fewer than 2
    /// rows, no column or a non-finite entry (the message names the replica).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> or <paramref name="neighbours"/> is out of range.</exception>
    public static ReplicaComparison Compare(IReadOnlyList<Matrix<double>> representations, double epsilon = Similarity.DefaultEpsilon,
        int neighbours = Similarity.DefaultNeighbours)
    {
        ArgumentNullException.ThrowIfNull(representations);
        if (representations.Count < 2)
            throw new ArgumentException($"representations has {representations.Count} replica(s); a comparison needs at least 2.", nameof(representations));
        if (!(epsilon >= 0) || double.IsInfinity(epsilon))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, "The active-unit threshold ε must be finite and ≥ 0.");
        if (neighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, "The neighbourhood size must be ≥ 1.");
        for (int r = 0; r < representations.Count; r++)
        {
            var m = representations[r] ?? throw new ArgumentNullException(nameof(representations), $"representations[{r}] is null.");
            if (m.RowCount != representations[0].RowCount)
                throw new ArgumentException($"representations[{r}] has {m.RowCount} rows but representations[0] has {representations[0].RowCount}; row i of each must be the same sample.", nameof(representations));
            if (m.RowCount < 2 || m.ColumnCount == 0)
                throw new ArgumentException($"representations[{r}] is {m.RowCount}×{m.ColumnCount}; each needs at least 2 samples and one dimension.", nameof(representations));
            Numerics.MatrixValidation.RequireFinite(m, $"representations[{r}]");
        }
        int k = Math.Min(neighbours, representations[0].RowCount - 1);
        var collapsed = representations.Select(Similarity.IsConstant).ToArray();
        var pairs = new List<ReplicaPair>();
        for (int a = 0; a < representations.Count; a++)
            for (int b = a + 1; b < representations.Count; b++)
            {
                var x = representations[a];
                var y = representations[b];
                bool defined = !collapsed[a] && !collapsed[b];
                pairs.Add(new ReplicaPair(a, b,
                    defined ? Similarity.LinearCka(x, y) : null,
                    defined ? Similarity.Procrustes(x, y).Residual : null,
                    Similarity.MatchDimensions(x, y, epsilon),
                    Similarity.RawCorrelation(x, y),
                    Similarity.NearestNeighbourOverlap(x, y, k)));
            }
        var active = representations.Select(m => ColumnStatistics.SampleVariances(m).Count(v => v > epsilon)).ToArray();
        return new ReplicaComparison(new ReadOnlyCollection<ReplicaPair>(pairs), Array.AsReadOnly(active), Array.AsReadOnly(collapsed), epsilon, k);
    }

    /// <summary>The symmetric R × R matrix of linear CKA, 1 on the diagonal of a replica that is not collapsed; null where undefined.</summary>
    /// <returns>Fresh rows, shape [R, R].</returns>
    public IReadOnlyList<IReadOnlyList<double?>> CkaMatrix()
    {
        int r = Replicas;
        var rows = new double?[r][];
        for (int i = 0; i < r; i++) rows[i] = new double?[r];
        foreach (var p in Pairs) rows[p.A][p.B] = rows[p.B][p.A] = p.LinearCka;
        for (int i = 0; i < r; i++) rows[i][i] = Collapsed[i] ? null : 1.0;
        return Array.AsReadOnly(rows.Select(row => (IReadOnlyList<double?>)Array.AsReadOnly(row)).ToArray());
    }

    /// <summary>Content equality: element-wise equal lists and equal parameters.</summary>
    /// <param name="other">The other comparison.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ReplicaComparison? other) =>
        other is not null && Pairs.SequenceEqual(other.Pairs) && ActiveUnits.SequenceEqual(other.ActiveUnits)
        && Collapsed.SequenceEqual(other.Collapsed) && Epsilon.Equals(other.Epsilon) && Neighbours == other.Neighbours;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var p in Pairs) hash.Add(p);
        foreach (var a in ActiveUnits) hash.Add(a);
        foreach (var c in Collapsed) hash.Add(c);
        hash.Add(Epsilon);
        hash.Add(Neighbours);
        return hash.ToHashCode();
    }
}
