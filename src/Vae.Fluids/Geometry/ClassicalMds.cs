using MathNet.Numerics;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;

namespace Vae.Fluids.Geometry;

/// <summary>
/// Classical (Torgerson) multidimensional scaling: coordinates from a distance matrix through the eigen-decomposition
/// of a Gram matrix, G = U Λ Uᵀ ≈ X Xᵀ with X = U_k √Λ_k (LCP-B group 9 slides: "G = USUᵀ = U√S(U√S)ᵀ = XXᵀ").
/// </summary>
/// <remarks>
/// The symmetric eigen-decomposition is MathNet's <c>Evd(Symmetricity.Symmetric)</c>, which runs LAPACK <c>?syevd</c>
/// in MKL when <c>VaeNumerics.UseBestAvailable()</c> installed it. For noisy or non-Euclidean matrices (e.g. VAE
/// output) eigenvalues among the top k that are negative or zero to round-off (λ ≤ N ε max|λ|, ε = 2⁻⁵²) are clipped to
/// 0 and reported with the discarded energy.
/// Sign convention: each eigenvector is flipped so its entry of largest magnitude is positive (as scikit-learn's
/// <c>svd_flip</c>), making the output deterministic. Peer: <c>sklearn.manifold.MDS</c> is metric SMACOF, not this;
/// the closest peer is <c>scipy</c>/textbook classical MDS.
/// </remarks>
public static class ClassicalMds
{
    /// <summary>Embeds the points of <paramref name="distances"/> in <paramref name="dimensions"/> dimensions.</summary>
    /// <param name="distances">A distance matrix [N, N], N ≥ 2 (validated: square, symmetric, ≥ 0, zero diagonal, finite).</param>
    /// <param name="dimensions">k, in [1, N]; 2 for the fluids.</param>
    /// <param name="convention">Which Gram matrix to factorise. Default double centring.</param>
    /// <param name="tolerance">Absolute tolerance for symmetry and the zero diagonal, finite and ≥ 0.</param>
    /// <exception cref="ArgumentException"><paramref name="distances"/> is not a distance matrix.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimensions"/> is outside [1, N], or
    /// <paramref name="tolerance"/> is negative or not finite.</exception>
    public static MdsEmbedding Embed(Matrix<double> distances, int dimensions = 2, GramConvention convention = GramConvention.DoubleCentred, double tolerance = 1e-9)
    {
        var gram = convention == GramConvention.FirstParticle
            ? GramMatrix.FromFirstParticle(distances, tolerance)
            : GramMatrix.DoubleCentred(distances, tolerance);
        int n = gram.RowCount;
        if (dimensions < 1 || dimensions > n)
            throw new ArgumentOutOfRangeException(nameof(dimensions), dimensions, $"dimensions must be in [1, {n}].");
        var evd = gram.Evd(Symmetricity.Symmetric);
        var values = evd.EigenValues.Select(v => v.Real).ToArray();
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray();
        var vectors = evd.EigenVectors;
        var coordinates = Matrix<double>.Build.Dense(n, dimensions);
        double discarded = 0, total = values.Sum(Math.Abs);
        // An eigenvalue within the symmetric eigensolver's round-off of zero (|δλ| ≲ N ε max|λ|) has no sign: it is
        // clipped like a negative one, so its column is 0 rather than √(round-off) times an arbitrary eigenvector.
        double roundOff = n * Precision.PositiveMachineEpsilon * values.Max(Math.Abs);
        int clipped = 0;
        for (int k = 0; k < n; k++)
        {
            double lambda = values[order[k]];
            if (k >= dimensions)
            {
                discarded += Math.Abs(lambda);
                continue;
            }
            if (lambda <= roundOff)
            {
                discarded += Math.Abs(lambda);   // a clipped round-off eigenvalue may be slightly positive
                clipped++;
                continue; // column stays 0
            }
            var column = vectors.Column(order[k]);
            int argmax = column.AbsoluteMaximumIndex();
            double sign = column[argmax] < 0 ? -1 : 1;
            coordinates.SetColumn(k, column * (sign * Math.Sqrt(lambda)));
        }
        var sorted = order.Select(i => values[i]).ToArray();
        return new MdsEmbedding(coordinates, Array.AsReadOnly(sorted), discarded, total == 0 ? 0 : discarded / total, clipped);
    }
}
