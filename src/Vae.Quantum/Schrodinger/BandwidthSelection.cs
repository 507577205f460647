namespace Vae.Quantum.Schrodinger;

/// <summary>How <see cref="QuantumClustering.Fit"/> chooses σ when <see cref="QuantumClusteringOptions.Sigma"/> is not given.</summary>
public enum BandwidthSelection
{
    /// <summary>The longest-lived cluster count over a ladder of σ (<see cref="Bandwidth.FromLifetime"/>; default).</summary>
    Lifetime,

    /// <summary>σ = scale × median distance to the K-th nearest neighbour (<see cref="Bandwidth.FromNearestNeighbours"/>).</summary>
    NearestNeighbours,
}
