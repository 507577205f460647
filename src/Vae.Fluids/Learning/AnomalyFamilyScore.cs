namespace Vae.Fluids.Learning;

/// <summary>Reconstruction-error anomaly detection for one family against held-out normal data.</summary>
/// <param name="Family">Family name (e.g. <c>uniform</c>).</param>
/// <param name="Count">Samples in the family.</param>
/// <param name="MeanMse">Mean per-sample reconstruction MSE, in scaled units (distance/(L√2))².</param>
/// <param name="RocAuc">ROC AUC of the MSE score, family = positive, held-out normal = negative.</param>
public sealed record AnomalyFamilyScore(string Family, int Count, double MeanMse, double RocAuc);
