using System.Xml.Linq;
using NUnit.Framework;
using Vae.Plotting;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Tests.Plotting.SvgAssert;

namespace Vae.Tests.Plotting;

/// <summary>Escaping, rejection of bad input, and deterministic output.</summary>
[TestFixture]
public sealed class RobustnessTests
{
    private const string Nasty = "a < b && c > \"d\" 'e' ]]> <!-- x -->";

    [Test]
    public void TextIsEscapedAndSurvivesXmlParsingUnchanged()
    {
        var plot = new LinePlot
        {
            Title = Nasty,
            XAxis = Axis.Default with { Label = "x & y" },
            YAxis = Axis.Default with { Label = "<σ²>" },
            Series = [new LineSeries(Nasty, [0, 1], [0, 1])],
        };
        var svg = plot.ToSvg();
        Assert.That(svg, Does.Not.Contain("a < b"), "raw '<' never reaches the document");
        var doc = Parse(svg);
        Assert.That(All(doc, "text", "title").Single().Value, Is.EqualTo(Nasty));
        Assert.That(All(doc, "polyline", "series").Single().Attribute("data-name")!.Value, Is.EqualTo(Nasty));
        Assert.That(All(doc, "g", "legend-entry").Single().Value, Is.EqualTo(Nasty));
        Assert.That(All(doc, "text", "axis-label x").Single().Value, Is.EqualTo("x & y"));
        Assert.That(All(doc, "text", "axis-label y").Single().Value, Is.EqualTo("<σ²>"));

        var bars = Parse(new BarChart { Categories = [Nasty], Series = [new BarSeries("", [1])] }.ToSvg());
        Assert.That(All(bars, "text", "tick-label x").Single().Value, Is.EqualTo(Nasty));
        var grid = Parse(new ImageGrid { Rows = [new ImageGridRow(Nasty, [GrayImage.FromPixels(1, 1, [0.5])])] }.ToSvg());
        Assert.That(All(grid, "text", "row-label").Single().Value, Is.EqualTo(Nasty));
    }

    [Test]
    public void CharactersXmlCannotHoldAreRejectedNamingTheProperty()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LinePlot { Title = "bell\u0007", Series = [new LineSeries("", [0], [0])] }.ToSvg());
        Assert.That(ex!.ParamName, Is.EqualTo("Title"));
        Assert.That(ex.Message, Does.Contain("U+0007"));
        ex = Assert.Throws<ArgumentException>(() => new ScatterPlot { X = [0], Y = [0], ClassNames = ["ok", "lone \uD800 surrogate"], Classes = [1] }.ToSvg());
        Assert.That(ex!.ParamName, Is.EqualTo("ClassNames[1]"));
    }

    private static IEnumerable<TestCaseData> NonFinite()
    {
        foreach (var bad in new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity })
        {
            yield return new TestCaseData(new LinePlot { Series = [new LineSeries("s", [0, 1, 2], [0, bad, 2])] }, "Series[0].Y[1]").SetName($"line {bad}");
            yield return new TestCaseData(new ScatterPlot { X = [bad, 1], Y = [0, 1] }, "X[0]").SetName($"scatter {bad}");
            yield return new TestCaseData(new HistogramPlot { Values = [1, 2, bad] }, "Values[2]").SetName($"histogram {bad}");
            yield return new TestCaseData(new BarChart { Categories = ["a", "b"], Series = [new BarSeries("", [bad, 1])] }, "Series[0].Values[0]").SetName($"bar {bad}");
            yield return new TestCaseData(new Heatmap { Values = [[1, 2], [3, bad]] }, "Values[1][1]").SetName($"heatmap {bad}");
        }
    }

    [TestCaseSource(nameof(NonFinite))]
    public void NonFiniteValuesAreRejectedWithTheirPosition(Plot plot, string where)
    {
        var ex = Assert.Throws<ArgumentException>(() => plot.ToSvg());
        Assert.That(ex!.Message, Does.Contain(where).And.Contain("not finite"));
    }

    [Test]
    public void InconsistentDescriptionsAreRejected()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => new LinePlot().ToSvg())!.ParamName, Is.EqualTo("Series"));
        Assert.That(Assert.Throws<ArgumentException>(() => new LinePlot { Series = [new LineSeries("", [0, 1], [0])] }.ToSvg())!.Message, Does.Contain("same length"));
        Assert.That(Assert.Throws<ArgumentException>(() => new ScatterPlot { X = [0, 1], Y = [0, 1], Classes = [0, -1] }.ToSvg())!.Message, Does.Contain("Classes[1] = -1"));
        Assert.That(Assert.Throws<ArgumentException>(() => new Heatmap { Values = [[1, 2], [3]] }.ToSvg())!.Message, Does.Contain("Values[1]"));
        Assert.That(Assert.Throws<ArgumentException>(() => new BarChart { Categories = ["a"], Series = [new BarSeries("", [1]),], Colors = ["red"] }.ToSvg())!.Message, Does.Contain("#rrggbb"));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LinePlot { Series = [new LineSeries("", [0], [0])], Width = double.NaN }.ToSvg());
        Assert.Throws<ArgumentOutOfRangeException>(() => AxisRange.Fixed(2, 1));
        Assert.Throws<ArgumentException>(() => new HistogramPlot { Values = [1, 2], YAxis = Axis.Default with { Scale = AxisScale.Logarithmic } }.ToSvg());
        Assert.Throws<ArgumentException>(() => HistogramBins.FromEdges([0, 1, 1]));
    }

    [Test]
    public void OutputIsDeterministicAndIdsDifferBetweenFigures()
    {
        Plot MakeHeatmap(double v) => new Heatmap { Values = [[0, v], [v, 0]] };
        var first = MakeHeatmap(1).ToSvg();
        var second = MakeHeatmap(1).ToSvg();
        Assert.That(second, Is.EqualTo(first));
        static IEnumerable<string> Ids(string svg) => XDocument.Parse(svg).Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>();
        Assert.That(Ids(MakeHeatmap(1).ToSvg()).Intersect(Ids(MakeHeatmap(2).ToSvg())), Is.Empty, "two figures on one page do not share ids");
    }

    [Test]
    public void FixedRangesClipDataToThePlotArea()
    {
        var plot = new LinePlot { Series = [new LineSeries("", [0, 5, 10], [0, 50, 100])], YAxis = Axis.Default with { Range = AxisRange.Fixed(0, 10) } };
        var doc = Parse(plot.ToSvg());
        var data = All(doc, "g", "data").Single();
        var clip = doc.Descendants(Svg + "clipPath").Single();
        Assert.That(data.Attribute("clip-path")!.Value, Is.EqualTo($"url(#{clip.Attribute("id")!.Value})"));
        Assert.That(All(doc, "text", "tick-label y").Select(t => t.Value), Is.EqualTo(Ticks.Linear(0, 10, 6).Labels));
    }
}
