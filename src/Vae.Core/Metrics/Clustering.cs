namespace Vae.Core.Metrics;

/// <summary>
/// Agreement between two partitions of the same samples (clusterings, or a clustering against true labels).
/// </summary>
public static class Clustering
{
    /// <summary>
    /// The adjusted Rand index (Hubert &amp; Arabie 1985) between two partitions of the same samples: 1 for identical
    /// partitions (up to relabelling), about 0 for independent ones, negative below chance.
    /// </summary>
    /// <param name="labelsTrue">Reference labels (arbitrary integers), shape [samples].</param>
    /// <param name="labelsPredicted">Predicted labels (e.g. an energy-level assignment), shape [samples].</param>
    /// <returns>The ARI, dimensionless, ≤ 1; symmetric in its arguments.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    /// <remarks>
    /// ARI = (Σ_ij C(n_ij, 2) − a b / C(n, 2)) / (½(a + b) − a b / C(n, 2)) with a = Σ_i C(a_i, 2), b = Σ_j C(b_j, 2)
    /// from the contingency table n_ij. When both partitions are trivial in the same way (the denominator is 0: one
    /// cluster each, or all singletons, which includes a single sample) the index is 1, as in scikit-learn.
    /// Source: Hubert &amp; Arabie 1985, "Comparing partitions", J. Classif. 2:193, eq. (5).
    /// Peer: <c>sklearn.metrics.adjusted_rand_score</c> (checked against a committed fixture).
    /// </remarks>
    public static double AdjustedRandIndex(IReadOnlyList<int> labelsTrue, IReadOnlyList<int> labelsPredicted)
    {
        ArgumentNullException.ThrowIfNull(labelsTrue);
        ArgumentNullException.ThrowIfNull(labelsPredicted);
        if (labelsTrue.Count != labelsPredicted.Count)
            throw new ArgumentException($"labelsTrue has {labelsTrue.Count} samples but labelsPredicted has {labelsPredicted.Count}.", nameof(labelsPredicted));
        if (labelsTrue.Count == 0)
            throw new ArgumentException("The partitions are empty.", nameof(labelsTrue));
        if (labelsTrue.Count == 1) return 1.0; // no pairs: C(1, 2) = 0, and one sample is one cluster in both (scikit-learn: 1.0)
        var cells = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var columns = new Dictionary<int, long>();
        for (var i = 0; i < labelsTrue.Count; i++)
        {
            var key = (labelsTrue[i], labelsPredicted[i]);
            cells[key] = cells.GetValueOrDefault(key) + 1;
            rows[labelsTrue[i]] = rows.GetValueOrDefault(labelsTrue[i]) + 1;
            columns[labelsPredicted[i]] = columns.GetValueOrDefault(labelsPredicted[i]) + 1;
        }
        double index = cells.Values.Sum(Pairs), a = rows.Values.Sum(Pairs), b = columns.Values.Sum(Pairs);
        var expected = a * b / Pairs(labelsTrue.Count);
        var maximum = 0.5 * (a + b);
        if (maximum == expected) return 1.0;
        return (index - expected) / (maximum - expected);
    }

    private static double Pairs(long count) => count * (count - 1) / 2.0;
}
