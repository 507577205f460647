namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// Closed forms of the univariate Fisher–Rao geometry through the Poincaré half-plane. With u = μ/√2 the metric
/// (dμ² + 2dσ²)/σ² becomes 2(du² + dσ²)/σ², i.e. √2 times the hyperbolic half-plane metric in (u, σ); distances are
/// √2 times hyperbolic distances and geodesics are the hyperbolic ones (half-circles centred on σ = 0 and vertical
/// lines). Source: Costa, Santos &amp; Strapasson 2015, §3.
/// </summary>
internal static class HalfPlane
{
    /// <summary>2√2: d = √2 · d_H and d_H = 2 asinh(|z₂ − z₁| / (2√(σ₁σ₂))).</summary>
    internal const double TwoSqrt2 = 2.8284271247461900976;

    internal static readonly double Sqrt2 = Math.Sqrt(2.0);

    /// <summary>
    /// Fisher–Rao distance between N(μ₁, σ₁²) and N(μ₂, σ₂²):
    /// √2 arccosh(1 + (Δμ²/2 + Δσ²)/(2σ₁σ₂)), evaluated as 2√2 asinh(√(Δμ²/2 + Δσ²) / (2√(σ₁σ₂))), which is the same
    /// number without the cancellation of arccosh near 1.
    /// </summary>
    /// <remarks>Finite for all finite inputs with σ &gt; 0 (to a few ulps). When Δμ²/2 + Δσ² or σ₁σ₂ is not a normal
    /// double, the edge form is taken: the chord is a <c>hypot</c> of the halved
    /// differences when the differences themselves overflow, √(σ₁σ₂) is √σ₁·√σ₂ (no overflow or underflow of the
    /// product), and when the asinh argument x overflows, asinh x = ln 2x (exact to double precision for x &gt; 10⁸) is
    /// taken in log space: ln(chord) − ½ln σ₁ − ½ln σ₂. E.g. N(0, 10⁻³⁰⁰²) vs N(10³⁰⁰, 10³⁰⁰²) gives 1952.06… (mpmath,
    /// tests/Vae.Tests/InfoGeometry/FisherRaoEdgeTests.cs).</remarks>
    internal static double Distance(double mean1, double stdDev1, double mean2, double stdDev2)
    {
        double dm = mean1 - mean2, ds = stdDev1 - stdDev2;
        double squared = 0.5 * dm * dm + ds * ds, product = stdDev1 * stdDev2;
        // The common case: nothing over- or underflowed, so the direct form is accurate (and as fast as before).
        if (double.IsNormal(product) && (double.IsNormal(squared) || (dm == 0 && ds == 0)))
            return TwoSqrt2 * Math.Asinh(Math.Sqrt(squared) / (2.0 * Math.Sqrt(product)));
        return EdgeDistance(mean1, stdDev1, mean2, stdDev2);
    }

    /// <summary>
    /// Below this, a sum Σᵢ dᵢ² of squared coordinate distances may have lost digits to gradual underflow (a dᵢ² below the
    /// smallest normal double keeps few significant bits); at or above it, what underflowed is below 2⁻⁵⁴ of the sum.
    /// </summary>
    internal const double ProductSumThreshold = 2.2250738585072014e-308 * 18014398509481984.0;   // 2⁻¹⁰²² · 2⁵⁴

    /// <summary>
    /// √(Σᵢ dᵢ²) of the product (diagonal) family without underflow, for sums below <see cref="ProductSumThreshold"/>:
    /// the coordinate distances dᵢ = <see cref="Distance"/> of entries <paramref name="offset"/> + i·<paramref name="stride"/>,
    /// i = 0..<paramref name="dimension"/> − 1, are scaled by their largest before squaring (as BLAS dnrm2).
    /// </summary>
    internal static double ScaledProductDistance(ReadOnlySpan<double> mean1, ReadOnlySpan<double> stdDev1,
        ReadOnlySpan<double> mean2, ReadOnlySpan<double> stdDev2, int offset, int stride, int dimension)
    {
        var largest = 0.0;
        for (int i = 0, e = offset; i < dimension; i++, e += stride)
            largest = Math.Max(largest, Distance(mean1[e], stdDev1[e], mean2[e], stdDev2[e]));
        if (largest == 0) return 0;
        var sum = 0.0;
        for (int i = 0, e = offset; i < dimension; i++, e += stride)
        {
            var scaled = Distance(mean1[e], stdDev1[e], mean2[e], stdDev2[e]) / largest;
            sum += scaled * scaled;
        }
        return largest * Math.Sqrt(sum);
    }

    /// <summary>The same distance when Δμ², Δσ² or σ₁σ₂ leave the range of normal doubles (see <see cref="Distance"/>).</summary>
    private static double EdgeDistance(double mean1, double stdDev1, double mean2, double stdDev2)
    {
        double dm = mean1 - mean2, ds = stdDev1 - stdDev2, scale = 1.0;
        if (!double.IsFinite(dm) || !double.IsFinite(ds))
        {
            dm = 0.5 * mean1 - 0.5 * mean2;
            ds = 0.5 * stdDev1 - 0.5 * stdDev2;
            scale = 0.5;
        }
        double chord = double.Hypot(dm / Sqrt2, ds);                     // the true chord times scale
        double root = Math.Sqrt(stdDev1) * Math.Sqrt(stdDev2);
        double x = chord / root / (2.0 * scale);
        if (double.IsFinite(x)) return TwoSqrt2 * Math.Asinh(x);
        return TwoSqrt2 * (Math.Log(chord) - 0.5 * Math.Log(stdDev1) - 0.5 * Math.Log(stdDev2) - Math.Log(scale));
    }

    /// <summary>
    /// Unit direction (cos θ, sin θ) in the (u, σ) plane of the hyperbolic geodesic from (u₁, σ₁) towards (u₂, σ₂),
    /// and 1 − sin θ computed without cancellation. Derivation: the map z ↦ (z − u₁)/σ₁ sends the start to i and the
    /// end to w = a + ib (a = Δu/σ₁, b = σ₂/σ₁); the Cayley map ζ = (w − i)/(w + i) gives the direction at 0 of the
    /// disc, arg ζ = atan2(−2a, a² + b² − 1), and the half-plane direction at i is θ = π/2 + arg ζ.
    /// </summary>
    internal static Direction DirectionTowards(double mean1, double stdDev1, double mean2, double stdDev2)
    {
        double a = (mean2 - mean1) / (Sqrt2 * stdDev1);
        double bMinus1 = (stdDev2 - stdDev1) / stdDev1;
        double x = 2.0 * a;
        double y = a * a + bMinus1 * (bMinus1 + 2.0);          // a² + b² − 1 without cancellation
        double norm = double.Hypot(x, y);
        if (norm == 0) return new Direction(0, 1, 0);            // coincident points: any direction, zero length
        double cos = x / norm, sin = y / norm;
        double oneMinusSin = sin > 0 ? cos * cos / (1.0 + sin) : 1.0 - sin;
        return new Direction(cos, sin, oneMinusSin);
    }

    /// <summary>
    /// The point at hyperbolic arc length s from (μ₁, σ₁) along <paramref name="direction"/>:
    /// u = u₁ + σ₁ cos θ sinh s / D, σ = σ₁ / D with D = cosh s − sin θ sinh s = e^{−s} + (1 − sin θ) sinh s &gt; 0.
    /// Derivation: rotate the vertical geodesic i·eˢ about i by a Möbius map, then scale by σ₁ and shift by u₁.
    /// </summary>
    internal static PointOnCurve Walk(double mean1, double stdDev1, Direction direction, double s)
    {
        double sinh = Math.Sinh(s);
        double d = Math.Exp(-s) + direction.OneMinusSin * sinh;
        return new PointOnCurve(mean1 + Sqrt2 * stdDev1 * direction.Cos * sinh / d, stdDev1 / d);
    }

    /// <summary>
    /// Whether <see cref="DirectionTowards"/> and <see cref="Walk"/> hold every intermediate of this pair as a normal
    /// double: hyperbolic length ≤ 340 (so a = Δu/σ₁, a², 1/(1 − sin θ) and sinh s stay below ~10²⁹⁵) and
    /// 2⁻⁵⁰⁰ ≤ σ, |μ| ≤ 2⁵⁰⁰ (so σ₁ cos θ neither underflows nor, times sinh s, overflows). Otherwise use <see cref="EdgeWalk"/>.
    /// </summary>
    internal static bool WalkIsSafe(double mean1, double stdDev1, double mean2, double stdDev2, double hyperbolicLength) =>
        hyperbolicLength <= 340 && InRange(stdDev1) && InRange(stdDev2) && Math.Abs(mean1) <= Large && Math.Abs(mean2) <= Large;

    private const double Large = 3.2733906078961419e150;  // 2⁵⁰⁰

    private static bool InRange(double stdDev) => stdDev >= 1.0 / Large && stdDev <= Large;

    /// <summary>
    /// The point at fraction t ∈ (0, 1) of the geodesic of hyperbolic length L from (μ₁, σ₁) to (μ₂, σ₂), for any finite
    /// pair. In the hyperboloid model the point is (sinh((1 − t)L) X₁ + sinh(tL) X₂)/sinh L, and with the embedding
    /// X = ((1 + u² + σ²)/2σ, (u² + σ² − 1)/2σ, u/σ) both 1/σ = X₀ − X₁ and u/σ = X₂ are linear in X, so
    /// 1/σ = α/σ₁ + β/σ₂ and μ = w₁μ₁ + w₂μ₂ with α = sinh((1 − t)L)/sinh L, β = sinh(tL)/sinh L, w₁ = σα/σ₁,
    /// w₂ = σβ/σ₂ (w₁ + w₂ = 1). Evaluated in log space, so nothing over- or underflows except a result that is out of
    /// range itself; relative error about ε · max(L, |ln σ|) (≤ ~10⁻¹³).
    /// </summary>
    internal static PointOnCurve EdgeWalk(double mean1, double stdDev1, double mean2, double stdDev2, double hyperbolicLength, double t)
    {
        if (hyperbolicLength == 0) return new PointOnCurve(mean1, stdDev1);
        double logSinhLength = LogSinh(hyperbolicLength);
        double p = LogSinh((1 - t) * hyperbolicLength) - logSinhLength - Math.Log(stdDev1);   // ln(α/σ₁)
        double q = LogSinh(t * hyperbolicLength) - logSinhLength - Math.Log(stdDev2);         // ln(β/σ₂)
        double top = Math.Max(p, q);
        double logInverse = top + Math.Log(Math.Exp(p - top) + Math.Exp(q - top));            // ln(1/σ)
        return new PointOnCurve(Math.Exp(p - logInverse) * mean1 + Math.Exp(q - logInverse) * mean2, Math.Exp(-logInverse));
    }

    /// <summary>ln sinh x for x &gt; 0; for x &gt; 20, sinh x = eˣ(1 − e⁻²ˣ)/2 and e⁻⁴⁰ is below half an ulp of x − ln 2.</summary>
    private static double LogSinh(double x) => x <= 20 ? Math.Log(Math.Sinh(x)) : x - 0.69314718055994530942;

    internal readonly record struct Direction(double Cos, double Sin, double OneMinusSin);

    internal readonly record struct PointOnCurve(double Mean, double StdDev);
}
