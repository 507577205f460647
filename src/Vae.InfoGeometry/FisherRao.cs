using MathNet.Numerics.LinearAlgebra;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Geodesics;

namespace Vae.InfoGeometry;

/// <summary>
/// Fisher–Rao geometry of Gaussian families: distances, geodesics and the Calvo–Oller lower bound. The Fisher metric
/// of N(μ, Σ) is ds² = dμᵀΣ⁻¹dμ + ½ tr((Σ⁻¹dΣ)²) (Skovgaard 1981); for one dimension it is (dμ² + 2dσ²)/σ².
/// All distances are dimensionless, ≥ 0, symmetric, and invariant under the affine maps x ↦ Ax + b that preserve
/// the family (A diagonal for the diagonal family).
/// </summary>
public static class FisherRao
{
    /// <summary>Fisher–Rao distance between N(μ₁, σ₁²) and N(μ₂, σ₂²) in closed form.</summary>
    /// <returns>d = √2 arccosh(1 + (Δμ²/2 + Δσ²)/(2σ₁σ₂)), dimensionless, ≥ 0 (evaluated as 2√2 asinh(√(Δμ²/2 + Δσ²)/(2√(σ₁σ₂))), the same value without cancellation).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <remarks>Poincaré half-plane with u = μ/√2. Source: Costa, Santos &amp; Strapasson 2015, eq. (11). Peer: geomstats <c>UnivariateNormalMetric.dist</c>.</remarks>
    public static double Distance(UnivariateNormal a, UnivariateNormal b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return HalfPlane.Distance(a.Mean, a.StdDev, b.Mean, b.StdDev);
    }

    /// <summary>Fisher–Rao distance between N(μ₁, diag σ₁²) and N(μ₂, diag σ₂²) in closed form.</summary>
    /// <returns>d = √(Σᵢ dᵢ²) with dᵢ the univariate distance of coordinate i; dimensionless, ≥ 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="b"/> differs in dimension from <paramref name="a"/>.</exception>
    /// <remarks>The diagonal family is the Riemannian product of univariate families. Source: Costa, Santos &amp; Strapasson 2015, §4.
    /// Peer: geomstats <c>DiagonalNormalMetric.dist</c>. Distances below about 2e-146, whose squares would underflow, are
    /// summed scaled by the largest coordinate distance (as BLAS dnrm2), so they keep their digits.</remarks>
    public static double Distance(DiagonalNormal a, DiagonalNormal b)
    {
        RequireSameDimension(a, b);
        var m1 = a.MeanSpan; var s1 = a.StdDevSpan; var m2 = b.MeanSpan; var s2 = b.StdDevSpan;
        double sum = 0;
        for (int i = 0; i < m1.Length; i++)
        {
            double d = HalfPlane.Distance(m1[i], s1[i], m2[i], s2[i]);
            sum += d * d;
        }
        if (sum >= HalfPlane.ProductSumThreshold) return Math.Sqrt(sum);
        // Tiny distances (below about 1e-146): squared, they would underflow and lose digits.
        return HalfPlane.ScaledProductDistance(m1, s1, m2, s2, 0, 1, m1.Length);
    }

    /// <summary>Fisher–Rao distances between corresponding rows of two batches of diagonal normals, SIMD-vectorised.</summary>
    /// <returns>A fresh array, shape [n]: entry i is <see cref="Distance(DiagonalNormal, DiagonalNormal)"/> of <c>a[i]</c>, <c>b[i]</c> (to a few ulps).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The batches differ in count or dimension.</exception>
    public static double[] Distances(DiagonalNormalBatch a, DiagonalNormalBatch b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count || a.Dimension != b.Dimension)
            throw new ArgumentException($"b is {b.Count}×{b.Dimension}; a is {a.Count}×{a.Dimension}.", nameof(b));
        var result = new double[a.Count];
        DiagonalFisherRaoKernel.Distances(a.MeanColumnMajor, a.StdDevColumnMajor, b.MeanColumnMajor, b.StdDevColumnMajor, result);
        return result;
    }

    /// <summary>Exact Fisher–Rao distance between N(μ₁, Σ₁) and N(μ₂, Σ₂) by geodesic shooting (see <see cref="MultivariateGeodesic"/>).</summary>
    /// <param name="a">First point.</param>
    /// <param name="b">Second point, same dimension.</param>
    /// <param name="options">Shooting settings; <see cref="GeodesicShootingOptions.Default"/> when null.</param>
    /// <returns>Length of the geodesic, dimensionless, ≥ 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="a"/> or <paramref name="b"/> is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="GeodesicShootingException">The shooting did not reach the residual tolerance.</exception>
    /// <remarks>Sources: Eriksen 1987; Calvo &amp; Oller 1991. For equal means it equals √(½ Σ log² λᵢ(Σ₁⁻¹Σ₂)) (Skovgaard 1981).</remarks>
    public static double Distance(MultivariateNormal a, MultivariateNormal b, GeodesicShootingOptions? options = null) =>
        Geodesic(a, b, options).Distance;

    /// <summary>
    /// The Calvo–Oller lower bound on the Fisher–Rao distance: the distance √(½ Σ log² λᵢ(S₁⁻¹S₂)) between the
    /// embeddings Sᵢ = [[Σᵢ + μᵢμᵢᵀ, μᵢ], [μᵢᵀ, 1]] in the symmetric positive definite (n+1)×(n+1) matrices.
    /// </summary>
    /// <returns>A lower bound, dimensionless, ≥ 0; exact when the means are equal or in one dimension with equal means.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    /// <remarks>The embedding is isometric onto a submanifold of SPD(n+1) with metric ½ tr((S⁻¹dS)²), so the induced distance is
    /// at least the ambient one. Evaluated after whitening by Σ₁ = LLᵀ (the bound is affine-invariant), i.e. between
    /// N(0, I) and N(L⁻¹(μ₂ − μ₁), L⁻¹Σ₂L⁻ᵀ), so large means relative to σ cost no digits. Source: Calvo &amp; Oller 1990 (J. Multivariate Anal. 35), Pinele, Strapasson &amp; Costa 2020.</remarks>
    public static double CalvoOllerLowerBound(MultivariateNormal a, MultivariateNormal b)
    {
        RequireSameDimension(a, b);
        // The bound is invariant under x ↦ L⁻¹(x − μ₁) (it acts on the embeddings as a congruence), so it is evaluated
        // between N(0, I), whose embedding is the identity, and N(L⁻¹(μ₂ − μ₁), L⁻¹Σ₂L⁻ᵀ): the raw embedding
        // Σ + μμᵀ loses Σ to rounding once |μ|/σ approaches 1/√ε.
        var inverse = Whitening.InverseLower(a.CholeskyFactorInternal);
        var mean = inverse * (b.MeanInternal - a.MeanInternal);
        var covariance = inverse * b.CovarianceInternal * inverse.Transpose();
        var c = Embed(mean, 0.5 * (covariance + covariance.Transpose()));
        var eigenvalues = c.Evd(Symmetricity.Symmetric).EigenValues;
        double sum = 0;
        foreach (var lambda in eigenvalues)
        {
            double log = Math.Log(lambda.Real);
            sum += log * log;
        }
        return Math.Sqrt(0.5 * sum);
    }

    /// <summary>The closed-form constant-speed geodesic from <paramref name="initialPoint"/> to <paramref name="endPoint"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static UnivariateGeodesic Geodesic(UnivariateNormal initialPoint, UnivariateNormal endPoint)
    {
        ArgumentNullException.ThrowIfNull(initialPoint);
        ArgumentNullException.ThrowIfNull(endPoint);
        return new UnivariateGeodesic(initialPoint, endPoint);
    }

    /// <summary>The closed-form constant-speed geodesic from <paramref name="initialPoint"/> to <paramref name="endPoint"/> (product of univariate geodesics).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    public static DiagonalGeodesic Geodesic(DiagonalNormal initialPoint, DiagonalNormal endPoint)
    {
        RequireSameDimension(initialPoint, endPoint);
        return new DiagonalGeodesic(initialPoint, endPoint);
    }

    /// <summary>The constant-speed geodesic from <paramref name="initialPoint"/> to <paramref name="endPoint"/> by geodesic shooting.</summary>
    /// <param name="initialPoint">γ(0).</param>
    /// <param name="endPoint">γ(1), same dimension.</param>
    /// <param name="options">Shooting settings; <see cref="GeodesicShootingOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="initialPoint"/> or <paramref name="endPoint"/> is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    /// <exception cref="GeodesicShootingException">The shooting did not reach the residual tolerance.</exception>
    public static MultivariateGeodesic Geodesic(MultivariateNormal initialPoint, MultivariateNormal endPoint, GeodesicShootingOptions? options = null)
    {
        RequireSameDimension(initialPoint, endPoint);
        options ??= GeodesicShootingOptions.Default;
        options.Validate(nameof(options));
        return new MultivariateGeodesic(initialPoint, endPoint, options);
    }

    private static Matrix<double> Embed(Vector<double> mean, Matrix<double> covariance)
    {
        int n = mean.Count;
        var s = Matrix<double>.Build.Dense(n + 1, n + 1);
        s.SetSubMatrix(0, 0, covariance + mean.OuterProduct(mean));
        for (int i = 0; i < n; i++) s[i, n] = s[n, i] = mean[i];
        s[n, n] = 1.0;
        return s;
    }

    private static void RequireSameDimension(DiagonalNormal a, DiagonalNormal b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimension != b.Dimension)
            throw new ArgumentException($"The second point has dimension {b.Dimension}; the first has {a.Dimension}.", nameof(b));
    }

    private static void RequireSameDimension(MultivariateNormal a, MultivariateNormal b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Dimension != b.Dimension)
            throw new ArgumentException($"The second point has dimension {b.Dimension}; the first has {a.Dimension}.", nameof(b));
    }
}
