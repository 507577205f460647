using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Vae.Quantum.Schrodinger;

/// <summary>The sums over kernels behind ψ, V and ∇V: one loop for every kind of kernel, vectorised by blocks.</summary>
public sealed partial class SchrodingerPotential
{
    /// <summary>Kernel terms per block of the vectorised part of <see cref="Sum"/>.</summary>
    private const int BlockSize = 256;

    /// <summary>Kernels per chunk of the gather in <see cref="Sum"/>: the lanes of a <see cref="Vector256{T}"/> of double.</summary>
    private const int Lanes = 4;

    /// <summary>Row stride of the block buffers of <see cref="Sum"/>: a block and the lanes one chunk can write past it,
    /// rounded up to whole 64-byte lines so that every row starts where the buffer does (<see cref="BlockBuffer"/>).</summary>
    private const int BlockStride = BlockSize + BufferAlignment / sizeof(double);

    /// <summary>Alignment, in bytes, of every block row handed to <see cref="TensorPrimitives"/>: the widest vector (AVX-512).</summary>
    private const int BufferAlignment = 64;

    /// <summary>This thread's block buffer: pinned, so its address, and hence its alignment, never changes.</summary>
    [ThreadStatic]
    private static double[]? t_blockBuffer;

    /// <summary>
    /// A buffer of <paramref name="length"/> doubles that starts on a <see cref="BufferAlignment"/>-byte boundary, this
    /// thread's own (<see cref="Sum"/> is not re-entrant on a thread).
    /// </summary>
    /// <remarks>
    /// <see cref="TensorPrimitives"/> sums a span from its first aligned vector on, so the order in which it adds the
    /// terms (and hence the last bits of the sum) depends on the span's address modulo the vector size. Buffers rented
    /// at arbitrary addresses made V and ∇V differ in the last bits from run to run; rows that always start on a
    /// 64-byte boundary make every sum the same in every run on a machine.
    /// </remarks>
    internal static unsafe Span<double> BlockBuffer(int length)
    {
        var buffer = t_blockBuffer;
        if (buffer is null || buffer.Length < length + BufferAlignment / sizeof(double))
            t_blockBuffer = buffer = GC.AllocateUninitializedArray<double>(length + BufferAlignment / sizeof(double), pinned: true);
        var address = (nuint)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
        var offset = (int)((BufferAlignment - address % BufferAlignment) % BufferAlignment) / sizeof(double);
        return buffer.AsSpan(offset, length);
    }

    /// <summary>Length of each column of the by-column arrays of <paramref name="count"/> points: padded so that a chunk of
    /// <see cref="Lanes"/> starting at any point stays inside the array.</summary>
    private static int Stride(int count) => count + Lanes - 1;

    /// <summary>
    /// ψ, V and ∇V over the kernels of <paramref name="ranges"/> whose centre is closer to z than the range's cut-off (a
    /// squared distance), and whether the heaviest of them makes every kernel beyond the windows negligible (relative
    /// weight ≤ e^(−3T/4)).
    /// </summary>
    /// <remarks>
    /// Every kernel, isotropic (Σ_i = σ²I), of its own width (Σ_i = s_i²I) or of its own covariance, contributes the term
    /// ℓ_i = log a_i − m_i/2 with m_i = (z − z_i)ᵀΣ_i⁻¹(z − z_i) and u_i = Σ_i⁻¹(z − z_i); then w_i = e^(ℓ_i)/ψ,
    /// V = ½ Σ w_i m_i and ∇V = (1 + V) Σ w_i u_i − ½ Σ w_i m_i u_i (for Σ_i = σ²I, Horn &amp; Gottlieb's V and ∇V). The gather
    /// takes four kernels at a time (<see cref="Vector256{T}"/>, the points and precisions stored by coordinate): their
    /// squared distances, and for those within the cut-off m_i, ℓ_i and u_i (the d×d product only for kernels that are not
    /// multiples of I), packed into a block in point order. Each lane does the scalar arithmetic in the scalar order, without
    /// fused multiply-adds, so the blocks hold the same terms, bit for bit, as a loop over one kernel at a time. The
    /// exponentials and weighted sums of a block are <see cref="TensorPrimitives"/> calls; the blocks are combined by an
    /// online log-sum-exp, so no term overflows and ψ underflows only where every kernel does.
    /// </remarks>
    private (double Psi, double Value, bool Dominant) Sum(ReadOnlySpan<double> z, Span<double> gradient, ReadOnlySpan<(int Start, int End, double Cutoff)> ranges)
    {
        var d = Dimension;
        var wantGradient = !gradient.IsEmpty;
        var blocks = new TermBlocks(BlockBuffer((wantGradient ? d + 3 : 2) * BlockStride), d, wantGradient, stackalloc double[wantGradient ? 2 * d : 0]);
        Span<Vector256<double>> u = stackalloc Vector256<double>[d];
        foreach (var (start, end, cutoffSquared) in ranges)
        {
            if (d == 3 && _kernels?.Precisions is { } precisions) Gather3(z, start, end, cutoffSquared, precisions, ref blocks, u);
            else Gather(z, start, end, cutoffSquared, ref blocks, u);
        }
        var sums = blocks.Finish();
        if (sums.Total == 0) return (0.0, double.PositiveInfinity, false);
        var value = 0.5 * sums.Mahalanobis / sums.Total;
        if (wantGradient)
            for (var j = 0; j < d; j++)
                gradient[j] = ((1 + value) * sums.U[j] - 0.5 * sums.MahalanobisU[j]) / sums.Total;
        // An omitted kernel lies beyond its grid's window (at least its own longest axis times √(2T)), so its
        // ℓ ≤ max log a − T; for isotropic kernels the test is ‖z − nearest‖ ≤ window/2.
        return (sums.Total * Math.Exp(sums.Best), value, sums.Best - (_kernels?.LogWeightMax ?? 0.0) >= -WindowExponent / 4);
    }

    /// <summary>The gather of <see cref="Sum"/> over points [<paramref name="start"/>, <paramref name="end"/>) for any
    /// dimension and kind of kernel: four kernels at a time, the lanes of <paramref name="u"/> as scratch.</summary>
    private void Gather(ReadOnlySpan<double> z, int start, int end, double cutoffSquared, ref TermBlocks blocks, Span<Vector256<double>> u)
    {
        var d = Dimension;
        var stride = Stride(Count);
        var (precisions, inverseVariances, logWeights) = (_kernels?.Precisions, _kernels?.InverseVariances, _kernels?.LogWeights);
        var inverse = Vector256.Create(1.0 / (Sigma * Sigma));
        var cutoff = Vector256.Create(cutoffSquared);
        var unbounded = double.IsPositiveInfinity(cutoffSquared);
        ref var columns = ref MemoryMarshal.GetArrayDataReference(_columns);
        Span<Vector256<double>> diff = stackalloc Vector256<double>[d];
        for (var i = start; i < end; i += Lanes)
        {
            var squared = Vector256<double>.Zero;
            for (var j = 0; j < d; j++)
            {
                diff[j] = Vector256.Create(z[j]) - Vector256.LoadUnsafe(ref columns, (nuint)(j * stride + i));
                squared = j == 0 ? diff[0] * diff[0] : squared + diff[j] * diff[j];
            }
            var inside = Inside(squared, cutoff, end - i);
            if (inside == 0) continue;
            Vector256<double> m;
            if (precisions is null)
            {
                var p = inverseVariances is null ? inverse : Vector256.LoadUnsafe(ref inverseVariances[0], (nuint)i);
                m = squared * p;
                for (var j = 0; j < d; j++) u[j] = diff[j] * p;
            }
            else
            {
                m = Vector256<double>.Zero;
                for (var j = 0; j < d; j++)
                {
                    var uj = Vector256<double>.Zero;
                    for (var k = 0; k < d; k++)
                    {
                        var term = Vector256.LoadUnsafe(ref precisions[0], (nuint)((j * d + k) * stride + i)) * diff[k];
                        uj = k == 0 ? term : uj + term;
                    }
                    u[j] = uj;
                    m = j == 0 ? diff[0] * uj : m + diff[j] * uj;
                }
            }
            if (unbounded && (inside &= Finite(m)) == 0) continue;
            var logWeight = logWeights is null ? Vector256<double>.Zero : Vector256.LoadUnsafe(ref logWeights[0], (nuint)i);
            blocks.Add(logWeight - Vector256.Create(0.5) * m, m, u, inside);
        }
    }

    /// <summary><see cref="Gather"/> for d = 3 with kernels of their own covariance (the Fig. 2 pipeline's case), unrolled:
    /// the same terms in the same order, the symmetric precision's six distinct entries loaded once.</summary>
    private void Gather3(ReadOnlySpan<double> z, int start, int end, double cutoffSquared, double[] precisions, ref TermBlocks blocks, Span<Vector256<double>> u)
    {
        var stride = Stride(Count);
        ref var x = ref MemoryMarshal.GetArrayDataReference(_columns);
        ref var p = ref MemoryMarshal.GetArrayDataReference(precisions);
        ref var logWeights = ref MemoryMarshal.GetArrayDataReference(_kernels!.LogWeights);
        var (z0, z1, z2) = (Vector256.Create(z[0]), Vector256.Create(z[1]), Vector256.Create(z[2]));
        var (cutoff, half) = (Vector256.Create(cutoffSquared), Vector256.Create(0.5));
        var unbounded = double.IsPositiveInfinity(cutoffSquared);
        for (var i = start; i < end; i += Lanes)
        {
            var d0 = z0 - Vector256.LoadUnsafe(ref x, (nuint)i);
            var d1 = z1 - Vector256.LoadUnsafe(ref x, (nuint)(stride + i));
            var d2 = z2 - Vector256.LoadUnsafe(ref x, (nuint)(2 * stride + i));
            var inside = Inside(d0 * d0 + d1 * d1 + d2 * d2, cutoff, end - i);
            if (inside == 0) continue;
            // Σ_i⁻¹ is symmetric to the bit (P_jk and P_kj are the same sum of products), so P_jk is read from entry (j, k), j ≤ k.
            var p00 = Vector256.LoadUnsafe(ref p, (nuint)i);
            var p01 = Vector256.LoadUnsafe(ref p, (nuint)(stride + i));
            var p02 = Vector256.LoadUnsafe(ref p, (nuint)(2 * stride + i));
            var p11 = Vector256.LoadUnsafe(ref p, (nuint)(4 * stride + i));
            var p12 = Vector256.LoadUnsafe(ref p, (nuint)(5 * stride + i));
            var p22 = Vector256.LoadUnsafe(ref p, (nuint)(8 * stride + i));
            var u0 = p00 * d0 + p01 * d1 + p02 * d2;
            var u1 = p01 * d0 + p11 * d1 + p12 * d2;
            var u2 = p02 * d0 + p12 * d1 + p22 * d2;
            var m = d0 * u0 + d1 * u1 + d2 * u2;
            if (unbounded && (inside &= Finite(m)) == 0) continue;
            (u[0], u[1], u[2]) = (u0, u1, u2);
            blocks.Add(Vector256.LoadUnsafe(ref logWeights, (nuint)i) - half * m, m, u, inside);
        }
    }

    /// <summary>The lanes whose m_i is finite, as bits. Only the full sum (no cut-off) can meet an m_i that overflowed; its
    /// weight exp(−m_i/2) is exactly 0, and leaving it out keeps 0 · ∞ = NaN out of the sums of m_i and m_i u_i.</summary>
    private static uint Finite(Vector256<double> m) =>
        Vector256.LessThan(m, Vector256.Create(double.PositiveInfinity)).ExtractMostSignificantBits();

    /// <summary>The lanes whose squared distance is within the cut-off, as bits, of the <paramref name="remaining"/> lanes
    /// that belong to the range (lanes past its end belong to other cells).</summary>
    private static uint Inside(Vector256<double> squared, Vector256<double> cutoff, int remaining)
    {
        var inside = Vector256.LessThanOrEqual(squared, cutoff).ExtractMostSignificantBits();
        return remaining < Lanes ? inside & ((1u << remaining) - 1) : inside;
    }

    /// <summary>The terms ℓ_i, m_i and u_i of <see cref="Sum"/>, packed in point order into blocks of
    /// <see cref="BlockSize"/>, each full block added to the running sums.</summary>
    private ref struct TermBlocks
    {
        private readonly Span<double> _logTerms;
        private readonly Span<double> _mahalanobis;
        private readonly Span<double> _scratch;
        private readonly Span<double> _u;       // u_i by coordinate, [d, BlockStride]; empty without the gradient
        private readonly int _dimension;
        private WeightedSums _sums;
        private int _filled;

        public TermBlocks(Span<double> buffer, int dimension, bool wantGradient, Span<double> gradientSums)
        {
            _dimension = dimension;
            _logTerms = buffer.Slice(0, BlockStride);
            _mahalanobis = buffer.Slice(BlockStride, BlockStride);
            _scratch = wantGradient ? buffer.Slice(2 * BlockStride, BlockStride) : Span<double>.Empty;
            _u = wantGradient ? buffer.Slice(3 * BlockStride, dimension * BlockStride) : Span<double>.Empty;
            _sums = new WeightedSums(gradientSums, dimension);
        }

        /// <summary>Appends the lanes of <paramref name="inside"/> (bits) of ℓ, m and u (one vector per coordinate).</summary>
        public void Add(Vector256<double> logTerm, Vector256<double> m, ReadOnlySpan<Vector256<double>> u, uint inside)
        {
            var wantGradient = !_u.IsEmpty;
            if (Avx2.IsSupported)
            {
                // Pack the lanes inside to the front of each vector and store all four; only the first popcount count.
                var order = PackOrders[inside];
                Pack(logTerm, order).CopyTo(_logTerms[_filled..]);
                Pack(m, order).CopyTo(_mahalanobis[_filled..]);
                if (wantGradient)
                    for (var j = 0; j < _dimension; j++) Pack(u[j], order).CopyTo(_u[(j * BlockStride + _filled)..]);
                _filled += BitOperations.PopCount(inside);
            }
            else
            {
                for (; inside != 0; inside &= inside - 1, _filled++)
                {
                    var lane = BitOperations.TrailingZeroCount(inside);
                    _logTerms[_filled] = logTerm.GetElement(lane);
                    _mahalanobis[_filled] = m.GetElement(lane);
                    if (wantGradient)
                        for (var j = 0; j < _dimension; j++) _u[j * BlockStride + _filled] = u[j].GetElement(lane);
                }
            }
            if (_filled < BlockSize) return;
            // A full block goes to the sums; the terms written past it start the next one.
            _sums.Add(_logTerms[..BlockSize], _mahalanobis[..BlockSize], _u, _scratch);
            _filled -= BlockSize;
            _logTerms.Slice(BlockSize, _filled).CopyTo(_logTerms);
            _mahalanobis.Slice(BlockSize, _filled).CopyTo(_mahalanobis);
            if (wantGradient)
                for (var j = 0; j < _dimension; j++) _u.Slice(j * BlockStride + BlockSize, _filled).CopyTo(_u[(j * BlockStride)..]);
        }

        /// <summary>The lanes of <paramref name="values"/> in the order <paramref name="order"/> (from <see cref="PackOrders"/>): bits moved, not computed.</summary>
        private static Vector256<double> Pack(Vector256<double> values, Vector256<int> order) =>
            Avx2.PermuteVar8x32(values.AsSingle(), order).AsDouble();

        /// <summary>For each 4-bit mask of lanes, the 32-bit permutation that moves those lanes, in order, to the front.</summary>
        private static readonly Vector256<int>[] PackOrders = Enumerable.Range(0, 1 << Lanes).Select(mask =>
        {
            var lanes = Enumerable.Range(0, Lanes).Where(lane => (mask >> lane & 1) == 1).ToList();
            while (lanes.Count < Lanes) lanes.Add(0);
            return Vector256.Create(lanes.SelectMany(lane => new[] { 2 * lane, 2 * lane + 1 }).ToArray());
        }).ToArray();

        /// <summary>Adds the last, partial block and returns the sums.</summary>
        public WeightedSums Finish()
        {
            if (_filled > 0) _sums.Add(_logTerms[.._filled], _mahalanobis[.._filled], _u, _scratch);
            _filled = 0;
            return _sums;
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
        /// row stride <see cref="BlockStride"/> (empty without the gradient).</summary>
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
                var uj = u.Slice(j * BlockStride, count);
                U[j] += TensorPrimitives.Dot(logTerms, uj);
                MahalanobisU[j] += TensorPrimitives.Dot(weighted, uj);
            }
        }
    }
}
