using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Collections;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Fluids.Learning;

/// <summary>
/// The slides' missing-data experiment: reconstruct blacked-out blocks of distance matrices with the VAE and compare
/// the error on the masked entries with mean imputation and with the reconstruction of the complete matrix.
/// </summary>
/// <remarks>
/// The VAE imputation is the iterative conditional scheme of Rezende, Mohamed &amp; Wierstra (2014, §5.2), in its
/// deterministic (mean) form: start the masked entries at the per-entry mean of normal matrices, then repeat
/// x ← observed entries of x, masked entries of decode(μ(x)). Each pass keeps the observed entries bit for bit and
/// keeps the matrix a distance matrix where it is known to be one: the imputed value of entry (i, j) is
/// max(0, ½(x̂_ij + x̂_ji)) and a masked diagonal entry is 0, so the imputation is exactly symmetric.
/// With <see cref="MissingDataProjection.PlanarDistances"/> each pass is followed by a projection onto planar distance
/// matrices (<see cref="DistanceCompletion"/>); <see cref="ImputeByGeometry"/> is that projection alone, from the mean.
/// </remarks>
public static class MissingData
{
    /// <summary>Imputes the masked entries of <paramref name="masked"/> with the iterative VAE scheme.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="masked">Matrices with one block (and its mirror) masked per matrix (<see cref="AnomalyData.Mask"/>); the
    /// masked entries' stored values are ignored.</param>
    /// <param name="reference">Normal matrices (e.g. the training set) whose per-entry mean is the starting point.</param>
    /// <param name="options">Passes and tolerance; default <see cref="MissingDataOptions.Default"/>.</param>
    /// <returns>The imputed matrices (a fresh set; observed entries equal to <paramref name="masked"/>'s), the passes done
    /// and the RMS change of each pass.</returns>
    /// <exception cref="ArgumentException">N differs between the sets or from the model's, a block does not fit, or (with
    /// <see cref="MissingDataProjection.PlanarDistances"/>) a block leaves the observed pairs of its matrix unconnected
    /// (e.g. s = N), so that no planar configuration is determined.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MissingDataImputation Impute(FluidVaeModel model, MaskedMatrices masked, DistanceMatrixSet reference, MissingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(masked);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= MissingDataOptions.Default;
        options.Validate();
        int n = masked.Matrices.Particles, count = masked.Matrices.Count;
        var (isMasked, current) = MeanImputed(masked, reference, options.Projection == MissingDataProjection.PlanarDistances);
        var changes = Iterate(model, current, isMasked, count, n, options, null, Unfitted(count));
        return new MissingDataImputation(new DistanceMatrixSet(current, count, n), changes.Count, changes);
    }

    /// <summary>
    /// Distance-matrix completion without a model: the masked entries start at the per-entry mean of
    /// <paramref name="reference"/> (mean imputation) and are replaced by the distances of the planar configuration
    /// fitted to the observed entries (<see cref="DistanceCompletion.Complete"/>, weighted SMACOF from classical MDS).
    /// </summary>
    /// <param name="masked">Matrices with one block (and its mirror) masked per matrix; the masked entries' stored values are ignored.</param>
    /// <param name="reference">Normal matrices whose per-entry mean is the starting guess.</param>
    /// <param name="options">Only <see cref="MissingDataOptions.ProjectionIterations"/> and
    /// <see cref="MissingDataOptions.ProjectionTolerance"/> are used; default <see cref="MissingDataOptions.Default"/>.</param>
    /// <returns>The completed matrices (a fresh set; observed entries bit for bit those of <paramref name="masked"/>), one
    /// pass, and the RMS change from the mean imputation, σ.</returns>
    /// <exception cref="ArgumentException">N differs between the sets, a block does not fit, or a block leaves the observed
    /// pairs of its matrix unconnected (e.g. s = N, or s = N/2 at corner (0, N/2)); checked before any work.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MissingDataImputation ImputeByGeometry(MaskedMatrices masked, DistanceMatrixSet reference, MissingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(masked);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= MissingDataOptions.Default;
        options.Validate();
        int n = masked.Matrices.Particles, count = masked.Matrices.Count;
        var (isMasked, current) = MeanImputed(masked, reference, requireConnected: true);
        var start = current.ToArray();
        Project(current, null, isMasked, count, n, options, Unfitted(count));
        return new MissingDataImputation(new DistanceMatrixSet(current, count, n), 1, [RmsChange(start, current, isMasked)]);
    }

    /// <summary>Imputes the masked entries and measures the errors on them.</summary>
    /// <param name="model">A trained model.</param>
    /// <param name="complete">The matrices before masking [count, N, N], σ.</param>
    /// <param name="masked">The same matrices with one block (and its mirror) masked per matrix (<see cref="AnomalyData.Mask"/>).</param>
    /// <param name="reference">Normal matrices (the training set) whose per-entry mean is the mean imputation.</param>
    /// <param name="options">Passes, tolerances and projection settings; default <see cref="MissingDataOptions.Default"/>.
    /// <see cref="MissingDataOptions.Projection"/> is ignored: the VAE-only rows run with
    /// <see cref="MissingDataProjection.None"/>, the VAE + projection rows with <see cref="MissingDataProjection.PlanarDistances"/>.</param>
    /// <returns>The MSE on the masked entries (σ²) of each method, and of both VAE imputations after every pass.</returns>
    /// <exception cref="ArgumentException">The sets differ in count or N, N differs from the model's, a block does not fit,
    /// or a block leaves the observed pairs of its matrix unconnected (the projection needs them connected); checked
    /// before any work.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public static MissingDataReport Evaluate(FluidVaeModel model, DistanceMatrixSet complete, MaskedMatrices masked, DistanceMatrixSet reference, MissingDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(complete);
        ArgumentNullException.ThrowIfNull(masked);
        ArgumentNullException.ThrowIfNull(reference);
        options ??= MissingDataOptions.Default;
        options.Validate();
        int n = complete.Particles, count = complete.Count;
        if (masked.Matrices.Count != count || masked.Matrices.Particles != n)
            throw new ArgumentException($"masked has {masked.Matrices.Count} matrices of N = {masked.Matrices.Particles}; complete has {count} of N = {n}.", nameof(masked));
        var (isMasked, current) = MeanImputed(masked, reference, requireConnected: true);
        double meanMse = MaskedMse(complete.Values, current, isMasked);
        double zeroFilled = MaskedMse(complete.Values, model.Reconstruct(masked.Matrices).Values, isMasked);
        var geometric = current.ToArray();
        var projected = current.ToArray();
        var msePerPass = new List<double>();
        var changes = Iterate(model, current, isMasked, count, n, options with { Projection = MissingDataProjection.None }, x => msePerPass.Add(MaskedMse(complete.Values, x, isMasked)), Unfitted(count));
        double unmasked = MaskedMse(complete.Values, model.Reconstruct(complete).Values, isMasked);
        var geometricResiduals = Unfitted(count);
        Project(geometric, null, isMasked, count, n, options, geometricResiduals);
        var projectedMsePerPass = new List<double>();
        var projectedResiduals = Unfitted(count);
        var projectedChanges = Iterate(model, projected, isMasked, count, n, options with { Projection = MissingDataProjection.PlanarDistances }, x => projectedMsePerPass.Add(MaskedMse(complete.Values, x, isMasked)), projectedResiduals);
        return new MissingDataReport(count, isMasked.LongCount(m => m), msePerPass[^1], meanMse, unmasked, zeroFilled, changes.Count)
        {
            OneShotImputationMse = msePerPass[0],
            MsePerIteration = msePerPass,
            ChangePerIteration = changes,
            GeometricImputationMse = MaskedMse(complete.Values, geometric, isMasked),
            GeometricUnfittedMatrices = geometricResiduals.Count(r => r > UnfittedResidual),
            ProjectedImputationMse = projectedMsePerPass[^1],
            ProjectedIterations = projectedChanges.Count,
            ProjectedMsePerIteration = projectedMsePerPass,
            ProjectedUnfittedMatrices = projectedResiduals.Count(r => r > UnfittedResidual),
        };
    }

    /// <summary>RMS residual on the observed entries, σ, above which a completed matrix counts as not fitted
    /// (<see cref="MissingDataReport.GeometricUnfittedMatrices"/>).</summary>
    public const double UnfittedResidual = 1e-3;

    /// <summary>The passes of the scheme on <paramref name="current"/> (in place); returns the RMS change of each pass. With the
    /// projection, <paramref name="residuals"/> [count] (+∞ at the start) holds each matrix's RMS residual on its observed pairs
    /// after the last accepted projection.</summary>
    private static List<double> Iterate(FluidVaeModel model, float[] current, bool[] isMasked, int count, int n, MissingDataOptions options, Action<float[]>? afterPass, double[] residuals)
    {
        int d = n * n;
        long entries = isMasked.LongCount(m => m);
        var changes = new List<double>();
        bool project = options.Projection == MissingDataProjection.PlanarDistances;
        for (int t = 0; t < options.Iterations; t++)
        {
            var decoded = model.Reconstruct(new DistanceMatrixSet(current, count, n)).Values;
            var previous = project ? current.ToArray() : null;
            double squares = 0;
            for (int k = 0; k < count; k++)
            {
                long offset = (long)k * d;
                for (int i = 0; i < n; i++)
                    for (int j = 0; j < n; j++)
                    {
                        long e = offset + i * n + j;
                        if (!isMasked[e]) continue;
                        float value = i == j ? 0f : (float)Math.Max(0, 0.5 * ((double)decoded[(int)e] + decoded[(int)(offset + j * n + i)]));
                        double change = value - (double)current[e];
                        squares += change * change;
                        current[e] = value;
                    }
            }
            if (previous is not null)
            {
                Project(current, previous, isMasked, count, n, options, residuals);
                changes.Add(RmsChange(previous, current, isMasked));
            }
            else changes.Add(Math.Sqrt(squares / Math.Max(1, entries)));
            afterPass?.Invoke(current);
            if (changes[^1] < options.Tolerance) break;
        }
        return changes;
    }

    /// <summary>
    /// Replaces the masked entries of every matrix of <paramref name="current"/> (in place) by the distances of the
    /// planar configuration fitted to its observed entries, started from the current values; writes each matrix's RMS
    /// residual on the observed pairs, σ, into <paramref name="residuals"/> [count]. A projection that fits the observed
    /// entries worse than the last accepted one (<paramref name="residuals"/>' value on entry) is rejected and the masked
    /// entries of <paramref name="previous"/> are restored, so repeated passes never lose a better fit and cannot cycle
    /// between local minima of the stress.
    /// </summary>
    private static void Project(float[] current, float[]? previous, bool[] isMasked, int count, int n, MissingDataOptions options, double[] residuals)
    {
        int d = n * n;
        ParallelRunner.For(count, new ParallelOptions(), k =>
        {
            long offset = (long)k * d;
            var matrix = Matrix<double>.Build.Dense(n, n, (i, j) => current[offset + i * n + j]);
            var observed = new bool[n, n];
            int pairs = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    observed[i, j] = !isMasked[offset + i * n + j];
                    if (j > i && observed[i, j]) pairs++;
                }
            var result = DistanceCompletion.Complete(matrix, observed, 2, options.ProjectionIterations, options.ProjectionTolerance);
            double residual = Math.Sqrt(result.Embedding.RawStress / Math.Max(1, pairs));
            bool accept = previous is null || residual <= residuals[k];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    long e = offset + i * n + j;
                    if (!observed[i, j]) current[e] = accept ? (float)result.Completed[i, j] : previous![e];
                }
            if (accept) residuals[k] = residual;
        });
    }

    /// <summary>[count] residuals at +∞: no projection accepted yet.</summary>
    private static double[] Unfitted(int count) => Enumerable.Repeat(double.PositiveInfinity, count).ToArray();

    private static double RmsChange(float[] before, float[] after, bool[] isMasked)
    {
        var (squares, entries) = MaskedSquares(before, after, isMasked);
        return Math.Sqrt(squares / Math.Max(1, entries));
    }

    /// <summary>The start of every method: checks <paramref name="reference"/> against the masked matrices, and returns the
    /// flat mask and the masked matrices' values with every masked entry at the reference's per-entry mean.</summary>
    private static (bool[] IsMasked, float[] Current) MeanImputed(MaskedMatrices masked, DistanceMatrixSet reference, bool requireConnected)
    {
        int n = masked.Matrices.Particles;
        if (reference.Particles != n) throw new ArgumentException($"reference has N = {reference.Particles}; the masked matrices have N = {n}.", nameof(reference));
        if (reference.Count < 1) throw new ArgumentException("reference is empty.", nameof(reference));
        var isMasked = MaskOf(masked);
        if (requireConnected) RequireConnected(masked, isMasked);
        return (isMasked, MeanFilled(masked, reference, isMasked));
    }

    /// <summary>Throws unless, in every matrix, the observed pairs (i ≠ j, not masked) connect all N points: the planar
    /// projection (<see cref="DistanceCompletion.Complete"/>) is undetermined otherwise.</summary>
    private static void RequireConnected(MaskedMatrices masked, bool[] isMasked)
    {
        int n = masked.Matrices.Particles, d = n * n;
        var reached = new bool[n];
        var stack = new int[n];
        for (int k = 0; k < masked.Matrices.Count; k++)
        {
            long offset = (long)k * d;
            Array.Clear(reached);
            reached[0] = true;
            int top = 0, seen = 1;
            stack[top++] = 0;
            while (top > 0)
            {
                int i = stack[--top];
                for (int j = 0; j < n; j++)
                {
                    if (reached[j] || j == i || isMasked[offset + i * n + j]) continue;
                    reached[j] = true;
                    seen++;
                    stack[top++] = j;
                }
            }
            if (seen < n)
                throw new ArgumentException($"masked block {k} at ({masked.BlockRows[k]}, {masked.BlockColumns[k]}) of side {masked.BlockSize} disconnects point {Array.IndexOf(reached, false)} from point 0 of its {n}×{n} matrix: no observed pairs link them, so the planar projection is undetermined.", nameof(masked));
        }
    }

    /// <summary>Flat mask [count·N²]: the block [r, r+s) × [c, c+s) of every matrix and its mirror.</summary>
    private static bool[] MaskOf(MaskedMatrices masked)
    {
        int n = masked.Matrices.Particles, d = n * n, count = masked.Matrices.Count;
        if (masked.BlockRows.Count != count || masked.BlockColumns.Count != count)
            throw new ArgumentException($"masked has {masked.BlockRows.Count} block rows and {masked.BlockColumns.Count} block columns for {count} matrices.", nameof(masked));
        var isMasked = new bool[(long)count * d];
        for (int k = 0; k < count; k++)
        {
            int r0 = masked.BlockRows[k], c0 = masked.BlockColumns[k];
            if (r0 < 0 || c0 < 0 || r0 + masked.BlockSize > n || c0 + masked.BlockSize > n)
                throw new ArgumentException($"masked block {k} at ({r0}, {c0}) of side {masked.BlockSize} does not fit an {n}×{n} matrix.", nameof(masked));
            for (int i = 0; i < masked.BlockSize; i++)
                for (int j = 0; j < masked.BlockSize; j++)
                {
                    int r = r0 + i, c = c0 + j;
                    isMasked[(long)k * d + r * n + c] = isMasked[(long)k * d + c * n + r] = true;
                }
        }
        return isMasked;
    }

    /// <summary>The masked matrices' values with every masked entry replaced by the per-entry mean of <paramref name="reference"/>.</summary>
    private static float[] MeanFilled(MaskedMatrices masked, DistanceMatrixSet reference, bool[] isMasked)
    {
        int d = reference.Particles * reference.Particles;
        var mean = new double[d];
        var values = reference.Values;
        for (int k = 0; k < reference.Count; k++)
            for (int j = 0; j < d; j++) mean[j] += values[k * d + j];
        for (int j = 0; j < d; j++) mean[j] /= reference.Count;
        var current = masked.Matrices.Values.ToArray();
        for (long e = 0; e < current.Length; e++)
            if (isMasked[e]) current[e] = (float)mean[e % d];
        return current;
    }

    private static double MaskedMse(ReadOnlySpan<float> truth, ReadOnlySpan<float> guess, bool[] isMasked)
    {
        var (sum, entries) = MaskedSquares(truth, guess, isMasked);
        return sum / entries;
    }

    /// <summary>Σ (b − a)² over the masked entries, and their number.</summary>
    private static (double Sum, long Entries) MaskedSquares(ReadOnlySpan<float> a, ReadOnlySpan<float> b, bool[] isMasked)
    {
        double sum = 0;
        long entries = 0;
        for (int e = 0; e < a.Length; e++)
        {
            if (!isMasked[e]) continue;
            double r = b[e] - (double)a[e];
            sum += r * r;
            entries++;
        }
        return (sum, entries);
    }
}

/// <summary>The result of <see cref="MissingData.Impute"/>.</summary>
/// <param name="Imputed">The matrices with the masked entries imputed, σ (a fresh set; observed entries unchanged).</param>
/// <param name="Iterations">Passes done.</param>
/// <param name="ChangePerIteration">RMS change of the imputed entries in each pass, σ, shape [Iterations].</param>
public sealed record MissingDataImputation(DistanceMatrixSet Imputed, int Iterations, IReadOnlyList<double> ChangePerIteration)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> ChangePerIteration { get => _changePerIteration; init => _changePerIteration = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _changePerIteration = ValueList.Copy(ChangePerIteration);
}
