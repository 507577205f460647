using Vae.Plotting.Axes;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>A matrix drawn as square coloured cells (viridis) with a colour bar, e.g. a pairwise distance matrix.</summary>
/// <remarks>Row 0 is at the top. SVG structure: a <c>rect class="cell"</c> per entry, row by row; a
/// <c>rect class="colorbar"</c> filled with a vertical gradient through <see cref="Palette.ViridisAnchors"/>, with
/// <c>line class="tick colorbar"</c> and <c>text class="tick-label colorbar"</c> at nice values.</remarks>
public sealed record Heatmap : ChartPlot
{
    private const double ColorBarWidth = 14;

    /// <summary>Every property at its documented default.</summary>
    public Heatmap() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>Heatmap(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public Heatmap(Heatmap original) : base(original)
    {
        _values = original._values;
        _rowLabels = original._rowLabels;
        _columnLabels = original._columnLabels;
        XLabel = original.XLabel;
        YLabel = original.YLabel;
        ColorBarLabel = original.ColorBarLabel;
        ValueRange = original.ValueRange;
    }

    /// <summary>The matrix, row by row: shape <c>[rows][columns]</c>, every row the same length, finite.</summary>
    public IReadOnlyList<IReadOnlyList<double>> Values { get => _values; init => _values = ContentEquality.CopyNested(value); }
    private readonly IReadOnlyList<IReadOnlyList<double>> _values = ContentEquality.CopyNested<double>([]);

    /// <summary>Names of the rows (left); empty to number them.</summary>
    public IReadOnlyList<string> RowLabels { get => _rowLabels; init => _rowLabels = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _rowLabels = ContentEquality.Copy<string>([]);

    /// <summary>Names of the columns (below); empty to number them.</summary>
    public IReadOnlyList<string> ColumnLabels { get => _columnLabels; init => _columnLabels = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _columnLabels = ContentEquality.Copy<string>([]);

    /// <summary>Label under the columns.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>Label beside the rows.</summary>
    public string YLabel { get; init; } = "";

    /// <summary>Label of the colour bar.</summary>
    public string ColorBarLabel { get; init; } = "";

    /// <summary>Values mapped to the ends of the colour map: automatic = [min, max] of the data (no padding), or fixed
    /// (values outside are clamped to the end colours).</summary>
    public AxisRange ValueRange { get; init; } = AxisRange.Auto;

    private protected override string Kind => "heatmap";

    /// <summary>A heatmap of a rectangular array (copied), row i of the array drawn as row i from the top.</summary>
    public static Heatmap FromArray(double[,] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var rows = new IReadOnlyList<double>[values.GetLength(0)];
        for (int i = 0; i < rows.Length; i++)
            rows[i] = Array.AsReadOnly(Enumerable.Range(0, values.GetLength(1)).Select(j => values[i, j]).ToArray());
        return new Heatmap { Values = Array.AsReadOnly(rows) };
    }

    private protected override void Validate()
    {
        ValidateFrame();
        Guard.NotEmpty(Values, nameof(Values));
        for (int i = 0; i < Values.Count; i++)
        {
            var row = Values[i] ?? throw new ArgumentNullException(nameof(Values), $"Values[{i}] is null.");
            Guard.NotEmpty(row, $"Values[{i}]");
            Guard.SameLength(Values[0], "Values[0]", row, $"Values[{i}]");
            Guard.Finite(row, $"Values[{i}]");
        }
        Guard.Texts(RowLabels, nameof(RowLabels));
        Guard.Texts(ColumnLabels, nameof(ColumnLabels));
        if (RowLabels.Count > 0) Guard.SameLength(Values, nameof(Values), RowLabels, nameof(RowLabels));
        if (ColumnLabels.Count > 0) Guard.SameLength(Values[0], "Values[0]", ColumnLabels, nameof(ColumnLabels));
        SvgText.Check(XLabel, nameof(XLabel));
        SvgText.Check(YLabel, nameof(YLabel));
        SvgText.Check(ColorBarLabel, nameof(ColorBarLabel));
        ArgumentNullException.ThrowIfNull(ValueRange, nameof(ValueRange));
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        int rows = Values.Count, columns = Values[0].Count;
        double lo = ValueRange.IsAuto ? Values.Min(r => r.Min()) : ValueRange.Minimum;
        double hi = ValueRange.IsAuto ? Values.Max(r => r.Max()) : ValueRange.Maximum;
        if (!double.IsFinite(hi - lo))
            throw new ArgumentException($"Values span [{lo}, {hi}], wider than a double can hold (max − min overflows); rescale them or set ValueRange.", nameof(Values));
        (lo, hi) = ResolvedAxis.WidenPoint(lo, hi);
        var colorTicks = Ticks.Linear(lo, hi, 5);

        // Categorical axes; the y axis runs from the last row (bottom) to row 0 (top).
        var x = Indexed(XLabel, ColumnLabels, columns, reversed: false);
        var y = Indexed(YLabel, RowLabels, rows, reversed: true);
        double colorBarRoom = ColorBarWidth + 14 + colorTicks.Labels.Max(l => SvgText.Width(l, 12)) + (ColorBarLabel.Length > 0 ? 22 : 0);
        var frame = new CartesianFrame(size.Width, size.Height, Title.Length > 0, x, y, [], colorBarRoom);

        double cell = Math.Min((frame.Right - frame.Left) / columns, (frame.Bottom - frame.Top) / rows);
        svg.Open("g", ("class", "cells"));
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < columns; j++)
            {
                double t = (Values[i][j] - lo) / (hi - lo);
                svg.Empty("rect", ("class", "cell"), ("x", SvgWriter.Number(frame.Left + j * cell)), ("y", SvgWriter.Number(frame.Top + i * cell)),
                    ("width", SvgWriter.Number(cell)), ("height", SvgWriter.Number(cell)), ("fill", Palette.Viridis(t)));
            }
        svg.Close();
        DrawIndexTicks(svg, frame, x, y, cell, rows, columns);
        DrawColorBar(svg, frame.Left + columns * cell + 16, frame.Top, frame.Top + rows * cell, lo, hi, colorTicks);
    }

    private static ResolvedAxis Indexed(string label, IReadOnlyList<string> names, int count, bool reversed)
    {
        var labels = names.Count > 0 ? names.ToArray() : Enumerable.Range(0, count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        int stride = names.Count > 0 || count <= 12 ? 1 : (int)Math.Max(1, Ticks.NiceStep(0, count - 1, 6));
        var shown = Enumerable.Range(0, count).Where(i => i % stride == 0).ToArray();
        var ticks = new TickSet(shown.Select(i => (double)i).ToArray(), shown.Select(i => labels[i]).ToArray());
        return reversed
            ? new ResolvedAxis(label, AxisScale.Linear, count - 0.5, -0.5, ticks)
            : new ResolvedAxis(label, AxisScale.Linear, -0.5, count - 0.5, ticks);
    }

    private static void DrawIndexTicks(SvgWriter svg, CartesianFrame frame, ResolvedAxis x, ResolvedAxis y, double cell, int rows, int columns)
    {
        string n(double v) => SvgWriter.Number(v);
        double bottom = frame.Top + rows * cell;
        svg.Open("g", ("class", "axis x"), ("fill", "#333333"));
        for (int i = 0; i < x.Ticks.Values.Count; i++)
            svg.Element("text", x.Ticks.Labels[i], ("class", "tick-label x"), ("x", n(frame.Left + (x.Ticks.Values[i] + 0.5) * cell)),
                ("y", n(bottom + 14)), ("text-anchor", "middle"));
        svg.Close();
        svg.Open("g", ("class", "axis y"), ("fill", "#333333"));
        for (int i = 0; i < y.Ticks.Values.Count; i++)
            svg.Element("text", y.Ticks.Labels[i], ("class", "tick-label y"), ("x", n(frame.Left - 4)),
                ("y", n(frame.Top + (y.Ticks.Values[i] + 0.5) * cell + 4)), ("text-anchor", "end"));
        svg.Close();
        if (x.Label.Length > 0)
            svg.Element("text", x.Label, ("class", "axis-label x"), ("x", n(frame.Left + cell * columns / 2)), ("y", n(bottom + 32)), ("text-anchor", "middle"));
        if (y.Label.Length > 0)
        {
            double cy = frame.Top + rows * cell / 2;
            svg.Element("text", y.Label, ("class", "axis-label y"), ("x", "18"), ("y", n(cy)), ("text-anchor", "middle"), ("transform", $"rotate(-90 18 {n(cy)})"));
        }
    }

    private void DrawColorBar(SvgWriter svg, double left, double top, double bottom, double lo, double hi, TickSet ticks)
    {
        string n(double v) => SvgWriter.Number(v);
        string id = SvgWriter.Id("viridis");
        svg.Open("defs");
        svg.Open("linearGradient", ("id", id), ("x1", "0"), ("y1", "1"), ("x2", "0"), ("y2", "0"));
        for (int i = 0; i < Palette.ViridisAnchors.Count; i++)
            svg.Empty("stop", ("offset", n((double)i / (Palette.ViridisAnchors.Count - 1))), ("stop-color", Palette.ViridisAnchors[i]));
        svg.Close();
        svg.Close();
        svg.Empty("rect", ("class", "colorbar"), ("x", n(left)), ("y", n(top)), ("width", n(ColorBarWidth)), ("height", n(bottom - top)),
            ("fill", $"url(#{id})"), ("stroke", "#333333"), ("stroke-width", "0.5"));
        svg.Open("g", ("class", "axis colorbar"), ("stroke", "#333333"));
        for (int i = 0; i < ticks.Values.Count; i++)
        {
            double py = bottom - (ticks.Values[i] - lo) / (hi - lo) * (bottom - top);
            svg.Empty("line", ("class", "tick colorbar"), ("x1", n(left + ColorBarWidth)), ("y1", n(py)), ("x2", n(left + ColorBarWidth + 4)), ("y2", n(py)));
            svg.Element("text", ticks.Labels[i], ("class", "tick-label colorbar"), ("x", n(left + ColorBarWidth + 7)), ("y", n(py + 4)),
                ("stroke", "none"), ("fill", "#333333"));
        }
        svg.Close();
        if (ColorBarLabel.Length > 0)
        {
            double cx = left + ColorBarWidth + 7 + ticks.Labels.Max(l => SvgText.Width(l, 12)) + 14, cy = (top + bottom) / 2;
            svg.Element("text", ColorBarLabel, ("class", "axis-label colorbar"), ("x", n(cx)), ("y", n(cy)), ("text-anchor", "middle"),
                ("transform", $"rotate(-90 {n(cx)} {n(cy)})"));
        }
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(Heatmap? other) =>
        other is not null && base.Equals(other) && ContentEquality.Nested(Values, other.Values)
        && ContentEquality.Lists(RowLabels, other.RowLabels)
        && ContentEquality.Lists(ColumnLabels, other.ColumnLabels) && XLabel == other.XLabel
        && YLabel == other.YLabel && ColorBarLabel == other.ColorBarLabel
        && Equals(ValueRange, other.ValueRange);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.AddNested(ref hash, Values);
        ContentEquality.Add(ref hash, RowLabels);
        ContentEquality.Add(ref hash, ColumnLabels);
        hash.Add(XLabel);
        hash.Add(YLabel);
        hash.Add(ColorBarLabel);
        hash.Add(ValueRange);
        return hash.ToHashCode();
    }
}
