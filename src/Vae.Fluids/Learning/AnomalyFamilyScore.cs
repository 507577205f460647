namespace Vae.Fluids.Learning;

/// <summary>Anomaly detection for one family against held-out normal data: the ROC AUC of each score (family = positive).</summary>
/// <param name="Family">Family name (e.g. <c>uniform</c>).</param>
/// <param name="Count">Samples in the family.</param>
/// <param name="MeanMse">Mean per-sample reconstruction MSE, in the model's normalised input units.</param>
/// <param name="RocAuc">ROC AUC of the one-sided reconstruction MSE (the slides' score).</param>
/// <param name="TwoSidedRocAuc">ROC AUC of the two-sided reconstruction score |log MSE − m|/s.</param>
/// <param name="MahalanobisRocAuc">ROC AUC of the latent Mahalanobis distance.</param>
/// <param name="LikelihoodRocAuc">ROC AUC of −log p̂(x) (importance sampled).</param>
/// <param name="PairEnergyRocAuc">ROC AUC of the Boltzmann pair-energy score |U_pair − m|/s (known physics, no learning).</param>
public sealed record AnomalyFamilyScore(string Family, int Count, double MeanMse, double RocAuc, double TwoSidedRocAuc, double MahalanobisRocAuc, double LikelihoodRocAuc, double PairEnergyRocAuc);
