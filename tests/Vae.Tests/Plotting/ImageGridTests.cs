using System.Buffers.Binary;
using System.IO.Compression;
using NUnit.Framework;
using Vae.Core.Data;
using Vae.Plotting.Plots;
using static Vae.Tests.Plotting.SvgAssert;

namespace Vae.Tests.Plotting;

/// <summary>Image grids: layout, labels, and the embedded PNGs decoded back to the input pixels.</summary>
[TestFixture]
public sealed class ImageGridTests
{
    [Test]
    public void GridOfMnistDigitsEmbedsEveryImageWithItsRowLabel()
    {
        var digits = Mnist.LoadEmbeddedTestSet().Slice(0, 10);
        var rows = new[] { "linear", "geodesic" }
            .Select((label, r) => new ImageGridRow(label, Enumerable.Range(r * 5, 5).Select(i => GrayImage.FromPixels(28, 28, digits.Sample(i))).ToArray()))
            .ToArray();
        var grid = new ImageGrid { Title = "paths", Rows = rows, ColumnLabels = ["t=0", "0.25", "0.5", "0.75", "1"] };
        var doc = Parse(grid.ToSvg());

        Assert.That(All(doc, "g", "row"), Has.Count.EqualTo(2));
        Assert.That(All(doc, "text", "row-label").Select(t => t.Value), Is.EqualTo(new[] { "linear", "geodesic" }));
        Assert.That(All(doc, "text", "column-label"), Has.Count.EqualTo(5));
        var images = All(doc, "image", "image");
        Assert.That(images, Has.Count.EqualTo(10));
        Assert.That(images.Select(i => Number(i, "width")).Distinct(), Is.EqualTo(new[] { 56.0 }));
        // Row 1 sits one cell (56 px + 4 px gap) below row 0; columns likewise.
        Assert.That(Number(images[5], "y") - Number(images[0], "y"), Is.EqualTo(60));
        Assert.That(Number(images[1], "x") - Number(images[0], "x"), Is.EqualTo(60));
        // The root is large enough to hold the last image.
        Assert.That(Number(doc.Root!, "width"), Is.GreaterThanOrEqualTo(Number(images[^1], "x") + 56));
        Assert.That(Number(doc.Root!, "height"), Is.GreaterThanOrEqualTo(Number(images[^1], "y") + 56));

        for (int i = 0; i < 10; i++)
        {
            var href = images[i].Attribute("href")!.Value;
            Assert.That(href, Does.StartWith("data:image/png;base64,"));
            var decoded = DecodeGrayscalePng(Convert.FromBase64String(href["data:image/png;base64,".Length..]), out int w, out int h);
            Assert.That((w, h), Is.EqualTo((28, 28)));
            var expected = digits.Sample(i).ToArray().Select(v => (byte)Math.Round(255 * v)).ToArray();
            Assert.That(decoded, Is.EqualTo(expected), $"image {i}: MNIST bytes survive the float round trip exactly");
        }
    }

    [Test]
    public void InvertedGridStoresOneMinusIntensity()
    {
        var image = GrayImage.FromPixels(2, 1, [0.0, 1.0]);
        var svg = new ImageGrid { Rows = [new ImageGridRow("", [image])], Inverted = true }.ToSvg();
        var href = All(Parse(svg), "image", "image")[0].Attribute("href")!.Value;
        Assert.That(DecodeGrayscalePng(Convert.FromBase64String(href[22..]), out _, out _), Is.EqualTo(new byte[] { 255, 0 }));
    }

    [Test]
    public void ImagesRejectValuesOutsideTheUnitIntervalAndWrongSizes()
    {
        Assert.That(Assert.Throws<ArgumentException>(() => GrayImage.FromPixels(2, 1, [0.5, double.NaN]))!.Message, Does.Contain("pixels[1] = NaN"));
        Assert.That(Assert.Throws<ArgumentException>(() => GrayImage.FromPixels(2, 1, [0.5, 1.5]))!.Message, Does.Contain("pixels[1] = 1.5"));
        Assert.That(Assert.Throws<ArgumentException>(() => GrayImage.FromPixels(2, 2, [0.5, 0.5]))!.Message, Does.Contain("needs 4"));
        Assert.Throws<ArgumentOutOfRangeException>(() => GrayImage.FromPixels(0, 2, new double[0]));
        Assert.Throws<ArgumentException>(() => new ImageGrid { Rows = [new ImageGridRow("empty", [])] }.ToSvg());
    }

    /// <summary>A minimal PNG reader for 8-bit grayscale, filter 0 (what the encoder writes), checking every chunk CRC
    /// with an independent bitwise CRC-32.</summary>
    private static byte[] DecodeGrayscalePng(byte[] png, out int width, out int height)
    {
        Assert.That(png.AsSpan(0, 8).ToArray(), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }));
        int offset = 8;
        width = height = 0;
        using var idat = new MemoryStream();
        while (offset < png.Length)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var data = png.AsSpan(offset + 8, length);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.That(crc, Is.EqualTo(BitwiseCrc32(png.AsSpan(offset + 4, 4 + length))), $"CRC of {type}");
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.That((data[8], data[9]), Is.EqualTo(((byte)8, (byte)0)), "8-bit grayscale");
            }
            if (type == "IDAT") idat.Write(data);
            offset += 12 + length;
        }
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        var bytes = raw.ToArray();
        Assert.That(bytes, Has.Length.EqualTo(height * (width + 1)));
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            Assert.That(bytes[y * (width + 1)], Is.Zero, "filter type 0");
            Array.Copy(bytes, y * (width + 1) + 1, pixels, y * width, width);
        }
        return pixels;
    }

    private static uint BitwiseCrc32(ReadOnlySpan<byte> bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320 & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
