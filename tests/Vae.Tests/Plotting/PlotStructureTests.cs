using System.Globalization;
using NUnit.Framework;
using Vae.Plotting;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Tests.Plotting.SvgAssert;

namespace Vae.Tests.Plotting;

/// <summary>The SVG each plot kind produces, parsed as XML: element counts, positions, ticks and legends.</summary>
[TestFixture]
public sealed class PlotStructureTests
{
    private static readonly double[] Epochs = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

    private static LinePlot TwoSeries() => new()
    {
        Title = "loss",
        XAxis = Axis.Default with { Label = "epoch" },
        YAxis = Axis.Default with { Label = "nats" },
        Series =
        [
            new LineSeries("train", Epochs, Epochs.Select(e => 100 + 50 / e).ToArray()),
            new LineSeries("test", Epochs[..7], Epochs[..7].Select(e => 105 + 50 / e).ToArray()),
        ],
    };

    [Test]
    public void LinePlotHasOnePolylinePerSeriesWithOnePointPerValue()
    {
        var doc = Parse(TwoSeries().ToSvg());
        var series = All(doc, "polyline", "series");
        Assert.That(series.Select(s => s.Attribute("data-name")!.Value), Is.EqualTo(new[] { "train", "test" }));
        Assert.That(series.Select(s => s.Attribute("points")!.Value.Split(' ').Length), Is.EqualTo(new[] { 10, 7 }));
        Assert.That(series.Select(s => s.Attribute("stroke")!.Value), Is.EqualTo(Palette.Tab10.Take(2)));
        Assert.That(All(doc, "g", "legend-entry").Select(e => e.Value), Is.EqualTo(new[] { "train", "test" }));
        Assert.That(All(doc, "circle", "marker"), Is.Empty);
        Assert.That(Parse((TwoSeries() with { ShowMarkers = true }).ToSvg()).Descendants(Svg + "circle").Count(c => c.Attribute("class")?.Value == "marker"), Is.EqualTo(17));
        Assert.That(All(doc, "text", "title").Single().Value, Is.EqualTo("loss"));
        Assert.That(doc.Root!.Element(Svg + "title")!.Value, Is.EqualTo("loss"));
    }

    [Test]
    public void ErrorBarsSpanYMinusToYPlusTheErrorAndWidenTheRange()
    {
        double[] x = [0, 0.5, 1], y = [10, 12, 11], e = [1, 0, 4];
        var plot = new LinePlot { Series = [new LineSeries("k = 30", x, y) { YError = e }] };
        var doc = Parse(plot.ToSvg());
        var bars = All(doc, "path", "error-bar");
        Assert.That(bars, Has.Count.EqualTo(3));
        var points = All(doc, "polyline", "series")[0].Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        // Pixels per unit from two points of the line, then each bar's vertical extent is 2e in those units.
        double perUnit = (points[0][1] - points[1][1]) / (y[1] - y[0]);
        for (int i = 0; i < 3; i++)
        {
            var d = bars[i].Attribute("d")!.Value;
            var move = d[1..d.IndexOf('V')].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            double end = double.Parse(d[(d.IndexOf('V') + 1)..d.IndexOf('M', 1)], CultureInfo.InvariantCulture);
            Assert.That(move[0], Is.EqualTo(points[i][0]).Within(0.01), "the bar stands on its point");
            Assert.That(move[1] - end, Is.EqualTo(2 * e[i] * perUnit).Within(0.05), $"bar {i} spans y ± e");
        }
        // The plot area (the clip rectangle) holds every bar end: y + e = 15 at the top, y − e = 7 at the bottom.
        var clip = doc.Descendants(Svg + "clipPath").Single().Element(Svg + "rect")!;
        double top = Number(clip, "y"), bottom = top + Number(clip, "height");
        Assert.That(points[0][1] - (15 - y[0]) * perUnit, Is.GreaterThanOrEqualTo(top - 1e-6));
        Assert.That(points[0][1] + (y[0] - 7) * perUnit, Is.LessThanOrEqualTo(bottom + 1e-6));
        Assert.That(() => new LinePlot { Series = [new LineSeries("a", x, y) { YError = [1, 2] }] }.ToSvg(),
            Throws.ArgumentException.With.Message.Contains("Series[0].YError"));
        Assert.That(() => new LinePlot { Series = [new LineSeries("a", x, y) { YError = [1, -2, 0] }] }.ToSvg(),
            Throws.ArgumentException.With.Message.Contains("YError[1] = -2"));
        Assert.That(new LineSeries("a", x, y) { YError = e }, Is.EqualTo(new LineSeries("a", x, y) { YError = [1, 0, 4] }));
        Assert.That(new LineSeries("a", x, y) { YError = e }, Is.Not.EqualTo(new LineSeries("a", x, y)));
    }

    [Test]
    public void PointsMapLinearlyAndIncreasingYGoesUp()
    {
        var doc = Parse(TwoSeries().ToSvg());
        var points = All(doc, "polyline", "series")[0].Attribute("points")!.Value.Split(' ')
            .Select(p => p.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        // x = epoch: equal spacing; y = 100 + 50/e decreases, so the pixel y increases.
        var dx = points.Zip(points.Skip(1), (a, b) => b[0] - a[0]).ToArray();
        Assert.That(dx.Max() - dx.Min(), Is.LessThan(0.02));
        Assert.That(points.Zip(points.Skip(1), (a, b) => b[1] > a[1]).All(v => v), Is.True);
        // Tick x positions agree with the points: the tick labelled "2" sits at the point with epoch 2.
        var tick2 = All(doc, "text", "tick-label x").Single(t => t.Value == "2");
        Assert.That(Number(tick2, "x"), Is.EqualTo(points[1][0]).Within(0.02));
    }

    [Test]
    public void TickMarksAndLabelsAreTheNiceTicksOfThePaddedRange()
    {
        var doc = Parse(TwoSeries().ToSvg());
        // x data [1, 10] padded by 5 % → [0.55, 10.45]; nice ticks with target 6: step 2 → 2, 4, 6, 8, 10.
        Assert.That(All(doc, "text", "tick-label x").Select(t => t.Value), Is.EqualTo(Ticks.Linear(0.55, 10.45, 6).Labels));
        Assert.That(All(doc, "text", "tick-label x").Select(t => t.Value), Is.EqualTo(new[] { "2", "4", "6", "8", "10" }));
        Assert.That(All(doc, "line", "tick x"), Has.Count.EqualTo(5));
        // y data [105, 155] (train 100 + 50/e, test 105 + 50/e) padded by 5 % of 50.
        var yLabels = All(doc, "text", "tick-label y").Select(t => double.Parse(t.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(yLabels, Is.EqualTo(Ticks.Linear(105 - 0.05 * 50, 155 + 0.05 * 50, 6).Values).Within(1e-9));
        Assert.That(All(doc, "line", "tick y"), Has.Count.EqualTo(yLabels.Length));
        Assert.That(All(doc, "text", "axis-label x").Single().Value, Is.EqualTo("epoch"));
        Assert.That(All(doc, "text", "axis-label y").Single().Value, Is.EqualTo("nats"));
    }

    [Test]
    public void LogarithmicAxesUsePowersOfTenAndRejectNonPositiveValues()
    {
        var plot = new LinePlot
        {
            Series = [new LineSeries("", [1, 10, 100, 1000, 10000], [1e-4, 1e-3, 0.01, 0.1, 1])],
            XAxis = Axis.Default with { Scale = AxisScale.Logarithmic },
            YAxis = Axis.Default with { Scale = AxisScale.Logarithmic },
        };
        var doc = Parse(plot.ToSvg());
        Assert.That(All(doc, "text", "tick-label x").Select(t => t.Value), Is.EqualTo(new[] { "1", "10", "100", "1000", "10000" }));
        Assert.That(All(doc, "text", "tick-label y").Select(t => t.Value), Is.EqualTo(new[] { "0.0001", "0.001", "0.01", "0.1", "1" }));
        // On log axes equal ratios are equal distances: the points lie on a straight line.
        var p = All(doc, "polyline", "series")[0].Attribute("points")!.Value.Split(' ')
            .Select(s => s.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        for (int i = 2; i < p.Length; i++)
            Assert.That(p[i][1] - p[i - 1][1], Is.EqualTo(p[1][1] - p[0][1]).Within(0.03));
        Assert.That(All(doc, "g", "legend-entry"), Is.Empty, "an unnamed series has no legend entry");

        var bad = plot with { Series = [new LineSeries("s", [1, 0, 3], [1, 2, 3])] };
        var ex = Assert.Throws<ArgumentException>(() => bad.ToSvg());
        Assert.That(ex!.Message, Does.Contain("= 0").And.Contain("logarithmic"));
    }

    [Test]
    public void ScatterPlotGroupsPointsByClassWithALegend()
    {
        var random = new Random(1);
        var x = Enumerable.Range(0, 90).Select(_ => random.NextDouble()).ToArray();
        var y = Enumerable.Range(0, 90).Select(_ => random.NextDouble()).ToArray();
        var classes = Enumerable.Range(0, 90).Select(i => i % 3 == 0 ? 2 : i % 3 == 1 ? 0 : 5).ToArray();
        var plot = new ScatterPlot { X = x, Y = y, Classes = classes, ClassNames = ["zero", "one", "two", "three", "four", "five"] };
        var doc = Parse(plot.ToSvg());
        var groups = All(doc, "g", "class");
        Assert.That(groups.Select(g => g.Attribute("data-class")!.Value), Is.EqualTo(new[] { "0", "2", "5" }));
        Assert.That(groups.Select(g => g.Elements(Svg + "circle").Count()), Is.EqualTo(new[] { 30, 30, 30 }));
        Assert.That(groups.Select(g => g.Attribute("fill")!.Value), Is.EqualTo(new[] { Palette.Tab10[0], Palette.Tab10[2], Palette.Tab10[5] }));
        Assert.That(All(doc, "circle", "point"), Has.Count.EqualTo(90));
        Assert.That(All(doc, "g", "legend-entry").Select(e => e.Value), Is.EqualTo(new[] { "zero", "two", "five" }));

        var single = Parse(new ScatterPlot { X = x, Y = y }.ToSvg());
        Assert.That(All(single, "g", "legend-entry"), Is.Empty, "one unnamed class: no legend");
    }

    [Test]
    public void HistogramCountsMatchNumPy()
    {
        // x_i = sin(1.3 i)·√(i+1), i < 200. NumPy 1.24.2: np.histogram(x, 'auto'), np.histogram(x, 7), explicit edges;
        // every literal below is printed by tools/reference/plotting_histogram.py.
        var x = Enumerable.Range(0, 200).Select(i => Math.Sin(i * 1.3) * Math.Sqrt(i + 1)).ToArray();
        var auto = new HistogramPlot { Values = x }.Compute();
        Assert.That(auto.Counts, Is.EqualTo(new[] { 12, 20, 25, 28, 26, 29, 22, 20, 18 }));
        Assert.That(auto.Edges[0], Is.EqualTo(-14.04575867042241).Within(1e-12));
        Assert.That(auto.Edges[1], Is.EqualTo(-10.991140783555139).Within(1e-12));
        Assert.That(auto.Edges[^1], Is.EqualTo(13.44580231138303).Within(1e-12));
        Assert.That(new HistogramPlot { Values = x, Bins = HistogramBins.Count(7) }.Compute().Counts, Is.EqualTo(new[] { 19, 27, 35, 35, 33, 29, 22 }));
        Assert.That(new HistogramPlot { Values = x, Bins = HistogramBins.FromEdges([-5, -1, 0, 0.5, 3, 20]) }.Compute().Counts,
            Is.EqualTo(new[] { 37, 3, 8, 23, 73 }));
        // Zero IQR: Sturges alone; the value on the last edge is counted in the last bin.
        var ties = new HistogramPlot { Values = [.. Enumerable.Repeat(1.0, 10), 2, 2, 2] }.Compute();
        Assert.That(ties.Counts, Is.EqualTo(new[] { 10, 0, 0, 0, 3 }));
        Assert.That(ties.Edges, Is.EqualTo(new[] { 1.0, 1.2, 1.4, 1.6, 1.8, 2.0 }).Within(1e-12));
    }

    [Test]
    public void HistogramDrawsOneBarPerBinWithHeightsProportionalToCounts()
    {
        var x = Enumerable.Range(0, 200).Select(i => Math.Sin(i * 1.3) * Math.Sqrt(i + 1)).ToArray();
        var doc = Parse(new HistogramPlot { Values = x, Title = "h" }.ToSvg());
        var bars = All(doc, "rect", "bar");
        Assert.That(bars, Has.Count.EqualTo(9));
        Assert.That(bars.Sum(b => int.Parse(b.Attribute("data-count")!.Value, CultureInfo.InvariantCulture)), Is.EqualTo(200));
        var heightPerCount = bars.Select(b => Number(b, "height") / int.Parse(b.Attribute("data-count")!.Value, CultureInfo.InvariantCulture)).ToArray();
        Assert.That(heightPerCount.Max() - heightPerCount.Min(), Is.LessThan(0.01));
        Assert.That(All(doc, "text", "tick-label y")[0].Value, Is.EqualTo("0"), "count axis starts at 0");
    }

    [Test]
    public void BarChartDrawsEverySeriesAndCategory()
    {
        var plot = new BarChart
        {
            Categories = ["γ = 0.5", "γ = 1", "γ = 2"],
            Series = [new BarSeries("VAE", [0.9, 0.8, -0.2]), new BarSeries("PCA", [0.5, 0.6, 0.7])],
        };
        var doc = Parse(plot.ToSvg());
        var bars = All(doc, "rect", "bar");
        Assert.That(bars, Has.Count.EqualTo(6));
        Assert.That(All(doc, "text", "tick-label x").Select(t => t.Value), Is.EqualTo(plot.Categories));
        // The negative bar hangs below the zero line where the positive ones stand.
        var first = bars.Single(b => b.Attribute("data-series")!.Value == "0" && b.Attribute("data-category")!.Value == "0");
        var negative = bars.Single(b => b.Attribute("data-series")!.Value == "0" && b.Attribute("data-category")!.Value == "2");
        Assert.That(Number(negative, "y"), Is.EqualTo(Number(first, "y") + Number(first, "height")).Within(0.02));
        Assert.That(Number(first, "height") / Number(negative, "height"), Is.EqualTo(0.9 / 0.2).Within(0.01));
        Assert.That(All(doc, "g", "legend-entry").Select(e => e.Value), Is.EqualTo(new[] { "VAE", "PCA" }));
    }

    [Test]
    public void HeatmapHasACellPerEntryAndAColourBar()
    {
        var values = new double[4, 7];
        for (int i = 0; i < 4; i++) for (int j = 0; j < 7; j++) values[i, j] = i * 7 + j;
        var doc = Parse((Heatmap.FromArray(values) with { ColorBarLabel = "distance" }).ToSvg());
        var cells = All(doc, "rect", "cell");
        Assert.That(cells, Has.Count.EqualTo(28));
        Assert.That(cells[0].Attribute("fill")!.Value, Is.EqualTo(Palette.ViridisAnchors[0]), "minimum → first viridis colour");
        Assert.That(cells[^1].Attribute("fill")!.Value, Is.EqualTo(Palette.ViridisAnchors[^1]), "maximum → last viridis colour");
        Assert.That(Number(cells[1], "x") - Number(cells[0], "x"), Is.EqualTo(Number(cells[7], "y") - Number(cells[0], "y")).Within(0.02), "square cells");
        Assert.That(All(doc, "rect", "colorbar"), Has.Count.EqualTo(1));
        Assert.That(All(doc, "text", "tick-label colorbar").Select(t => t.Value), Is.EqualTo(Ticks.Linear(0, 27, 5).Labels));
        Assert.That(All(doc, "text", "axis-label colorbar").Single().Value, Is.EqualTo("distance"));
        Assert.That(doc.Descendants(Svg + "stop").Count(), Is.EqualTo(Palette.ViridisAnchors.Count));
    }

    [Test]
    public void ViridisInterpolatesBetweenItsAnchors()
    {
        Assert.That(Palette.Viridis(0), Is.EqualTo("#440154"));
        Assert.That(Palette.Viridis(0.5), Is.EqualTo("#21918c"));
        Assert.That(Palette.Viridis(1), Is.EqualTo("#fde725"));
        Assert.That(Palette.Viridis(1.0 / 16), Is.EqualTo("#461768"), "midway between #440154 and #472d7b");
        Assert.That(Palette.Viridis(-3), Is.EqualTo("#440154"));
    }
}
