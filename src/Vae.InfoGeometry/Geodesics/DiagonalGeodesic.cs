using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// The Fisher–Rao geodesic between two normals with diagonal covariance N(μ₁, diag σ₁²) and N(μ₂, diag σ₂²), in closed
/// form and at constant speed on t ∈ [0, 1].
/// </summary>
/// <remarks>
/// The diagonal family is the Riemannian product of k univariate families, so its geodesic is the product of the k
/// univariate geodesics, each at its own constant speed dᵢ on [0, 1]; the total speed is constant and the length is
/// d = √(Σ dᵢ²). Along the way σᵢ rises above both endpoint values exactly when |σ₂ᵢ² − σ₁ᵢ²| &lt; Δμᵢ²/2, i.e. when the
/// top of the half-circle lies between the endpoints (the "σ bump" of Peşte, Malagò &amp; Sârbu, Fig. 4); otherwise it
/// runs monotonically from σ₁ᵢ to σ₂ᵢ. Source: Costa, Santos &amp; Strapasson 2015, §4.
/// </remarks>
public sealed class DiagonalGeodesic
{
    private readonly UnivariateGeodesic[] _components;

    internal DiagonalGeodesic(DiagonalNormal start, DiagonalNormal end)
    {
        Start = start;
        End = end;
        _components = new UnivariateGeodesic[start.Dimension];
        double sum = 0;
        for (int i = 0; i < _components.Length; i++)
        {
            _components[i] = new UnivariateGeodesic(start.Component(i), end.Component(i));
            sum += _components[i].Distance * _components[i].Distance;
        }
        Distance = Math.Sqrt(sum);
    }

    /// <summary>γ(0), the initial point.</summary>
    public DiagonalNormal Start { get; }

    /// <summary>γ(1), the end point.</summary>
    public DiagonalNormal End { get; }

    /// <summary>Dimension k.</summary>
    public int Dimension => _components.Length;

    /// <summary>Fisher–Rao length √(Σ dᵢ²) = the distance between the endpoints (dimensionless, ≥ 0).</summary>
    public double Distance { get; }

    /// <summary>The univariate geodesics of the k coordinates, in order.</summary>
    public IReadOnlyList<UnivariateGeodesic> Components => Array.AsReadOnly(_components);

    /// <summary>The point γ(t).</summary>
    /// <param name="t">Curve parameter. Range: [0, 1]; 0 gives <see cref="Start"/>, 1 gives <see cref="End"/> exactly.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is outside [0, 1] or NaN.</exception>
    public DiagonalNormal At(double t)
    {
        GeodesicParameter.Require(t, nameof(t));
        var mean = new double[Dimension];
        var stdDev = new double[Dimension];
        for (int i = 0; i < mean.Length; i++)
        {
            var p = _components[i].Evaluate(t);
            mean[i] = p.Mean;
            stdDev[i] = p.StdDev;
        }
        return DiagonalNormal.CreateUnchecked(mean, stdDev);
    }

    /// <summary><paramref name="count"/> points γ(tᵢ) at tᵢ = i/(count − 1), endpoints included.</summary>
    /// <param name="count">Number of points. Range: ≥ 2.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> &lt; 2.</exception>
    public IReadOnlyList<DiagonalNormal> Sample(int count) =>
        GeodesicParameter.Grid(count, nameof(count)).Select(At).ToArray();

    /// <inheritdoc />
    public override string ToString() => FormattableString.Invariant($"Fisher–Rao geodesic in N(μ, diag σ²), k = {Dimension}, length {Distance:G6}");
}
