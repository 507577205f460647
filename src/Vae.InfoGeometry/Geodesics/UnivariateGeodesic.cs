using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// The Fisher–Rao geodesic between two univariate normals, in closed form and at constant speed on t ∈ [0, 1]:
/// γ(0) = <see cref="Start"/>, γ(1) = <see cref="End"/>, and d(γ(s), γ(t)) = |t − s| · <see cref="Distance"/>.
/// </summary>
/// <remarks>
/// In the half-plane coordinates (μ/√2, σ) the curve is a half-circle centred on the μ axis, or a vertical line when
/// Δμ = 0 (then μ is constant and σ(t) = σ₁ (σ₂/σ₁)ᵗ). <see cref="At"/> walks from the nearer endpoint, so both endpoints
/// are reproduced exactly. Far-apart or extreme pairs (hyperbolic length &gt; 340, or σ or |μ| outside [2⁻⁵⁰⁰, 2⁵⁰⁰])
/// are evaluated instead through the hyperboloid model in log space (1/σ(t) = α/σ₁ + β/σ₂ with α, β ratios of sinh),
/// finite for every finite pair, to a relative ~10⁻¹³. Source: Costa, Santos &amp; Strapasson 2015; peer: geomstats <c>UnivariateNormalMetric.geodesic</c>.
/// </remarks>
public sealed class UnivariateGeodesic
{
    private readonly HalfPlane.Direction _forward;
    private readonly HalfPlane.Direction _backward;
    private readonly double _hyperbolicLength;
    private readonly bool _walkIsSafe;

    internal UnivariateGeodesic(UnivariateNormal start, UnivariateNormal end)
    {
        Start = start;
        End = end;
        Distance = HalfPlane.Distance(start.Mean, start.StdDev, end.Mean, end.StdDev);
        _hyperbolicLength = Distance / HalfPlane.Sqrt2;
        _walkIsSafe = HalfPlane.WalkIsSafe(start.Mean, start.StdDev, end.Mean, end.StdDev, _hyperbolicLength);
        if (!_walkIsSafe) return;
        _forward = HalfPlane.DirectionTowards(start.Mean, start.StdDev, end.Mean, end.StdDev);
        _backward = HalfPlane.DirectionTowards(end.Mean, end.StdDev, start.Mean, start.StdDev);
    }

    /// <summary>γ(0), the initial point.</summary>
    public UnivariateNormal Start { get; }

    /// <summary>γ(1), the end point.</summary>
    public UnivariateNormal End { get; }

    /// <summary>Fisher–Rao length of the curve = the distance between the endpoints (dimensionless, ≥ 0).</summary>
    public double Distance { get; }

    /// <summary>The point γ(t).</summary>
    /// <param name="t">Curve parameter. Range: [0, 1]; 0 gives <see cref="Start"/>, 1 gives <see cref="End"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside [0, 1] or NaN.</exception>
    public UnivariateNormal At(double t)
    {
        GeodesicParameter.Require(t, nameof(t));
        var p = Evaluate(t);
        return UnivariateNormal.CreateUnchecked(p.Mean, p.StdDev);
    }

    /// <summary><paramref name="count"/> points γ(tᵢ) at equally spaced tᵢ = i/(count − 1), endpoints included.</summary>
    /// <param name="count">Number of points. Range: ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 2.</exception>
    public IReadOnlyList<UnivariateNormal> Sample(int count) =>
        GeodesicParameter.Grid(count, nameof(count)).Select(At).ToArray();

    internal HalfPlane.PointOnCurve Evaluate(double t)
    {
        if (t == 0) return new HalfPlane.PointOnCurve(Start.Mean, Start.StdDev);
        if (t == 1) return new HalfPlane.PointOnCurve(End.Mean, End.StdDev);
        if (!_walkIsSafe) return HalfPlane.EdgeWalk(Start.Mean, Start.StdDev, End.Mean, End.StdDev, _hyperbolicLength, t);
        return t <= 0.5
            ? HalfPlane.Walk(Start.Mean, Start.StdDev, _forward, t * _hyperbolicLength)
            : HalfPlane.Walk(End.Mean, End.StdDev, _backward, (1 - t) * _hyperbolicLength);
    }

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"Fisher–Rao geodesic {Start} → {End}, length {Distance:G6}");
}
