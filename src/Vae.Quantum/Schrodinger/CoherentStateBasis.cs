using MathNet.Numerics.LinearAlgebra;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// H = −(σ²/2m)∇² + V restricted to the span of the Gaussians g_b(x) = exp(−‖x − c_b‖²/2σ²) (Weinstein &amp; Horn, Phys.
/// Rev. E 80, 066117, 2009): overlaps, kinetic and potential matrix elements, the orthonormalised span (eigenvalues of
/// the overlap below a cut-off dropped), the eigenstates of H in it, and the position operator in those eigenstates.
/// Every matrix element carries the same omitted factor (πσ²)^(d/2), so a Gaussian has norm 1.
/// </summary>
internal sealed class CoherentStateBasis
{
    private readonly double[] _centres;         // [B·d]
    private readonly Matrix<double> _states;    // M, [B, K]: eigenstate k = Σ_b M[b, k] g_b
    private readonly Matrix<double>[] _position; // Mᵀ X_α M, [K, K] per coordinate α
    private readonly double[] _energies;        // [K], ascending

    /// <summary>Widening of the grid beyond the outermost centres, in σ: a Gaussian product is below e^(−36) there.</summary>
    internal const double Margin = 6.0;

    /// <summary>Largest grid nodes × Gaussians (the sampled basis is held as one dense matrix of this many doubles).</summary>
    internal const double MaximumGridEntries = 3e7;

    private CoherentStateBasis(double[] centres, int dimension, double sigma, Matrix<double> states, Matrix<double>[] position, double[] energies)
    {
        _centres = centres; Dimension = dimension; Sigma = sigma; _states = states; _position = position; _energies = energies;
    }

    public int Dimension { get; }
    public double Sigma { get; }
    public int Size => _centres.Length / Dimension;
    public int Retained => _energies.Length;
    public IReadOnlyList<double> Energies => Array.AsReadOnly(_energies);

    /// <summary>The eigenstates' coefficients on the Gaussians, [B, K] (a copy).</summary>
    public Matrix<double> States => _states.Clone();

    /// <summary>
    /// Builds the basis on the rows of <paramref name="centres"/> for the potential <paramref name="potential"/> (its σ).
    /// Overlap, kinetic, potential and position matrices are sums over one uniform grid of spacing
    /// <paramref name="spacing"/>·σ over the centres' bounding box widened by 6σ (the trapezoidal rule, spectrally
    /// accurate for these Gaussian integrands): each is a Gram matrix F diag(f) Fᵀ of the same sampled Gaussians, so a
    /// combination of Gaussians that vanishes on the grid has zero overlap, kinetic and potential energy alike and the
    /// dropped near-null directions of S cannot carry spurious energies (per-pair quadrature of V has no such guarantee).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The grid times the basis would exceed <see cref="MaximumGridEntries"/>.</exception>
    public static CoherentStateBasis Create(Matrix<double> centres, SchrodingerPotential potential, double mass, double spacing, double overlapCutoff,
        int maxDegreeOfParallelism, CancellationToken cancellationToken)
    {
        int count = centres.RowCount, d = centres.ColumnCount;
        var sigma = potential.Sigma;
        var flat = centres.ToRowMajorArray();
        var step = spacing * sigma;
        var (lower, sizes, nodes) = Grid(Bounds(centres), sigma, spacing);
        if (nodes * count > MaximumGridEntries)
            throw new ArgumentOutOfRangeException(nameof(DynamicQuantumClusteringOptions.GridSpacing), spacing,
                $"The quadrature grid ({string.Join(" × ", sizes)} nodes) times the {count} Gaussians exceeds {MaximumGridEntries:E0} entries; use a coarser GridSpacing, a smaller BasisSize or fewer PCA components.");
        var total = (int)nodes;
        // F[b, n] = g_b(x_n) √w, w = h^d/(πσ²)^(d/2): the Gaussians' norm is then 1.
        var root = Math.Sqrt(Math.Pow(step * step / (Math.PI * sigma * sigma), d / 2.0));
        var grid = new double[total * d];
        var values = new double[total];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism, CancellationToken = cancellationToken };
        Parallel.For(0, total, parallel, n =>
        {
            var rest = n;
            for (var j = 0; j < d; j++) { grid[n * d + j] = lower[j] + step * (rest % sizes[j]); rest /= sizes[j]; }
            values[n] = potential.Evaluate(grid.AsSpan(n * d, d), Span<double>.Empty, windowed: true).Value;
        });
        var sampled = Matrix<double>.Build.Dense(count, total);
        Parallel.For(0, count, parallel, b =>
        {
            for (var n = 0; n < total; n++)
            {
                var squared = 0.0;
                for (var j = 0; j < d; j++) { var delta = grid[n * d + j] - flat[b * d + j]; squared += delta * delta; }
                sampled[b, n] = root * Math.Exp(-squared / (2 * sigma * sigma));
            }
        });
        cancellationToken.ThrowIfCancellationRequested();
        // Σ_n F[a, n] f(x_n) F[b, n]: the matrix of multiplication by f.
        Matrix<double> Gram(Func<int, double> factor) =>
            Matrix<double>.Build.Dense(count, total, (b, n) => sampled[b, n] * factor(n)).TransposeAndMultiply(sampled);
        var overlap = sampled.TransposeAndMultiply(sampled);
        var hamiltonian = Gram(n => values[n]);
        for (var j = 0; j < d; j++)
        {
            // T = (σ²/2m) Σ_α ⟨∂_α g_a|∂_α g_b⟩, ∂_α g_b = −(x_α − c_bα)/σ² g_b.
            var axis = j;
            var derivative = Matrix<double>.Build.Dense(count, total, (b, n) => sampled[b, n] * (grid[n * d + axis] - flat[b * d + axis]) / (sigma * sigma));
            hamiltonian += derivative.TransposeAndMultiply(derivative) * (sigma * sigma / (2 * mass));
        }

        // Orthonormalise the span: S = U Λ Uᵀ, Q = U_K Λ_K^(−1/2) over the eigenvalues above the cut-off.
        var overlapEvd = overlap.Evd(Symmetricity.Symmetric);
        var lambda = overlapEvd.EigenValues.Select(v => v.Real).ToArray();
        var largest = lambda.Max();
        var kept = Enumerable.Range(0, count).Where(k => lambda[k] > overlapCutoff * largest).ToArray();
        var q = Matrix<double>.Build.Dense(count, kept.Length, (b, k) => overlapEvd.EigenVectors[b, kept[k]] / Math.Sqrt(lambda[kept[k]]));
        var reduced = q.TransposeThisAndMultiply(hamiltonian * q);
        reduced = 0.5 * (reduced + reduced.Transpose());
        var evd = reduced.Evd(Symmetricity.Symmetric);
        var order = Enumerable.Range(0, kept.Length).OrderBy(k => evd.EigenValues[k].Real).ToArray();
        var energies = order.Select(k => evd.EigenValues[k].Real).ToArray();
        var w = Matrix<double>.Build.Dense(kept.Length, kept.Length, (r, k) => evd.EigenVectors[r, order[k]]);
        var states = q * w;
        var position = new Matrix<double>[d];
        for (var j = 0; j < d; j++)
        {
            var axis = j;
            var xj = states.TransposeThisAndMultiply(Gram(n => grid[n * d + axis]) * states);
            position[j] = 0.5 * (xj + xj.Transpose());
        }
        return new CoherentStateBasis(flat, d, sigma, states, position, energies);
    }

    /// <summary>The smallest and largest value of each coordinate of <paramref name="points"/> ([n, d]).</summary>
    private static (double Min, double Max)[] Bounds(Matrix<double> points) =>
        Enumerable.Range(0, points.ColumnCount).Select(j => { var column = points.Column(j); return (column.Minimum(), column.Maximum()); }).ToArray();

    /// <summary>The grid of <see cref="Create"/> for centres with coordinate bounds <paramref name="bounds"/> at σ: its
    /// lower corner, nodes per coordinate (the bounding box widened by <see cref="Margin"/>·σ, spacing
    /// <paramref name="spacing"/>·σ) and node count.</summary>
    private static (double[] Lower, int[] Sizes, double Nodes) Grid((double Min, double Max)[] bounds, double sigma, double spacing)
    {
        int d = bounds.Length;
        var lower = new double[d];
        var sizes = new int[d];
        var nodes = 1.0;
        for (var j = 0; j < d; j++)
        {
            lower[j] = bounds[j].Min - Margin * sigma;
            sizes[j] = (int)Math.Ceiling((bounds[j].Max + Margin * sigma - lower[j]) / (spacing * sigma)) + 1;
            nodes *= sizes[j];
        }
        return (lower, sizes, nodes);
    }

    /// <summary>
    /// The smallest σ at which a basis of <paramref name="basisCount"/> Gaussians centred anywhere among the rows of
    /// <paramref name="points"/> stays within <see cref="MaximumGridEntries"/> (the grid shrinks as σ grows: fewer nodes
    /// per σ-scaled spacing); +∞ when no σ does (the margin alone, (12/spacing)^d nodes, is too many).
    /// </summary>
    internal static double SmallestSigma(Matrix<double> points, int basisCount, double spacing)
    {
        var bounds = Bounds(points);
        bool Fits(double sigma) => Grid(bounds, sigma, spacing).Nodes * basisCount <= MaximumGridEntries;
        var extent = bounds.Max(b => b.Max - b.Min);
        if (extent == 0) extent = 1;
        double low = 1e-12 * extent, high = 1e12 * extent;
        if (!Fits(high)) return double.PositiveInfinity;
        if (Fits(low)) return low;
        for (var i = 0; i < 200 && high / low > 1 + 1e-12; i++)
        {
            var middle = Math.Sqrt(low * high);
            if (Fits(middle)) high = middle; else low = middle;
        }
        return high;
    }

    /// <summary>
    /// Evolves the Gaussians centred at the rows of <paramref name="points"/> ([m, d], at rest) for the time
    /// <paramref name="time"/> and returns their expected positions ⟨x⟩(t) ([m, d]) and the norm of each packet's projection
    /// on the span (≤ 1; a packet far from every centre is not represented).
    /// </summary>
    public (Matrix<double> Positions, double[] CapturedNorm) Evolve(Matrix<double> points, double time)
    {
        int m = points.RowCount, d = Dimension, count = Size;
        var sigma2 = Sigma * Sigma;
        var projections = Matrix<double>.Build.Dense(count, m, (b, i) =>
        {
            var squared = 0.0;
            for (var j = 0; j < d; j++) { var delta = _centres[b * d + j] - points[i, j]; squared += delta * delta; }
            return Math.Exp(-squared / (4 * sigma2));
        });
        var beta = _states.TransposeThisAndMultiply(projections);               // [K, m]
        var cos = beta.Clone();
        var sin = beta.Clone();
        for (var k = 0; k < Retained; k++)
        {
            var phase = _energies[k] * time;
            cos.SetRow(k, beta.Row(k) * Math.Cos(phase));
            sin.SetRow(k, beta.Row(k) * Math.Sin(phase));
        }
        var norms = beta.PointwisePower(2).ColumnSums();
        var positions = Matrix<double>.Build.Dense(m, d);
        for (var j = 0; j < d; j++)
        {
            var expectation = cos.PointwiseMultiply(_position[j] * cos).ColumnSums() + sin.PointwiseMultiply(_position[j] * sin).ColumnSums();
            for (var i = 0; i < m; i++) positions[i, j] = expectation[i] / norms[i];
        }
        return (positions, norms.ToArray());
    }
}
