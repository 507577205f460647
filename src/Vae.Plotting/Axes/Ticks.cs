using System.Globalization;

namespace Vae.Plotting.Axes;

/// <summary>
/// "Nice" axis ticks: multiples of a step 1, 2 or 5 × 10^k (linear axes) and powers of ten or 1-2-5 mantissas
/// (logarithmic axes), with labels that show exactly the digits the step needs.
/// </summary>
/// <remarks>
/// Definition (checked by brute force in the tests): among all steps s = m·10^k, m ∈ {1, 2, 5}, k ∈ ℤ, whose
/// multiples inside [min, max] number at least 2, the step is the one whose count is closest to the target;
/// ties go to the larger step. Ticks are the multiples i·s inside [min, max] (with a relative tolerance of 10⁻⁹ of s
/// at the ends). Heckbert, "Nice numbers for graph labels", Graphics Gems (1990), uses the same 1-2-5 steps.
/// </remarks>
public static class Ticks
{
    private static readonly int[] Mantissas = [1, 2, 5];
    private const double EndTolerance = 1e-9;

    private const int MaxTargetCount = 20; // as Axis.TargetTickCount

    /// <summary>The nice step for ticks on [minimum, maximum] with about <paramref name="targetCount"/> ticks.</summary>
    /// <returns>A step m·10^k with m ∈ {1, 2, 5}, in data units.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An end is not finite, maximum ≤ minimum, maximum − minimum overflows
    /// (is not finite), or targetCount is not in [2, 20].</exception>
    public static double NiceStep(double minimum, double maximum, int targetCount)
    {
        CheckInterval(minimum, maximum);
        CheckTargetCount(targetCount);
        int k0 = (int)Math.Floor(Math.Log10((maximum - minimum) / targetCount));
        double best = double.NaN;
        long bestDistance = long.MaxValue;
        for (int k = k0 - 1; k <= k0 + 2; k++)
            foreach (int m in Mantissas)
            {
                double step = Step(m, k);
                long count = Count(minimum, maximum, step);
                if (count < 2) continue;
                long distance = Math.Abs(count - targetCount);
                if (distance < bestDistance || (distance == bestDistance && step > best))
                {
                    best = step;
                    bestDistance = distance;
                }
            }
        return best;
    }

    /// <summary>Ticks for a linear axis on [minimum, maximum]: the multiples of <see cref="NiceStep"/> inside it.</summary>
    /// <returns>At least two ticks; labels with the decimals the step needs (scientific notation beyond 10⁶ or below 10⁻⁴).</returns>
    /// <exception cref="ArgumentOutOfRangeException">As <see cref="NiceStep"/>.</exception>
    public static TickSet Linear(double minimum, double maximum, int targetCount)
    {
        double step = NiceStep(minimum, maximum, targetCount);
        var (mantissa, exponent) = Decompose(step);
        long first = (long)Math.Ceiling(minimum / step - EndTolerance);
        long last = (long)Math.Floor(maximum / step + EndTolerance);
        var values = new List<double>();
        for (long i = first; i <= last; i++)
            values.Add(exponent >= 0 ? i * mantissa * Pow10(exponent) : i * mantissa / Pow10(-exponent));
        double magnitude = Math.Max(Math.Abs(minimum), Math.Abs(maximum));
        return new TickSet(values.AsReadOnly(), Array.AsReadOnly(values.Select(v => FormatLinear(v, exponent, magnitude)).ToArray()));
    }

    /// <summary>Ticks for a logarithmic axis on [minimum, maximum] (both &gt; 0). When at least two powers of ten lie
    /// inside and the values 1, 2, 5 × 10^k inside number more than targetCount + 2: every d-th power of ten, d chosen so
    /// that at most <paramref name="targetCount"/> remain. Otherwise all the 1, 2, 5 × 10^k values inside, however many
    /// (with fewer than two powers of ten inside there are at most 5, e.g. 2, 5, 10, 20, 50 on [1.5, 90]); linear nice
    /// ticks when fewer than two of them lie inside.</summary>
    /// <exception cref="ArgumentOutOfRangeException">minimum ≤ 0, an end is not finite, maximum ≤ minimum, maximum − minimum
    /// overflows, or targetCount is not in [2, 20].</exception>
    public static TickSet Logarithmic(double minimum, double maximum, int targetCount)
    {
        CheckInterval(minimum, maximum);
        if (minimum <= 0) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "A logarithmic axis needs minimum > 0.");
        CheckTargetCount(targetCount);
        int lowDecade = (int)Math.Ceiling(Math.Log10(minimum) - EndTolerance);
        int highDecade = (int)Math.Floor(Math.Log10(maximum) + EndTolerance);
        int decades = highDecade - lowDecade + 1;
        var mantissaTicks = MantissaTicks(minimum, maximum);
        List<double> values;
        if (decades >= 2 && mantissaTicks.Count > targetCount + 2)
        {
            int stride = Math.Max(1, (int)Math.Ceiling(decades / (double)targetCount));
            var exponents = Enumerable.Range(lowDecade, decades).Where(e => e % stride == 0).ToList();
            if (exponents.Count < 2) exponents = Enumerable.Range(lowDecade, decades).ToList();
            values = exponents.Select(Pow10).ToList();
        }
        else
        {
            values = mantissaTicks;
            if (values.Count < 2) return Linear(minimum, maximum, targetCount);
        }
        return new TickSet(values.AsReadOnly(), Array.AsReadOnly(values.Select(FormatGeneral).ToArray()));
    }

    /// <summary>The values 1, 2, 5 × 10^k inside [minimum, maximum].</summary>
    private static List<double> MantissaTicks(double minimum, double maximum)
    {
        var values = new List<double>();
        for (int e = (int)Math.Floor(Math.Log10(minimum)); e <= (int)Math.Ceiling(Math.Log10(maximum)); e++)
            foreach (int m in Mantissas)
            {
                double v = Step(m, e);
                if (v >= minimum * (1 - EndTolerance) && v <= maximum * (1 + EndTolerance)) values.Add(v);
            }
        return values;
    }

    /// <summary>A short, culture-invariant label for any finite value: shortest round-trip decimal between 10⁻⁴ and
    /// 10⁶, else scientific (e.g. <c>1e-05</c> is written <c>1e-5</c>).</summary>
    public static string FormatGeneral(double value)
    {
        if (value == 0) return "0";
        double a = Math.Abs(value);
        if (a >= 1e-4 && a < 1e6) return value.ToString("R", CultureInfo.InvariantCulture);
        return value.ToString("0.###e0", CultureInfo.InvariantCulture);
    }

    private static string FormatLinear(double value, int stepExponent, double magnitude)
    {
        if (value == 0) return "0";
        if (magnitude >= 1e6 || stepExponent < -4)
        {
            int digits = Math.Max(0, (int)Math.Floor(Math.Log10(Math.Abs(value))) - stepExponent);
            return value.ToString("0." + new string('#', digits) + "e0", CultureInfo.InvariantCulture);
        }
        int decimals = Math.Max(0, -stepExponent);
        return value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    private static long Count(double minimum, double maximum, double step)
    {
        double first = Math.Ceiling(minimum / step - EndTolerance);
        double last = Math.Floor(maximum / step + EndTolerance);
        return (long)Math.Min(last - first + 1, long.MaxValue / 2);
    }

    internal static double Step(int mantissa, int exponent) =>
        exponent >= 0 ? mantissa * Pow10(exponent) : mantissa / Pow10(-exponent);

    private static (int Mantissa, int Exponent) Decompose(double step)
    {
        int exponent = (int)Math.Floor(Math.Log10(step) + 1e-9);
        int mantissa = (int)Math.Round(step / Math.Pow(10, exponent));
        return (mantissa, exponent);
    }

    /// <summary>10^e correctly rounded (exact for 0 ≤ e ≤ 22), parsed rather than computed by Math.Pow.</summary>
    private static double Pow10(int e) => double.Parse("1e" + e.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    private static void CheckInterval(double minimum, double maximum)
    {
        if (!double.IsFinite(minimum)) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "minimum must be finite.");
        if (!double.IsFinite(maximum) || maximum <= minimum)
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"maximum must be finite and greater than minimum ({minimum}).");
        if (!double.IsFinite(maximum - minimum))
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"maximum − minimum overflows (minimum = {minimum}); the interval must be narrower than {double.MaxValue}.");
    }

    private static void CheckTargetCount(int targetCount)
    {
        if (targetCount is < 2 or > MaxTargetCount)
            throw new ArgumentOutOfRangeException(nameof(targetCount), targetCount, $"targetCount = {targetCount} must be in [2, {MaxTargetCount}].");
    }
}
