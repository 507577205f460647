namespace Vae.InfoGeometry.Probes;

/// <summary>Probe results on the three feature sets of one latent representation (one point of the paper's Fig. 3 curves).</summary>
/// <param name="Mean">Probe on the posterior means.</param>
/// <param name="MeanVariance">Probe on the means and variances.</param>
/// <param name="Sampled">Probe on sampled latent codes.</param>
public sealed record ProbeAccuracies(ProbeEvaluation Mean, ProbeEvaluation MeanVariance, ProbeEvaluation Sampled);
