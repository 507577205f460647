using Vae.Core.Metrics;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// Scores anomaly families with the five scores of an <see cref="AnomalyScorer"/> and reports the ROC AUC of each
/// score for each family against held-out normal data (the slides' anomaly-detection chapter), plus the latent PCA
/// variance shares of the held-out codes.
/// </summary>
public static class AnomalyEvaluation
{
    /// <summary>Evaluates <paramref name="families"/> against <paramref name="normal"/>.</summary>
    /// <param name="scorer">Scores calibrated on normal reference data (not <paramref name="normal"/>).</param>
    /// <param name="normal">Held-out normal matrices (used neither in training nor in calibration), ≥ 2.</param>
    /// <param name="families">Named anomaly families, each non-empty.</param>
    /// <exception cref="ArgumentException">A set is empty or has the wrong N.</exception>
    public static AnomalyReport Evaluate(AnomalyScorer scorer, DistanceMatrixSet normal, IReadOnlyList<KeyValuePair<string, DistanceMatrixSet>> families)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(families);
        if (normal.Count < 2) throw new ArgumentException($"normal needs at least 2 samples; got {normal.Count}.", nameof(normal));
        var normalScores = scorer.Score(normal);
        var rows = new List<AnomalyFamilyScore>();
        foreach (var (name, set) in families)
        {
            if (set.Count == 0) throw new ArgumentException($"Family '{name}' is empty.", nameof(families));
            var scores = scorer.Score(set);
            rows.Add(new AnomalyFamilyScore(name, set.Count, scores.Reconstruction.Average(),
                RocCurve.AreaUnderCurve(normalScores.Reconstruction, scores.Reconstruction),
                RocCurve.AreaUnderCurve(normalScores.TwoSidedReconstruction, scores.TwoSidedReconstruction),
                RocCurve.AreaUnderCurve(normalScores.LatentMahalanobis, scores.LatentMahalanobis),
                RocCurve.AreaUnderCurve(normalScores.NegativeLogLikelihood, scores.NegativeLogLikelihood),
                RocCurve.AreaUnderCurve(normalScores.PairEnergy, scores.PairEnergy)));
        }
        var ratios = LatentPca.ExplainedVarianceRatios(scorer.Model.LatentMeans(normal));
        return new AnomalyReport(normal.Count, normalScores.Reconstruction.Average(), rows.AsReadOnly(), ratios, ratios.Take(2).Sum());
    }
}
