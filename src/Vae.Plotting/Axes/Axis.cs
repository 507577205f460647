namespace Vae.Plotting.Axes;

/// <summary>Description of a numeric axis: label, scale, visible range and the number of ticks to aim for.</summary>
/// <remarks>C#: <c>Axis.Default with { Label = "epoch", Scale = AxisScale.Logarithmic }</c>; F#: <c>Axis(Label = "epoch")</c>.</remarks>
public sealed record Axis
{
    /// <summary>An unlabelled linear axis with an automatic range and about 6 ticks.</summary>
    public static Axis Default { get; } = new();

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
