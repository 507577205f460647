using System.Globalization;
using Vae.Plotting.Rendering;
using Vae.Plotting.Svg;

namespace Vae.Plotting.Plots;

/// <summary>Rows of grayscale images with row labels, e.g. digits decoded along linear and geodesic interpolation paths.</summary>
/// <remarks>
/// The figure's size follows from the content: a label column, then <see cref="ImageSize"/>-px cells separated by
/// <see cref="Gap"/> px. Each image is an embedded 8-bit grayscale PNG (data URI) drawn with
/// <c>image-rendering: pixelated</c>, so 28×28 pixels stay sharp at any zoom. SVG structure: a <c>g class="row"</c>
/// per row with a <c>text class="row-label"</c> and an <c>image class="image"</c> per image; optional
/// <c>text class="column-label"</c> above the columns.
/// </remarks>
public sealed record ImageGrid : Plot
{
    private const double FontSize = 12;

    /// <summary>Every property at its documented default.</summary>
    public ImageGrid() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>ImageGrid(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public ImageGrid(ImageGrid original) : base(original)
    {
        _rows = original._rows;
        _columnLabels = original._columnLabels;
        ImageSize = original.ImageSize;
        Gap = original.Gap;
        Inverted = original.Inverted;
    }

    /// <summary>The rows, top to bottom; at least one image in total.</summary>
    public IReadOnlyList<ImageGridRow> Rows { get => _rows; init => _rows = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<ImageGridRow> _rows = ContentEquality.Copy<ImageGridRow>([]);

    /// <summary>Text above each column (e.g. t = 0, 0.25, …); empty for none. May be shorter than the widest row.</summary>
    public IReadOnlyList<string> ColumnLabels { get => _columnLabels; init => _columnLabels = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _columnLabels = ContentEquality.Copy<string>([]);

    /// <summary>Side of each image cell in CSS px, in [4, 1000]. Default 56 (2× a 28-px digit).</summary>
    public double ImageSize { get; init; } = 56;

    /// <summary>Space between cells in px, in [0, 100]. Default 4.</summary>
    public double Gap { get; init; } = 4;

    /// <summary>False (default): 0 is black and 1 white (MNIST digits white on black); true: 1 is black.</summary>
    public bool Inverted { get; init; }

    private protected override string Kind => "image-grid";

    private int ColumnCount => Rows.Count == 0 ? 0 : Rows.Max(r => r.Images.Count);

    private double LabelWidth
    {
        get
        {
            double widest = Rows.Max(r => SvgText.Width(r.Label, FontSize));
            return widest > 0 ? widest + 12 : 0;
        }
    }

    private double GridTop => 12 + (Title.Length > 0 ? 28 : 0) + (ColumnLabels.Count > 0 ? FontSize + 6 : 0);

    private protected override void Validate()
    {
        Guard.NotEmpty(Rows, nameof(Rows));
        for (int r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r] ?? throw new ArgumentNullException(nameof(Rows), $"Rows[{r}] is null.");
            SvgText.Check(row.Label, $"Rows[{r}].Label");
            ArgumentNullException.ThrowIfNull(row.Images, $"Rows[{r}].Images");
            for (int i = 0; i < row.Images.Count; i++)
                if (row.Images[i] is null) throw new ArgumentNullException(nameof(Rows), $"Rows[{r}].Images[{i}] is null.");
        }
        if (ColumnCount == 0) throw new ArgumentException("Rows hold no images; there is nothing to plot.", nameof(Rows));
        Guard.Texts(ColumnLabels, nameof(ColumnLabels));
        if (!(ImageSize >= 4 && ImageSize <= 1000)) throw new ArgumentOutOfRangeException(nameof(ImageSize), ImageSize, "ImageSize must be in [4, 1000] px.");
        if (!(Gap >= 0 && Gap <= 100)) throw new ArgumentOutOfRangeException(nameof(Gap), Gap, "Gap must be in [0, 100] px.");
    }

    private protected override PlotSize Size()
    {
        double width = 12 + LabelWidth + ColumnCount * (ImageSize + Gap) - Gap + 12;
        double height = GridTop + Rows.Count * (ImageSize + Gap) - Gap + 12;
        return new PlotSize(Math.Max(width, Title.Length > 0 ? SvgText.Width(Title, 15) + 24 : 0), height);
    }

    private protected override void Render(SvgWriter svg, PlotSize size)
    {
        string n(double v) => SvgWriter.Number(v);
        double left = 12 + LabelWidth, top = GridTop;
        for (int c = 0; c < ColumnLabels.Count; c++)
            svg.Element("text", ColumnLabels[c], ("class", "column-label"), ("x", n(left + c * (ImageSize + Gap) + ImageSize / 2)),
                ("y", n(top - 6)), ("text-anchor", "middle"));
        for (int r = 0; r < Rows.Count; r++)
        {
            var row = Rows[r];
            double y = top + r * (ImageSize + Gap);
            svg.Open("g", ("class", "row"), ("data-row", r.ToString(CultureInfo.InvariantCulture)));
            if (row.Label.Length > 0)
                svg.Element("text", row.Label, ("class", "row-label"), ("x", n(left - 8)), ("y", n(y + ImageSize / 2 + FontSize / 3)), ("text-anchor", "end"));
            for (int i = 0; i < row.Images.Count; i++)
            {
                var image = row.Images[i];
                var png = PngEncoder.Grayscale(image.Width, image.Height, image.ToBytes(Inverted));
                svg.Empty("image", ("class", "image"), ("x", n(left + i * (ImageSize + Gap))), ("y", n(y)),
                    ("width", n(ImageSize)), ("height", n(ImageSize)), ("preserveAspectRatio", "xMidYMid meet"),
                    ("style", "image-rendering:pixelated"), ("href", "data:image/png;base64," + Convert.ToBase64String(png)));
            }
            svg.Close();
        }
    }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(ImageGrid? other) =>
        other is not null && base.Equals(other) && ContentEquality.Lists(Rows, other.Rows)
        && ContentEquality.Lists(ColumnLabels, other.ColumnLabels) && ImageSize.Equals(other.ImageSize)
        && Gap.Equals(other.Gap) && Inverted == other.Inverted;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        ContentEquality.Add(ref hash, Rows);
        ContentEquality.Add(ref hash, ColumnLabels);
        hash.Add(ImageSize);
        hash.Add(Gap);
        hash.Add(Inverted);
        return hash.ToHashCode();
    }
}
