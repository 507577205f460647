using MathNet.Numerics.LinearAlgebra;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// The Fisher–Rao geodesic between two multivariate normals N(μ₁, Σ₁) and N(μ₂, Σ₂) with full covariances, found by
/// geodesic shooting with the closed-form exponential map of Eriksen (1987) / Calvo &amp; Oller (1991), at constant
/// speed on t ∈ [0, 1].
/// </summary>
/// <remarks>
/// With Σ₁ = LLᵀ and the initial velocity (x, B) solved at the whitened start N(0, I):
/// μ(t) = μ₁ + L Δ(t)⁻¹δ(t), Σ(t) = L Δ(t)⁻¹ Lᵀ, with Δ(t), δ(t) blocks of exp(tA) for Eriksen's symmetric (2n+1)×(2n+1) matrix A built from (x, B) (docs/infogeometry.md §3),
/// and the length is the Fisher norm of the initial velocity √(xᵀx + ½ tr B²). The shooting finds the geodesic through
/// both points that Newton's method (or its continuation from the start) reaches; for the distances met in practice
/// it is the minimising one (its length is never below the Calvo–Oller bound and matches a collocation solution of the
/// geodesic boundary-value problem, see docs/infogeometry.md), but the manifold has regions of positive curvature for
/// n ≥ 2 and uniqueness is not proved in general.
/// </remarks>
public sealed class MultivariateGeodesic
{
    private readonly EriksenExponential _exponential;
    private readonly Matrix<double> _whitening; // L, Σ₁ = L Lᵀ

    internal MultivariateGeodesic(MultivariateNormal start, MultivariateNormal end, GeodesicShootingOptions options)
    {
        Start = start;
        End = end;
        int n = start.Dimension;
        _whitening = start.CholeskyFactorInternal;
        var inverse = Whitening.InverseLower(_whitening);
        var mean = inverse * (end.MeanInternal - start.MeanInternal);
        var covariance = inverse * end.CovarianceInternal * inverse.Transpose();
        covariance = 0.5 * (covariance + covariance.Transpose());
        var solution = GeodesicShooting.Solve(mean, covariance, options);
        _exponential = new EriksenExponential(n, solution.Parameters);
        Residual = solution.Residual;
        Iterations = solution.Iterations;
        Distance = Math.Sqrt(GeodesicShooting.SquaredSpeed(n, solution.Parameters));
        var (x, b) = GeodesicShooting.Unpack(n, solution.Parameters);
        InitialMeanVelocityInternal = _whitening * x;
        var velocity = _whitening * b * _whitening.Transpose();
        InitialCovarianceVelocityInternal = 0.5 * (velocity + velocity.Transpose());
    }

    /// <summary>γ(0), the initial point.</summary>
    public MultivariateNormal Start { get; }

    /// <summary>γ(1), the end point.</summary>
    public MultivariateNormal End { get; }

    /// <summary>Dimension n.</summary>
    public int Dimension => Start.Dimension;

    /// <summary>Fisher–Rao length of the curve = the distance between the endpoints (dimensionless, ≥ 0).</summary>
    public double Distance { get; }

    /// <summary>Shooting residual reached (≤ <see cref="GeodesicShootingOptions.Tolerance"/>; see there for its definition).</summary>
    public double Residual { get; }

    /// <summary>Newton iterations spent (0 when the start guess already met the tolerance, e.g. equal means).</summary>
    public int Iterations { get; }

    /// <summary>dμ/dt at t = 0, shape [n], a fresh copy.</summary>
    public Vector<double> InitialMeanVelocity => InitialMeanVelocityInternal.Clone();

    /// <summary>dΣ/dt at t = 0, shape [n, n], symmetric, a fresh copy.</summary>
    public Matrix<double> InitialCovarianceVelocity => InitialCovarianceVelocityInternal.Clone();

    internal Vector<double> InitialMeanVelocityInternal { get; }

    internal Matrix<double> InitialCovarianceVelocityInternal { get; }

    /// <summary>The point γ(t).</summary>
    /// <param name="t">Curve parameter. Range: [0, 1]; 0 gives <see cref="Start"/> and 1 gives <see cref="End"/> exactly
    /// (the shooting meets the end point to the residual tolerance).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside [0, 1] or NaN.</exception>
    public MultivariateNormal At(double t)
    {
        GeodesicParameter.Require(t, nameof(t));
        if (t == 0) return Start;
        if (t == 1) return End;
        int n = Dimension;
        var delta = Matrix<double>.Build.Dense(n, n);
        var deltaVector = Vector<double>.Build.Dense(n);
        _exponential.Evaluate(t, delta, deltaVector);
        var cholesky = (0.5 * (delta + delta.Transpose())).Cholesky();
        var whitenedCovariance = cholesky.Solve(Matrix<double>.Build.DenseIdentity(n));
        var whitenedMean = cholesky.Solve(deltaVector);
        var covariance = _whitening * whitenedCovariance * _whitening.Transpose();
        return MultivariateNormal.CreateTrusted(
            Start.MeanInternal + _whitening * whitenedMean,
            0.5 * (covariance + covariance.Transpose()));
    }

    /// <summary><paramref name="count"/> points γ(tᵢ) at tᵢ = i/(count − 1), endpoints included.</summary>
    /// <param name="count">Number of points. Range: ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 2.</exception>
    public IReadOnlyList<MultivariateNormal> Sample(int count) =>
        GeodesicParameter.Grid(count, nameof(count)).Select(At).ToArray();

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"Fisher–Rao geodesic in N(μ, Σ), n = {Dimension}, length {Distance:G6}");
}
