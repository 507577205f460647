using MathNet.Numerics;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// The geodesic shooting for a full-covariance Fisher–Rao distance did not reach the requested residual.
/// Derives from MathNet's <see cref="NonConvergenceException"/>.
/// </summary>
public sealed class GeodesicShootingException : NonConvergenceException
{
    /// <summary>Creates the exception with the best residual reached and the work spent.</summary>
    public GeodesicShootingException(string message, double residual, int iterations)
        : base(message)
    {
        Residual = residual;
        Iterations = iterations;
    }

    /// <summary>Smallest shooting residual reached (see <see cref="GeodesicShootingOptions.Tolerance"/>).</summary>
    public double Residual { get; }

    /// <summary>Newton iterations spent in total.</summary>
    public int Iterations { get; }
}
