using Vae.Plotting.Axes;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>One or more series drawn as polylines (optionally with markers) on linear or logarithmic axes, with a legend.</summary>
/// <remarks>SVG structure: a <c>polyline class="series"</c> per series (<c>data-name</c> = its name) whose
/// <c>points</c> hold one <c>x,y</c> pair per data point, clipped to the plot area; <c>circle class="marker"</c> per
/// point when <see cref="ShowMarkers"/>; a <c>path class="error-bar"</c> per point of a series with
/// <see cref="LineSeries.YError"/> (a vertical bar with caps); a <c>g class="legend-entry"</c> per named series.</remarks>
public sealed record LinePlot : ChartPlot
{
    /// <summary>Every property at its documented default.</summary>
    public LinePlot() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>LinePlot(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public LinePlot(LinePlot original) : base(original)
    {
        _series = original._series;
        XAxis = original.XAxis;
        YAxis = original.YAxis;
        ShowMarkers = original.ShowMarkers;
        ShowLegend = original.ShowLegend;
    }

    /// <summary>The series, drawn in order with colours <c>Colors[i % Colors.Count]</c>; at least one.</summary>
    public IReadOnlyList<LineSeries> Series { get => _series; init => _series = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<LineSeries> _series = ContentEquality.Copy<LineSeries>([]);

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; init; } = Axis.Default;

    /// <summary>The vertical axis.</summary>
    public Axis YAxis { get; init; } = Axis.Default;

    /// <summary>Draw a small circle at every point.</summary>
    public bool ShowMarkers { get; init; }

    /// <summary>Show a legend of the named series.</summary>
    public bool ShowLegend { get; init; } = true;

    private protected override string Kind => "line-plot";

    private protected override void Validate()
    {
        ValidateFrame();
        Guard.NotEmpty(Series, nameof(Series));
        for (int s = 0; s < Series.Count; s++)
        {
            var series = Series[s] ?? throw new ArgumentNullException(nameof(Series), $"Series[{s}] is null.");
            SvgText.Check(series.Name, $"Series[{s}].Name");
            Guard.NotEmpty(series.X, $"Series[{s}].X");
            Guard.SameLength(series.X, $"Series[{s}].X", series.Y, $"Series[{s}].Y");
            Guard.Finite(series.X, $"Series[{s}].X");
            Guard.Finite(series.Y, $"Series[{s}].Y");
            if (series.YError is null) throw new ArgumentNullException(nameof(Series), $"Series[{s}].YError is null.");
            if (series.YError.Count > 0)
            {
                Guard.SameLength(series.Y, $"Series[{s}].Y", series.YError, $"Series[{s}].YError");
                Guard.Finite(series.YError, $"Series[{s}].YError");
                for (int i = 0; i < series.YError.Count; i++)
                    if (series.YError[i] < 0)
                        throw new ArgumentException($"Series[{s}].YError[{i}] = {series.YError[i]} is negative; error bars are half-lengths ≥ 0.", nameof(Series));
            }
            CheckPositiveOnLogAxes(series, s);
        }
    }

    /// <summary>Names the series and point of a value ≤ 0 on a logarithmic axis (X[i], Y[i], or the error bar's end).</summary>
    private void CheckPositiveOnLogAxes(LineSeries series, int s)
    {
        for (int i = 0; i < series.X.Count; i++)
        {
            if (XAxis?.Scale == AxisScale.Logarithmic && series.X[i] <= 0)
                throw new ArgumentException($"Series[{s}].X[{i}] = {series.X[i]} cannot be shown on the logarithmic XAxis; values must be > 0.", nameof(Series));
            if (YAxis?.Scale != AxisScale.Logarithmic) continue;
            if (series.Y[i] <= 0)
                throw new ArgumentException($"Series[{s}].Y[{i}] = {series.Y[i]} cannot be shown on the logarithmic YAxis; values must be > 0.", nameof(Series));
            if (series.YError.Count > 0 && series.Y[i] - series.YError[i] <= 0)
                throw new ArgumentException($"Series[{s}].Y[{i}] − YError[{i}] = {series.Y[i]} − {series.YError[i]} = {series.Y[i] - series.YError[i]}: the error bar "
                    + "reaches ≤ 0 and cannot be shown on the logarithmic YAxis.", nameof(Series));
        }
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        var x = ResolvedAxis.Resolve(XAxis, Series.SelectMany(s => s.X), nameof(XAxis), "Series[].X");
        var y = ResolvedAxis.Resolve(YAxis, Series.SelectMany(s => s.YError.Count == 0 ? s.Y
            : s.Y.Select((v, i) => v - s.YError[i]).Concat(s.Y.Select((v, i) => v + s.YError[i]))), nameof(YAxis), "Series[].Y");
        var legend = ShowLegend
            ? Series.Select((s, i) => new LegendEntry(s.Name, ColorOf(i), ShowMarkers ? LegendSwatch.Marker : LegendSwatch.Line)).Where(e => e.Name.Length > 0).ToArray()
            : [];
        var frame = new CartesianFrame(size.Width, size.Height, Title.Length > 0, x, y, legend);
        frame.DrawAxes(svg);
        frame.OpenClippedGroup(svg, "data");
        for (int s = 0; s < Series.Count; s++)
        {
            var series = Series[s];
            var points = string.Join(" ", Enumerable.Range(0, series.X.Count)
                .Select(i => SvgWriter.Number(frame.MapX(series.X[i])) + "," + SvgWriter.Number(frame.MapY(series.Y[i]))));
            svg.Empty("polyline", ("class", "series"), ("data-name", series.Name), ("points", points), ("fill", "none"),
                ("stroke", ColorOf(s)), ("stroke-width", "1.8"), ("stroke-linejoin", "round"));
            for (int i = 0; i < series.YError.Count; i++)
            {
                double cx = frame.MapX(series.X[i]), low = frame.MapY(series.Y[i] - series.YError[i]), high = frame.MapY(series.Y[i] + series.YError[i]);
                svg.Empty("path", ("class", "error-bar"), ("data-name", series.Name),
                    ("d", $"M{SvgWriter.Number(cx)},{SvgWriter.Number(low)}V{SvgWriter.Number(high)}M{SvgWriter.Number(cx - 3)},{SvgWriter.Number(low)}h6M{SvgWriter.Number(cx - 3)},{SvgWriter.Number(high)}h6"),
                    ("stroke", ColorOf(s)), ("stroke-width", "1.2"), ("fill", "none"));
            }
            if (ShowMarkers)
                for (int i = 0; i < series.X.Count; i++)
                    svg.Empty("circle", ("class", "marker"), ("cx", SvgWriter.Number(frame.MapX(series.X[i]))),
                        ("cy", SvgWriter.Number(frame.MapY(series.Y[i]))), ("r", "3"), ("fill", ColorOf(s)));
        }
        svg.Close();
        frame.DrawLegend(svg);
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(LinePlot? other) =>
        other is not null && base.Equals(other) && ContentEquality.Lists(Series, other.Series)
        && Equals(XAxis, other.XAxis) && Equals(YAxis, other.YAxis) && ShowMarkers == other.ShowMarkers
        && ShowLegend == other.ShowLegend;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.Add(ref hash, Series);
        hash.Add(XAxis);
        hash.Add(YAxis);
        hash.Add(ShowMarkers);
        hash.Add(ShowLegend);
        return hash.ToHashCode();
    }
}
