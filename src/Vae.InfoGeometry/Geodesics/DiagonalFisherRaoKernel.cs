using System.Numerics;

namespace Vae.InfoGeometry.Geodesics;

/// <summary>
/// Batched Fisher–Rao distances of diagonal normals, SIMD over the samples of one coordinate at a time
/// (System.Numerics.Vector, <see cref="Vector{T}.Count"/> doubles per step).
/// </summary>
/// <remarks>
/// Per coordinate d² = 8 asinh(q)², q = √(Δμ²/2 + Δσ²) / (2√(σ₁σ₂)), with asinh(q) = log1p(y), y = q + q²/(1 + √(1 + q²))
/// and log1p(y) = log(u)·y/(u − 1), u = 1 + y (Kahan's correction; = y when u rounds to 1), so no step cancels. The
/// result agrees with the scalar <see cref="HalfPlane.Distance"/> to a few ulps; it may differ in the last bits across
/// vector widths because the vector logarithm and the scalar Math.Asinh are different implementations.
/// </remarks>
internal static class DiagonalFisherRaoKernel
{
    /// <param name="mean1">Column-major [n, k] means of the first batch.</param>
    /// <param name="stdDev1">Column-major [n, k] standard deviations of the first batch.</param>
    /// <param name="mean2">Column-major [n, k] means of the second batch.</param>
    /// <param name="stdDev2">Column-major [n, k] standard deviations of the second batch.</param>
    /// <param name="destination">[n] distances.</param>
    internal static void Distances(ReadOnlySpan<double> mean1, ReadOnlySpan<double> stdDev1,
        ReadOnlySpan<double> mean2, ReadOnlySpan<double> stdDev2, Span<double> destination)
    {
        int n = destination.Length;
        int k = n == 0 ? 0 : mean1.Length / n;
        destination.Clear();
        for (int j = 0; j < k; j++)
        {
            AccumulateSquared(mean1.Slice(j * n, n), stdDev1.Slice(j * n, n), mean2.Slice(j * n, n), stdDev2.Slice(j * n, n), destination);
        }
        for (int i = 0; i < n; i++) destination[i] = Math.Sqrt(destination[i]);
    }

    private static void AccumulateSquared(ReadOnlySpan<double> m1, ReadOnlySpan<double> s1,
        ReadOnlySpan<double> m2, ReadOnlySpan<double> s2, Span<double> sum)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            var half = new Vector<double>(0.5);
            var one = Vector<double>.One;
            var eight = new Vector<double>(8.0);
            for (; i <= sum.Length - width; i += width)
            {
                var dm = new Vector<double>(m1.Slice(i)) - new Vector<double>(m2.Slice(i));
                var a = new Vector<double>(s1.Slice(i));
                var b = new Vector<double>(s2.Slice(i));
                var ds = a - b;
                var q2 = (half * dm * dm + ds * ds) / (4.0 * a * b);
                var q = Vector.SquareRoot(q2);
                var y = q + q2 / (one + Vector.SquareRoot(one + q2));
                var u = one + y;
                var log1p = Vector.ConditionalSelect(Vector.Equals(u, one), y, Vector.Log(u) * (y / (u - one)));
                (new Vector<double>(sum.Slice(i)) + eight * log1p * log1p).CopyTo(sum.Slice(i));
            }
        }
        for (; i < sum.Length; i++)
        {
            double d = HalfPlane.Distance(m1[i], s1[i], m2[i], s2[i]);
            sum[i] += d * d;
        }
    }
}
