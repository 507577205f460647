namespace Vae.Core.Metrics;

/// <summary>
/// Quality of a binary score (anomaly detection, linear probes): the ROC AUC. The full curve is <see cref="Metrics.RocCurve"/>.
/// </summary>
public static class Classification
{
    /// <summary>Area under the ROC curve of <paramref name="scores"/> for the labels <paramref name="isPositive"/>.</summary>
    /// <param name="scores">Scores, higher = more likely positive, finite, shape [samples].</param>
    /// <param name="isPositive">True for the positive class, shape [samples]; both classes must occur.</param>
    /// <returns>The area, in [0, 1]: 0.5 for an uninformative score, 1 for a perfect one; equals the Mann–Whitney
    /// probability P(s₊ &gt; s₋) + ½P(s₊ = s₋).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, a score is not finite, or one class is empty.</exception>
    /// <remarks>
    /// Trapezoid rule over all distinct thresholds (see <see cref="Metrics.RocCurve.Of"/>).
    /// Sources: Fawcett 2006, Pattern Recognit. Lett. 27:861; Hanley &amp; McNeil 1982, Radiology 143:29.
    /// Peer: <c>sklearn.metrics.roc_auc_score</c> (checked against a committed fixture).
    /// </remarks>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<bool> isPositive) =>
        Metrics.RocCurve.Of(scores, isPositive).Area;
}
