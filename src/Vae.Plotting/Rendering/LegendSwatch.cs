namespace Vae.Plotting.Rendering;

/// <summary>How a legend swatch is drawn.</summary>
internal enum LegendSwatch
{
    Line,
    Marker,
    Box,
}
