namespace Vae.Core.Models;

/// <summary>
/// One convolution of a convolutional encoder (PyTorch <c>nn.Conv2d(in, Channels, KernelSize, Stride, Padding)</c>);
/// the decoder mirrors it with <c>nn.ConvTranspose2d</c> (same kernel, stride and padding, output padding chosen so
/// the spatial size is restored).
/// </summary>
/// <param name="Channels">Output channels, ≥ 1.</param>
/// <param name="KernelSize">Square kernel side, ≥ 1.</param>
/// <param name="Stride">Stride, ≥ 1.</param>
/// <param name="Padding">Zero padding on every side, ≥ 0.</param>
public sealed record ConvolutionSpec(int Channels, int KernelSize, int Stride = 1, int Padding = 0)
{
    /// <summary>Output side length for an input side <paramref name="size"/>: ⌊(size + 2·padding − kernel)/stride⌋ + 1.</summary>
    public int OutputSize(int size) => (size + 2 * Padding - KernelSize) / Stride + 1;
}
