using NUnit.Framework;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Tests.Plotting.SvgAssert;

namespace Vae.Tests.Plotting;

/// <summary>Finite data at the ends of double's range, null inner lists, and error messages that name the right thing.</summary>
[TestFixture]
public sealed class ExtremeInputTests
{
    [Test]
    public void DataWhoseSpanOverflowsIsRejectedNamingTheData()
    {
        // 1e308 − (−1e308) = ∞ > double.MaxValue ≈ 1.798e308: no finite axis holds both values.
        var ex = Assert.Throws<ArgumentException>(() => new ScatterPlot { X = [-1e308, 1e308], Y = [0, 1] }.ToSvg());
        Assert.That(ex!.ParamName, Is.EqualTo("X"));
        Assert.That(ex.Message, Does.Contain("-1E+308").And.Contain("1E+308"));
        // The span 1.75e308 is finite, but the 5 % margin puts the top end at 1.8375e308 > double.MaxValue.
        Assert.That(Assert.Throws<ArgumentException>(() => new ScatterPlot { X = [0, 1.75e308], Y = [0, 1] }.ToSvg())!.ParamName, Is.EqualTo("X"));
        Assert.That(Assert.Throws<ArgumentException>(() => new LinePlot { Series = [new LineSeries("", [0, 1], [-1e308, 1e308])] }.ToSvg())!.ParamName,
            Is.EqualTo("Series[].Y"));
        Assert.That(Assert.Throws<ArgumentException>(() => Heatmap.FromArray(new double[,] { { -1e308, 1e308 } }).ToSvg())!.ParamName, Is.EqualTo("Values"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => AxisRange.Fixed(-1e308, 1e308))!.ParamName, Is.EqualTo("maximum"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.Linear(-1e308, 1e308, 6))!.ParamName, Is.EqualTo("maximum"));
        // Just inside: a span of 1.6e308 with margins 0.08e308 each side stays finite (width 1.76e308 < 1.798e308).
        Assert.DoesNotThrow(() => new ScatterPlot { X = [-0.8e308, 0.8e308], Y = [0, 1] }.ToSvg());
    }

    [Test]
    public void AConstantHeatmapOfAnyMagnitudeGetsAColourBarAroundItsValue()
    {
        // 1e20 ± 0.5 rounds back to 1e20 (its ulp is 16 384), so a fixed ±0.5 left the colour bar no width and threw.
        // Like a constant axis, the colour bar now spans v ± ½ max(1, |v|), and every cell takes its middle colour.
        foreach (var v in new[] { 0.0, 3.0, 1e20, -1e300 })
        {
            var doc = Parse(Heatmap.FromArray(new double[,] { { v, v } }).ToSvg());
            double half = 0.5 * Math.Max(1, Math.Abs(v));
            Assert.That(All(doc, "rect", "cell").Select(c => c.Attribute("fill")!.Value), Has.All.EqualTo("#21918c"), $"value {v}: viridis(0.5)");
            Assert.That(All(doc, "text", "tick-label colorbar").Select(t => t.Value), Is.EqualTo(Ticks.Linear(v - half, v + half, 5).Labels), $"value {v}");
        }
    }

    [Test]
    public void HistogramOfValuesWhoseSpanOverflowsIsRejected()
    {
        // NumPy 1.24.2: np.histogram([-1e308, 1e308], bins) warns "overflow encountered in subtract" and has no valid edges.
        foreach (var bins in new[] { HistogramBins.Auto, HistogramBins.Count(2) })
        {
            var ex = Assert.Throws<ArgumentException>(() => new HistogramPlot { Values = [-1e308, 1e308], Bins = bins }.Compute());
            Assert.That(ex!.ParamName, Is.EqualTo("Values"));
        }
        // Explicit edges need no span: the two values fall in the two bins.
        var counts = new HistogramPlot { Values = [-1e308, 1e308], Bins = HistogramBins.FromEdges([-1e308, 0, 1e308]) }.Compute();
        Assert.That(counts.Counts, Is.EqualTo(new[] { 1, 1 }));
    }

    [Test]
    public void DataFarOutsideAFixedRangeMapsToFinitePixels()
    {
        // X = 1e10 on [0, 1e-300] is 1e310 plot widths to the right: clamped, clipped, and the SVG is written.
        var plot = new ScatterPlot { X = [1e10, 5e-301], Y = [0, 1], XAxis = Axis.Default with { Range = AxisRange.Fixed(0, 1e-300) } };
        var doc = Parse(plot.ToSvg());
        var cx = All(doc, "circle", "point").Select(c => Number(c, "cx")).ToArray();
        var area = All(doc, "rect", "plot-area").Single();
        double left = Number(area, "x"), width = Number(area, "width");
        Assert.That(cx[0], Is.EqualTo(left + 1001 * width).Within(0.02), "1000 plot widths beyond the right edge");
        Assert.That(cx[1], Is.EqualTo(left + 0.5 * width).Within(0.02), "a point inside is where it belongs");
    }

    [Test]
    public void NullInnerListsAreRejectedNamingTheProperty()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => new ScatterPlot { X = [1.0], Y = null! }.ToSvg())!.ParamName, Is.EqualTo("Y"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => new LinePlot { Series = [new LineSeries("a", [1.0], null!)] }.ToSvg())!.ParamName,
            Is.EqualTo("Series[0].Y"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => new BarChart { Categories = ["c"], Series = [new BarSeries("a", null!)] }.ToSvg())!.ParamName,
            Is.EqualTo("Series[0].Values"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => new HistogramPlot { Values = [1.0], XAxis = null! }.ToSvg())!.ParamName, Is.EqualTo("XAxis"));
    }

    [Test]
    public void LogAxisRejectionNamesTheSeriesAndPoint()
    {
        var logY = Axis.Default with { Scale = AxisScale.Logarithmic };
        var plot = new LinePlot { YAxis = logY, Series = [new LineSeries("a", [0, 1], [1, 2]), new LineSeries("b", [0, 1], [3, -1])] };
        var ex = Assert.Throws<ArgumentException>(() => plot.ToSvg());
        Assert.That(ex!.Message, Does.Contain("Series[1].Y[1] = -1"));
        // Y = 1 with error 2 reaches 1 − 2 = −1: the message says it is the error bar's end, not Y.
        var bars = new LinePlot { YAxis = logY, Series = [new LineSeries("a", [0], [1]) { YError = [2] }] };
        Assert.That(Assert.Throws<ArgumentException>(() => bars.ToSvg())!.Message, Does.Contain("Series[0].Y[0] − YError[0] = 1 − 2 = -1"));
        var logX = new LinePlot { XAxis = logY, Series = [new LineSeries("a", [1, 2], [0, 0]), new LineSeries("b", [5, 0], [0, 0])] };
        Assert.That(Assert.Throws<ArgumentException>(() => logX.ToSvg())!.Message, Does.Contain("Series[1].X[1] = 0"));
    }

    [Test]
    public void AFigureTooShortNamesHeight()
    {
        // Height 100, no title (top 14), an x-axis label (bottom 100 − (12 + 5 + 10 + 20) = 53): plot area 39 px < 40.
        var shortPlot = new LinePlot { Height = 100, XAxis = Axis.Default with { Label = "x" }, Series = [new LineSeries("", [0, 1], [0, 1])] };
        Assert.That(Assert.Throws<ArgumentException>(() => shortPlot.ToSvg())!.ParamName, Is.EqualTo("Height"));
        var narrow = new LinePlot { Width = 120, Series = [new LineSeries("a very long legend entry that fills the figure", [0, 1], [0, 1])] };
        Assert.That(Assert.Throws<ArgumentException>(() => narrow.ToSvg())!.ParamName, Is.EqualTo("Width"));
    }

    [Test]
    public void AutoBinsAreCappedAt100000()
    {
        // 1 000 values spread over [−1, 1] and one at 1e6: FD width 2·IQR·n^(−1/3) ≈ 2·1·1001^(−1/3) ≈ 0.2, so NumPy's
        // "auto" would use ≈ 5 million bins; the documented cap gives 100 000 equal bins over [min, max].
        var values = Enumerable.Range(0, 1000).Select(i => -1 + 2 * i / 999.0).Append(1e6).ToArray();
        var counts = new HistogramPlot { Values = values }.Compute();
        Assert.That(counts.Counts, Has.Count.EqualTo(100_000));
        Assert.That(counts.Edges[0], Is.EqualTo(-1));
        Assert.That(counts.Edges[^1], Is.EqualTo(1e6));
    }
}
