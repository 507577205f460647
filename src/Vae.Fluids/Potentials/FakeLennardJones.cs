using System.Runtime.Intrinsics;

namespace Vae.Fluids.Potentials;

/// <summary>
/// The slides' "fake" Lennard-Jones potential used as an anomaly family: u(r) = 4[(1/r)⁴ − (1/r)²] in reduced units.
/// </summary>
/// <remarks>
/// Source: LCP-B group 9 slides, U'_i = 4 Σ_{j≠i} (1/r_ij⁴ − 1/r_ij²) + γy_i. Computed as 4s(s − 1) with s = 1/r²;
/// +∞ at r = 0, zero at r = 1, minimum −1 at r = √2.
/// </remarks>
public readonly struct FakeLennardJones : IPairPotential
{
    /// <inheritdoc/>
    public double Energy(double squaredDistance)
    {
        double s = 1.0 / squaredDistance;
        return 4.0 * s * (s - 1.0);
    }

    /// <inheritdoc/>
    public Vector256<double> Energy(Vector256<double> squaredDistance)
    {
        var s = Vector256.Create(1.0) / squaredDistance;
        return Vector256.Create(4.0) * s * (s - Vector256.Create(1.0));
    }
}
