namespace Vae.InfoGeometry.Geodesics;

/// <summary>Checks and grids for the curve parameter t ∈ [0, 1] shared by every geodesic and interpolation path.</summary>
internal static class GeodesicParameter
{
    internal static void Require(double t, string name)
    {
        if (!(t >= 0 && t <= 1))
            throw new ArgumentOutOfRangeException(name, t, $"{name} must be in [0, 1].");
    }

    /// <summary>tᵢ = i/(count − 1), i = 0..count−1, with the last value exactly 1.</summary>
    internal static double[] Grid(int count, string name)
    {
        if (count < 2)
            throw new ArgumentOutOfRangeException(name, count, $"{name} must be at least 2 (both endpoints).");
        var t = new double[count];
        for (int i = 0; i < count; i++) t[i] = (double)i / (count - 1);
        return t;
    }
}
