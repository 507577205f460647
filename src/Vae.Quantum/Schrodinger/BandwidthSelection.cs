namespace Vae.Quantum.Schrodinger;

/// <summary>How <see cref="O:Vae.Quantum.Schrodinger.QuantumClustering.Fit"/> chooses σ when <see cref="QuantumClusteringOptions.Sigma"/> is not given.</summary>
/// <remarks>The default was chosen on held-out data, never on the reported seeds (docs/quantum.md §12,
/// tools/experiments/sigma_rule.cs).</remarks>
public enum BandwidthSelection
{
    /// <summary>The longest-lived cluster count over a ladder of σ (<see cref="Bandwidth.FromLifetime"/>; the default
    /// until the held-out selection).</summary>
    Lifetime,

    /// <summary>σ = scale × median distance to the K-th nearest neighbour (<see cref="Bandwidth.FromNearestNeighbours"/>),
    /// K = ⌈n/12⌉ (<see cref="Bandwidth.DefaultNeighbours"/>) unless <see cref="QuantumClusteringOptions.Neighbours"/> is set;
    /// the default.</summary>
    NearestNeighbours,

    /// <summary>Given the number of clusters k (<see cref="QuantumClusteringOptions.Clusters"/>, required; as k-means is
    /// given k): the σ in the middle of the coarsest range of σ over which V has k substantial minima (<see cref="Bandwidth.FromClusterCount"/>), in the
    /// spirit of Horn &amp; Gottlieb, who chose σ to obtain the wanted number of clusters.</summary>
    ClusterCount,
}
