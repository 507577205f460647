using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.Core.Models;

namespace Vae.InfoGeometry.Gaussians;

/// <summary>
/// A batch of n diagonal normals N(μᵢ, diag σᵢ²), i = 0..n−1, on ℝᵏ — the encoder's output for n inputs — stored as
/// two [n, k] matrices (rows are samples, columns latent coordinates).
/// </summary>
/// <remarks>
/// Immutable: factories copy their inputs; <see cref="Means"/>, <see cref="StdDevs"/> and friends return fresh matrices.
/// The values are kept column-major (coordinate by coordinate), the layout the batched Fisher–Rao kernel streams through.
/// </remarks>
public sealed class DiagonalNormalBatch
{
    private readonly double[] _mean;   // column-major [n, k]
    private readonly double[] _stdDev; // column-major [n, k]

    private DiagonalNormalBatch(int count, int dimension, double[] mean, double[] stdDev)
    {
        Count = count;
        Dimension = dimension;
        _mean = mean;
        _stdDev = stdDev;
    }

    /// <summary>Number n of distributions (rows).</summary>
    public int Count { get; }

    /// <summary>Dimension k of each distribution (columns).</summary>
    public int Dimension { get; }

    /// <summary>Means μ, shape [n, k], a fresh matrix.</summary>
    public Matrix<double> Means => Matrix<double>.Build.DenseOfColumnMajor(Count, Dimension, _mean);

    /// <summary>Standard deviations σ, shape [n, k], each &gt; 0, a fresh matrix.</summary>
    public Matrix<double> StdDevs => Matrix<double>.Build.DenseOfColumnMajor(Count, Dimension, _stdDev);

    /// <summary>Variances σ², shape [n, k], a fresh matrix (the "diagonal of the covariance" features of the linear probe).</summary>
    public Matrix<double> Variances => Matrix<double>.Build.DenseOfColumnMajor(Count, Dimension, Array.ConvertAll(_stdDev, s => s * s));

    internal ReadOnlyMemory<double> MeanColumnMajor => _mean;

    internal ReadOnlyMemory<double> StdDevColumnMajor => _stdDev;

    /// <summary>Distribution <paramref name="index"/> as a <see cref="DiagonalNormal"/> (a copy of row <paramref name="index"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, n).</exception>
    public DiagonalNormal this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var m = new double[Dimension];
            var s = new double[Dimension];
            for (int j = 0; j < Dimension; j++)
            {
                m[j] = _mean[j * Count + index];
                s[j] = _stdDev[j * Count + index];
            }
            return DiagonalNormal.CreateUnchecked(m, s);
        }
    }

    /// <summary>One reparameterised draw per distribution, zᵢ = μᵢ + σᵢ ⊙ εᵢ with εᵢ ~ N(0, I); shape [n, k], a fresh matrix.</summary>
    /// <param name="seed">Seed of the Xoshiro256** generator; the result is bit-reproducible for a fixed seed.</param>
    /// <remarks>The standard normals are drawn in column-major order (coordinate 0 of every row first).</remarks>
    public Matrix<double> Sample(int seed)
    {
        var epsilon = new double[_mean.Length];
        Normal.Samples(new Xoshiro256StarStar(seed), epsilon, 0.0, 1.0);
        for (int i = 0; i < epsilon.Length; i++) epsilon[i] = _mean[i] + _stdDev[i] * epsilon[i];
        return Matrix<double>.Build.DenseOfColumnMajor(Count, Dimension, epsilon);
    }

    /// <summary>Creates a batch from means and standard deviations (both copied).</summary>
    /// <param name="means">μ, shape [n, k], finite, n ≥ 1, k ≥ 1.</param>
    /// <param name="stdDevs">σ, shape [n, k], each finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Shapes differ or are empty, or a value is out of range.</exception>
    public static DiagonalNormalBatch FromMeanStdDev(Matrix<double> means, Matrix<double> stdDevs)
    {
        var (mean, n, k) = Columns(means, nameof(means));
        var (std, _, _) = Columns(stdDevs, nameof(stdDevs));
        RequireSameShape(means, stdDevs, nameof(stdDevs));
        for (int i = 0; i < std.Length; i++)
        {
            if (!(std[i] > 0))
                throw new ArgumentException($"stdDevs[{i % n}, {i / n}] = {std[i]} must be > 0.", nameof(stdDevs));
        }
        return new DiagonalNormalBatch(n, k, mean, std);
    }

    /// <summary>Creates a batch from means and log-variances log σ² (the encoder's heads; copied).</summary>
    /// <param name="means">μ, shape [n, k], finite.</param>
    /// <param name="logVariances">log σ², shape [n, k], in nats; finite with exp(½ log σ²) a positive finite double.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Shapes differ or are empty, or a value is out of range.</exception>
    public static DiagonalNormalBatch FromMeanLogVariance(Matrix<double> means, Matrix<double> logVariances)
    {
        var (mean, n, k) = Columns(means, nameof(means));
        var (logVar, _, _) = Columns(logVariances, nameof(logVariances));
        RequireSameShape(means, logVariances, nameof(logVariances));
        var std = new double[logVar.Length];
        for (int i = 0; i < std.Length; i++)
        {
            std[i] = Math.Exp(0.5 * logVar[i]);
            if (!(std[i] > 0) || !double.IsFinite(std[i]))
                throw new ArgumentException($"logVariances[{i % n}, {i / n}] = {logVar[i]} gives σ = {std[i]}, not a positive finite double.", nameof(logVariances));
        }
        return new DiagonalNormalBatch(n, k, mean, std);
    }

    /// <summary>The encoder's posteriors as returned by <c>VariationalAutoencoder.Encode</c> (μ and log σ² heads; copied).</summary>
    /// <exception cref="ArgumentException">See <see cref="FromMeanLogVariance"/>.</exception>
    public static DiagonalNormalBatch FromPosteriorCodes(PosteriorCodes codes)
    {
        ArgumentNullException.ThrowIfNull(codes);
        return FromMeanLogVariance(codes.Mean, codes.LogVariance);
    }

    /// <summary>Stacks diagonal normals of equal dimension into a batch.</summary>
    /// <exception cref="ArgumentException"><paramref name="rows"/> is empty or the dimensions differ.</exception>
    public static DiagonalNormalBatch FromRows(IReadOnlyList<DiagonalNormal> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0) throw new ArgumentException("rows is empty.", nameof(rows));
        int n = rows.Count, k = rows[0].Dimension;
        var mean = new double[n * k];
        var std = new double[n * k];
        for (int i = 0; i < n; i++)
        {
            var row = rows[i] ?? throw new ArgumentNullException(nameof(rows), $"rows[{i}] is null.");
            if (row.Dimension != k)
                throw new ArgumentException($"rows[{i}] has dimension {row.Dimension}; rows[0] has {k}.", nameof(rows));
            for (int j = 0; j < k; j++)
            {
                mean[j * n + i] = row.MeanSpan[j];
                std[j * n + i] = row.StdDevSpan[j];
            }
        }
        return new DiagonalNormalBatch(n, k, mean, std);
    }

    private static (double[] Values, int Rows, int Columns) Columns(Matrix<double> matrix, string name)
    {
        ArgumentNullException.ThrowIfNull(matrix, name);
        if (matrix.RowCount == 0 || matrix.ColumnCount == 0)
            throw new ArgumentException($"{name} is {matrix.RowCount}×{matrix.ColumnCount}; it must not be empty.", name);
        GaussianValidation.RequireFinite(matrix, name);
        return (matrix.ToColumnMajorArray(), matrix.RowCount, matrix.ColumnCount);
    }

    private static void RequireSameShape(Matrix<double> a, Matrix<double> b, string name)
    {
        if (a.RowCount != b.RowCount || a.ColumnCount != b.ColumnCount)
            throw new ArgumentException($"{name} is {b.RowCount}×{b.ColumnCount}; means is {a.RowCount}×{a.ColumnCount}.", name);
    }

    /// <inheritdoc />
    public override string ToString() => $"{Count} × N(μ, diag σ²) with k = {Dimension}";
}
