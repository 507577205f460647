using System.Runtime.Intrinsics;

namespace Vae.Fluids.Potentials;

/// <summary>
/// A spherically symmetric pair potential u(r) in reduced units (energy in ε, distance in σ), evaluated from the
/// squared distance so the sampler's inner loop needs no square root.
/// </summary>
/// <remarks>
/// Implement it on a <c>struct</c>: the sampler is generic over <c>TPotential : struct, IPairPotential</c>, so the
/// JIT specialises and inlines <see cref="Energy(double)"/> with no virtual call per pair. An implementation must return
/// +∞ (never NaN) as r → 0 for a repulsive core, so that such moves are always rejected.
/// </remarks>
public interface IPairPotential
{
    /// <summary>The pair energy u(r) for r² = <paramref name="squaredDistance"/>.</summary>
    /// <param name="squaredDistance">r², in σ², ≥ 0.</param>
    /// <returns>u(r) in units of ε; may be +∞ at r = 0.</returns>
    double Energy(double squaredDistance);

    /// <summary>
    /// <see cref="Energy(double)"/> for four squared distances at once. Each lane must give exactly the bits of the
    /// scalar overload (the sampler mixes both), which holds when both perform the same IEEE operations in the same order.
    /// </summary>
    /// <param name="squaredDistance">Four values of r², in σ², ≥ 0 (a lane may be +∞: return 0 there if u(∞) = 0).</param>
    /// <returns>Four pair energies in ε.</returns>
    Vector256<double> Energy(Vector256<double> squaredDistance);
}
