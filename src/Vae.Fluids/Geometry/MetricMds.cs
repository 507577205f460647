using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Metric multidimensional scaling by SMACOF (de Leeuw 1977; Borg &amp; Groenen, <i>Modern Multidimensional Scaling</i>,
/// 2nd ed., §8.6): coordinates X that minimise the raw stress σ(X) = Σ_{i&lt;j} (δ_ij − ‖x_i − x_j‖)² directly, by
/// Guttman transforms X ← (1/N) B(X) X with b_ij = −δ_ij/d_ij(X) for d_ij(X) &gt; 0 (else 0) and b_ii = −Σ_{j≠i} b_ij.
/// Each transform never increases σ (majorisation).
/// </summary>
/// <remarks>
/// Classical MDS (<see cref="ClassicalMds"/>) fits inner products, so for a non-Euclidean matrix (e.g. a blurred VAE
/// output) its 2-D projection shrinks distances the dropped dimensions carried; SMACOF fits the distances themselves.
/// Peer: <c>sklearn.manifold.smacof(metric=True, n_init=1, init=…)</c> (unweighted, same update).
/// </remarks>
public static class MetricMds
{
    /// <summary>SMACOF started from the classical MDS solution (<see cref="ClassicalMds.Embed"/>, double centring).</summary>
    /// <param name="distances">Target dissimilarities δ [N, N], validated as a distance matrix (<see cref="DistanceMatrix.Validate"/>).</param>
    /// <param name="dimensions">k, in [1, N].</param>
    /// <param name="maxIterations">Largest number of Guttman transforms, ≥ 1.</param>
    /// <param name="tolerance">Stop when one transform lowers σ by less than tolerance·σ, ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a distance matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static MetricMdsEmbedding Embed(Matrix<double> distances, int dimensions = 2, int maxIterations = 300, double tolerance = 1e-6) =>
        Embed(distances, ClassicalMds.Embed(distances, dimensions).Coordinates, maxIterations, tolerance);

    /// <summary>SMACOF from a given start.</summary>
    /// <param name="distances">Target dissimilarities δ [N, N], validated as a distance matrix.</param>
    /// <param name="initial">Start coordinates [N, k] (not modified).</param>
    /// <param name="maxIterations">Largest number of Guttman transforms, ≥ 1.</param>
    /// <param name="tolerance">Stop when one transform lowers σ by less than tolerance·σ, ≥ 0.</param>
    /// <returns>The fitted coordinates (a fresh matrix), centred on the origin, and the raw stress before and after.</returns>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a distance matrix, or <paramref name="initial"/>
    /// has the wrong number of rows or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static MetricMdsEmbedding Embed(Matrix<double> distances, Matrix<double> initial, int maxIterations = 300, double tolerance = 1e-6)
    {
        DistanceMatrix.Validate(distances);
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxIterations, 1);
        if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            throw new ArgumentOutOfRangeException(nameof(tolerance), tolerance, "tolerance must be finite and ≥ 0.");
        int n = distances.RowCount;
        if (initial.RowCount != n)
            throw new ArgumentException($"initial has {initial.RowCount} rows; the distance matrix has {n}.", nameof(initial));
        if (initial.ColumnCount < 1) throw new ArgumentException("initial needs at least one column.", nameof(initial));
        if (initial.Enumerate().Any(v => !double.IsFinite(v))) throw new ArgumentException("initial has a non-finite entry.", nameof(initial));
        int k = initial.ColumnCount;
        var x = initial.ToArray();
        var next = new double[n, k];
        var current = new double[n, n];
        double initialStress = Stress(distances, x, current), stress = initialStress;
        int iterations = 0;
        bool converged = stress == 0;
        while (!converged && iterations < maxIterations)
        {
            // X⁺ = (1/N) B(X) X; current holds d_ij(X) from the last stress evaluation.
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < k; c++) next[i, c] = 0;
                double diagonal = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i || current[i, j] <= 0) continue;
                    double b = -distances[i, j] / current[i, j];
                    diagonal -= b;
                    for (int c = 0; c < k; c++) next[i, c] += b * x[j, c];
                }
                for (int c = 0; c < k; c++) next[i, c] = (next[i, c] + diagonal * x[i, c]) / n;
            }
            (x, next) = (next, x);
            iterations++;
            double updated = Stress(distances, x, current);
            converged = stress - updated < tolerance * stress;
            stress = updated;
        }
        var coordinates = Matrix<double>.Build.DenseOfArray(x);
        for (int c = 0; c < k; c++)
        {
            double mean = coordinates.Column(c).Average();
            for (int i = 0; i < n; i++) coordinates[i, c] -= mean;
        }
        double total = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++) total += distances[i, j] * distances[i, j];
        return new MetricMdsEmbedding(coordinates, initialStress, stress, total == 0 ? 0 : stress / total, iterations, converged);
    }

    /// <summary>Raw stress Σ_{i&lt;j} (δ_ij − d_ij(X))²; writes d_ij(X) into <paramref name="current"/>.</summary>
    private static double Stress(Matrix<double> distances, double[,] x, double[,] current)
    {
        int n = distances.RowCount, k = x.GetLength(1);
        double stress = 0;
        for (int i = 0; i < n; i++)
            for (int j = i + 1; j < n; j++)
            {
                double sum = 0;
                for (int c = 0; c < k; c++)
                {
                    double diff = x[i, c] - x[j, c];
                    sum += diff * diff;
                }
                double d = Math.Sqrt(sum);
                current[i, j] = current[j, i] = d;
                double r = distances[i, j] - d;
                stress += r * r;
            }
        return stress;
    }
}

/// <summary>The result of <see cref="MetricMds.Embed(Matrix{double}, Matrix{double}, int, double)"/>.</summary>
/// <param name="Coordinates">Fitted coordinates [N, k] (a fresh matrix), centroid at the origin; known up to an orthogonal transformation.</param>
/// <param name="InitialRawStress">σ of the start, in the distances' units².</param>
/// <param name="RawStress">σ = Σ_{i&lt;j} (δ_ij − d_ij)² of the result, ≤ <paramref name="InitialRawStress"/>.</param>
/// <param name="NormalizedStress">σ / Σ_{i&lt;j} δ_ij², in [0, 1] for the result of a start no worse than all points at one place.</param>
/// <param name="Iterations">Guttman transforms done.</param>
/// <param name="Converged">True when the relative decrease fell below the tolerance (or σ = 0) before the iteration limit.</param>
public sealed record MetricMdsEmbedding(Matrix<double> Coordinates, double InitialRawStress, double RawStress, double NormalizedStress, int Iterations, bool Converged);
