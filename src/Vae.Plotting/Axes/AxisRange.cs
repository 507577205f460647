namespace Vae.Plotting.Axes;

/// <summary>The visible interval of an axis: <see cref="Auto"/> (from the data, padded by 5 %) or a fixed interval.</summary>
public sealed record AxisRange
{
    private AxisRange(bool isAuto, double minimum, double maximum)
    {
        IsAuto = isAuto;
        Minimum = minimum;
        Maximum = maximum;
    }

    /// <summary>The range is taken from the data: [min, max] widened by 5 % of its width on each side (on a
    /// logarithmic axis, 5 % of its width in decades), as matplotlib's default margins.</summary>
    public static AxisRange Auto { get; } = new(true, 0, 1);

    /// <summary>True for <see cref="Auto"/>.</summary>
    public bool IsAuto { get; }

    /// <summary>Lower end of a fixed range (unused when <see cref="IsAuto"/>).</summary>
    public double Minimum { get; }

    /// <summary>Upper end of a fixed range (unused when <see cref="IsAuto"/>).</summary>
    public double Maximum { get; }

    /// <summary>A fixed range [minimum, maximum]; data outside it is clipped.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An end is not finite, <paramref name="maximum"/> ≤ <paramref name="minimum"/>,
    /// or maximum − minimum overflows (is not finite).</exception>
    public static AxisRange Fixed(double minimum, double maximum)
    {
        if (!double.IsFinite(minimum)) throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "minimum must be finite.");
        if (!double.IsFinite(maximum) || maximum <= minimum)
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"maximum must be finite and greater than minimum ({minimum}).");
        if (!double.IsFinite(maximum - minimum))
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"maximum − minimum overflows (minimum = {minimum}); the range must be narrower than {double.MaxValue}.");
        return new AxisRange(false, minimum, maximum);
    }
}
