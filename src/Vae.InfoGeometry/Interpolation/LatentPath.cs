using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Interpolation;

/// <summary>
/// A path of diagonal Gaussians γ(tᵢ), i = 0..steps−1, tᵢ = i/(steps − 1), between two posteriors, and the latent codes to
/// decode along it (Peşte, Malagò &amp; Sârbu, §2.3).
/// </summary>
public sealed class LatentPath
{
    private readonly DiagonalNormal[] _points;
    private readonly double[] _times;

    internal LatentPath(InterpolationMethod method, double[] times, DiagonalNormal[] points)
    {
        Method = method;
        _times = times;
        _points = points;
    }

    /// <summary>How the path was drawn.</summary>
    public InterpolationMethod Method { get; }

    /// <summary>Curve parameters tᵢ ∈ [0, 1], increasing, first 0 and last 1.</summary>
    public IReadOnlyList<double> Times => Array.AsReadOnly(_times);

    /// <summary>The Gaussians along the path (for <see cref="InterpolationMethod.MeanLine"/> the σ's are interpolated linearly, as in <see cref="InterpolationMethod.MeanStdDevLine"/>).</summary>
    public IReadOnlyList<DiagonalNormal> Points => Array.AsReadOnly(_points);

    /// <summary>Number of steps (points).</summary>
    public int Count => _points.Length;

    /// <summary>Latent dimension k.</summary>
    public int Dimension => _points[0].Dimension;

    /// <summary>The latent codes to decode without sampling: the means μ(tᵢ), shape [steps, k], a fresh matrix.</summary>
    public Matrix<double> MeanCodes() => Matrix<double>.Build.Dense(Count, Dimension, (i, j) => _points[i].MeanSpan[j]);

    /// <summary>
    /// Latent codes with sampling, shape [steps, k], a fresh matrix: for <see cref="InterpolationMethod.MeanLine"/> the
    /// straight line between one draw from each endpoint; otherwise an independent draw zᵢ ~ N(μ(tᵢ), diag σ(tᵢ)²) per step.
    /// </summary>
    /// <param name="seed">Seed of the Xoshiro256** generator; bit-reproducible for a fixed seed.</param>
    public Matrix<double> SampledCodes(int seed)
    {
        var rng = new Xoshiro256StarStar(seed);
        if (Method == InterpolationMethod.MeanLine)
        {
            var za = Draw(_points[0], rng);
            var zb = Draw(_points[^1], rng);
            return Matrix<double>.Build.Dense(Count, Dimension, (i, j) => (1 - _times[i]) * za[j] + _times[i] * zb[j]);
        }
        var codes = Matrix<double>.Build.Dense(Count, Dimension);
        for (int i = 0; i < Count; i++) codes.SetRow(i, Draw(_points[i], rng));
        return codes;
    }

    /// <summary>Decodes the path: <paramref name="decoder"/> applied to <see cref="MeanCodes"/> or <see cref="SampledCodes"/>.</summary>
    /// <param name="decoder">Maps latent codes [n, k] to outputs [n, features] (e.g. Bernoulli means of the pixels).</param>
    /// <param name="sample">Decode sampled codes instead of the means.</param>
    /// <param name="seed">Seed for <paramref name="sample"/>.</param>
    /// <returns>The decoder's output, shape [steps, features].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="decoder"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The decoder returned null, a different number of rows, or a non-finite value.</exception>
    public Matrix<double> Decode(Func<Matrix<double>, Matrix<double>> decoder, bool sample = false, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(decoder);
        return LatentInterpolation.CheckedDecode(decoder, sample ? SampledCodes(seed) : MeanCodes());
    }

    private static double[] Draw(DiagonalNormal p, Random rng)
    {
        var z = new double[p.Dimension];
        Normal.Samples(rng, z, 0, 1);
        for (int j = 0; j < z.Length; j++) z[j] = p.MeanSpan[j] + p.StdDevSpan[j] * z[j];
        return z;
    }

    /// <inheritdoc />
    public override string ToString() => $"{Method} path with {Count} steps in k = {Dimension}";
}
