using System.Globalization;
using Vae.Plotting.Axes;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>Bars per category, grouped side by side when there are several series (e.g. ROC AUC per anomaly type and model).</summary>
/// <remarks>SVG structure: a <c>rect class="bar"</c> per series and category (<c>data-series</c>, <c>data-category</c>
/// hold the indices), bars starting at 0; category names are the x tick labels.</remarks>
public sealed record BarChart : ChartPlot
{
    /// <summary>Every property at its documented default.</summary>
    public BarChart() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>BarChart(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public BarChart(BarChart original) : base(original)
    {
        _categories = original._categories;
        _series = original._series;
        XLabel = original.XLabel;
        YAxis = original.YAxis;
        ShowLegend = original.ShowLegend;
    }

    /// <summary>Category names along the x axis; at least one.</summary>
    public IReadOnlyList<string> Categories { get => _categories; init => _categories = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _categories = ContentEquality.Copy<string>([]);

    /// <summary>The series, each with one value per category; at least one.</summary>
    public IReadOnlyList<BarSeries> Series { get => _series; init => _series = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<BarSeries> _series = ContentEquality.Copy<BarSeries>([]);

    /// <summary>Label under the categories.</summary>
    public string XLabel { get; init; } = "";

    /// <summary>The value axis; linear, its automatic range includes 0.</summary>
    public Axis YAxis { get; init; } = Axis.Default;

    /// <summary>Show a legend of the named series.</summary>
    public bool ShowLegend { get; init; } = true;

    private protected override string Kind => "bar-chart";

    private protected override void Validate()
    {
        ValidateFrame();
        Guard.NotEmpty(Categories, nameof(Categories));
        Guard.Texts(Categories, nameof(Categories));
        SvgText.Check(XLabel, nameof(XLabel));
        Guard.NotEmpty(Series, nameof(Series));
        for (int s = 0; s < Series.Count; s++)
        {
            var series = Series[s] ?? throw new ArgumentNullException(nameof(Series), $"Series[{s}] is null.");
            SvgText.Check(series.Name, $"Series[{s}].Name");
            Guard.SameLength(Categories, nameof(Categories), series.Values, $"Series[{s}].Values");
            Guard.Finite(series.Values, $"Series[{s}].Values");
        }
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        var x = ResolvedAxis.Categorical(XLabel, Categories);
        var y = ResolvedAxis.Resolve(YAxis, Series.SelectMany(s => s.Values), nameof(YAxis), "Series[].Values", includeZero: true);
        var legend = ShowLegend
            ? Series.Select((s, i) => new LegendEntry(s.Name, ColorOf(i), LegendSwatch.Box)).Where(e => e.Name.Length > 0).ToArray()
            : [];
        var frame = new CartesianFrame(size.Width, size.Height, Title.Length > 0, x, y, legend);
        frame.DrawAxes(svg, xGrid: false);
        frame.OpenClippedGroup(svg, "data");
        double slot = frame.MapX(1) - frame.MapX(0);
        double barWidth = 0.8 * slot / Series.Count;
        double zero = frame.MapY(Math.Clamp(0, y.Minimum, y.Maximum));
        for (int s = 0; s < Series.Count; s++)
            for (int c = 0; c < Categories.Count; c++)
            {
                double left = frame.MapX(c) - 0.4 * slot + s * barWidth;
                double top = frame.MapY(Series[s].Values[c]);
                svg.Empty("rect", ("class", "bar"), ("data-series", s.ToString(CultureInfo.InvariantCulture)),
                    ("data-category", c.ToString(CultureInfo.InvariantCulture)),
                    ("x", SvgWriter.Number(left)), ("y", SvgWriter.Number(Math.Min(top, zero))),
                    ("width", SvgWriter.Number(barWidth)), ("height", SvgWriter.Number(Math.Abs(zero - top))), ("fill", ColorOf(s)));
            }
        svg.Close();
        frame.DrawLegend(svg);
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(BarChart? other) =>
        other is not null && base.Equals(other) && ContentEquality.Lists(Categories, other.Categories)
        && ContentEquality.Lists(Series, other.Series) && XLabel == other.XLabel
        && Equals(YAxis, other.YAxis) && ShowLegend == other.ShowLegend;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.Add(ref hash, Categories);
        ContentEquality.Add(ref hash, Series);
        hash.Add(XLabel);
        hash.Add(YAxis);
        hash.Add(ShowLegend);
        return hash.ToHashCode();
    }
}
