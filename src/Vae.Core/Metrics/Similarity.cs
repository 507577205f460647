using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Metrics;

/// <summary>
/// How much two latent representations of the same samples agree: replica degeneracy of VAEs trained on the same data
/// (Andrés-Terré &amp; Lió) measured on matrices of posterior means E_q[z | xᵢ] of shape [samples, latent].
/// </summary>
/// <remarks>
/// <para>Row i of x and row i of y must describe the same sample; the column counts may differ. Every metric validates
/// its input: at least 2 rows, equal row counts, at least one column, finite entries.</para>
/// <para>A column that is exactly constant is centred to exactly 0 (not to the rounding residue of its mean), so it
/// contributes nothing and its correlations are 0 by convention.</para>
/// <para>What the numbers mean together: identical information arranged differently shows as low
/// <see cref="RawCorrelation"/> but high <see cref="MatchDimensions"/> (a permutation and sign flips) and high
/// <see cref="LinearCka"/> and small <see cref="Procrustes"/> residual (any rotation); docs/metrics.md.</para>
/// </remarks>
public static class Similarity
{
    /// <summary>Active-unit threshold ε = 0.01 on Var_x(E_q[z_j]) (Burda, Grosse &amp; Salakhutdinov 2016, §5.2).</summary>
    public const double DefaultEpsilon = 0.01;

    /// <summary>Default neighbourhood size k = 10 of <see cref="NearestNeighbourOverlap"/>.</summary>
    public const int DefaultNeighbours = 10;

    /// <summary>Linear centred kernel alignment between two representations of the same samples.</summary>
    /// <param name="x">First representation, shape [samples, kx], samples ≥ 2, finite.</param>
    /// <param name="y">Second representation, shape [samples, ky], finite.</param>
    /// <returns>CKA, dimensionless, in [0, 1]; 1 when y = s·xQ + b for an orthogonal Q, a scale s ≠ 0 and a shift b.
    /// Symmetric; invariant to orthogonal transforms and isotropic scaling of either argument, not to general
    /// invertible linear maps.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, a non-finite entry, or x or
    /// y is constant across samples (CKA is then undefined).</exception>
    /// <remarks>
    /// With X, Y centred column-wise: CKA = ‖YᵀX‖²_F / (‖XᵀX‖_F ‖YᵀY‖_F), the HSIC-normalised alignment of the linear
    /// Gram matrices K = XXᵀ, L = YYᵀ computed in feature space (O(n k²)). Each centred matrix is first scaled to unit
    /// Frobenius norm (no overflow; the value is unchanged), and the result is clamped to [0, 1] against rounding.
    /// Source: Kornblith, Norouzi, Lee &amp; Hinton 2019, "Similarity of neural network representations revisited",
    /// ICML, §3 (linear kernel). Peer: their reference code <c>cka(gram_linear(X), gram_linear(Y))</c>.
    /// </remarks>
    public static double LinearCka(Matrix<double> x, Matrix<double> y)
    {
        Validate(x, y);
        var xc = UnitCentred(x, nameof(x), "CKA");
        var yc = UnitCentred(y, nameof(y), "CKA");
        double cross = Frobenius(yc.TransposeThisAndMultiply(xc));
        double xx = Frobenius(xc.TransposeThisAndMultiply(xc));
        double yy = Frobenius(yc.TransposeThisAndMultiply(yc));
        return Math.Clamp(cross * cross / (xx * yy), 0.0, 1.0);
    }

    /// <summary>
    /// Orthogonal Procrustes fit of x onto y after centring each and scaling it to unit Frobenius norm: the orthogonal
    /// R minimising ‖X̃R − Ỹ‖_F, and that residual.
    /// </summary>
    /// <param name="x">Representation to rotate, shape [samples, kx], samples ≥ 2, finite, not constant.</param>
    /// <param name="y">Target representation, shape [samples, ky], finite, not constant.</param>
    /// <returns>The residual, in [0, √2] (0 for a rotated, reflected, scaled and shifted copy), and R, shape [k, k]
    /// with k = max(kx, ky).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, a non-finite entry, or x or
    /// y is constant across samples (it cannot be scaled to unit norm).</exception>
    /// <remarks>
    /// X̃ = (X − 1μₓᵀ)/‖X − 1μₓᵀ‖_F, likewise Ỹ; when kx ≠ ky the narrower matrix is padded with zero columns to
    /// k = max(kx, ky), so R may map x into directions y has and x lacks. With X̃ᵀỸ = UΣVᵀ (MathNet SVD), R = UVᵀ
    /// and ‖X̃R − Ỹ‖²_F = 2 − 2 Σᵢσᵢ; the residual is evaluated as the norm itself, which stays accurate near 0.
    /// R is unique only when X̃ᵀỸ has full rank (never after padding).
    /// Source: Schönemann 1966, "A generalized solution of the orthogonal Procrustes problem", Psychometrika 31:1.
    /// Peer: <c>scipy.linalg.orthogonal_procrustes(X̃, Ỹ)</c>.
    /// </remarks>
    public static ProcrustesFit Procrustes(Matrix<double> x, Matrix<double> y)
    {
        Validate(x, y);
        int k = Math.Max(x.ColumnCount, y.ColumnCount);
        var xt = Pad(UnitCentred(x, nameof(x), "the Procrustes fit"), k);
        var yt = Pad(UnitCentred(y, nameof(y), "the Procrustes fit"), k);
        var svd = xt.TransposeThisAndMultiply(yt).Svd(computeVectors: true);
        var rotation = svd.U * svd.VT;
        return new ProcrustesFit(Frobenius(xt * rotation - yt), rotation);
    }

    /// <summary>Pearson correlations between every column of x and every column of y.</summary>
    /// <param name="x">First representation, shape [samples, kx], samples ≥ 2, finite.</param>
    /// <param name="y">Second representation, shape [samples, ky], finite.</param>
    /// <returns>A fresh matrix C of shape [kx, ky], C[i, j] = corr(x_i, y_j) in [−1, 1]; 0 where either column is
    /// constant (numpy's <c>corrcoef</c> gives NaN there).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, or a non-finite entry.</exception>
    /// <remarks>Columns are centred and scaled to unit Euclidean norm, then C = X̂ᵀŶ, clamped to [−1, 1] against rounding.
    /// Each column is first multiplied by a power of two (exact) that brings its largest |value| near 1, so finite
    /// inputs up to ±1.8·10³⁰⁸ neither overflow nor lose small columns to underflow.</remarks>
    public static Matrix<double> CorrelationMatrix(Matrix<double> x, Matrix<double> y)
    {
        Validate(x, y);
        return Correlations(x, y);
    }

    /// <summary>
    /// The best signed permutation between the latent dimensions of x and y: the one-to-one matching maximising the total
    /// |Pearson correlation| (Hungarian algorithm), with the signs, the matched correlations and their mean |value| over
    /// active units.
    /// </summary>
    /// <param name="x">First representation (posterior means), shape [samples, kx], samples ≥ 2, finite.</param>
    /// <param name="y">Second representation, shape [samples, ky], finite.</param>
    /// <param name="epsilon">Active-unit threshold ε on the sample variance (divisor n − 1) of a column, in latent
    /// units². Range: finite, ≥ 0. Default 0.01 (Burda et al. 2016).</param>
    /// <returns>Permutation, signs and correlations indexed by the column of x; min(kx, ky) pairs are matched.
    /// A fresh record.</returns>
    /// <exception cref="ArgumentNullException">x or y is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epsilon"/> is negative or not finite.</exception>
    /// <remarks>
    /// Maximises Σᵢ |C[i, π(i)]| over one-to-one π with C = <see cref="CorrelationMatrix"/>(x, y) (Kuhn 1955, "The
    /// Hungarian method for the assignment problem", Nav. Res. Logist. Q. 2:83; Munkres 1957; shortest augmenting paths
    /// as Jonker &amp; Volgenant 1987); the sign of pair i is that of C[i, π(i)] (+1 at 0). Matching units of replicas by
    /// correlation: Li, Yosinski, Clune, Lipson &amp; Hopcroft 2016, "Convergent learning", ICLR. A pair is active when
    /// the x column or its match has variance &gt; ε (Burda, Grosse &amp; Salakhutdinov 2016, §5.2, "active units"), so
    /// a unit active in one replica and collapsed in the other lowers the mean. With ties (e.g. duplicate columns) the
    /// optimal total is unique but the permutation may not be; ties go to the lowest column index.
    /// Peer: <c>scipy.optimize.linear_sum_assignment(abs(C), maximize=True)</c>.
    /// </remarks>
    public static DimensionMatching MatchDimensions(Matrix<double> x, Matrix<double> y, double epsilon = DefaultEpsilon)
    {
        Validate(x, y);
        if (!double.IsFinite(epsilon) || epsilon < 0)
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon, $"epsilon = {epsilon} must be finite and ≥ 0.");
        var c = Correlations(x, y);
        int kx = x.ColumnCount, ky = y.ColumnCount;
        var cost = new double[kx, ky];
        for (int i = 0; i < kx; i++)
            for (int j = 0; j < ky; j++)
                cost[i, j] = -Math.Abs(c[i, j]);
        var permutation = LinearAssignment.Minimise(cost);
        var xVariance = ColumnStatistics.SampleVariances(x);
        var yVariance = ColumnStatistics.SampleVariances(y);
        var signs = new int[kx];
        var matched = new double[kx];
        var active = new bool[kx];
        int activePairs = 0;
        double sum = 0;
        for (int i = 0; i < kx; i++)
        {
            int j = permutation[i];
            if (j < 0) continue;
            matched[i] = c[i, j];
            signs[i] = c[i, j] < 0 ? -1 : 1;
            active[i] = xVariance[i] > epsilon || yVariance[j] > epsilon;
            if (!active[i]) continue;
            activePairs++;
            sum += Math.Abs(c[i, j]);
        }
        return new DimensionMatching(Array.AsReadOnly(permutation), Array.AsReadOnly(signs), Array.AsReadOnly(matched),
            Array.AsReadOnly(active), epsilon, activePairs, activePairs == 0 ? 0.0 : sum / activePairs);
    }

    /// <summary>
    /// Per-dimension Pearson correlation corr(x_j, y_j) without matching, for j &lt; min(kx, ky), and its mean |value|.
    /// </summary>
    /// <param name="x">First representation, shape [samples, kx], samples ≥ 2, finite.</param>
    /// <param name="y">Second representation, shape [samples, ky], finite.</param>
    /// <returns>The diagonal of <see cref="CorrelationMatrix"/>(x, y) over the common dimensions and the mean of its
    /// absolute values, in [0, 1].</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, or a non-finite entry.</exception>
    /// <remarks>Low raw correlation together with high <see cref="MatchDimensions"/> exposes a permutation or sign
    /// flips; low raw and low matched correlation but high <see cref="LinearCka"/> exposes a rotation.</remarks>
    public static DimensionCorrelations RawCorrelation(Matrix<double> x, Matrix<double> y)
    {
        Validate(x, y);
        var c = Correlations(x, y);
        int d = Math.Min(x.ColumnCount, y.ColumnCount);
        var diagonal = new double[d];
        double sum = 0;
        for (int j = 0; j < d; j++)
        {
            diagonal[j] = c[j, j];
            sum += Math.Abs(c[j, j]);
        }
        return new DimensionCorrelations(Array.AsReadOnly(diagonal), sum / d);
    }

    /// <summary>
    /// k-nearest-neighbour overlap: the mean over samples of the Jaccard index between the k nearest neighbours of
    /// sample i in x and in y.
    /// </summary>
    /// <param name="x">First representation, shape [samples, kx], samples ≥ k + 1, finite.</param>
    /// <param name="y">Second representation, shape [samples, ky], finite.</param>
    /// <param name="neighbours">k, the neighbourhood size. Range: 1 ≤ k ≤ samples − 1. Default 10.</param>
    /// <returns>Mean Jaccard index, dimensionless, in [0, 1]: 1 when every neighbourhood agrees (e.g. y a rotated,
    /// scaled and shifted copy of x).</returns>
    /// <exception cref="ArgumentNullException">x or y is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 rows, row counts differ, no column, or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neighbours"/> is &lt; 1 or ≥ samples.</exception>
    /// <remarks>
    /// Neighbours by Euclidean distance, excluding the point itself (by index, so a duplicate row is a neighbour at
    /// distance 0); among equal distances the lower row index wins. J(A, B) = |A ∩ B| / |A ∪ B| = s / (2k − s) with
    /// s = |A ∩ B| (Jaccard 1912, New Phytol. 11:37). Exact distances, O(n² (kx + ky)) time, rows in parallel;
    /// the result does not depend on the thread count.
    /// Peer: <c>sklearn.neighbors.NearestNeighbors(n_neighbors=k).fit(X).kneighbors()</c>.
    /// </remarks>
    public static double NearestNeighbourOverlap(Matrix<double> x, Matrix<double> y, int neighbours = DefaultNeighbours)
    {
        Validate(x, y);
        int n = x.RowCount;
        if (neighbours < 1 || neighbours > n - 1)
            throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours,
                $"neighbours = {neighbours} must be in [1, samples − 1] = [1, {n - 1}]: x and y have {n} samples.");
        var a = NearestNeighbours(x, neighbours);
        var b = NearestNeighbours(y, neighbours);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            int shared = 0;
            for (int p = 0; p < neighbours; p++)
                for (int q = 0; q < neighbours; q++)
                    if (a[i * neighbours + p] == b[i * neighbours + q]) { shared++; break; }
            sum += (double)shared / (2 * neighbours - shared);
        }
        return sum / n;
    }

    /// <summary>Indices of the k nearest other rows of every row, row-major [n, k], nearest first.</summary>
    private static int[] NearestNeighbours(Matrix<double> x, int k)
    {
        int n = x.RowCount, d = x.ColumnCount;
        var rows = new double[n * d];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < d; j++)
                rows[i * d + j] = x[i, j];
        var result = new int[n * k];
        Parallel.For(0, n, () => new double[k], (i, _, best) =>
        {
            var index = result.AsSpan(i * k, k);
            var self = rows.AsSpan(i * d, d);
            int count = 0;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                var other = rows.AsSpan(j * d, d);
                double distance = 0;
                for (int c = 0; c < d; c++)
                {
                    double delta = self[c] - other[c];
                    distance += delta * delta;
                }
                if (count == k && !(distance < best[k - 1])) continue;
                int position = count < k ? count++ : k - 1;
                while (position > 0 && best[position - 1] > distance)
                {
                    best[position] = best[position - 1];
                    index[position] = index[position - 1];
                    position--;
                }
                best[position] = distance;
                index[position] = j;
            }
            return best;
        }, _ => { });
        return result;
    }

    /// <summary>Pearson correlation matrix [kx, ky] of validated inputs.</summary>
    private static Matrix<double> Correlations(Matrix<double> x, Matrix<double> y)
    {
        var xs = Centred(x, eachColumn: true);
        var ys = Centred(y, eachColumn: true);
        NormaliseColumns(xs);
        NormaliseColumns(ys);
        return xs.TransposeThisAndMultiply(ys).Map(v => Math.Clamp(v, -1.0, 1.0));
    }

    private static void NormaliseColumns(Matrix<double> m)
    {
        for (int j = 0; j < m.ColumnCount; j++)
        {
            double norm = 0;
            for (int i = 0; i < m.RowCount; i++) norm += m[i, j] * m[i, j];
            if (norm == 0) continue;
            norm = Math.Sqrt(norm);
            for (int i = 0; i < m.RowCount; i++) m[i, j] /= norm;
        }
    }

    /// <summary>Column-centred copy, multiplied by a power of two 2⁻ᵉ that brings the largest |x_ij| into [1, 2) (of each
    /// column with <paramref name="eachColumn"/>, else of the matrix), so that no sum or square below overflows or
    /// underflows; an exactly constant column becomes exactly 0. A power of two scales every rounding exactly, so the
    /// correlations and the unit-norm matrix computed from the copy are those of x, bit for bit, wherever x itself
    /// did not overflow.</summary>
    private static Matrix<double> Centred(Matrix<double> x, bool eachColumn)
    {
        int n = x.RowCount;
        var result = Matrix<double>.Build.Dense(n, x.ColumnCount);
        double matrixScale = eachColumn ? 1 : PowerOfTwoScale(x.Enumerate().Max(Math.Abs));
        for (int j = 0; j < x.ColumnCount; j++)
        {
            double first = x[0, j];
            bool constant = true;
            double largest = 0;
            for (int i = 0; i < n; i++)
            {
                constant &= x[i, j] == first;
                largest = Math.Max(largest, Math.Abs(x[i, j]));
            }
            if (constant) continue;
            double scale = eachColumn ? PowerOfTwoScale(largest) : matrixScale, mean = 0;
            for (int i = 0; i < n; i++) mean += x[i, j] * scale;
            mean /= n;
            for (int i = 0; i < n; i++) result[i, j] = x[i, j] * scale - mean;
        }
        return result;
    }

    /// <summary>2⁻ᵉ with e = ⌊log₂ m⌋ (within ±1022, so the factor is finite); 1 for m = 0.</summary>
    private static double PowerOfTwoScale(double m) => m == 0 ? 1 : Math.ScaleB(1.0, -Math.Clamp(Math.ILogB(m), -1022, 1022));

    /// <summary>Whether every column of x is exactly constant across samples (a collapsed posterior): then
    /// <see cref="LinearCka"/> and <see cref="Procrustes"/> are undefined and throw.</summary>
    /// <param name="x">A representation, shape [samples, k].</param>
    /// <returns>True when x[i, j] = x[0, j] for every i and j (true for fewer than 2 rows).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="x"/> is null.</exception>
    public static bool IsConstant(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        for (int j = 0; j < x.ColumnCount; j++)
            for (int i = 1; i < x.RowCount; i++)
                if (x[i, j] != x[0, j]) return false;
        return true;
    }

    /// <summary>Column-centred copy scaled to unit Frobenius norm; throws when x is constant across samples.</summary>
    private static Matrix<double> UnitCentred(Matrix<double> x, string name, string metric)
    {
        var centred = Centred(x, eachColumn: false);
        double norm = Frobenius(centred);
        if (norm == 0)
            throw new ArgumentException($"{name} ({x.RowCount}×{x.ColumnCount}) is constant across samples: every column has zero variance, so {metric} is undefined.", name);
        return centred / norm;
    }

    /// <summary>‖m‖_F = √(Σ m_ij²), scaled by max |m_ij| against overflow. (MathNet's <c>FrobeniusNorm()</c> forms m mᵀ,
    /// O(n²k) for a tall [n, k] matrix.)</summary>
    private static double Frobenius(Matrix<double> m)
    {
        double scale = 0;
        foreach (var v in m.Enumerate()) scale = Math.Max(scale, Math.Abs(v));
        if (scale == 0) return 0;
        double sum = 0;
        foreach (var v in m.Enumerate())
        {
            double r = v / scale;
            sum += r * r;
        }
        return scale * Math.Sqrt(sum);
    }

    private static Matrix<double> Pad(Matrix<double> x, int columns) =>
        x.ColumnCount == columns ? x : x.Append(Matrix<double>.Build.Dense(x.RowCount, columns - x.ColumnCount));


    private static void Validate(Matrix<double> x, Matrix<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.RowCount < 2)
            throw new ArgumentException($"x has {x.RowCount} rows; the metrics need at least 2 samples.", nameof(x));
        if (y.RowCount != x.RowCount)
            throw new ArgumentException($"y has {y.RowCount} rows but x has {x.RowCount}; row i of each must be the same sample.", nameof(y));
        if (x.ColumnCount == 0)
            throw new ArgumentException("x has no columns.", nameof(x));
        if (y.ColumnCount == 0)
            throw new ArgumentException("y has no columns.", nameof(y));
        Numerics.MatrixValidation.RequireFinite(x, nameof(x));
        Numerics.MatrixValidation.RequireFinite(y, nameof(y));
    }
}
