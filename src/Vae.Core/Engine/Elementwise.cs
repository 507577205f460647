using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>
/// Element-wise kernels of the engine not covered by TensorPrimitives (masked selections and stable
/// compositions), in the TensorPrimitives shape: inputs first, <c>destination</c> last; in place allowed.
/// </summary>
internal static class Elementwise
{
    /// <summary>destination[i] = x[i] &gt; 0 ? gradient[i] : slope·gradient[i] (ReLU for slope 0, LeakyReLU otherwise).</summary>
    internal static void RectifierBackward<T>(ReadOnlySpan<T> x, ReadOnlySpan<T> gradient, T slope, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && x.Length >= Vector<T>.Count)
        {
            var s = new Vector<T>(slope);
            for (; i <= x.Length - Vector<T>.Count; i += Vector<T>.Count)
            {
                var vx = new Vector<T>(x.Slice(i));
                var g = new Vector<T>(gradient.Slice(i));
                Vector.ConditionalSelect(Vector.GreaterThan(vx, Vector<T>.Zero), g, g * s).CopyTo(destination.Slice(i));
            }
        }
        for (; i < x.Length; i++) destination[i] = x[i] > T.Zero ? gradient[i] : slope * gradient[i];
    }

    /// <summary>destination = log(1 + exp(x)) computed as max(x, 0) + log1p(exp(−|x|)); <paramref name="scratch"/> has x's length.</summary>
    internal static void Softplus<T>(ReadOnlySpan<T> x, Span<T> scratch, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        TP.Abs(x, scratch);
        TP.Negate(scratch, scratch);
        TP.Exp(scratch, scratch);
        TP.LogP1(scratch, scratch);
        TP.Max(x, T.Zero, destination);
        TP.Add(destination, scratch, destination);
    }

    /// <summary>Row sums of a row-major <c>[rows, columns]</c> matrix into <paramref name="destination"/> <c>[rows]</c>.</summary>
    internal static void RowSums<T>(ReadOnlySpan<T> matrix, int columns, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int r = 0; r < destination.Length; r++) destination[r] = TP.Sum(matrix.Slice(r * columns, columns));
    }

    /// <summary>log Σ exp(x), stable: m + log Σ exp(x − m) with m = max x (−∞ when every x is −∞).</summary>
    internal static double LogSumExp(ReadOnlySpan<double> x)
    {
        double m = double.NegativeInfinity;
        foreach (var v in x) if (v > m) m = v;
        if (double.IsNegativeInfinity(m) || double.IsNaN(m)) return m;
        double s = 0;
        foreach (var v in x) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }
}
