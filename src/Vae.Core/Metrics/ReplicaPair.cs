namespace Vae.Core.Metrics;

/// <summary>The degeneracy metrics of one pair of replicas A &lt; B (see <see cref="ReplicaComparison.Compare"/>).</summary>
/// <param name="A">Index of the first replica.</param>
/// <param name="B">Index of the second replica, &gt; <paramref name="A"/>.</param>
/// <param name="LinearCka">Linear CKA in [0, 1] (<see cref="Similarity.LinearCka"/>); null when either replica is
/// collapsed (<see cref="Similarity.IsConstant"/>), where CKA is undefined.</param>
/// <param name="ProcrustesResidual">Orthogonal Procrustes residual in [0, √2] (<see cref="Similarity.Procrustes"/>);
/// null when either replica is collapsed.</param>
/// <param name="Matching">Best signed permutation of dimensions and the mean matched |correlation| over active units.</param>
/// <param name="Raw">Per-dimension correlation without matching.</param>
/// <param name="NearestNeighbourOverlap">Mean Jaccard overlap of the k-nearest-neighbour sets, in [0, 1].</param>
public sealed record ReplicaPair(int A, int B, double? LinearCka, double? ProcrustesResidual, DimensionMatching Matching,
    DimensionCorrelations Raw, double NearestNeighbourOverlap);
