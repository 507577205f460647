using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Statistics;
using Vae.Core.Decomposition;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// Per-point kernel covariances Σ_i for <see cref="SchrodingerPotential.Create(Matrix{double}, double, IReadOnlyList{Matrix{double}})"/>:
/// Σ_i = (σ λ_i)² S_i, with widths λ_i from Abramson's square-root law and unit-determinant shapes S_i from the covariance of
/// each point's nearest neighbours. Either part can be left out (λ_i = 1 or S_i = I); with both left out Σ_i = σ²I, the
/// isotropic kernel of Horn &amp; Gottlieb.
/// </summary>
public static class KernelCovariances
{
    /// <summary>Shrinkage α of a local covariance towards its mean variance: C + α (tr C / d) I, so no kernel axis is
    /// more than √((1 + α)/α) ≈ 3.3 times another.</summary>
    public const double ShapeShrinkage = 0.1;

    /// <summary>The widest range of log σ² that <see cref="Posterior"/> accepts: shifted to the middle of the range, every
    /// variance e^(log σ² − shift) then lies within e^±700, inside double precision.</summary>
    internal const double LogVarianceRange = 1400;

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="parameter"/> (and <paramref name="name"/> in the
    /// message) unless every entry of <paramref name="logVariances"/> is finite and they span at most
    /// <see cref="LogVarianceRange"/>; returns their smallest and largest entry.</summary>
    internal static (double Low, double High) RequireLogVariances(Matrix<double> logVariances, string name, string parameter)
    {
        var (low, high) = (double.PositiveInfinity, double.NegativeInfinity);
        foreach (var x in logVariances.Enumerate())
        {
            if (!double.IsFinite(x)) throw new ArgumentException($"{name} has the non-finite entry {x}.", parameter);
            (low, high) = (Math.Min(low, x), Math.Max(high, x));
        }
        if (high - low > LogVarianceRange)
            throw new ArgumentException($"{name} spans {low} to {high}: variances more than e^{LogVarianceRange} apart cannot be represented together in double precision.", parameter);
        return (low, high);
    }

    /// <summary>
    /// Abramson's widths λ_i = (f(z_i) / g)^(−1/2), where f is the fixed-width pilot ψ(z) = Σ_j exp(−‖z − z_j‖²/2σ²)
    /// (<see cref="SchrodingerPotential.WaveFunction"/>, each point counting itself) and g the geometric mean of f(z_i).
    /// </summary>
    /// <param name="points">Points, shape [samples, d], samples ≥ 1, finite.</param>
    /// <param name="sigma">Pilot width σ (units of the points), &gt; 0 and finite.</param>
    /// <returns>λ_i &gt; 0, one per row (dimensionless; geometric mean 1: narrower kernels where the pilot density is high).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not positive and finite.</exception>
    /// <remarks>I. S. Abramson, "On bandwidth variation in kernel estimates — a square root law", Ann. Statist. 10, 1217
    /// (1982); B. W. Silverman, Density Estimation (1986), §5.3, with sensitivity ½. The pilot is summed over the points
    /// within the potential's window (relative error below 1e-10).</remarks>
    public static IReadOnlyList<double> Abramson(Matrix<double> points, double sigma)
    {
        SchrodingerPotential.RequirePoints(points, nameof(points));
        SchrodingerPotential.RequireSigma(sigma, nameof(sigma));
        var pilot = SchrodingerPotential.Create(points, sigma);
        var data = points.ToRowMajorArray();
        var d = points.ColumnCount;
        var logDensity = new double[points.RowCount];
        Parallel.For(0, logDensity.Length, i =>
            logDensity[i] = Math.Log(pilot.Evaluate(data.AsSpan(i * d, d), Span<double>.Empty, windowed: true).Psi));   // ≥ 1: the point itself
        var logMean = logDensity.Average();
        return Array.AsReadOnly(logDensity.Select(l => Math.Exp(-0.5 * (l - logMean))).ToArray());
    }

    /// <summary>
    /// The shape S_i of each point's neighbourhood: the covariance C_i of the point and its K nearest neighbours, shrunk
    /// to C_i + α (tr C_i / d) I (α = <see cref="ShapeShrinkage"/>) and scaled to determinant 1.
    /// </summary>
    /// <param name="points">Points, shape [samples, d], samples ≥ K + 1, finite.</param>
    /// <param name="neighbours">K ≥ 1 (points tied at the K-th distance are all included).</param>
    /// <returns>One symmetric positive-definite [d, d] matrix per row, det S_i = 1 (dimensionless); the identity where
    /// the neighbourhood is a single repeated point.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite points, or fewer than K + 1 of them.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="neighbours"/> &lt; 1.</exception>
    /// <remarks>Local covariances as kernel shapes follow the adaptive anisotropic kernel estimators (e.g. Sain, "Multivariate
    /// locally adaptive density estimation", Comput. Stat. Data Anal. 39, 165 (2002)); the neighbourhood and the
    /// shrinkage are our choices (docs/quantum.md §10). The K-th distance is found by selection, O(n) per point.</remarks>
    public static IReadOnlyList<Matrix<double>> LocalShapes(Matrix<double> points, int neighbours)
    {
        SchrodingerPotential.RequirePoints(points, nameof(points));
        if (neighbours < 1)
            throw new ArgumentOutOfRangeException(nameof(neighbours), neighbours, "K must be at least 1.");
        int count = points.RowCount, d = points.ColumnCount;
        if (count < neighbours + 1)
            throw new ArgumentException($"points has {count} rows; K = {neighbours} neighbours need at least {neighbours + 1}.", nameof(points));
        var data = points.ToRowMajorArray();
        var shapes = new Matrix<double>[count];
        Parallel.For(0, count, () => (new double[count - 1], new double[count - 1]), (row, _, buffers) =>
        {
            var (squared, selection) = buffers;
            SquaredDistances(data, d, row, squared);
            squared.CopyTo(selection, 0);
            var radius = ArrayStatistics.OrderStatisticInplace(selection, neighbours);
            var mean = new double[d];
            var members = new List<int>(neighbours + 1) { row };
            for (var i = 0; i < count; i++)
                if (i != row && squared[i < row ? i : i - 1] <= radius) members.Add(i);
            foreach (var i in members)
                for (var j = 0; j < d; j++) mean[j] += data[i * d + j] / members.Count;
            var c = Matrix<double>.Build.Dense(d, d);
            foreach (var i in members)
                for (var j = 0; j < d; j++)
                for (var k = 0; k <= j; k++)
                    c[j, k] += (data[i * d + j] - mean[j]) * (data[i * d + k] - mean[k]) / members.Count;
            for (var j = 0; j < d; j++)
                for (var k = j + 1; k < d; k++) c[j, k] = c[k, j];
            var trace = c.Trace();
            if (!(trace > 0))
            {
                shapes[row] = Matrix<double>.Build.DenseIdentity(d);
                return buffers;
            }
            for (var j = 0; j < d; j++) c[j, j] += ShapeShrinkage * trace / d;
            shapes[row] = c / Math.Pow(c.Determinant(), 1.0 / d);
            return buffers;
        }, _ => { });
        return Array.AsReadOnly(shapes);
    }

    /// <summary>
    /// The encoder's posterior covariances as kernel covariances: C_i = diag(exp log σ²_i) (projected to P C_i Pᵀ on the
    /// principal components P of <paramref name="projection"/> when given), divided by their common scale g, the geometric
    /// mean of det(C_i)^(1/d), so that σ² C_i with σ² = g are the posteriors themselves and ψ of those kernels is the
    /// VAE's aggregate posterior q(z) = (1/n) Σ_i N(z; μ_i, C_i), up to a constant factor.
    /// </summary>
    /// <param name="logVariances">Posterior log-variances log σ², shape [samples, latent] (<see cref="Vae.Core.Models.PosteriorCodes.LogVariance"/>), finite.</param>
    /// <param name="projection">The PCA the posterior means were projected with, fitted on [*, latent]; null: none.</param>
    /// <returns>One symmetric positive-definite [d, d] matrix per row (d = latent, or the number of components), with
    /// geometric mean of det^(1/d) equal to 1 (dimensionless; multiply by σ², in units of z², for <see cref="SchrodingerPotential.Create(Matrix{double}, double, IReadOnlyList{Matrix{double}})"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="logVariances"/> is null.</exception>
    /// <exception cref="ArgumentException">Empty or non-finite log-variances, variances too far apart to be represented
    /// together (a range of log σ² above 1400), or a projection fitted on another number of features.</exception>
    /// <remarks>The aggregate posterior is the density the encoder itself assigns to the codes (Makhzani et al.,
    /// "Adversarial autoencoders", 2015; Hoffman &amp; Johnson, "ELBO surgery", NIPS workshop 2016); as a Parzen estimate it has
    /// one kernel per code whose size and shape are the encoder's uncertainty about that code. Our use of it as ψ is
    /// described in docs/quantum.md §10.</remarks>
    public static IReadOnlyList<Matrix<double>> Posterior(Matrix<double> logVariances, PcaModel? projection = null)
    {
        ArgumentNullException.ThrowIfNull(logVariances);
        if (logVariances.RowCount == 0 || logVariances.ColumnCount == 0)
            throw new ArgumentException($"logVariances is {logVariances.RowCount}×{logVariances.ColumnCount}; it needs at least one row and one column.", nameof(logVariances));
        var (low, high) = RequireLogVariances(logVariances, nameof(logVariances), nameof(logVariances));
        if (projection is not null && projection.FeatureCount != logVariances.ColumnCount)
            throw new ArgumentException($"projection was fitted on {projection.FeatureCount} features; logVariances has {logVariances.ColumnCount} columns.", nameof(projection));
        var shift = 0.5 * (low + high);     // every exp(log σ² − shift) lies within e^±700
        var components = projection?.Components;
        var covariances = new Matrix<double>[logVariances.RowCount];
        for (var i = 0; i < covariances.Length; i++)
        {
            var diagonal = Matrix<double>.Build.DenseOfDiagonalVector(logVariances.Row(i).Map(x => Math.Exp(x - shift)));
            covariances[i] = components is null ? diagonal : components * diagonal.TransposeAndMultiply(components);
        }
        var logScale = covariances.Average(c => c.Cholesky().DeterminantLn / c.RowCount);
        return Array.AsReadOnly(covariances.Select(c => c * Math.Exp(-logScale)).ToArray());
    }

    /// <summary>
    /// Σ_i = (σ λ_i)² S_i for the kernel options of <paramref name="options"/>, or null when they ask for none (the
    /// isotropic potential). With posterior covariances C_i (<see cref="QuantumClusteringOptions.PosteriorCovariances"/>):
    /// Σ_i = σ² C_i, or, with Abramson's widths, (σ λ_i)² C_i / det(C_i)^(1/d) (the posterior's shape, Abramson's size).
    /// </summary>
    internal static IReadOnlyList<Matrix<double>>? For(Matrix<double> points, double sigma, QuantumClusteringOptions options)
    {
        var posterior = options.PosteriorCovariances;
        if (!options.AdaptiveWidths && !options.LocalShapes && posterior is null) return null;
        int count = points.RowCount, d = points.ColumnCount;
        if (posterior is not null && posterior.Count != count)
            throw new InvalidOperationException($"{posterior.Count} posterior covariances for {count} points.");
        var widths = options.AdaptiveWidths ? Abramson(points, sigma) : null;
        var shapes = options.LocalShapes ? LocalShapes(points, options.ShapeNeighbours ?? Bandwidth.DefaultNeighbours(count)) : null;
        var result = new Matrix<double>[count];
        for (var i = 0; i < count; i++)
        {
            var width = sigma * (widths?[i] ?? 1.0);
            var shape = posterior is null ? shapes?[i] ?? Matrix<double>.Build.DenseIdentity(d)
                : widths is null ? posterior[i] : posterior[i] / Math.Exp(posterior[i].Cholesky().DeterminantLn / d);
            result[i] = shape * (width * width);
        }
        return Array.AsReadOnly(result);
    }

    /// <summary>The squared distances from row <paramref name="row"/> of the row-major [n, d] <paramref name="data"/> to
    /// every other row, in row order without the row itself (<paramref name="output"/> has length n − 1).</summary>
    internal static void SquaredDistances(double[] data, int d, int row, Span<double> output)
    {
        var count = data.Length / d;
        var m = 0;
        for (var i = 0; i < count; i++)
        {
            if (i == row) continue;
            var sum = 0.0;
            for (var j = 0; j < d; j++)
            {
                var delta = data[row * d + j] - data[i * d + j];
                sum += delta * delta;
            }
            output[m++] = sum;
        }
    }
}
