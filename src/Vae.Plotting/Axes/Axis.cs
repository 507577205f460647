namespace Vae.Plotting.Axes;

/// <summary>Description of a numeric axis: label, scale, visible range and the number of ticks to aim for.</summary>
/// <remarks>C#: <c>Axis.Default with { Label = "epoch", Scale = AxisScale.Logarithmic }</c>; F#: <c>Axis(Label = "epoch")</c>.</remarks>
public sealed record Axis
{
    /// <summary>An unlabelled linear axis with an automatic range and about 6 ticks.</summary>
    public static Axis Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public Axis() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>Axis(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public Axis(Axis original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Label = original.Label;
        Scale = original.Scale;
        Range = original.Range;
        TargetTickCount = original.TargetTickCount;
    }

    /// <summary>Text under (x) or beside (y) the axis; empty for none.</summary>
    public string Label { get; init; } = "";

    /// <summary>Linear or logarithmic.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>Visible range: automatic (default) or fixed.</summary>
    public AxisRange Range { get; init; } = AxisRange.Auto;

    /// <summary>Number of ticks to aim for, in [2, 20]; the tick algorithm picks the "nice" step whose tick count is
    /// closest (see <see cref="Ticks.NiceStep"/>).</summary>
    public int TargetTickCount { get; init; } = 6;
}
