using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.InfoGeometry.Gaussians;

/// <summary>
/// The normal distribution N(μ, Σ) on ℝⁿ with a full covariance matrix Σ (symmetric positive definite).
/// </summary>
/// <remarks>
/// Immutable: <see cref="FromMeanCovariance"/> copies its inputs and the accessors return fresh copies
/// (MathNet's "independent from the provided array"). The Cholesky factor L (Σ = L Lᵀ), computed once during
/// validation, is kept for the Fisher–Rao algorithms. Equality is by value.
/// </remarks>
public sealed record MultivariateNormal
{
    /// <summary>Largest tolerated asymmetry, relative to max |Σᵢⱼ|, before Σ is rejected as not symmetric.</summary>
    public const double SymmetryTolerance = 1e-10;

    private readonly Vector<double> _mean;
    private readonly Matrix<double> _covariance;

    private MultivariateNormal(Vector<double> mean, Matrix<double> covariance, Matrix<double> choleskyFactor)
    {
        _mean = mean;
        _covariance = covariance;
        CholeskyFactorInternal = choleskyFactor;
    }

    /// <summary>Dimension n of the sample space.</summary>
    public int Dimension => _mean.Count;

    /// <summary>Mean μ, shape [n], a fresh copy.</summary>
    public Vector<double> Mean => _mean.Clone();

    /// <summary>Covariance Σ, shape [n, n], symmetric positive definite, a fresh copy.</summary>
    public Matrix<double> Covariance => _covariance.Clone();

    /// <summary>Lower-triangular Cholesky factor L with Σ = L Lᵀ, shape [n, n], a fresh copy.</summary>
    public Matrix<double> CholeskyFactor => CholeskyFactorInternal.Clone();

    internal Vector<double> MeanInternal => _mean;

    internal Matrix<double> CovarianceInternal => _covariance;

    internal Matrix<double> CholeskyFactorInternal { get; }

    /// <summary>Creates N(μ, Σ); both arguments are copied.</summary>
    /// <param name="mean">μ, shape [n], finite, n ≥ 1.</param>
    /// <param name="covariance">Σ, shape [n, n], finite, symmetric (asymmetry up to <see cref="SymmetryTolerance"/>·max|Σᵢⱼ| is
    /// removed by taking ½(Σ + Σᵀ)) and positive definite (checked by a Cholesky factorisation).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Empty mean, non-square or mismatched covariance, a non-finite entry, an asymmetric
    /// Σ, or a Σ that is not positive definite.</exception>
    public static MultivariateNormal FromMeanCovariance(Vector<double> mean, Matrix<double> covariance)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(covariance);
        if (mean.Count == 0)
            throw new ArgumentException("mean must have at least one coordinate.", nameof(mean));
        for (int i = 0; i < mean.Count; i++)
        {
            if (!double.IsFinite(mean[i]))
                throw new ArgumentException($"mean[{i}] = {mean[i]} is not finite.", nameof(mean));
        }
        if (covariance.RowCount != covariance.ColumnCount)
            throw new ArgumentException($"covariance is {covariance.RowCount}×{covariance.ColumnCount}; it must be square.", nameof(covariance));
        if (covariance.RowCount != mean.Count)
            throw new ArgumentException($"covariance is {covariance.RowCount}×{covariance.ColumnCount}; mean has {mean.Count} coordinates.", nameof(covariance));
        GaussianValidation.RequireFinite(covariance, nameof(covariance));
        var sigma = Symmetrised(covariance, nameof(covariance));
        return new MultivariateNormal(Vector<double>.Build.DenseOfVector(mean), sigma, Factor(sigma, nameof(covariance)));
    }

    /// <summary>The standard normal N(0, I) in dimension <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> &lt; 1.</exception>
    public static MultivariateNormal Standard(int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var identity = Matrix<double>.Build.DenseIdentity(dimension);
        return new MultivariateNormal(Vector<double>.Build.Dense(dimension), identity, identity.Clone());
    }

    /// <summary>The image N(Aμ + b, AΣAᵀ) under the affine map x ↦ Ax + b (the maps that preserve the family and the Fisher–Rao distance).</summary>
    /// <param name="matrix">A, shape [n, n], invertible.</param>
    /// <param name="offset">b, shape [n].</param>
    /// <exception cref="ArgumentException">Shapes do not match, or A is singular so that AΣAᵀ is not positive definite.</exception>
    public MultivariateNormal Transform(Matrix<double> matrix, Vector<double> offset)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(offset);
        if (matrix.RowCount != Dimension || matrix.ColumnCount != Dimension)
            throw new ArgumentException($"matrix is {matrix.RowCount}×{matrix.ColumnCount}; expected {Dimension}×{Dimension}.", nameof(matrix));
        if (offset.Count != Dimension)
            throw new ArgumentException($"offset has {offset.Count} coordinates; expected {Dimension}.", nameof(offset));
        var covariance = matrix * _covariance * matrix.Transpose();
        return FromMeanCovariance(matrix * _mean + offset, 0.5 * (covariance + covariance.Transpose()));
    }

    /// <summary>Creates a point from values the caller guarantees (symmetric positive definite Σ); only factorises.</summary>
    internal static MultivariateNormal CreateTrusted(Vector<double> mean, Matrix<double> covariance) =>
        new(mean, covariance, Factor(covariance, nameof(covariance)));

    private static Matrix<double> Symmetrised(Matrix<double> covariance, string name)
    {
        int n = covariance.RowCount;
        double scale = covariance.Enumerate().Max(Math.Abs);
        var result = Matrix<double>.Build.Dense(n, n);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                double a = covariance[i, j], b = covariance[j, i];
                if (Math.Abs(a - b) > SymmetryTolerance * scale)
                    throw new ArgumentException($"covariance is not symmetric: [{i}, {j}] = {a} but [{j}, {i}] = {b}.", name);
                result[i, j] = 0.5 * (a + b);
            }
        }
        return result;
    }

    private static Matrix<double> Factor(Matrix<double> covariance, string name)
    {
        Cholesky<double> cholesky;
        try
        {
            cholesky = covariance.Cholesky();
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"covariance ({covariance.RowCount}×{covariance.ColumnCount}) is not positive definite: its Cholesky factorisation failed.", name, e);
        }
        var factor = cholesky.Factor;
        for (int i = 0; i < factor.RowCount; i++)
        {
            if (!(factor[i, i] > 0) || !double.IsFinite(factor[i, i]))
                throw new ArgumentException($"covariance is not positive definite: Cholesky pivot {i} is {factor[i, i]}.", name);
        }
        return factor;
    }

    /// <summary>Value equality: same dimension and bitwise-equal μ and Σ.</summary>
    public bool Equals(MultivariateNormal? other) =>
        other is not null && _mean.Equals(other._mean) && _covariance.Equals(other._covariance);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Dimension, _mean.GetHashCode(), _covariance.GetHashCode());

    /// <inheritdoc />
    public override string ToString() => $"N(μ, Σ) with n = {Dimension}";
}
