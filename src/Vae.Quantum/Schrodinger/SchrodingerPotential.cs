using System.Buffers;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;

namespace Vae.Quantum.Schrodinger;

/// <summary>
/// The Schrödinger potential of a set of points (Horn &amp; Gottlieb 2001): the Parzen wave function
/// ψ(z) = Σ_i exp(−‖z − z_i‖² / 2σ²) is the ground state of H = −(σ²/2)∇² + V(z) with
/// V(z) = E + (σ²/2) ∇²ψ / ψ = E − d/2 + (1/2σ²) Σ_i ‖z − z_i‖² w_i(z),  w_i = exp(−‖z − z_i‖²/2σ²) / ψ(z).
/// Kernels may instead carry covariances of their own (variable widths, anisotropic shapes; the second Create overload).
/// </summary>
/// <remarks>
/// <para>Convention: E = d/2, the free-space eigenvalue of ψ, so V(z) = (1/2σ²) Σ_i ‖z − z_i‖² w_i(z) ≥ 0 (a weighted
/// mean squared distance in units of 2σ²). For one point z₀, V = ‖z − z₀‖²/2σ² exactly: the harmonic oscillator whose
/// ground state is the Gaussian. Horn &amp; Gottlieb instead shift E so that min V = 0; only differences of V matter.</para>
/// <para>Gradient (closed form, with m = Σ_i w_i (z − z_i) and S = Σ_i w_i ‖z − z_i‖²):
/// ∇V = m/σ² − (1/2σ⁴) [Σ_i w_i ‖z − z_i‖² (z − z_i) − S m].</para>
/// <para>Numerics: the weights are accumulated relative to the heaviest kernel seen so far (an online log-sum-exp), so V
/// and ∇V stay finite far from the data, where only ψ itself underflows to 0 (its true value is below the smallest
/// double); <see cref="Value"/> and <see cref="Gradient"/> throw only where V or ∇V themselves overflow (beyond about
/// 1e154 and 1e100 kernel widths). Sources: D. Horn &amp; A. Gottlieb, "Algorithm for data clustering in pattern recognition
/// problems based on quantum mechanics", Phys. Rev. Lett. 88, 018702 (2002; arXiv 2001), eqs. (1)–(3). Peer:
/// tools/reference/schrodinger_clustering.py (NumPy). Immutable and thread-safe; the points are copied.</para>
/// </remarks>
public sealed partial class SchrodingerPotential
{
    /// <summary>Cut-off T of the windowed evaluation used by the clustering: only points within R = σ√(2T) of z, looked
    /// up in the grid cells (side R/2) whose box comes within R of z, are summed, so any omitted point is farther than R and, relative to the nearest
    /// point (which must lie within R/2, else every point is summed), weighs less than e^(−3T/4) ≈ 4e-11; the error of V
    /// is at most that times Σ over omitted points of D/2σ², below 1e-8·V in the tests.</summary>
    internal const double WindowExponent = 32.0;

    /// <summary>The grid spans the first min(d, 3) coordinates.</summary>
    private const int MaximumGridDimensions = 3;

    private readonly double[] _columns;     // by coordinate, [dimension, Stride], points grouped by grid, then by cell
    private readonly double[] _origin;      // grid origin per grid coordinate (shared by the grids)
    private readonly Grid[] _grids;         // one for isotropic kernels; one per half-octave of kernel size otherwise
    private readonly Kernels? _kernels;     // null: every kernel is exp(−‖z − z_i‖²/2σ²) (Horn & Gottlieb)
    private readonly int[] _order;          // row r of the internal order is the caller's row _order[r]

    /// <summary>Cells per window along each grid coordinate: cells of side window/2, so that the cells scanned (those
    /// whose box comes within the window of z) hug the ball of radius window instead of a cube three windows wide.</summary>
    private const int CellsPerWindow = 2;

    /// <summary>A grid of cells of side <paramref name="Window"/>/<see cref="CellsPerWindow"/> over the points whose
    /// kernels it serves: every point within the cut-off <paramref name="Window"/> of z is in a cell whose box is.</summary>
    private sealed record Grid(double Window, long[] Extent, Dictionary<long, (int Start, int End)> Cells)
    {
        public double Side => Window / CellsPerWindow;
    }

    private SchrodingerPotential(double[] columns, int count, int dimension, double sigma, double[] origin, Grid[] grids, Kernels? kernels, int[] order)
    {
        _columns = columns;
        _order = order;
        Count = count;
        Dimension = dimension;
        Sigma = sigma;
        _origin = origin;
        _grids = grids;
        _kernels = kernels;
    }

    private static double Window(double sigma) => sigma * Math.Sqrt(2 * WindowExponent);

    /// <summary>Builds the potential of <paramref name="points"/> with kernel width <paramref name="sigma"/>.</summary>
    /// <param name="points">Data points z_i, shape [samples, d], samples ≥ 1, d ≥ 1, finite; copied (independent of the argument).</param>
    /// <param name="sigma">Kernel width σ (units of z). Range: σ &gt; 0, finite.</param>
    /// <exception cref="ArgumentNullException"><paramref name="points"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="points"/> is empty or has a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sigma"/> is not positive and finite.</exception>
    public static SchrodingerPotential Create(Matrix<double> points, double sigma)
    {
        RequirePoints(points, nameof(points));
        RequireSigma(sigma, nameof(sigma));
        return Build(points, sigma, new int[points.RowCount], [Window(sigma)], null);
    }

    /// <summary>Sorts the points by grid (<paramref name="grids"/>[g] is the point's grid, whose window is
    /// <paramref name="windows"/>[g] and whose cells have side window/<see cref="CellsPerWindow"/>), then by cell, and builds the potential; the kernels' arrays, in the points' given
    /// order, are permuted with them.</summary>
    private static SchrodingerPotential Build(Matrix<double> points, double sigma, int[] grids, double[] windows, Kernels? kernels)
    {
        int count = points.RowCount, dimension = points.ColumnCount;
        var gridDimensions = Math.Min(dimension, MaximumGridDimensions);
        var origin = new double[gridDimensions];
        var span = new double[gridDimensions];
        for (var j = 0; j < gridDimensions; j++)
        {
            var column = points.Column(j);
            origin[j] = column.Minimum();
            span[j] = column.Maximum() - origin[j];
        }
        var extents = windows.Select(window => span.Select(width => Math.Min((long)(width / (window / CellsPerWindow)) + 1, 1L << 20)).ToArray()).ToArray();
        var keys = new long[count];
        for (var i = 0; i < count; i++)
        {
            var (side, extent) = (windows[grids[i]] / CellsPerWindow, extents[grids[i]]);
            long key = 0;
            for (var j = gridDimensions - 1; j >= 0; j--)
                key = key * extent[j] + Math.Clamp((long)((points[i, j] - origin[j]) / side), 0, extent[j] - 1);
            keys[i] = key;
        }
        var order = Enumerable.Range(0, count).OrderBy(i => grids[i]).ThenBy(i => keys[i]).ThenBy(i => i).ToArray();
        var stride = Stride(count);
        var columns = new double[dimension * stride];
        var cells = windows.Select(_ => new Dictionary<long, (int Start, int End)>()).ToArray();
        for (var r = 0; r < count; r++)
        {
            for (var j = 0; j < dimension; j++)
                columns[j * stride + r] = points[order[r], j];
            var (key, grid) = (keys[order[r]], cells[grids[order[r]]]);
            grid[key] = grid.TryGetValue(key, out var range) ? (range.Start, r + 1) : (r, r + 1);
        }
        var built = Enumerable.Range(0, windows.Length).Select(g => new Grid(windows[g], extents[g], cells[g])).ToArray();
        return new SchrodingerPotential(columns, count, dimension, sigma, origin, built, kernels?.Permuted(order, stride), order);
    }

    /// <summary>Number of points.</summary>
    public int Count { get; }

    /// <summary>d, the dimension of the points.</summary>
    public int Dimension { get; }

    /// <summary>Kernel width σ (units of z); with kernel covariances, the reference width (a_i = 1 where Σ_i = σ²I).</summary>
    public double Sigma { get; }

    /// <summary>E = d/2, the eigenvalue of ψ under H = −(σ²/2)∇² + V in this convention (dimensionless; with kernel
    /// covariances, of each kernel under its own H_i).</summary>
    public double GroundStateEnergy => Dimension / 2.0;

    /// <summary>The points z_i, shape [samples, d], row i the row i given to Create (a fresh matrix; the potential stores
    /// them grouped by grid cell).</summary>
    public Matrix<double> Points()
    {
        var points = Matrix<double>.Build.Dense(Count, Dimension);
        for (var r = 0; r < Count; r++)
            for (var j = 0; j < Dimension; j++)
                points[_order[r], j] = _columns[j * Stride(Count) + r];
        return points;
    }

    /// <summary>ψ(z) = Σ_i exp(−‖z − z_i‖²/2σ²) (dimensionless, in [0, samples]; 0 where it underflows); with kernel
    /// covariances Σ_i a_i exp(−m_i/2) (<see cref="Create(Matrix{double}, double, IReadOnlyList{Matrix{double}})"/>).</summary>
    /// <param name="point">z, length d, finite.</param>
    /// <exception cref="ArgumentException"><paramref name="point"/> has the wrong length or a non-finite entry.</exception>
    public double WaveFunction(IReadOnlyList<double> point)
    {
        var z = CheckPoint(point);
        var result = Evaluate(z, Span<double>.Empty, windowed: false);
        return result.Psi;
    }

    /// <summary>V(z) = (1/2σ²) Σ_i ‖z − z_i‖² w_i(z) (dimensionless, ≥ 0; E = d/2 convention); with kernel covariances
    /// Σ_i w_i m_i / 2.</summary>
    /// <param name="point">z, length d, finite.</param>
    /// <exception cref="ArgumentException"><paramref name="point"/> has the wrong length or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="point"/> is so far from the data (beyond ~1e154 in
    /// units of the kernels) that every squared distance overflows double precision.</exception>
    public double Value(IReadOnlyList<double> point)
    {
        var value = Evaluate(CheckPoint(point), Span<double>.Empty, windowed: false).Value;
        RequireRepresentable(double.IsFinite(value), point);
        return value;
    }

    /// <summary>∇V(z) in closed form (units of 1/z), a fresh list of length d.</summary>
    /// <param name="point">z, length d, finite.</param>
    /// <exception cref="ArgumentException"><paramref name="point"/> has the wrong length or a non-finite entry.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="point"/> is so far from the data that V or ∇V
    /// overflows double precision (∇V holds products m_i u_i, which overflow beyond ~1e100 in units of the kernels).</exception>
    public IReadOnlyList<double> Gradient(IReadOnlyList<double> point)
    {
        var gradient = new double[Dimension];
        var value = Evaluate(CheckPoint(point), gradient, windowed: false).Value;
        RequireRepresentable(double.IsFinite(value) && gradient.All(double.IsFinite), point);
        return Array.AsReadOnly(gradient);
    }

    /// <summary>Throws, naming <paramref name="point"/>, when V or ∇V at it overflowed double precision (never a silent ∞ or NaN).</summary>
    private static void RequireRepresentable(bool representable, IReadOnlyList<double> point)
    {
        if (!representable)
            throw new ArgumentOutOfRangeException(nameof(point), $"[{string.Join(", ", point)}]",
                "point is so far from the data that V or its gradient overflows double precision there.");
    }

    /// <summary>V at a one-dimensional point without allocation (d = 1 only; used for quadrature). Sums every point:
    /// the windowed sum jumps by ~1e-10 relative where z crosses a cell edge, which stalls converging quadrature.</summary>
    internal double Value1D(double z)
    {
        Span<double> point = [z];
        return Evaluate(point, Span<double>.Empty, windowed: false).Value;
    }

    /// <summary>
    /// ψ, V and (if <paramref name="gradient"/> is not empty) ∇V at z. Windowed: only the points within the window of z
    /// contribute (found in the grid cells whose box comes that close), unless none of them weighs enough to make the
    /// points beyond negligible, in which case every point is summed.
    /// </summary>
    internal (double Psi, double Value) Evaluate(ReadOnlySpan<double> z, Span<double> gradient, bool windowed)
    {
        var m = _origin.Length;
        var width = 2 * CellsPerWindow + 1;
        var neighbours = m == 1 ? width : m == 2 ? width * width : width * width * width;
        var capacity = windowed ? neighbours * _grids.Length : 1;
        var rented = capacity <= 256 ? null : ArrayPool<(int, int, double)>.Shared.Rent(capacity);
        Span<(int Start, int End, double Cutoff)> ranges = rented ?? stackalloc (int, int, double)[capacity];
        try
        {
            var used = 0;
            if (windowed)
            {
                // Per grid coordinate (padded to three with a single cell), the cells within CellsPerWindow of z's and the
                // squared gap from z to each along that coordinate; a cell is scanned when the gaps' sum (the squared
                // distance from z to its box) is within the cut-off. The last cell along a coordinate reaches to +∞
                // (points beyond a capped extent are clamped into it).
                Span<long> first = stackalloc long[MaximumGridDimensions];
                Span<long> last = stackalloc long[MaximumGridDimensions];
                Span<double> gaps = stackalloc double[MaximumGridDimensions * width];
                foreach (var grid in _grids)
                {
                    var (side, cutoff) = (grid.Side, grid.Window * grid.Window);
                    for (var j = 0; j < MaximumGridDimensions; j++)
                    {
                        if (j >= m) { (first[j], last[j], gaps[j * width]) = (0, 0, 0.0); continue; }
                        var cell = (long)Math.Floor((z[j] - _origin[j]) / side);
                        (first[j], last[j]) = (Math.Max(cell - CellsPerWindow, 0), Math.Min(cell + CellsPerWindow, grid.Extent[j] - 1));
                        for (var c = first[j]; c <= last[j]; c++)
                        {
                            var low = _origin[j] + c * side;
                            var gap = low - z[j];
                            if (gap <= 0 && c < grid.Extent[j] - 1) gap = z[j] - (low + side);
                            gaps[j * width + (int)(c - first[j])] = gap > 0 ? gap * gap : 0.0;
                        }
                    }
                    var (extent0, extent1) = (grid.Extent[0], m > 1 ? grid.Extent[1] : 1);
                    for (var c2 = first[2]; c2 <= last[2]; c2++)
                    {
                        var gap2 = gaps[2 * width + (int)(c2 - first[2])];
                        if (gap2 > cutoff) continue;
                        for (var c1 = first[1]; c1 <= last[1]; c1++)
                        {
                            var gap21 = gap2 + gaps[width + (int)(c1 - first[1])];
                            if (gap21 > cutoff) continue;
                            for (var c0 = first[0]; c0 <= last[0]; c0++)
                                if (gap21 + gaps[(int)(c0 - first[0])] <= cutoff
                                    && grid.Cells.TryGetValue((c2 * extent1 + c1) * extent0 + c0, out var range))
                                    ranges[used++] = (range.Start, range.End, cutoff);
                        }
                    }
                }
            }
            else
            {
                ranges[used++] = (0, Count, double.PositiveInfinity);
            }
            var result = Sum(z, gradient, ranges[..used]);
            if (windowed && !result.Dominant)
            {
                ranges[0] = (0, Count, double.PositiveInfinity);
                result = Sum(z, gradient, ranges[..1]);
            }
            return (result.Psi, result.Value);
        }
        finally
        {
            if (rented is not null) ArrayPool<(int, int, double)>.Shared.Return(rented);
        }
    }

    private double[] CheckPoint(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != Dimension)
            throw new ArgumentException($"point has {point.Count} coordinates; the potential has dimension {Dimension}.", nameof(point));
        var z = new double[Dimension];
        for (var j = 0; j < Dimension; j++)
        {
            z[j] = point[j];
            if (!double.IsFinite(z[j]))
                throw new ArgumentException($"point[{j}] = {z[j]} is not finite.", nameof(point));
        }
        return z;
    }

    internal static void RequirePoints(Matrix<double> points, string name)
    {
        ArgumentNullException.ThrowIfNull(points, name);
        if (points.RowCount == 0 || points.ColumnCount == 0)
            throw new ArgumentException($"{name} is empty ({points.RowCount}×{points.ColumnCount}); at least one point of dimension ≥ 1 is needed.", name);
        MatrixValidation.RequireFinite(points, name);
    }

    internal static void RequireSigma(double sigma, string name)
    {
        if (!(sigma > 0) || !double.IsFinite(sigma))
            throw new ArgumentOutOfRangeException(name, sigma, "The kernel width σ must be positive and finite.");
    }
}
