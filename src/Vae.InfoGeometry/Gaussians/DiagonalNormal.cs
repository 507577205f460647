using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Gaussians;

/// <summary>
/// The normal distribution N(μ, diag σ²) on ℝᵏ with a diagonal covariance — what a VAE encoder outputs for one
/// input — parametrised by the mean vector μ and the vector of standard deviations σ.
/// </summary>
/// <remarks>
/// Immutable: the factories copy their inputs ("independent from the provided arrays") and the accessors hand out
/// read-only views. Equality is by value (all μᵢ and σᵢ compared exactly).
/// Geometrically the family is the Riemannian product of k univariate families (geomstats <c>DiagonalNormalMetric</c>).
/// </remarks>
public sealed record DiagonalNormal
{
    private readonly double[] _mean;
    private readonly double[] _stdDev;

    private DiagonalNormal(double[] mean, double[] stdDev)
    {
        _mean = mean;
        _stdDev = stdDev;
    }

    /// <summary>Dimension k of the sample space.</summary>
    public int Dimension => _mean.Length;

    /// <summary>Mean vector μ, shape [k], as a read-only view.</summary>
    public IReadOnlyList<double> Mean => Array.AsReadOnly(_mean);

    /// <summary>Standard deviations σ, shape [k], each &gt; 0, as a read-only view.</summary>
    public IReadOnlyList<double> StdDev => Array.AsReadOnly(_stdDev);

    /// <summary>Variances σ², shape [k], a fresh array.</summary>
    public IReadOnlyList<double> Variance => Array.AsReadOnly(Array.ConvertAll(_stdDev, s => s * s));

    internal ReadOnlySpan<double> MeanSpan => _mean;

    internal ReadOnlySpan<double> StdDevSpan => _stdDev;

    /// <summary>The marginal of coordinate <paramref name="index"/>: N(μᵢ, σᵢ²).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside [0, k).</exception>
    public UnivariateNormal Component(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Dimension);
        return UnivariateNormal.CreateUnchecked(_mean[index], _stdDev[index]);
    }

    /// <summary>Creates N(μ, diag σ²) from means and standard deviations (both copied).</summary>
    /// <param name="mean">μ, shape [k], finite, k ≥ 1.</param>
    /// <param name="stdDev">σ, shape [k], each finite and &gt; 0.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not finite or a σᵢ ≤ 0.</exception>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static DiagonalNormal FromMeanStdDev(IReadOnlyList<double> mean, IReadOnlyList<double> stdDev)
    {
        var m = GaussianValidation.FiniteCopy(mean, nameof(mean));
        var s = GaussianValidation.PositiveCopy(stdDev, nameof(stdDev));
        return Create(m, s, nameof(mean), nameof(stdDev));
    }

    /// <summary>Creates N(μ, diag σ²) from means and log-variances log σ² (the VAE encoder's two heads; copied).</summary>
    /// <param name="mean">μ, shape [k], finite, k ≥ 1.</param>
    /// <param name="logVariance">log σ², shape [k], in nats; finite with σ = exp(½ log σ²) a positive finite double.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    /// <exception cref="ArgumentException">The lengths differ or are zero.</exception>
    public static DiagonalNormal FromMeanLogVariance(IReadOnlyList<double> mean, IReadOnlyList<double> logVariance)
    {
        var m = GaussianValidation.FiniteCopy(mean, nameof(mean));
        ArgumentNullException.ThrowIfNull(logVariance);
        var s = new double[logVariance.Count];
        for (int i = 0; i < s.Length; i++)
            s[i] = GaussianValidation.StdDevFromLogVariance(logVariance[i], $"{nameof(logVariance)}[{i}]");
        return Create(m, s, nameof(mean), nameof(logVariance));
    }

    /// <summary>The product of univariate normals N(μᵢ, σᵢ²), i = 0..k−1.</summary>
    /// <param name="components">The k ≥ 1 marginals, in coordinate order.</param>
    /// <exception cref="ArgumentException"><paramref name="components"/> is empty.</exception>
    public static DiagonalNormal FromComponents(IReadOnlyList<UnivariateNormal> components)
    {
        ArgumentNullException.ThrowIfNull(components);
        var m = new double[components.Count];
        var s = new double[components.Count];
        for (int i = 0; i < m.Length; i++)
        {
            var c = components[i] ?? throw new ArgumentNullException(nameof(components), $"components[{i}] is null.");
            m[i] = c.Mean;
            s[i] = c.StdDev;
        }
        return Create(m, s, nameof(components), nameof(components));
    }

    /// <summary>The same distribution as a <see cref="MultivariateNormal"/> with covariance diag σ².</summary>
    public MultivariateNormal ToMultivariate()
    {
        var covariance = Matrix<double>.Build.DenseOfDiagonalArray(Array.ConvertAll(_stdDev, s => s * s));
        return MultivariateNormal.FromMeanCovariance(Vector<double>.Build.DenseOfArray((double[])_mean.Clone()), covariance);
    }

    /// <summary>Wraps arrays the caller will never touch again (no copy, no validation).</summary>
    internal static DiagonalNormal CreateUnchecked(double[] mean, double[] stdDev) => new(mean, stdDev);

    private static DiagonalNormal Create(double[] mean, double[] stdDev, string meanName, string stdDevName)
    {
        if (mean.Length == 0)
            throw new ArgumentException($"{meanName} must have at least one coordinate.", meanName);
        GaussianValidation.RequireSameLength(mean.Length, stdDev.Length, stdDevName, meanName);
        return new DiagonalNormal(mean, stdDev);
    }

    /// <summary>Value equality: same dimension and bitwise-equal μᵢ and σᵢ.</summary>
    public bool Equals(DiagonalNormal? other) =>
        other is not null && _mean.AsSpan().SequenceEqual(other._mean) && _stdDev.AsSpan().SequenceEqual(other._stdDev);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var v in _mean) hash.Add(v);
        foreach (var v in _stdDev) hash.Add(v);
        return hash.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => $"N(μ, diag σ²) with k = {Dimension}";
}
