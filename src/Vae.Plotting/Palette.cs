using System.Globalization;

namespace Vae.Plotting;

/// <summary>Colours used by the plots: a categorical palette for series and classes, and the viridis colour map.</summary>
public static class Palette
{
    /// <summary>The ten categorical colours of matplotlib's "tab10" (Tableau 10), as <c>#rrggbb</c>.</summary>
    public static IReadOnlyList<string> Tab10 { get; } = Array.AsReadOnly(new[]
    {
        "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
    });

    /// <summary>Nine equally spaced samples of viridis (van der Walt &amp; Smith, matplotlib 2.0 default colour map),
    /// from 0 (dark purple) to 1 (yellow); <see cref="Viridis"/> interpolates linearly between them.</summary>
    public static IReadOnlyList<string> ViridisAnchors { get; } = Array.AsReadOnly(new[]
    {
        "#440154", "#472d7b", "#3b528b", "#2c728e", "#21918c", "#28ae80", "#5ec962", "#addc30", "#fde725",
    });

    /// <summary>The viridis colour at <paramref name="t"/> ∈ [0, 1] (values outside are clamped), as <c>#rrggbb</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="t"/> is NaN.</exception>
    public static string Viridis(double t)
    {
        if (double.IsNaN(t)) throw new ArgumentOutOfRangeException(nameof(t), t, "t must be a number in [0, 1].");
        t = Math.Clamp(t, 0, 1);
        double position = t * (ViridisAnchors.Count - 1);
        int i = Math.Min((int)position, ViridisAnchors.Count - 2);
        double f = position - i;
        var a = Parse(ViridisAnchors[i]);
        var b = Parse(ViridisAnchors[i + 1]);
        return Format(Mix(a.R, b.R, f), Mix(a.G, b.G, f), Mix(a.B, b.B, f));
    }

    /// <summary>True when <paramref name="color"/> is written <c>#rrggbb</c> (six hexadecimal digits).</summary>
    public static bool IsHexColor(string color) =>
        color is { Length: 7 } && color[0] == '#' && color.Skip(1).All(char.IsAsciiHexDigit);

    private static int Mix(int a, int b, double f) => (int)Math.Round(a + (b - a) * f, MidpointRounding.AwayFromZero);

    private static (int R, int G, int B) Parse(string hex) => (
        int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
        int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    private static string Format(int r, int g, int b) => $"#{r:x2}{g:x2}{b:x2}";
}
