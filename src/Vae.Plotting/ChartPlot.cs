namespace Vae.Plotting;

/// <summary>A plot drawn in a rectangle of fixed size with axes: line, scatter, histogram, bar and heatmap plots.</summary>
public abstract record ChartPlot : Plot
{
    private protected ChartPlot() { }

    /// <summary>Copies the <see cref="ChartPlot"/> properties of <paramref name="original"/>; the derived records' copy
    /// constructors (which C#'s <c>with</c> and F#'s <c>Derived(original, Property = value)</c> call) chain to it.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    protected ChartPlot(ChartPlot original) : base(original)
    {
        Width = original.Width;
        Height = original.Height;
        _colors = original._colors;
    }

    /// <summary>Width of the SVG in CSS pixels, in [120, 10 000]. Default 640.</summary>
    public double Width { get; init; } = 640;

    /// <summary>Height of the SVG in CSS pixels, in [100, 10 000]. Default 400.</summary>
    public double Height { get; init; } = 400;

    /// <summary>Colours for series or classes, in order (cycled), each <c>#rrggbb</c>. Default <see cref="Palette.Tab10"/>.</summary>
    public IReadOnlyList<string> Colors { get => _colors; init => _colors = ContentEquality.Copy(value); }
    private readonly IReadOnlyList<string> _colors = ContentEquality.Copy<string>(Palette.Tab10);

    private protected override PlotSize Size() => new(Width, Height);

    /// <summary>Checks <see cref="Width"/>, <see cref="Height"/> and <see cref="Colors"/>.</summary>
    private protected void ValidateFrame()
    {
        if (!(Width >= 120 && Width <= 10_000)) throw new ArgumentOutOfRangeException(nameof(Width), Width, "Width must be in [120, 10000] px.");
        if (!(Height >= 100 && Height <= 10_000)) throw new ArgumentOutOfRangeException(nameof(Height), Height, "Height must be in [100, 10000] px.");
        ArgumentNullException.ThrowIfNull(Colors, nameof(Colors));
        if (Colors.Count == 0) throw new ArgumentException("Colors is empty.", nameof(Colors));
        for (int i = 0; i < Colors.Count; i++)
            if (!Palette.IsHexColor(Colors[i]))
                throw new ArgumentException($"Colors[{i}] = \"{Colors[i]}\" is not a #rrggbb colour.", nameof(Colors));
    }

    /// <summary>The colour of series or class <paramref name="index"/>.</summary>
    private protected string ColorOf(int index) => Colors[index % Colors.Count];

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public virtual bool Equals(ChartPlot? other) =>
        other is not null && base.Equals(other) && Width.Equals(other.Width) && Height.Equals(other.Height)
        && ContentEquality.Lists(Colors, other.Colors);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(base.GetHashCode());
        hash.Add(Width);
        hash.Add(Height);
        ContentEquality.Add(ref hash, Colors);
        return hash.ToHashCode();
    }
}
