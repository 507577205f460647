using Vae.Plotting.Axes;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>Points (X[i], Y[i]) coloured by class, with a legend of the classes (e.g. a 2-D latent projection coloured by digit).</summary>
/// <remarks>SVG structure: a <c>g class="class"</c> (<c>data-class</c> = k) per class present, in increasing k, holding a
/// <c>circle class="point"</c> per point of that class in input order; a <c>g class="legend-entry"</c> per class.</remarks>
public sealed record ScatterPlot : ChartPlot
{
    /// <summary>Every property at its documented default.</summary>
    public ScatterPlot() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>ScatterPlot(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public ScatterPlot(ScatterPlot original) : base(original)
    {
        _x = original._x;
        _y = original._y;
        _classes = original._classes;
        _classNames = original._classNames;
        XAxis = original.XAxis;
        YAxis = original.YAxis;
        MarkerRadius = original.MarkerRadius;
        ShowLegend = original.ShowLegend;
    }

    /// <summary>Horizontal coordinates, shape <c>[points]</c>, finite; at least one point.</summary>
    public IReadOnlyList<double> X { get => _x; init => _x = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<double> _x = ContentEquality.Copy<double>([]);

    /// <summary>Vertical coordinates, shape <c>[points]</c>, finite.</summary>
    public IReadOnlyList<double> Y { get => _y; init => _y = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<double> _y = ContentEquality.Copy<double>([]);

    /// <summary>Class of each point, shape <c>[points]</c>, each ≥ 0; empty puts every point in class 0. Class k is drawn in <c>Colors[k % Colors.Count]</c>.</summary>
    public IReadOnlyList<int> Classes { get => _classes; init => _classes = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<int> _classes = ContentEquality.Copy<int>([]);

    /// <summary>Legend text of class k at index k; empty to use "class k". When given it must cover every class present.</summary>
    public IReadOnlyList<string> ClassNames { get => _classNames; init => _classNames = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _classNames = ContentEquality.Copy<string>([]);

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; init; } = Axis.Default;

    /// <summary>The vertical axis.</summary>
    public Axis YAxis { get; init; } = Axis.Default;

    /// <summary>Marker radius in px, in (0, 50].</summary>
    public double MarkerRadius { get; init; } = 2.5;

    /// <summary>Show a legend when there is more than one class or <see cref="ClassNames"/> is given.</summary>
    public bool ShowLegend { get; init; } = true;

    private protected override string Kind => "scatter-plot";

    private protected override void Validate()
    {
        ValidateFrame();
        Guard.NotEmpty(X, nameof(X));
        Guard.SameLength(X, nameof(X), Y, nameof(Y));
        Guard.Finite(X, nameof(X));
        Guard.Finite(Y, nameof(Y));
        ArgumentNullException.ThrowIfNull(Classes, nameof(Classes));
        if (Classes.Count > 0) Guard.SameLength(X, nameof(X), Classes, nameof(Classes));
        for (int i = 0; i < Classes.Count; i++)
            if (Classes[i] < 0) throw new ArgumentException($"Classes[{i}] = {Classes[i]} is negative.", nameof(Classes));
        Guard.Texts(ClassNames, nameof(ClassNames));
        int top = Classes.Count == 0 ? 0 : Classes.Max();
        if (ClassNames.Count > 0 && ClassNames.Count <= top)
            throw new ArgumentException($"ClassNames has {ClassNames.Count} names but class {top} occurs.", nameof(ClassNames));
        if (!(MarkerRadius > 0 && MarkerRadius <= 50)) throw new ArgumentOutOfRangeException(nameof(MarkerRadius), MarkerRadius, "MarkerRadius must be in (0, 50] px.");
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        int ClassOf(int i) => Classes.Count == 0 ? 0 : Classes[i];
        var present = Enumerable.Range(0, X.Count).Select(ClassOf).Distinct().Order().ToArray();
        string NameOf(int k) => ClassNames.Count > 0 ? ClassNames[k] : $"class {k}";
        bool legendShown = ShowLegend && (present.Length > 1 || ClassNames.Count > 0);
        var legend = legendShown ? present.Select(k => new LegendEntry(NameOf(k), ColorOf(k), LegendSwatch.Marker)).ToArray() : [];

        var x = ResolvedAxis.Resolve(XAxis, X, nameof(XAxis), nameof(X));
        var y = ResolvedAxis.Resolve(YAxis, Y, nameof(YAxis), nameof(Y));
        var frame = new CartesianFrame(size.Width, size.Height, Title.Length > 0, x, y, legend);
        frame.DrawAxes(svg);
        frame.OpenClippedGroup(svg, "data");
        string r = SvgWriter.Number(MarkerRadius);
        foreach (int k in present)
        {
            svg.Open("g", ("class", "class"), ("data-class", k.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("fill", ColorOf(k)), ("fill-opacity", "0.8"));
            for (int i = 0; i < X.Count; i++)
                if (ClassOf(i) == k)
                    svg.Empty("circle", ("class", "point"), ("cx", SvgWriter.Number(frame.MapX(X[i]))), ("cy", SvgWriter.Number(frame.MapY(Y[i]))), ("r", r));
            svg.Close();
        }
        svg.Close();
        frame.DrawLegend(svg);
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(ScatterPlot? other) =>
        other is not null && base.Equals(other) && ContentEquality.Lists(X, other.X)
        && ContentEquality.Lists(Y, other.Y) && ContentEquality.Lists(Classes, other.Classes)
        && ContentEquality.Lists(ClassNames, other.ClassNames) && Equals(XAxis, other.XAxis)
        && Equals(YAxis, other.YAxis) && MarkerRadius.Equals(other.MarkerRadius)
        && ShowLegend == other.ShowLegend;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.Add(ref hash, X);
        ContentEquality.Add(ref hash, Y);
        ContentEquality.Add(ref hash, Classes);
        ContentEquality.Add(ref hash, ClassNames);
        hash.Add(XAxis);
        hash.Add(YAxis);
        hash.Add(MarkerRadius);
        hash.Add(ShowLegend);
        return hash.ToHashCode();
    }
}
