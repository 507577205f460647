using Vae.Core.Metrics;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;

namespace Vae.Fluids.Learning;

/// <summary>
/// Scores anomaly families by the VAE's per-sample reconstruction MSE and reports the ROC AUC of each family
/// against held-out normal data (the slides' anomaly-detection chapter), plus the latent PCA variance shares.
/// </summary>
public static class AnomalyEvaluation
{
    /// <summary>Evaluates <paramref name="families"/> against <paramref name="normal"/>.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="normal">Held-out normal matrices (not used in training), ≥ 2.</param>
    /// <param name="families">Named anomaly families, each non-empty.</param>
    /// <exception cref="ArgumentException">A set is empty or has the wrong N.</exception>
    public static AnomalyReport Evaluate(FluidVaeModel model, DistanceMatrixSet normal, IReadOnlyList<KeyValuePair<string, DistanceMatrixSet>> families)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(normal);
        ArgumentNullException.ThrowIfNull(families);
        if (normal.Count < 2) throw new ArgumentException($"normal needs at least 2 samples; got {normal.Count}.", nameof(normal));
        var normalScores = model.ReconstructionErrors(normal);
        var rows = new List<AnomalyFamilyScore>();
        foreach (var (name, set) in families)
        {
            if (set.Count == 0) throw new ArgumentException($"Family '{name}' is empty.", nameof(families));
            var scores = model.ReconstructionErrors(set);
            rows.Add(new AnomalyFamilyScore(name, set.Count, scores.Average(), RocCurve.AreaUnderCurve(normalScores, scores)));
        }
        var ratios = LatentPca.ExplainedVarianceRatios(model.LatentMeans(normal));
        return new AnomalyReport(normal.Count, normalScores.Average(), rows.AsReadOnly(), ratios, ratios.Take(2).Sum());
    }
}
