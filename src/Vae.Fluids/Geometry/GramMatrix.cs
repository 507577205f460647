using MathNet.Numerics.LinearAlgebra;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Gram matrices G = X Xᵀ of point sets known only through their distance matrix D.
/// </summary>
/// <remarks>
/// <para>First-particle convention (LCP-B group 9 slides): put particle 1 (index 0) at the origin, so |x_i|² = d_i1²
/// and g_ij = x_i·x_j = (d_i1² + d_j1² − d_ij²)/2.</para>
/// <para>Centred convention (classical MDS, Torgerson 1952): put the centroid at the origin,
/// B = −½ J D⁽²⁾ J with J = I − 11ᵀ/N and D⁽²⁾ the element-wise squares. It weighs all points equally and is the
/// better choice for noisy matrices (an error in row 1 no longer spreads into every entry).</para>
/// Both return a fresh symmetric [N, N] matrix and validate D first (<see cref="DistanceMatrix.Validate"/>).
/// </remarks>
public static class GramMatrix
{
    /// <summary>g_ij = (d_i1² + d_j1² − d_ij²)/2: the Gram matrix with particle index 0 at the origin.</summary>
    /// <param name="distances">A distance matrix [N, N], N ≥ 2.</param>
    /// <param name="tolerance">Absolute tolerance for symmetry and the zero diagonal, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a valid distance matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative or not finite.</exception>
    public static Matrix<double> FromFirstParticle(Matrix<double> distances, double tolerance = 1e-9)
    {
        DistanceMatrix.Validate(distances, tolerance);
        int n = distances.RowCount;
        return Matrix<double>.Build.Dense(n, n, (i, j) =>
        {
            double di = distances[i, 0], dj = distances[j, 0], dij = distances[i, j];
            return 0.5 * (di * di + dj * dj - dij * dij);
        });
    }

    /// <summary>B = −½ J D⁽²⁾ J: the Gram matrix of the centred configuration (double centring).</summary>
    /// <param name="distances">A distance matrix [N, N], N ≥ 2.</param>
    /// <param name="tolerance">Absolute tolerance for symmetry and the zero diagonal, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a valid distance matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative or not finite.</exception>
    public static Matrix<double> DoubleCentred(Matrix<double> distances, double tolerance = 1e-9)
    {
        DistanceMatrix.Validate(distances, tolerance);
        int n = distances.RowCount;
        var squared = distances.PointwiseMultiply(distances);
        var rowMeans = squared.RowSums() / n;
        double grandMean = rowMeans.Sum() / n;
        return Matrix<double>.Build.Dense(n, n, (i, j) => -0.5 * (squared[i, j] - rowMeans[i] - rowMeans[j] + grandMean));
    }
}
