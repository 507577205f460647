using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.Quantum.Schrodinger;

/// <summary>The potential of kernels with a covariance of their own (variable widths, anisotropic shapes).</summary>
public sealed partial class SchrodingerPotential
{
    /// <summary>Per-point kernels: precisions Σ_i⁻¹ (null when every Σ_i is a multiple s_i²I of the identity, which
    /// <paramref name="InverseVariances"/> then gives as 1/s_i²), covariances Σ_i (row-major [count, d, d]) and log a_i; the
    /// shortest and longest axis of each kernel in the caller's row order (never permuted). As built, every array is in the
    /// caller's order with precisions row-major [count, d, d]; <see cref="Permuted"/> puts them in the potential's order, with
    /// precisions, inverse variances and log weights by column for the vectorised sums.</summary>
    private sealed record Kernels(double[]? Precisions, double[]? InverseVariances, double[] Covariances, double[] LogWeights, double LogWeightMax,
        double SmallestScale, double[] RowShortest, double[] RowLongest)
    {
        /// <summary>The kernels of the points in <paramref name="order"/> (row r is the caller's row order[r]): covariances
        /// row-major [count, d, d]; precisions by entry, [d·d, stride] (entry (j, k) of kernel r at (j·d + k)·stride + r);
        /// inverse variances and log weights of length stride. Padding beyond the count is 0.</summary>
        public Kernels Permuted(int[] order, int stride) => this with
        {
            Precisions = Precisions is null ? null : Columns(Precisions, order, stride),
            InverseVariances = InverseVariances is null ? null : Columns(InverseVariances, order, stride),
            Covariances = Rows(Covariances, order),
            LogWeights = Columns(LogWeights, order, stride),
        };

        private static double[] Rows(double[] values, int[] order)
        {
            var block = values.Length / order.Length;
            var result = new double[values.Length];
            for (var r = 0; r < order.Length; r++) Array.Copy(values, order[r] * block, result, r * block, block);
            return result;
        }

        private static double[] Columns(double[] values, int[] order, int stride)
        {
            var block = values.Length / order.Length;
            var result = new double[block * stride];
            for (var r = 0; r < order.Length; r++)
            for (var e = 0; e < block; e++)
                result[e * stride + r] = values[order[r] * block + e];
            return result;
        }
    }

    /// <summary>
    /// Builds the potential of <paramref name="points"/> whose kernels have covariances of their own: variable widths
    /// (Abramson's law, <see cref="KernelCovariances.Abramson"/>) or anisotropic shapes (<see cref="KernelCovariances.LocalShapes"/>).
    /// </summary>
    /// <param name="points">Data points z_i, shape [samples, d], samples ≥ 1, d ≥ 1, finite; copied.</param>
    /// <param name="sigma">The reference width σ (units of z), &gt; 0 and finite: a kernel with Σ_i = σ²I has weight
    /// a_i = 1, and <see cref="Sigma"/> reports it.</param>
    /// <param name="covariances">Σ_i, one symmetric positive-definite [d, d] matrix per point (units of z²), finite; copied.</param>
    /// <returns>The potential with ψ(z) = Σ_i a_i exp(−m_i/2), m_i = (z − z_i)ᵀ Σ_i⁻¹ (z − z_i), a_i = σ^d / √det Σ_i
    /// (every kernel has the mass of the isotropic kernel of width σ, so ψ is proportional to the kernel density
    /// estimate), and V(z) = Σ_i w_i m_i / 2, w_i = a_i exp(−m_i/2) / ψ.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty or not finite; <paramref name="covariances"/>
    /// has the wrong count, a matrix of the wrong size, a non-finite, asymmetric or not positive-definite matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not positive and finite.</exception>
    /// <remarks>
    /// <para>Each kernel φ_i = exp(−m_i/2) is the ground state, at E = d/2, of its own H_i = −½∇·Σ_i∇ + m_i/2, so
    /// V = E + Σ_i a_i (½∇·Σ_i∇φ_i) / ψ: the harmonic potential each kernel needs, averaged with the kernels' weights at z.
    /// With Σ_i = σ²I for every i this is exactly Horn &amp; Gottlieb's V of <see cref="Create(Matrix{double}, double)"/>;
    /// otherwise ψ is not the ground state of one Schrödinger operator, and V is our generalisation (per-sample widths as
    /// in N. Nasios &amp; A. G. Bors, "Kernel-based classification using quantum mechanics", Pattern Recognition 40, 875
    /// (2007), who estimate the widths differently). Gradient in closed form, with u_i = Σ_i⁻¹(z − z_i) and ū = Σ_i w_i u_i:
    /// ∇V = (1 + V) ū − ½ Σ_i w_i m_i u_i. Windowed evaluation bins the points by half-octave of their kernel's longest axis (√ of the
    /// largest eigenvalue of Σ_i); each bin has its own grid and window, the bin's largest axis in place of σ, with the same
    /// error bound. Peer: tools/reference/schrodinger_clustering.py.</para>
    /// </remarks>
    public static SchrodingerPotential Create(Matrix<double> points, double sigma, IReadOnlyList<Matrix<double>> covariances)
    {
        RequirePoints(points, nameof(points));
        RequireSigma(sigma, nameof(sigma));
        ArgumentNullException.ThrowIfNull(covariances);
        int count = points.RowCount, d = points.ColumnCount;
        if (covariances.Count != count)
            throw new ArgumentException($"covariances has {covariances.Count} matrices for {count} points.", nameof(covariances));
        var precisions = new double[count * d * d];
        var copies = new double[count * d * d];
        var logWeights = new double[count];
        var axes = new double[count];
        var shortest = new double[count];
        var inverseVariances = new double[count];
        var scalar = true;      // every Σ_i a multiple of I: the sums skip the d×d product
        double smallest = double.PositiveInfinity, largest = 0;
        for (var i = 0; i < count; i++)
        {
            var c = covariances[i] ?? throw new ArgumentNullException(nameof(covariances), $"covariances[{i}] is null.");
            if (c.RowCount != d || c.ColumnCount != d)
                throw new ArgumentException($"covariances[{i}] is {c.RowCount}×{c.ColumnCount}; the points have dimension {d}.", nameof(covariances));
            var scale = 0.0;
            foreach (var x in c.Enumerate())
            {
                if (!double.IsFinite(x)) throw new ArgumentException($"covariances[{i}] has the non-finite entry {x}.", nameof(covariances));
                scale = Math.Max(scale, Math.Abs(x));
            }
            for (var j = 0; j < d; j++)
            for (var k = j + 1; k < d; k++)
                if (Math.Abs(c[j, k] - c[k, j]) > 1e-12 * scale)
                    throw new ArgumentException($"covariances[{i}] is not symmetric: [{j},{k}] = {c[j, k]}, [{k},{j}] = {c[k, j]}.", nameof(covariances));
            // A multiple of I (Abramson's widths) needs no eigendecomposition: every eigenvalue is its diagonal.
            var isScalar = IsMultipleOfIdentity(c);
            var evd = isScalar ? null : c.Evd(Symmetricity.Symmetric);
            var eigenvalues = evd is null ? Enumerable.Repeat(c[0, 0], d).ToArray() : evd.EigenValues.Select(e => e.Real).ToArray();
            var low = eigenvalues.Min();
            if (!(low > 0))
                throw new ArgumentException($"covariances[{i}] is not positive definite (smallest eigenvalue {low}).", nameof(covariances));
            for (var j = 0; j < d; j++)
            for (var k = 0; k < d; k++)
            {
                var p = 0.0;
                if (evd is null) p = j == k ? 1.0 / low : 0.0;
                else
                    for (var e = 0; e < d; e++) p += evd.EigenVectors[j, e] * evd.EigenVectors[k, e] / eigenvalues[e];
                precisions[(i * d + j) * d + k] = p;
                copies[(i * d + j) * d + k] = 0.5 * (c[j, k] + c[k, j]);
            }
            scalar &= isScalar;
            inverseVariances[i] = 1.0 / low;
            logWeights[i] = d * Math.Log(sigma) - 0.5 * eigenvalues.Sum(Math.Log);
            axes[i] = Math.Sqrt(eigenvalues.Max());
            shortest[i] = Math.Sqrt(low);
            smallest = Math.Min(smallest, shortest[i]);
            largest = Math.Max(largest, axes[i]);
        }
        var kernels = new Kernels(scalar ? null : precisions, scalar ? inverseVariances : null, copies, logWeights, logWeights.Max(), smallest, shortest, axes);
        // One grid per half-octave of the longest axis, its window that of the bin's upper end: a wide kernel no longer
        // widens the window of every other point.
        var shortestLongAxis = axes.Min();
        var grids = axes.Select(a => Math.Min((int)Math.Floor(GridsPerOctave * Math.Log2(a / shortestLongAxis)), MaximumGrids - 1)).ToArray();
        var windows = Enumerable.Range(0, grids.Max() + 1)
            .Select(g => g == MaximumGrids - 1 ? Window(largest) : Math.Min(Window(shortestLongAxis * Math.Pow(2, (g + 1.0) / GridsPerOctave)), Window(largest))).ToArray();
        return Build(points, sigma, grids, windows, kernels);
    }

    private static bool IsMultipleOfIdentity(Matrix<double> c)
    {
        for (var j = 0; j < c.RowCount; j++)
        for (var k = 0; k < c.ColumnCount; k++)
            if (j == k ? c[j, j] != c[0, 0] : c[j, k] != 0) return false;
        return true;
    }

    /// <summary>Grids per octave of kernel size: a point's window is at most 2^(1/2) times its own.</summary>
    private const int GridsPerOctave = 2;

    /// <summary>Most grids of a potential with kernel covariances (kernels beyond the last share its grid).</summary>
    private const int MaximumGrids = 16;

    /// <summary>True when every kernel is the isotropic exp(−‖z − z_i‖²/2σ²) of Horn &amp; Gottlieb.</summary>
    public bool IsIsotropic => _kernels is null;

    /// <summary>True when the kernels have covariances of their own and every one is a multiple s_i²I of the identity (as
    /// with Abramson's widths alone): the sums then skip the d×d product.</summary>
    internal bool HasScalarKernels => _kernels is { Precisions: null };

    /// <summary>The kernels' covariances Σ_i, one [d, d] matrix per point, item i the kernel of row i of
    /// <see cref="Points"/> (and of the points given to Create); units of z²; σ²I for every point of an isotropic
    /// potential; fresh matrices.</summary>
    public IReadOnlyList<Matrix<double>> Covariances()
    {
        var d = Dimension;
        var result = new Matrix<double>[Count];
        for (var r = 0; r < Count; r++)
            result[_order[r]] = _kernels is { } kernels
                ? Matrix<double>.Build.Dense(d, d, (j, k) => kernels.Covariances[(r * d + j) * d + k])
                : Matrix<double>.Build.DenseDiagonal(d, d, Sigma * Sigma);
        return Array.AsReadOnly(result);
    }

    /// <summary>The length scale of the merge of descent end points: σ for an isotropic potential, else the shortest
    /// kernel axis (√ of the smallest eigenvalue of any Σ_i), so that the minima of the narrowest wells stay apart.</summary>
    internal double MergeScale => _kernels?.SmallestScale ?? Sigma;

    /// <summary>The shortest and longest axis of the kernel of row <paramref name="row"/> of the points as given to
    /// Create (σ, σ for an isotropic potential): the length scales of that point's own descent.</summary>
    internal (double Shortest, double Longest) KernelAxes(int row) =>
        _kernels is { } kernels ? (kernels.RowShortest[row], kernels.RowLongest[row]) : (Sigma, Sigma);
}
