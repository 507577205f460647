namespace Vae.Core.Metrics;

/// <summary>
/// Receiver operating characteristic of a binary score (higher = more likely positive, e.g. more anomalous): the
/// curve over all thresholds and the area under it (ROC AUC). <see cref="Classification.RocAuc"/> is the one-liner.
/// </summary>
/// <remarks>
/// Thresholds are the distinct scores in decreasing order, preceded by +∞; point k counts as positive every sample
/// with score ≥ threshold k (ties move together, so the curve has a diagonal segment through a tie). The area is by
/// the trapezoid rule, which equals the Mann–Whitney probability P(s₊ &gt; s₋) + ½P(s₊ = s₋).
/// Sources: Fawcett 2006, "An introduction to ROC analysis", Pattern Recognit. Lett. 27:861 (curve and trapezoid area);
/// Hanley &amp; McNeil 1982, Radiology 143:29 (area = Mann–Whitney statistic).
/// Peer: scikit-learn <c>roc_curve(y, s, drop_intermediate=False)</c> and <c>roc_auc_score</c>.
/// </remarks>
public sealed class RocCurve
{
    private RocCurve(double[] fpr, double[] tpr, double[] thresholds, double area)
    {
        FalsePositiveRates = Array.AsReadOnly(fpr);
        TruePositiveRates = Array.AsReadOnly(tpr);
        Thresholds = Array.AsReadOnly(thresholds);
        Area = area;
    }

    /// <summary>False-positive rate at each threshold, from 0 to 1.</summary>
    public IReadOnlyList<double> FalsePositiveRates { get; }

    /// <summary>True-positive rate at each threshold, from 0 to 1.</summary>
    public IReadOnlyList<double> TruePositiveRates { get; }

    /// <summary>The thresholds: +∞, then the distinct scores in decreasing order.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Area under the curve, in [0, 1]; 0.5 for an uninformative score, 1 for a perfect one.</summary>
    public double Area { get; }

    /// <summary>The ROC curve of <paramref name="scores"/> for the labels <paramref name="isPositive"/>.</summary>
    /// <param name="scores">Scores, higher = more likely positive (e.g. reconstruction MSE as an anomaly score), finite, shape [samples].</param>
    /// <param name="isPositive">True for the positive (e.g. anomalous) class, shape [samples].</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, a score is not finite, or one class is empty.</exception>
    public static RocCurve Of(IReadOnlyList<double> scores, IReadOnlyList<bool> isPositive)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isPositive);
        if (scores.Count != isPositive.Count)
            throw new ArgumentException($"scores has {scores.Count} entries but isPositive has {isPositive.Count}.", nameof(isPositive));
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"scores[{i}] = {scores[i]} is not finite.", nameof(scores));
        int positives = isPositive.Count(b => b), negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"ROC needs both classes; got {positives} positive and {negatives} negative samples.", nameof(isPositive));
        var order = Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ToArray();
        var fpr = new List<double> { 0 };
        var tpr = new List<double> { 0 };
        var thresholds = new List<double> { double.PositiveInfinity };
        long tp = 0, fp = 0;
        double area = 0;
        for (int k = 0; k < order.Length;)
        {
            double s = scores[order[k]];
            for (; k < order.Length && scores[order[k]] == s; k++)
                if (isPositive[order[k]]) tp++; else fp++;
            double x = (double)fp / negatives, y = (double)tp / positives;
            area += (x - fpr[^1]) * (y + tpr[^1]) / 2;
            fpr.Add(x);
            tpr.Add(y);
            thresholds.Add(s);
        }
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thresholds.ToArray(), area);
    }

    /// <summary>ROC AUC of scores of negative (e.g. normal) versus positive (e.g. anomalous) samples.</summary>
    /// <param name="negativeScores">Scores of the negatives (e.g. held-out normal samples).</param>
    /// <param name="positiveScores">Scores of the positives (e.g. anomalous samples).</param>
    /// <returns>The area, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A list is empty or a score is not finite.</exception>
    public static double AreaUnderCurve(IReadOnlyList<double> negativeScores, IReadOnlyList<double> positiveScores)
    {
        ArgumentNullException.ThrowIfNull(negativeScores);
        ArgumentNullException.ThrowIfNull(positiveScores);
        var scores = negativeScores.Concat(positiveScores).ToArray();
        var labels = Enumerable.Repeat(false, negativeScores.Count).Concat(Enumerable.Repeat(true, positiveScores.Count)).ToArray();
        return Of(scores, labels).Area;
    }
}
