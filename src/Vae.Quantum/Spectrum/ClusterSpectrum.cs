namespace Vae.Quantum.Spectrum;

/// <summary>Energy-spectrum statistics of the samples of one true cluster.</summary>
/// <param name="Label">The cluster (class) label.</param>
/// <param name="Count">Number of samples.</param>
/// <param name="MeanQuantumNumber">Mean n.</param>
/// <param name="QuantumNumberStdDev">Standard deviation of n (population).</param>
/// <param name="MeanEnergy">Mean E_n = α n² + E¹(n).</param>
/// <param name="DominantLevel">The most frequent level ⌊n⌋ (smallest on ties).</param>
/// <param name="DominantLevelFraction">Fraction of the cluster at that level.</param>
public sealed record ClusterSpectrum(int Label, int Count, double MeanQuantumNumber, double QuantumNumberStdDev, double MeanEnergy,
    int DominantLevel, double DominantLevelFraction);
