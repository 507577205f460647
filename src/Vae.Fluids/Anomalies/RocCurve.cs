namespace Vae.Fluids.Anomalies;

/// <summary>
/// Receiver operating characteristic of an anomaly score (higher = more anomalous): the curve over all thresholds
/// and the area under it (ROC AUC).
/// </summary>
/// <remarks>
/// Thresholds are the distinct scores in decreasing order, preceded by +∞; point k counts as positive every sample
/// with score ≥ threshold k (ties move together, so the curve has a diagonal segment through a tie). The area is by
/// the trapezoid rule, which equals the Mann–Whitney probability P(s₊ &gt; s₋) + ½P(s₊ = s₋).
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

    /// <summary>The ROC curve of <paramref name="scores"/> for the labels <paramref name="isAnomaly"/>.</summary>
    /// <param name="scores">Anomaly scores (e.g. reconstruction MSE), finite.</param>
    /// <param name="isAnomaly">True for the positive (anomalous) class; same length.</param>
    /// <exception cref="ArgumentException">Lengths differ, a score is not finite, or one class is empty.</exception>
    public static RocCurve Of(IReadOnlyList<double> scores, IReadOnlyList<bool> isAnomaly)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(isAnomaly);
        if (scores.Count != isAnomaly.Count)
            throw new ArgumentException($"scores has {scores.Count} entries but isAnomaly has {isAnomaly.Count}.", nameof(isAnomaly));
        for (int i = 0; i < scores.Count; i++)
            if (!double.IsFinite(scores[i]))
                throw new ArgumentException($"scores[{i}] = {scores[i]} is not finite.", nameof(scores));
        int positives = isAnomaly.Count(b => b), negatives = scores.Count - positives;
        if (positives == 0 || negatives == 0)
            throw new ArgumentException($"ROC needs both classes; got {positives} anomalous and {negatives} normal samples.", nameof(isAnomaly));
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
                if (isAnomaly[order[k]]) tp++; else fp++;
            double x = (double)fp / negatives, y = (double)tp / positives;
            area += (x - fpr[^1]) * (y + tpr[^1]) / 2;
            fpr.Add(x);
            tpr.Add(y);
            thresholds.Add(s);
        }
        return new RocCurve(fpr.ToArray(), tpr.ToArray(), thresholds.ToArray(), area);
    }

    /// <summary>ROC AUC of anomaly scores of normal versus anomalous samples.</summary>
    /// <param name="normalScores">Scores of held-out normal samples (negatives).</param>
    /// <param name="anomalyScores">Scores of anomalous samples (positives).</param>
    /// <exception cref="ArgumentException">A list is empty or a score is not finite.</exception>
    public static double AreaUnderCurve(IReadOnlyList<double> normalScores, IReadOnlyList<double> anomalyScores)
    {
        ArgumentNullException.ThrowIfNull(normalScores);
        ArgumentNullException.ThrowIfNull(anomalyScores);
        var scores = normalScores.Concat(anomalyScores).ToArray();
        var labels = Enumerable.Repeat(false, normalScores.Count).Concat(Enumerable.Repeat(true, anomalyScores.Count)).ToArray();
        return Of(scores, labels).Area;
    }
}
