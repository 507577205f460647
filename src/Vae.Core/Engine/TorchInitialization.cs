using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>PyTorch's default initialisation of <c>nn.Linear</c>, <c>nn.Conv2d</c> and <c>nn.ConvTranspose2d</c>.</summary>
/// <remarks>
/// Weights: <c>kaiming_uniform_(w, a=√5)</c>, i.e. bound = gain·√(3/fan_in) with gain = √(2/(1+a²)) = √(1/3), so
/// bound = 1/√fan_in. Biases: U(−1/√fan_in, 1/√fan_in). PyTorch computes fan_in from the weight's dimension 1
/// times the kernel area, which for ConvTranspose2d (weight <c>[in, out, kh, kw]</c>) is out·kh·kw.
/// Values are drawn as (2u − 1)·bound with u = <see cref="Random.NextDouble"/>, row-major.
/// </remarks>
internal static class TorchInitialization
{
    internal static void Uniform<T>(Span<T> values, int fanIn, Random random) where T : unmanaged, IFloatingPointIeee754<T>
    {
        double bound = 1.0 / Math.Sqrt(fanIn);
        for (int i = 0; i < values.Length; i++)
            values[i] = T.CreateChecked((2.0 * random.NextDouble() - 1.0) * bound);
    }
}
