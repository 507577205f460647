using Vae.Plotting.Axes;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>A histogram of <see cref="Values"/>: one bar per bin, height = count.</summary>
/// <remarks>Binning follows <c>numpy.histogram</c> (see <see cref="HistogramBins"/> and <see cref="Compute"/>).
/// SVG structure: a <c>rect class="bar"</c> per bin (zero-height bins included), <c>data-count</c> = its count.</remarks>
public sealed record HistogramPlot : ChartPlot
{
    /// <summary>Every property at its documented default.</summary>
    public HistogramPlot() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>HistogramPlot(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public HistogramPlot(HistogramPlot original) : base(original)
    {
        _values = original._values;
        Bins = original.Bins;
        XAxis = original.XAxis;
        YAxis = original.YAxis;
    }

    /// <summary>The values to count, finite; at least one.</summary>
    public IReadOnlyList<double> Values { get => _values; init => _values = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<double> _values = ContentEquality.Copy<double>([]);

    /// <summary>How the bins are chosen. Default <see cref="HistogramBins.Auto"/>.</summary>
    public HistogramBins Bins { get; init; } = HistogramBins.Auto;

    /// <summary>The horizontal (value) axis; its automatic range covers the bin edges.</summary>
    public Axis XAxis { get; init; } = Axis.Default;

    /// <summary>The vertical (count) axis; linear, its automatic range starts at 0.</summary>
    public Axis YAxis { get; init; } = Axis.Default with { Label = "count" };

    private protected override string Kind => "histogram";

    /// <summary>The bins and counts that will be drawn (NumPy's <c>numpy.histogram(values, bins)</c>), except that
    /// <see cref="HistogramBins.Auto"/> uses at most 100 000 bins where NumPy would use more (e.g. 1 000 standard-normal
    /// values and one at 1e6: NumPy ≈ 3.7 million bins, here 100 000 equal bins over the same [min, max]).</summary>
    /// <exception cref="ArgumentException"><see cref="Values"/> is empty or holds a non-finite value, or (bins by count or
    /// automatic) max − min of the values overflows (e.g. −1e308 and 1e308; NumPy fails there too).</exception>
    public HistogramCounts Compute()
    {
        Guard.NotEmpty(Values, nameof(Values));
        Guard.Finite(Values, nameof(Values));
        ArgumentNullException.ThrowIfNull(Bins, nameof(Bins));
        var edges = Bins.Edges.Count > 0 ? Bins.Edges.ToArray() : EqualWidthEdges();
        var counts = new int[edges.Length - 1];
        foreach (var v in Values)
        {
            if (v < edges[0] || v > edges[^1]) continue;
            int i = Array.BinarySearch(edges, v);
            int bin = i >= 0 ? i : ~i - 1;       // value on an edge belongs to the bin starting there
            counts[Math.Min(bin, counts.Length - 1)]++; // the last bin is closed
        }
        return new HistogramCounts(Array.AsReadOnly(edges), Array.AsReadOnly(counts));
    }

    private double[] EqualWidthEdges()
    {
        double lo = Values.Min(), hi = Values.Max();
        if (!double.IsFinite(hi - lo))
            throw new ArgumentException($"Values span [{lo}, {hi}], wider than a double can hold (max − min overflows); rescale them or give HistogramBins.FromEdges.", nameof(Values));
        int bins;
        if (lo == hi)
        {
            (lo, hi) = (lo - 0.5, hi + 0.5);
            bins = Bins.IsAuto ? 1 : Bins.BinCount;
        }
        else bins = Bins.IsAuto ? AutoBinCount(lo, hi) : Bins.BinCount;
        var edges = new double[bins + 1];
        double step = (hi - lo) / bins;
        for (int i = 0; i < bins; i++) edges[i] = lo + i * step;
        edges[bins] = hi;
        return edges;
    }

    /// <summary>NumPy's "auto" estimator: ⌈range / min(Sturges width, FD width)⌉ bins (Sturges when the IQR is 0),
    /// capped at 100 000 bins.</summary>
    private int AutoBinCount(double lo, double hi)
    {
        int n = Values.Count;
        double sturges = (hi - lo) / (Math.Log2(n) + 1);
        var sorted = Values.Order().ToArray();
        double iqr = Percentile(sorted, 0.75) - Percentile(sorted, 0.25);
        double fd = 2 * iqr * Math.Pow(n, -1.0 / 3);
        double width = fd > 0 ? Math.Min(fd, sturges) : sturges;
        return (int)Math.Min(Math.Ceiling((hi - lo) / width), 100_000);
    }

    /// <summary>NumPy's default ("linear") percentile of sorted data, <paramref name="q"/> in [0, 1].</summary>
    private static double Percentile(double[] sorted, double q)
    {
        double position = q * (sorted.Length - 1);
        int below = (int)Math.Floor(position);
        int above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private protected override void Validate()
    {
        ValidateFrame();
        Guard.NotEmpty(Values, nameof(Values));
        Guard.Finite(Values, nameof(Values));
        ArgumentNullException.ThrowIfNull(Bins, nameof(Bins));
        ArgumentNullException.ThrowIfNull(XAxis, nameof(XAxis));
        if (XAxis.Scale != AxisScale.Linear) throw new ArgumentException("XAxis of a histogram must be linear (bins are equal-width in value).", nameof(XAxis));
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        var histogram = Compute();
        var x = ResolvedAxis.Resolve(XAxis, histogram.Edges, nameof(XAxis), "Bins.Edges");
        var y = ResolvedAxis.Resolve(YAxis, histogram.Counts.Select(c => (double)c), nameof(YAxis), "counts", includeZero: true);
        var frame = new CartesianFrame(size.Width, size.Height, Title.Length > 0, x, y, []);
        frame.DrawAxes(svg, xGrid: false);
        frame.OpenClippedGroup(svg, "data");
        svg.Open("g", ("fill", ColorOf(0)), ("stroke", "white"), ("stroke-width", "0.5"));
        for (int i = 0; i < histogram.Counts.Count; i++)
        {
            double left = frame.MapX(histogram.Edges[i]), right = frame.MapX(histogram.Edges[i + 1]);
            double top = frame.MapY(histogram.Counts[i]), bottom = frame.MapY(0);
            svg.Empty("rect", ("class", "bar"), ("data-count", histogram.Counts[i].ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("x", SvgWriter.Number(left)), ("y", SvgWriter.Number(top)),
                ("width", SvgWriter.Number(right - left)), ("height", SvgWriter.Number(bottom - top)));
        }
        svg.Close();
        svg.Close();
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(HistogramPlot? other) =>
        other is not null && base.Equals(other) && ContentEquality.Lists(Values, other.Values)
        && Equals(Bins, other.Bins) && Equals(XAxis, other.XAxis) && Equals(YAxis, other.YAxis);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.Add(ref hash, Values);
        hash.Add(Bins);
        hash.Add(XAxis);
        hash.Add(YAxis);
        return hash.ToHashCode();
    }
}
