namespace Vae.Plotting.Rendering;

/// <summary>One legend line: a swatch of <paramref name="Color"/> drawn as a line, a marker or a box, and a name.</summary>
internal sealed record LegendEntry(string Name, string Color, LegendSwatch Swatch);
