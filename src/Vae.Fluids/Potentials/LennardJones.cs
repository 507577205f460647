using System.Runtime.Intrinsics;

namespace Vae.Fluids.Potentials;

/// <summary>
/// The Lennard-Jones pair potential in reduced units, u(r) = 4[(1/r)¹² − (1/r)⁶], optionally truncated at a
/// cutoff r_c and optionally shifted so that u(r_c) = 0.
/// </summary>
/// <remarks>
/// Source: LCP-B group 9 slides, U' = 4[(1/r')¹² − (1/r')⁶] + γy' with r' = r/σ. Computed as 4s³(s³ − 1) with
/// s = 1/r², which is +∞ (not NaN) at r = 0. Minimum −1 at r = 2^{1/6}.
/// </remarks>
public readonly struct LennardJones : IPairPotential
{
    // 1/r_c² (0 for no cutoff, so default(LennardJones) is the untruncated potential); u = 0 where 1/r² ≤ 1/r_c².
    private readonly double _inverseCutoffSquared;
    private readonly double _shift;
    private readonly bool _shifted;

    private LennardJones(double cutoff, bool shifted)
    {
        _inverseCutoffSquared = 1.0 / (cutoff * cutoff);
        _shift = shifted ? Full(cutoff * cutoff) : 0.0;
        _shifted = shifted;
    }

    /// <summary>The cutoff radius r_c in σ (+∞ for the untruncated potential).</summary>
    public double Cutoff => 1.0 / Math.Sqrt(_inverseCutoffSquared);

    /// <summary>Whether the potential is shifted by −u(r_c) so it is continuous at the cutoff.</summary>
    public bool Shifted => _shifted;

    /// <summary>The untruncated potential (r_c = ∞), as in the slides; equal to <c>default(LennardJones)</c>.</summary>
    public static LennardJones Untruncated { get; } = new(double.PositiveInfinity, false);

    /// <summary>The potential truncated at <paramref name="cutoff"/>: u(r) for r &lt; r_c, 0 beyond.</summary>
    /// <param name="cutoff">r_c in σ, &gt; 0 (2.5 is customary).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not positive or is NaN.</exception>
    public static LennardJones Truncated(double cutoff) => new(RequireCutoff(cutoff), false);

    /// <summary>The potential truncated at <paramref name="cutoff"/> and shifted: u(r) − u(r_c) for r &lt; r_c, 0 beyond.</summary>
    /// <param name="cutoff">r_c in σ, &gt; 0 and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="cutoff"/> is not positive and finite.</exception>
    public static LennardJones TruncatedShifted(double cutoff)
    {
        if (!double.IsFinite(cutoff))
            throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "A shifted potential needs a finite cutoff.");
        return new(RequireCutoff(cutoff), true);
    }

    /// <inheritdoc/>
    public double Energy(double squaredDistance)
    {
        double s = 1.0 / squaredDistance;
        if (s <= _inverseCutoffSquared) return 0.0;
        double s3 = s * s * s;
        return 4.0 * s3 * (s3 - 1.0) - _shift;
    }

    /// <inheritdoc/>
    public Vector256<double> Energy(Vector256<double> squaredDistance)
    {
        var s = Vector256.Create(1.0) / squaredDistance;
        var s3 = s * s * s;
        var e = Vector256.Create(4.0) * s3 * (s3 - Vector256.Create(1.0)) - Vector256.Create(_shift);
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(s, Vector256.Create(_inverseCutoffSquared)), Vector256<double>.Zero, e);
    }

    private static double Full(double squaredDistance)
    {
        double s = 1.0 / squaredDistance;
        double s3 = s * s * s;
        return 4.0 * s3 * (s3 - 1.0);
    }

    private static double RequireCutoff(double cutoff) =>
        cutoff > 0 ? cutoff : throw new ArgumentOutOfRangeException(nameof(cutoff), cutoff, "cutoff must be > 0.");
}
