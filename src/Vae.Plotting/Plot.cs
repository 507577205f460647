using Vae.Plotting.Svg;

namespace Vae.Plotting;

/// <summary>
/// An immutable description of one figure; <see cref="ToSvg"/> renders it to a standalone SVG document.
/// The concrete kinds are in <c>Vae.Plotting.Plots</c>: line plots, scatter plots, histograms, bar charts, heatmaps
/// and image grids.
/// </summary>
/// <remarks>
/// Rendering is deterministic: the same description gives byte-identical SVG (numbers are culture-invariant with two
/// decimals; ids are derived from a hash of the content, so several figures can be inlined in one HTML page).
/// Every SVG has <c>width</c>, <c>height</c> and a matching <c>viewBox</c>, a white background and a
/// <c>&lt;title&gt;</c> when <see cref="Title"/> is set. Elements carry <c>class</c> names (<c>series</c>,
/// <c>point</c>, <c>bar</c>, <c>cell</c>, <c>image</c>, <c>tick x</c>, <c>tick-label y</c>, <c>legend-entry</c>, …)
/// so that tests and style sheets can find them.
/// </remarks>
public abstract record Plot
{
    private protected Plot() { }

    /// <summary>Copies the <see cref="Plot"/> properties of <paramref name="original"/>; the derived records' copy
    /// constructors (which C#'s <c>with</c> and F#'s <c>Derived(original, Property = value)</c> call) chain to it.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    protected Plot(Plot original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Title = original.Title;
    }

    /// <summary>Title drawn above the figure (and used as the SVG <c>&lt;title&gt;</c>); empty for none.</summary>
    public string Title { get; init; } = "";

    /// <summary>Renders the figure as an SVG document (UTF-16 string, no XML declaration, ends with a newline).</summary>
    /// <exception cref="ArgumentException">The description is invalid: a non-finite value (NaN, ±∞), mismatched lengths,
    /// a value ≤ 0 on a logarithmic axis, data whose span (with the automatic margins) overflows a double (e.g. −1e308
    /// and 1e308), text with a character XML cannot hold, an empty data set, or a size too small for the labels. The
    /// message names the property and the offending value.</exception>
    public string ToSvg()
    {
        SvgText.Check(Title, nameof(Title));
        Validate();
        var size = Size();
        var svg = new SvgWriter(size.Width, size.Height, Title, Kind);
        if (Title.Length > 0)
            svg.Element("text", Title, ("class", "title"), ("x", SvgWriter.Number(size.Width / 2)), ("y", "24"),
                ("text-anchor", "middle"), ("font-size", "15"), ("font-weight", "bold"));
        Render(svg, size);
        return svg.Finish();
    }

    /// <summary>CSS class naming the kind of plot on the root element, e.g. <c>line-plot</c>.</summary>
    private protected abstract string Kind { get; }

    /// <summary>Checks the description; throws <see cref="ArgumentException"/> naming the property.</summary>
    private protected abstract void Validate();

    /// <summary>Size of the SVG in CSS pixels.</summary>
    private protected abstract PlotSize Size();

    /// <summary>Draws everything below the title.</summary>
    private protected abstract void Render(SvgWriter svg, PlotSize size);

    /// <summary>The width and height of a rendered figure, in CSS pixels.</summary>
    private protected readonly record struct PlotSize(double Width, double Height);
}
