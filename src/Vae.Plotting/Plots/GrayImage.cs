namespace Vae.Plotting.Plots;

/// <summary>A grayscale image with intensities in [0, 1], row-major (e.g. a 28×28 MNIST digit).</summary>
public sealed record GrayImage
{
    private readonly float[] _pixels;

    private GrayImage(int width, int height, float[] pixels)
    {
        Width = width;
        Height = height;
        _pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>Intensities, row-major <c>[height, width]</c>, each in [0, 1]; a read-only view.</summary>
    public IReadOnlyList<float> Pixels => Array.AsReadOnly(_pixels);

    /// <summary>An image from row-major intensities (copied), e.g. <c>GrayImage.FromPixels(28, 28, dataset.Sample(i))</c>.</summary>
    /// <param name="width">Width in pixels, ≥ 1.</param>
    /// <param name="height">Height in pixels, ≥ 1.</param>
    /// <param name="pixels">Row-major <c>[height, width]</c> intensities in [0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The length is not width·height, or a value is not finite or outside [0, 1].</exception>
    public static GrayImage FromPixels(int width, int height, ReadOnlySpan<float> pixels)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        if (pixels.Length != (long)width * height)
            throw new ArgumentException($"pixels has {pixels.Length} values; a {width}×{height} image needs {width * height}.", nameof(pixels));
        for (int i = 0; i < pixels.Length; i++)
            if (!(pixels[i] >= 0 && pixels[i] <= 1))
                throw new ArgumentException($"pixels[{i}] = {pixels[i]} is not in [0, 1] (NaN and infinities are rejected too).", nameof(pixels));
        return new GrayImage(width, height, pixels.ToArray());
    }

    /// <summary>An image from row-major intensities in double precision (copied); see the <see cref="float"/> overload.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The length is not width·height, or a value is not finite or outside [0, 1].</exception>
    public static GrayImage FromPixels(int width, int height, IReadOnlyList<double> pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        for (int i = 0; i < pixels.Count; i++)
            if (!(pixels[i] >= 0 && pixels[i] <= 1))
                throw new ArgumentException($"pixels[{i}] = {pixels[i]} is not in [0, 1] (NaN and infinities are rejected too).", nameof(pixels));
        return FromPixels(width, height, pixels.Select(p => (float)p).ToArray());
    }

    /// <summary>Intensities quantised to bytes, round(255·v), row-major.</summary>
    internal byte[] ToBytes(bool inverted)
    {
        var bytes = new byte[_pixels.Length];
        for (int i = 0; i < bytes.Length; i++)
        {
            double v = inverted ? 1 - _pixels[i] : _pixels[i];
            bytes[i] = (byte)Math.Round(255 * v, MidpointRounding.AwayFromZero);
        }
        return bytes;
    }

    /// <summary>Value equality: the same size and the same intensities, pixel by pixel.</summary>
    public bool Equals(GrayImage? other) =>
        other is not null && Width == other.Width && Height == other.Height
        && ContentEquality.Lists(_pixels, other._pixels);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Width);
        hash.Add(Height);
        ContentEquality.Add(ref hash, _pixels);
        return hash.ToHashCode();
    }
}
