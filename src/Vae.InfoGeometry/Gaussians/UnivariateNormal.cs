namespace Vae.InfoGeometry.Gaussians;

/// <summary>
/// The univariate normal distribution N(μ, σ²), a point of the two-dimensional Fisher–Rao manifold of Gaussians,
/// parametrised by its mean μ and standard deviation σ (not σ² and not log σ²).
/// </summary>
/// <remarks>
/// Immutable; construct through <see cref="FromMeanStdDev"/>, <see cref="FromMeanVariance"/> or
/// <see cref="FromMeanLogVariance"/>, which validate. Equality is by value (μ and σ compared exactly).
/// Peer: geomstats <c>UnivariateNormalDistributions</c> (a point is <c>[μ, σ]</c>).
/// </remarks>
public sealed record UnivariateNormal
{
    private UnivariateNormal(double mean, double stdDev)
    {
        Mean = mean;
        StdDev = stdDev;
    }

    /// <summary>Mean μ, finite.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation σ, finite and &gt; 0.</summary>
    public double StdDev { get; }

    /// <summary>Variance σ².</summary>
    public double Variance => StdDev * StdDev;

    /// <summary>Creates N(μ, σ²) from mean and standard deviation.</summary>
    /// <param name="mean">Mean μ. Range: finite.</param>
    /// <param name="stdDev">Standard deviation σ. Range: finite, σ &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mean"/> is not finite, or <paramref name="stdDev"/> is not finite or not positive.</exception>
    /// <remarks>MathNet: <c>Normal.WithMeanStdDev</c>.</remarks>
    public static UnivariateNormal FromMeanStdDev(double mean, double stdDev)
    {
        GaussianValidation.RequireFinite(mean, nameof(mean));
        GaussianValidation.RequirePositive(stdDev, nameof(stdDev));
        return new UnivariateNormal(mean, stdDev);
    }

    /// <summary>Creates N(μ, σ²) from mean and variance σ².</summary>
    /// <param name="mean">Mean μ. Range: finite.</param>
    /// <param name="variance">Variance σ². Range: finite, σ² &gt; 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static UnivariateNormal FromMeanVariance(double mean, double variance)
    {
        GaussianValidation.RequireFinite(mean, nameof(mean));
        GaussianValidation.RequirePositive(variance, nameof(variance));
        return new UnivariateNormal(mean, Math.Sqrt(variance));
    }

    /// <summary>Creates N(μ, σ²) from mean and log-variance log σ² (what a VAE encoder's log-variance head outputs).</summary>
    /// <param name="mean">Mean μ. Range: finite.</param>
    /// <param name="logVariance">log σ² in nats. Range: finite, and σ = exp(½ log σ²) must be a positive finite double.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range (including a log-variance so extreme that σ under- or overflows).</exception>
    public static UnivariateNormal FromMeanLogVariance(double mean, double logVariance)
    {
        GaussianValidation.RequireFinite(mean, nameof(mean));
        return new UnivariateNormal(mean, GaussianValidation.StdDevFromLogVariance(logVariance, nameof(logVariance)));
    }

    /// <summary>Creates a point without validation, for internal paths whose values are finite and positive by construction.</summary>
    internal static UnivariateNormal CreateUnchecked(double mean, double stdDev) => new(mean, stdDev);

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"N(μ = {Mean:G6}, σ = {StdDev:G6})");
}
