namespace Vae.InfoGeometry.Probes;

/// <summary>Probe accuracies measured after one training epoch (one x-value of the paper's Fig. 3).</summary>
/// <param name="Epoch">Training epoch (as reported by the trainer).</param>
/// <param name="Accuracies">The probes on the three feature sets.</param>
public sealed record ProbeEpoch(int Epoch, ProbeAccuracies Accuracies);
