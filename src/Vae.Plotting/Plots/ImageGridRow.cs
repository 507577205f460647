namespace Vae.Plotting.Plots;

/// <summary>One row of an <see cref="ImageGrid"/>: a label and images drawn left to right (e.g. decodings along one interpolation path).</summary>
/// <param name="Label">Text left of the row; empty for none.</param>
/// <param name="Images">The images; may be empty.</param>
public sealed record ImageGridRow(string Label, IReadOnlyList<GrayImage> Images);
