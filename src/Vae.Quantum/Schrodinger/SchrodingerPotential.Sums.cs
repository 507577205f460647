using System.Buffers;
using System.Numerics.Tensors;

namespace Vae.Quantum.Schrodinger;

/// <summary>The sums over kernels behind ψ, V and ∇V: one loop for every kind of kernel, vectorised by blocks.</summary>
public sealed partial class SchrodingerPotential
{
    /// <summary>Kernel terms per block of the vectorised part of <see cref="Sum"/>.</summary>
    private const int BlockSize = 256;

    /// <summary>
    /// ψ, V and ∇V over the kernels of <paramref name="ranges"/> whose centre is closer to z than the range's cut-off (a
    /// squared distance), and whether the heaviest of them makes every kernel beyond the windows negligible (relative
    /// weight ≤ e^(−3T/4)).
    /// </summary>
    /// <remarks>
    /// Every kernel, isotropic (Σ_i = σ²I), of its own width (Σ_i = s_i²I) or of its own covariance, contributes the term
    /// ℓ_i = log a_i − m_i/2 with m_i = (z − z_i)ᵀΣ_i⁻¹(z − z_i) and u_i = Σ_i⁻¹(z − z_i); then w_i = e^(ℓ_i)/ψ,
    /// V = ½ Σ w_i m_i and ∇V = (1 + V) Σ w_i u_i − ½ Σ w_i m_i u_i (for Σ_i = σ²I, Horn &amp; Gottlieb's V and ∇V). A scalar
    /// loop gathers m_i, ℓ_i and u_i for a block of kernels (the d×d product only for kernels that are not multiples of
    /// I); the exponentials and weighted sums of the block are <see cref="TensorPrimitives"/> calls; the blocks are
    /// combined by an online log-sum-exp, so no term overflows and ψ underflows only where every kernel does.
    /// </remarks>
    private (double Psi, double Value, bool Dominant) Sum(ReadOnlySpan<double> z, Span<double> gradient, ReadOnlySpan<(int Start, int End, double Cutoff)> ranges)
    {
        var d = Dimension;
        var wantGradient = !gradient.IsEmpty;
        var kernels = _kernels;
        var precisions = kernels?.Precisions;
        var inverseVariances = kernels?.InverseVariances;
        var logWeights = kernels?.LogWeights;
        var inverse = 1.0 / (Sigma * Sigma);
        var rented = ArrayPool<double>.Shared.Rent((wantGradient ? d + 3 : 2) * BlockSize);
        try
        {
            // Block buffers: ℓ_i, m_i, then (with the gradient) scratch and u_i by coordinate, [d, BlockSize].
            var logTerms = rented.AsSpan(0, BlockSize);
            var mahalanobis = rented.AsSpan(BlockSize, BlockSize);
            var scratch = wantGradient ? rented.AsSpan(2 * BlockSize, BlockSize) : Span<double>.Empty;
            var u = wantGradient ? rented.AsSpan(3 * BlockSize, d * BlockSize) : Span<double>.Empty;
            Span<double> diff = stackalloc double[d];
            var sums = new WeightedSums(wantGradient ? stackalloc double[2 * d] : Span<double>.Empty, d);
            var filled = 0;
            foreach (var (start, end, cutoffSquared) in ranges)
            for (var i = start; i < end; i++)
            {
                var offset = i * d;
                double squared;
                if (d == 3)
                {
                    // d = 3 (the PCA-to-3 case) unrolled: the loop below, term for term, with the same sums in the same order.
                    double d0 = z[0] - _points[offset], d1 = z[1] - _points[offset + 1], d2 = z[2] - _points[offset + 2];
                    (diff[0], diff[1], diff[2]) = (d0, d1, d2);
                    squared = d0 * d0 + d1 * d1 + d2 * d2;
                }
                else
                {
                    squared = 0.0;
                    for (var j = 0; j < d; j++)
                    {
                        var delta = z[j] - _points[offset + j];
                        diff[j] = delta;
                        squared += delta * delta;
                    }
                }
                if (squared > cutoffSquared) continue;
                double m;
                if (precisions is null)
                {
                    var p = inverseVariances is null ? inverse : inverseVariances[i];
                    m = squared * p;
                    if (wantGradient)
                        for (var j = 0; j < d; j++) u[j * BlockSize + filled] = diff[j] * p;
                }
                else if (d == 3)
                {
                    // d = 3 unrolled, as the general loop below computes it term for term.
                    var p = precisions.AsSpan(i * 9, 9);
                    double d0 = diff[0], d1 = diff[1], d2 = diff[2];
                    var u0 = p[0] * d0 + p[1] * d1 + p[2] * d2;
                    var u1 = p[3] * d0 + p[4] * d1 + p[5] * d2;
                    var u2 = p[6] * d0 + p[7] * d1 + p[8] * d2;
                    m = d0 * u0 + d1 * u1 + d2 * u2;
                    if (wantGradient)
                    {
                        u[filled] = u0;
                        u[BlockSize + filled] = u1;
                        u[2 * BlockSize + filled] = u2;
                    }
                }
                else
                {
                    m = 0.0;
                    var block = i * d * d;
                    for (var j = 0; j < d; j++)
                    {
                        var uj = 0.0;
                        for (var k = 0; k < d; k++) uj += precisions[block + j * d + k] * diff[k];
                        if (wantGradient) u[j * BlockSize + filled] = uj;
                        m += diff[j] * uj;
                    }
                }
                mahalanobis[filled] = m;
                logTerms[filled] = (logWeights is null ? 0.0 : logWeights[i]) - 0.5 * m;
                if (++filled == BlockSize)
                {
                    sums.Add(logTerms, mahalanobis, u, scratch);
                    filled = 0;
                }
            }
            if (filled > 0) sums.Add(logTerms[..filled], mahalanobis[..filled], u, scratch);
            if (sums.Total == 0) return (0.0, double.PositiveInfinity, false);
            var value = 0.5 * sums.Mahalanobis / sums.Total;
            if (wantGradient)
                for (var j = 0; j < d; j++)
                    gradient[j] = ((1 + value) * sums.U[j] - 0.5 * sums.MahalanobisU[j]) / sums.Total;
            // An omitted kernel lies beyond its grid's window (at least its own longest axis times √(2T)), so its
            // ℓ ≤ max log a − T; for isotropic kernels the test is ‖z − nearest‖ ≤ window/2.
            return (sums.Total * Math.Exp(sums.Best), value, sums.Best - (kernels?.LogWeightMax ?? 0.0) >= -WindowExponent / 4);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>Σ g_i, Σ g_i m_i, Σ g_i u_i and Σ g_i m_i u_i with g_i = e^(ℓ_i − Best), Best the largest ℓ_i so far: the
    /// running sums of <see cref="Sum"/>, rescaled whenever a block raises Best.</summary>
    private ref struct WeightedSums
    {
        private readonly int _dimension;

        public WeightedSums(Span<double> gradientSums, int dimension)
        {
            _dimension = dimension;
            gradientSums.Clear();
            U = gradientSums[..(gradientSums.IsEmpty ? 0 : dimension)];
            MahalanobisU = gradientSums[U.Length..];
        }

        public double Best { get; private set; } = double.NegativeInfinity;

        public double Total { get; private set; }

        public double Mahalanobis { get; private set; }

        public Span<double> U { get; }

        public Span<double> MahalanobisU { get; }

        /// <summary>Adds a block: <paramref name="logTerms"/> ℓ_i (overwritten by g_i), m_i, and u_i by coordinate with
        /// row stride <see cref="BlockSize"/> (empty without the gradient).</summary>
        public void Add(Span<double> logTerms, ReadOnlySpan<double> mahalanobis, ReadOnlySpan<double> u, Span<double> scratch)
        {
            var count = logTerms.Length;
            var blockBest = TensorPrimitives.Max<double>(logTerms);
            if (double.IsNegativeInfinity(blockBest)) return;   // m_i overflowed for the whole block: every weight is 0
            if (blockBest > Best)
            {
                if (Total > 0)
                {
                    var rescale = Math.Exp(Best - blockBest);
                    Total *= rescale;
                    Mahalanobis *= rescale;
                    TensorPrimitives.Multiply(U, rescale, U);
                    TensorPrimitives.Multiply(MahalanobisU, rescale, MahalanobisU);
                }
                Best = blockBest;
            }
            TensorPrimitives.Subtract(logTerms, Best, logTerms);
            TensorPrimitives.Exp<double>(logTerms, logTerms);
            Total += TensorPrimitives.Sum<double>(logTerms);
            Mahalanobis += TensorPrimitives.Dot(logTerms, mahalanobis);
            if (U.IsEmpty) return;
            var weighted = scratch[..count];
            TensorPrimitives.Multiply(logTerms, mahalanobis, weighted);
            for (var j = 0; j < _dimension; j++)
            {
                var uj = u.Slice(j * BlockSize, count);
                U[j] += TensorPrimitives.Dot(logTerms, uj);
                MahalanobisU[j] += TensorPrimitives.Dot(weighted, uj);
            }
        }
    }
}
