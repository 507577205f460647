using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Data;

/// <summary>
/// A generated classification problem together with the structure that produced it (ground truth that
/// scikit-learn's <c>make_classification</c> does not return).
/// </summary>
public sealed class MakeClassificationResult
{
    private readonly Matrix<double> _centroids;

    internal MakeClassificationResult(Dataset data, int[] clusters, bool[] resampled, Matrix<double> centroids,
        MakeClassificationFeatureKind[] featureKinds, int[] featurePermutation)
    {
        Data = data;
        Clusters = Array.AsReadOnly(clusters);
        Resampled = Array.AsReadOnly(resampled);
        _centroids = centroids;
        FeatureKinds = Array.AsReadOnly(featureKinds);
        FeaturePermutation = Array.AsReadOnly(featurePermutation);
    }

    /// <summary>The samples <c>[samples, features]</c> (single precision, sample shape <c>[features]</c>) and their labels.</summary>
    public Dataset Data { get; }

    /// <summary>The cluster each sample was drawn from, shape <c>[samples]</c>, in <c>[0, classes · clustersPerClass)</c>;
    /// the class before label flipping is <c>Clusters[i] % ClassCount</c>.</summary>
    public IReadOnlyList<int> Clusters { get; }

    /// <summary>Whether sample i's label was redrawn (probability FlipY); a redrawn label may equal the original one.</summary>
    public IReadOnlyList<bool> Resampled { get; }

    /// <summary>Cluster centroids in the informative subspace, a fresh copy of shape <c>[clusters, informative]</c>,
    /// before shift and scale. With Hypercube, every coordinate is ±ClassSep.</summary>
    public Matrix<double> Centroids => _centroids.Clone();

    /// <summary>The role of each output column, shape <c>[features]</c>.</summary>
    public IReadOnlyList<MakeClassificationFeatureKind> FeatureKinds { get; }

    /// <summary>Output column j holds generated column <c>FeaturePermutation[j]</c>, where generated columns are ordered
    /// informative, redundant, repeated, useless. The identity when Shuffle is false.</summary>
    public IReadOnlyList<int> FeaturePermutation { get; }
}
