using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// The im2col lowering of a square-kernel 2-D convolution: an image <c>[channels, height, width]</c> becomes a
/// column matrix <c>[channels·k·k, outHeight·outWidth]</c> whose column (oh, ow) holds the receptive field of that
/// output position (zeros where it falls into the padding); <see cref="Fold"/> is the adjoint (sums back).
/// </summary>
internal readonly record struct Im2Col(int Channels, int Height, int Width, int Kernel, int Stride, int Padding, int OutHeight, int OutWidth)
{
    internal int Rows => Channels * Kernel * Kernel;

    internal int Columns => OutHeight * OutWidth;

    /// <summary>columns[(c·k + ki)·k + kj, oh·OutWidth + ow] = image[c, oh·s − p + ki, ow·s − p + kj] (0 outside).</summary>
    internal void Unfold<T>(ReadOnlySpan<T> image, Span<T> columns) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int cols = Columns;
        for (int c = 0; c < Channels; c++)
        for (int ki = 0; ki < Kernel; ki++)
        for (int kj = 0; kj < Kernel; kj++)
        {
            var row = columns.Slice(((c * Kernel + ki) * Kernel + kj) * cols, cols);
            for (int oh = 0; oh < OutHeight; oh++)
            {
                int ih = oh * Stride - Padding + ki;
                var target = row.Slice(oh * OutWidth, OutWidth);
                if ((uint)ih >= (uint)Height) { target.Clear(); continue; }
                var source = image.Slice((c * Height + ih) * Width, Width);
                for (int ow = 0; ow < OutWidth; ow++)
                {
                    int iw = ow * Stride - Padding + kj;
                    target[ow] = (uint)iw < (uint)Width ? source[iw] : T.Zero;
                }
            }
        }
    }

    /// <summary>image[c, ih, iw] += Σ columns over every (oh, ow, ki, kj) reading that pixel (the adjoint of <see cref="Unfold"/>).
    /// The image is cleared first.</summary>
    internal void Fold<T>(ReadOnlySpan<T> columns, Span<T> image) where T : unmanaged, IFloatingPointIeee754<T>
    {
        image.Clear();
        int cols = Columns;
        for (int c = 0; c < Channels; c++)
        for (int ki = 0; ki < Kernel; ki++)
        for (int kj = 0; kj < Kernel; kj++)
        {
            var row = columns.Slice(((c * Kernel + ki) * Kernel + kj) * cols, cols);
            for (int oh = 0; oh < OutHeight; oh++)
            {
                int ih = oh * Stride - Padding + ki;
                if ((uint)ih >= (uint)Height) continue;
                var target = image.Slice((c * Height + ih) * Width, Width);
                var source = row.Slice(oh * OutWidth, OutWidth);
                for (int ow = 0; ow < OutWidth; ow++)
                {
                    int iw = ow * Stride - Padding + kj;
                    if ((uint)iw < (uint)Width) target[iw] += source[ow];
                }
            }
        }
    }
}
