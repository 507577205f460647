using Vae.Plotting.Axes;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Rendering;

/// <summary>An axis with its final range and ticks, ready to map data values to positions.</summary>
internal sealed record ResolvedAxis(string Label, AxisScale Scale, double Minimum, double Maximum, TickSet Ticks)
{
    private const double Margin = 0.05;

    /// <summary>Position of <paramref name="value"/> along the axis: 0 at <see cref="Minimum"/>, 1 at <see cref="Maximum"/>.</summary>
    internal double Fraction(double value) => Scale == AxisScale.Linear
        ? (value - Minimum) / (Maximum - Minimum)
        : (Math.Log10(value) - Math.Log10(Minimum)) / (Math.Log10(Maximum) - Math.Log10(Minimum));

    /// <summary>Resolves <paramref name="axis"/> for <paramref name="data"/> (already checked finite).</summary>
    /// <param name="axis">The axis description.</param>
    /// <param name="data">Every value to be shown on this axis.</param>
    /// <param name="axisName">Property name of the axis, for messages (e.g. <c>XAxis</c>).</param>
    /// <param name="dataName">Property name of the data, for messages (e.g. <c>Series[0].X</c>).</param>
    /// <param name="includeZero">Extend an automatic linear range to 0 and do not pad past 0 (bars, histograms).</param>
    /// <exception cref="ArgumentException">The axis is invalid, a value ≤ 0 is to be shown on a logarithmic axis, or the
    /// automatic range (the data's span with its 5 % margins) is wider than a double can hold (e.g. data −1e308 and 1e308).</exception>
    internal static ResolvedAxis Resolve(Axis axis, IEnumerable<double> data, string axisName, string dataName, bool includeZero = false)
    {
        ArgumentNullException.ThrowIfNull(axis, axisName);
        SvgText.Check(axis.Label, axisName + ".Label");
        ArgumentNullException.ThrowIfNull(axis.Range, axisName + ".Range");
        if (axis.TargetTickCount is < 2 or > 20)
            throw new ArgumentOutOfRangeException(axisName, axis.TargetTickCount, $"{axisName}.TargetTickCount must be in [2, 20].");
        bool log = axis.Scale == AxisScale.Logarithmic;
        if (log && includeZero)
            throw new ArgumentException($"{axisName} cannot be logarithmic: this plot's bars start at 0.", axisName);

        double lo = double.PositiveInfinity, hi = double.NegativeInfinity;
        int index = 0;
        foreach (var v in data)
        {
            if (log && v <= 0)
                throw new ArgumentException($"{dataName}[{index}] = {v} cannot be shown on the logarithmic {axisName}; values must be > 0.", dataName);
            lo = Math.Min(lo, v);
            hi = Math.Max(hi, v);
            index++;
        }

        if (!axis.Range.IsAuto)
        {
            lo = axis.Range.Minimum;
            hi = axis.Range.Maximum;
            if (log && lo <= 0)
                throw new ArgumentException($"{axisName}.Range starts at {lo}; a logarithmic axis needs a range > 0.", axisName);
        }
        else
        {
            var (dataLo, dataHi) = (lo, hi);
            (lo, hi) = AutoRange(lo, hi, index, log, includeZero);
            if (!(double.IsFinite(lo) && double.IsFinite(hi) && double.IsFinite(hi - lo) && (!log || lo > 0)))
                throw new ArgumentException($"{dataName} spans [{dataLo}, {dataHi}]; with its margins the automatic {axisName} range "
                    + $"[{lo}, {hi}] is wider than a double can hold. Rescale the data, or set {axisName}.Range.", dataName);
        }
        var ticks = log ? Axes.Ticks.Logarithmic(lo, hi, axis.TargetTickCount) : Axes.Ticks.Linear(lo, hi, axis.TargetTickCount);
        return new ResolvedAxis(axis.Label, axis.Scale, lo, hi, ticks);
    }

    /// <summary>[lo, hi] of <paramref name="count"/> data values widened by the margins (may overflow; the caller checks).</summary>
    private static (double Lo, double Hi) AutoRange(double lo, double hi, int count, bool log, bool includeZero)
    {
        if (log)
        {
            if (count == 0) (lo, hi) = (1, 10);
            if (lo == hi) (lo, hi) = (lo / Math.Sqrt(10), hi * Math.Sqrt(10));
            double pad = Math.Pow(10, Margin * Math.Log10(hi / lo));
            return (lo / pad, hi * pad);
        }
        if (count == 0) (lo, hi) = (0, 1);
        if (includeZero) (lo, hi) = (Math.Min(lo, 0), Math.Max(hi, 0));
        (lo, hi) = WidenPoint(lo, hi);
        double margin = Margin * (hi - lo);
        return (includeZero && lo == 0 ? 0 : lo - margin, includeZero && hi == 0 ? 0 : hi + margin);
    }

    /// <summary>A one-value interval [v, v] widened to [v − ½ max(1, |v|), v + ½ max(1, |v|)], so that it has a width at
    /// any magnitude (a fixed ±0.5 vanishes in rounding beyond |v| ≈ 2⁵³); any other interval unchanged.</summary>
    internal static (double Lo, double Hi) WidenPoint(double lo, double hi) =>
        lo == hi ? (lo - 0.5 * Math.Max(1, Math.Abs(lo)), hi + 0.5 * Math.Max(1, Math.Abs(hi))) : (lo, hi);

    /// <summary>A categorical axis: category i at position i, range [−0.5, n − 0.5], a tick and label per category.</summary>
    internal static ResolvedAxis Categorical(string label, IReadOnlyList<string> categories) =>
        new(label, AxisScale.Linear, -0.5, categories.Count - 0.5,
            new TickSet(Enumerable.Range(0, categories.Count).Select(i => (double)i).ToArray(), categories.ToArray()));
}
