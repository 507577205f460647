using MathNet.Numerics.LinearAlgebra;

namespace Vae.InfoGeometry.Gaussians;

/// <summary>Argument checks shared by the Gaussian families and the algorithms that consume them.</summary>
internal static class GaussianValidation
{
    internal static void RequireFinite(double value, string name)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite.");
    }

    internal static void RequirePositive(double value, string name)
    {
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be finite and > 0.");
    }

    internal static double StdDevFromLogVariance(double logVariance, string name)
    {
        double stdDev = Math.Exp(0.5 * logVariance);
        if (!double.IsFinite(logVariance) || !double.IsFinite(stdDev) || stdDev <= 0)
            throw new ArgumentOutOfRangeException(name, logVariance, $"{name} must be finite with exp({name}/2) a positive finite double.");
        return stdDev;
    }

    internal static double[] FiniteCopy(IReadOnlyList<double> values, string name) => CheckedCopy(values, name, positive: false);

    internal static double[] PositiveCopy(IReadOnlyList<double> values, string name) => CheckedCopy(values, name, positive: true);

    private static double[] CheckedCopy(IReadOnlyList<double> values, string name, bool positive)
    {
        ArgumentNullException.ThrowIfNull(values, name);
        var copy = new double[values.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            double v = values[i];
            if (!double.IsFinite(v) || (positive && v <= 0))
                throw new ArgumentOutOfRangeException(name, v, $"{name}[{i}] = {v} must be finite{(positive ? " and > 0" : "")}.");
            copy[i] = v;
        }
        return copy;
    }

    internal static void RequireSameLength(int expected, int actual, string name, string otherName)
    {
        if (expected != actual)
            throw new ArgumentException($"{name} has length {actual}; {otherName} has length {expected}.", name);
    }

    internal static void RequireFinite(Matrix<double> matrix, string name) => Vae.Core.Numerics.MatrixValidation.RequireFinite(matrix, name);
}
