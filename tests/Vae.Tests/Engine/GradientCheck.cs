using Vae.Core.Engine;

namespace Vae.Tests.Engine;

/// <summary>Central-difference gradient checks in double precision.</summary>
internal static class GradientCheck
{
    internal const double Step = 1e-6;

    /// <summary>Norm-wise relative error ‖a − n‖/max(‖a‖, ‖n‖) (0 when both vanish).</summary>
    internal static double RelativeError(ReadOnlySpan<double> analytic, ReadOnlySpan<double> numeric)
    {
        double diff = 0, na = 0, nn = 0;
        for (int i = 0; i < analytic.Length; i++)
        {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            na += analytic[i] * analytic[i];
            nn += numeric[i] * numeric[i];
        }
        double scale = Math.Sqrt(Math.Max(na, nn));
        return scale == 0 ? 0 : Math.Sqrt(diff) / scale;
    }

    /// <summary>∂f/∂values by central differences, perturbing <paramref name="values"/> in place (restored afterwards).</summary>
    internal static double[] Numeric(Tensor<double> values, Func<double> f, double step = Step)
    {
        var result = new double[values.Length];
        var index = new int[values.Rank];
        for (int i = 0; i < values.Length; i++)
        {
            Unravel(i, values.Shape, index);
            double original = values[index];
            values[index] = original + step;
            double plus = f();
            values[index] = original - step;
            double minus = f();
            values[index] = original;
            result[i] = (plus - minus) / (2 * step);
        }
        return result;
    }

    private static void Unravel(int flat, IReadOnlyList<int> shape, int[] index)
    {
        for (int d = shape.Count - 1; d >= 0; d--)
        {
            index[d] = flat % shape[d];
            flat /= shape[d];
        }
    }

    internal static Tensor<double> Random(Random random, params int[] shape)
    {
        var t = Tensor<double>.Zeros(shape);
        var values = new double[t.Length];
        for (int i = 0; i < values.Length; i++) values[i] = 2 * random.NextDouble() - 1;
        t.CopyFrom(values);
        return t;
    }
}
