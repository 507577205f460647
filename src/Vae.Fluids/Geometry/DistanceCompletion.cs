using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Euclidean distance-matrix completion: fills the unknown entries of a distance matrix with the distances of a
/// k-dimensional configuration that fits the known entries (for the fluids k = 2: the particles live in the plane,
/// so a complete matrix is a Euclidean distance matrix whose centred Gram matrix has rank ≤ 2).
/// </summary>
/// <remarks>
/// <para>Method: weighted SMACOF with weight 1 on the known and 0 on the unknown entries (de Leeuw 1977; Borg &amp;
/// Groenen, <i>Modern Multidimensional Scaling</i>, 2nd ed., §8.6; <see cref="MetricMds.Embed(Matrix{double}, Matrix{double}, Matrix{double}, int, double)"/>),
/// started from classical MDS (<see cref="ClassicalMds.Embed"/>) of the matrix with the unknown entries at their given
/// guesses. The known entries are returned bit for bit; each unknown entry becomes ‖x_i − x_j‖ of the fit.</para>
/// <para>When the known entries determine the configuration (a point with known distances to ≥ 3 points in general
/// position in the plane is fixed up to the global rigid motion) and SMACOF reaches the global minimum, the completion
/// is exact up to the accuracy of the known entries and of the iteration. When they do not (e.g. a point with only
/// 2 known distances can be reflected), the completion is one of several configurations of equal stress; SMACOF can
/// also stop in a local minimum from a poor guess. <see cref="DistanceCompletionResult.Embedding"/> reports the
/// remaining stress on the known entries, which is ≈ 0 exactly when the known entries were fitted.</para>
/// </remarks>
public static class DistanceCompletion
{
    /// <summary>Completes <paramref name="distances"/> where <paramref name="observed"/> is false.</summary>
    /// <param name="distances">[N, N], a distance matrix (validated as by <see cref="DistanceMatrix.Validate"/>) whose unknown
    /// entries hold guesses (e.g. a mean or a VAE imputation); the guesses only choose the starting configuration.</param>
    /// <param name="observed">[N, N], symmetric: true where the entry is known (the diagonal is ignored). The known pairs
    /// must connect all N points.</param>
    /// <param name="dimensions">k, in [1, N]; 2 for the fluids.</param>
    /// <param name="maxIterations">Largest number of Guttman transforms, ≥ 1.</param>
    /// <param name="tolerance">Stop when a transform lowers the stress by less than this fraction of it, ≥ 0.</param>
    /// <returns>The completed matrix (fresh; known entries unchanged, symmetric, zero diagonal) and the fit.</returns>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a distance matrix, or
    /// <paramref name="observed"/> has the wrong shape, is asymmetric, or leaves a point unconnected.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static DistanceCompletionResult Complete(Matrix<double> distances, bool[,] observed, int dimensions = 2, int maxIterations = 1000, double tolerance = 1e-10)
    {
        ArgumentNullException.ThrowIfNull(distances);
        ArgumentNullException.ThrowIfNull(observed);
        int n = distances.RowCount;
        if (observed.GetLength(0) != n || observed.GetLength(1) != n)
            throw new ArgumentException($"observed is {observed.GetLength(0)}×{observed.GetLength(1)}; distances is {distances.RowCount}×{distances.ColumnCount}.", nameof(observed));
        var weights = Matrix<double>.Build.Dense(n, n, (i, j) => i != j && observed[i, j] ? 1.0 : 0.0);
        if (!weights.Equals(weights.Transpose()))
            throw new ArgumentException("observed must be symmetric.", nameof(observed));
        var start = ClassicalMds.Embed(distances, dimensions).Coordinates;
        MetricMdsEmbedding fit;
        try
        {
            fit = MetricMds.Embed(distances, start, weights, maxIterations, tolerance);
        }
        catch (ArgumentException e) when (e.ParamName == "weights")
        {
            throw new ArgumentException($"observed: {e.Message}", nameof(observed), e);
        }
        var fitted = DistanceMatrix.Compute(fit.Coordinates);
        var completed = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0 : observed[i, j] ? distances[i, j] : fitted[i, j]);
        return new DistanceCompletionResult(completed, fit);
    }
}

/// <summary>The result of <see cref="DistanceCompletion.Complete"/>.</summary>
/// <param name="Completed">[N, N]: the known entries as given, the unknown ones from the fitted configuration, in the
/// distances' units.</param>
/// <param name="Embedding">The weighted SMACOF fit (coordinates [N, k]; stresses over the known entries only).</param>
public sealed record DistanceCompletionResult(Matrix<double> Completed, MetricMdsEmbedding Embedding);
