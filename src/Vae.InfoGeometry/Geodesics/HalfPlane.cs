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
    internal static double Distance(double mean1, double stdDev1, double mean2, double stdDev2)
    {
        double dm = mean1 - mean2, ds = stdDev1 - stdDev2;
        double chord = Math.Sqrt(0.5 * dm * dm + ds * ds);
        return TwoSqrt2 * Math.Asinh(chord / (2.0 * Math.Sqrt(stdDev1 * stdDev2)));
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

    internal readonly record struct Direction(double Cos, double Sin, double OneMinusSin);

    internal readonly record struct PointOnCurve(double Mean, double StdDev);
}
