using Vae.Plotting.Svg;

namespace Vae.Plotting.Rendering;

/// <summary>
/// Lays out a plot area with an x and a y axis inside a figure, maps data to pixels, and draws the grid, ticks, tick
/// labels, axis labels, the clip region and the legend.
/// </summary>
internal sealed class CartesianFrame
{
    private const double FontSize = 12;
    private const double TickLength = 5;
    private const double LegendRowHeight = 18;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly double _figureHeight;

    /// <param name="width">Figure width in px.</param>
    /// <param name="height">Figure height in px.</param>
    /// <param name="hasTitle">Leave room for the title.</param>
    /// <param name="x">The horizontal axis.</param>
    /// <param name="y">The vertical axis.</param>
    /// <param name="legend">Legend entries, drawn right of the plot area; empty for none.</param>
    /// <param name="reservedRight">Extra room kept free on the right (e.g. a colour bar).</param>
    /// <exception cref="ArgumentException">The figure is too small for the labels.</exception>
    internal CartesianFrame(double width, double height, bool hasTitle, ResolvedAxis x, ResolvedAxis y,
        IReadOnlyList<LegendEntry> legend, double reservedRight = 0)
    {
        X = x;
        Y = y;
        _legend = legend;
        _figureHeight = height;
        double yTickWidth = y.Ticks.Labels.Count == 0 ? 0 : y.Ticks.Labels.Max(l => SvgText.Width(l, FontSize));
        double legendWidth = legend.Count == 0 ? 0 : 34 + legend.Max(e => SvgText.Width(e.Name, FontSize));
        Left = 12 + (y.Label.Length > 0 ? 20 : 0) + yTickWidth + TickLength + 4;
        Right = width - 16 - legendWidth - reservedRight;
        Top = hasTitle ? 40 : 14;
        Bottom = height - (FontSize + TickLength + 10 + (x.Label.Length > 0 ? 20 : 0));
        if (Right - Left < 40 || Bottom - Top < 40)
            throw new ArgumentException($"A {width}×{height} px figure leaves a plot area of only {Math.Max(0, Right - Left):0}×{Math.Max(0, Bottom - Top):0} px after labels and legend; make it larger.",
                Bottom - Top < 40 ? "Height" : "Width");
    }

    internal ResolvedAxis X { get; }
    internal ResolvedAxis Y { get; }
    internal double Left { get; }
    internal double Right { get; }
    internal double Top { get; }
    internal double Bottom { get; }

    /// <summary>Horizontal pixel of data value <paramref name="value"/>; values more than <see cref="MaxOutside"/> plot
    /// widths outside a fixed range are drawn at that distance (clipped, and finite however far the data lies).</summary>
    internal double MapX(double value) => Left + Clamp(X.Fraction(value)) * (Right - Left);

    /// <summary>Vertical pixel of data value <paramref name="value"/> (up is larger); clamped as <see cref="MapX"/>.</summary>
    internal double MapY(double value) => Bottom - Clamp(Y.Fraction(value)) * (Bottom - Top);

    /// <summary>How far outside the plot area, in plot sizes, a mapped value may lie.</summary>
    private const double MaxOutside = 1000;

    private static double Clamp(double fraction) => Math.Clamp(fraction, -MaxOutside, 1 + MaxOutside);

    /// <summary>Grid lines, the plot-area border, ticks, tick labels and axis labels.</summary>
    internal void DrawAxes(SvgWriter svg, bool xGrid = true, bool yGrid = true)
    {
        string n(double v) => SvgWriter.Number(v);
        svg.Open("g", ("class", "grid"), ("stroke", "#e5e5e5"), ("stroke-width", "1"));
        if (xGrid)
            foreach (var v in X.Ticks.Values)
                svg.Empty("line", ("class", "grid x"), ("x1", n(MapX(v))), ("y1", n(Top)), ("x2", n(MapX(v))), ("y2", n(Bottom)));
        if (yGrid)
            foreach (var v in Y.Ticks.Values)
                svg.Empty("line", ("class", "grid y"), ("x1", n(Left)), ("y1", n(MapY(v))), ("x2", n(Right)), ("y2", n(MapY(v))));
        svg.Close();
        svg.Empty("rect", ("class", "plot-area"), ("x", n(Left)), ("y", n(Top)), ("width", n(Right - Left)), ("height", n(Bottom - Top)),
            ("fill", "none"), ("stroke", "#333333"), ("stroke-width", "1"));

        svg.Open("g", ("class", "axis x"), ("stroke", "#333333"));
        for (int i = 0; i < X.Ticks.Values.Count; i++)
        {
            double px = MapX(X.Ticks.Values[i]);
            svg.Empty("line", ("class", "tick x"), ("x1", n(px)), ("y1", n(Bottom)), ("x2", n(px)), ("y2", n(Bottom + TickLength)));
            svg.Element("text", X.Ticks.Labels[i], ("class", "tick-label x"), ("x", n(px)), ("y", n(Bottom + TickLength + FontSize + 2)),
                ("text-anchor", "middle"), ("stroke", "none"), ("fill", "#333333"));
        }
        svg.Close();
        svg.Open("g", ("class", "axis y"), ("stroke", "#333333"));
        for (int i = 0; i < Y.Ticks.Values.Count; i++)
        {
            double py = MapY(Y.Ticks.Values[i]);
            svg.Empty("line", ("class", "tick y"), ("x1", n(Left - TickLength)), ("y1", n(py)), ("x2", n(Left)), ("y2", n(py)));
            svg.Element("text", Y.Ticks.Labels[i], ("class", "tick-label y"), ("x", n(Left - TickLength - 3)), ("y", n(py + FontSize / 3)),
                ("text-anchor", "end"), ("stroke", "none"), ("fill", "#333333"));
        }
        svg.Close();

        if (X.Label.Length > 0)
            svg.Element("text", X.Label, ("class", "axis-label x"), ("x", n((Left + Right) / 2)), ("y", n(_figureHeight - 8)), ("text-anchor", "middle"));
        if (Y.Label.Length > 0)
        {
            double cy = (Top + Bottom) / 2;
            svg.Element("text", Y.Label, ("class", "axis-label y"), ("x", "18"), ("y", n(cy)), ("text-anchor", "middle"),
                ("transform", $"rotate(-90 18 {n(cy)})"));
        }
    }

    /// <summary>Defines the plot-area clip path and opens a group clipped to it; close it with <see cref="SvgWriter.Close"/>.</summary>
    internal void OpenClippedGroup(SvgWriter svg, string cssClass)
    {
        string id = SvgWriter.Id("clip-" + cssClass);
        svg.Open("clipPath", ("id", id));
        svg.Empty("rect", ("x", SvgWriter.Number(Left)), ("y", SvgWriter.Number(Top)), ("width", SvgWriter.Number(Right - Left)), ("height", SvgWriter.Number(Bottom - Top)));
        svg.Close();
        svg.Open("g", ("class", cssClass), ("clip-path", $"url(#{id})"));
    }

    /// <summary>The legend entries, one row each, right of the plot area.</summary>
    internal void DrawLegend(SvgWriter svg)
    {
        if (_legend.Count == 0) return;
        string n(double v) => SvgWriter.Number(v);
        svg.Open("g", ("class", "legend"));
        for (int i = 0; i < _legend.Count; i++)
        {
            var e = _legend[i];
            double x = Right + 12, y = Top + 8 + i * LegendRowHeight;
            svg.Open("g", ("class", "legend-entry"));
            switch (e.Swatch)
            {
                case LegendSwatch.Line:
                    svg.Empty("line", ("x1", n(x)), ("y1", n(y)), ("x2", n(x + 16)), ("y2", n(y)), ("stroke", e.Color), ("stroke-width", "2"));
                    break;
                case LegendSwatch.Marker:
                    svg.Empty("circle", ("cx", n(x + 8)), ("cy", n(y)), ("r", "4"), ("fill", e.Color));
                    break;
                default:
                    svg.Empty("rect", ("x", n(x + 2)), ("y", n(y - 6)), ("width", "12"), ("height", "12"), ("fill", e.Color));
                    break;
            }
            svg.Element("text", e.Name, ("x", n(x + 22)), ("y", n(y + FontSize / 3)));
            svg.Close();
        }
        svg.Close();
    }
}
