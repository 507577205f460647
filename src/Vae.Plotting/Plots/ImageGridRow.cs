namespace Vae.Plotting.Plots;

/// <summary>One row of an <see cref="ImageGrid"/>: a label and images drawn left to right (e.g. decodings along one interpolation path).</summary>
/// <param name="Label">Text left of the row; empty for none.</param>
/// <param name="Images">The images; may be empty.</param>
public sealed record ImageGridRow(string Label, IReadOnlyList<GrayImage> Images)
{
    /// <summary>A read-only copy of the list passed in (never the caller's list).</summary>
    public IReadOnlyList<GrayImage> Images { get => _images; init => _images = ContentEquality.Copy(value); }

    private readonly IReadOnlyList<GrayImage> _images = ContentEquality.Copy(Images);

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(ImageGridRow? other) =>
        other is not null && Label == other.Label && ContentEquality.Lists(Images, other.Images);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Label);
        ContentEquality.Add(ref hash, Images);
        return hash.ToHashCode();
    }
}
