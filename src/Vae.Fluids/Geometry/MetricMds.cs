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
    public static MetricMdsEmbedding Embed(Matrix<double> distances, Matrix<double> initial, int maxIterations = 300, double tolerance = 1e-6) =>
        Smacof(distances, initial, null, maxIterations, tolerance);

    /// <summary>
    /// Weighted SMACOF from a given start (Borg &amp; Groenen §8.6): minimises σ_W(X) = Σ_{i&lt;j} w_ij (δ_ij − ‖x_i − x_j‖)²
    /// by the Guttman transforms X ← V⁺ B(X) X, with b_ij = −w_ij δ_ij/d_ij(X) (0 where d_ij(X) = 0),
    /// V = Σ_{i&lt;j} w_ij (e_i − e_j)(e_i − e_j)ᵀ and V⁺ = (V + 11ᵀ)⁻¹ − 11ᵀ/N² (the Moore–Penrose inverse of V for a connected weight graph). A zero weight removes a
    /// pair from the stress: with zero weights on unknown entries this is distance-matrix completion (de Leeuw 1977).
    /// </summary>
    /// <param name="distances">Target dissimilarities δ [N, N], validated as a distance matrix; entries of zero weight are
    /// ignored (any valid value, e.g. a guess, may stand there).</param>
    /// <param name="initial">Start coordinates [N, k] (not modified).</param>
    /// <param name="weights">w [N, N], symmetric, finite, ≥ 0 (diagonal ignored); the graph of positive weights must connect
    /// all N points (otherwise V⁺ is not the inverse used here and the parts could drift apart).</param>
    /// <param name="maxIterations">Largest number of Guttman transforms, ≥ 1.</param>
    /// <param name="tolerance">Stop when one transform lowers σ_W by less than tolerance·σ_W, ≥ 0.</param>
    /// <returns>The fitted coordinates (a fresh matrix), centred on the origin, the weighted raw stress before and after, and
    /// <see cref="MetricMdsEmbedding.NormalizedStress"/> = σ_W / Σ_{i&lt;j} w_ij δ_ij².</returns>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a distance matrix, <paramref name="initial"/>
    /// has the wrong number of rows or a non-finite entry, or <paramref name="weights"/> has the wrong shape, is
    /// asymmetric, negative or non-finite, or leaves a point unconnected to the others.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static MetricMdsEmbedding Embed(Matrix<double> distances, Matrix<double> initial, Matrix<double> weights, int maxIterations = 300, double tolerance = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(weights);
        return Smacof(distances, initial, weights, maxIterations, tolerance);
    }

    private static MetricMdsEmbedding Smacof(Matrix<double> distances, Matrix<double> initial, Matrix<double>? weights, int maxIterations, double tolerance)
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
        // w = null: all weights 1, V⁺ = (I − 11ᵀ/N)/N, and B(X) X is already centred, so X⁺ = B(X) X / N.
        var w = weights is null ? null : WeightArray(weights, n);
        var vPlus = w is null ? null : PseudoInverseOfV(w, n);
        var x = initial.ToArray();
        var next = new double[n, k];
        var bx = new double[n, k];
        var current = new double[n, n];
        double initialStress = Stress(distances, w, x, current), stress = initialStress;
        int iterations = 0;
        bool converged = stress == 0;
        while (!converged && iterations < maxIterations)
        {
            // B(X) X; current holds d_ij(X) from the last stress evaluation.
            for (int i = 0; i < n; i++)
            {
                for (int c = 0; c < k; c++) bx[i, c] = 0;
                double diagonal = 0;
                for (int j = 0; j < n; j++)
                {
                    if (j == i || current[i, j] <= 0) continue;
                    double b = -(w is null ? 1 : w[i, j]) * distances[i, j] / current[i, j];
                    diagonal -= b;
                    for (int c = 0; c < k; c++) bx[i, c] += b * x[j, c];
                }
                for (int c = 0; c < k; c++) bx[i, c] += diagonal * x[i, c];
            }
            if (vPlus is null)
            {
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < k; c++) next[i, c] = bx[i, c] / n;
            }
            else
            {
                for (int i = 0; i < n; i++)
                    for (int c = 0; c < k; c++)
                    {
                        double sum = 0;
                        for (int j = 0; j < n; j++) sum += vPlus[i, j] * bx[j, c];
                        next[i, c] = sum;
                    }
            }
            (x, next) = (next, x);
            iterations++;
            double updated = Stress(distances, w, x, current);
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
            for (int j = i + 1; j < n; j++) total += (w is null ? 1 : w[i, j]) * distances[i, j] * distances[i, j];
        return new MetricMdsEmbedding(coordinates, initialStress, stress, total == 0 ? 0 : stress / total, iterations, converged);
    }

    /// <summary>The weights as an array, checked: shape, finite, ≥ 0, symmetric, and the positive ones connect all points.</summary>
    private static double[,] WeightArray(Matrix<double> weights, int n)
    {
        if (weights.RowCount != n || weights.ColumnCount != n)
            throw new ArgumentException($"weights is {weights.RowCount}×{weights.ColumnCount}; the distance matrix is {n}×{n}.", nameof(weights));
        var w = weights.ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (i == j) continue;
                if (!(w[i, j] >= 0) || !double.IsFinite(w[i, j]))
                    throw new ArgumentException($"weights[{i}, {j}] = {w[i, j]} must be finite and ≥ 0.", nameof(weights));
                if (w[i, j] != w[j, i])
                    throw new ArgumentException($"weights must be symmetric; weights[{i}, {j}] = {w[i, j]} but weights[{j}, {i}] = {w[j, i]}.", nameof(weights));
            }
        var reached = new bool[n];
        var stack = new Stack<int>([0]);
        reached[0] = true;
        while (stack.Count > 0)
        {
            int i = stack.Pop();
            for (int j = 0; j < n; j++)
                if (!reached[j] && j != i && w[i, j] > 0)
                {
                    reached[j] = true;
                    stack.Push(j);
                }
        }
        int lost = Array.IndexOf(reached, false);
        if (lost >= 0)
            throw new ArgumentException($"The positive weights do not connect point {lost} to point 0; SMACOF needs a connected weight graph.", nameof(weights));
        return w;
    }

    /// <summary>V⁺ = (V + 11ᵀ)⁻¹ − 11ᵀ/N² for V = Σ_{i&lt;j} w_ij (e_i − e_j)(e_i − e_j)ᵀ of a connected weight graph.</summary>
    private static double[,] PseudoInverseOfV(double[,] w, int n)
    {
        var v = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 1 : 1 - w[i, j]);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (j != i) v[i, i] += w[i, j];
        var inverse = v.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(n)).ToArray();
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) inverse[i, j] -= 1.0 / ((double)n * n);
        return inverse;
    }

    /// <summary>Raw stress Σ_{i&lt;j} w_ij (δ_ij − d_ij(X))² (w = 1 when null); writes d_ij(X) into <paramref name="current"/>.</summary>
    private static double Stress(Matrix<double> distances, double[,]? w, double[,] x, double[,] current)
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
                stress += (w is null ? 1 : w[i, j]) * r * r;
            }
        return stress;
    }
}

/// <summary>The result of <see cref="MetricMds.Embed(Matrix{double}, Matrix{double}, int, double)"/> and of its weighted
/// overload (there every stress is the weighted one, Σ_{i&lt;j} w_ij (…)²).</summary>
/// <param name="Coordinates">Fitted coordinates [N, k] (a fresh matrix), centroid at the origin; known up to an orthogonal transformation.</param>
/// <param name="InitialRawStress">σ of the start, in the distances' units².</param>
/// <param name="RawStress">σ = Σ_{i&lt;j} (δ_ij − d_ij)² of the result, ≤ <paramref name="InitialRawStress"/>.</param>
/// <param name="NormalizedStress">σ / Σ_{i&lt;j} δ_ij², in [0, 1] for the result of a start no worse than all points at one place.</param>
/// <param name="Iterations">Guttman transforms done.</param>
/// <param name="Converged">True when the relative decrease fell below the tolerance (or σ = 0) before the iteration limit.</param>
public sealed record MetricMdsEmbedding(Matrix<double> Coordinates, double InitialRawStress, double RawStress, double NormalizedStress, int Iterations, bool Converged);
