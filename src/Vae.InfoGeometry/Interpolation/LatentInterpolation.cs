using System.Globalization;
using System.Text;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.IO;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Geodesics;

namespace Vae.InfoGeometry.Interpolation;

/// <summary>
/// Interpolation between two encoder posteriors along straight lines and along the Fisher–Rao geodesic, decoded with
/// a caller-supplied decoder (Peşte, Malagò &amp; Sârbu, §2.3, Figs. 4 and 5). The decoder is any function from latent
/// codes [n, k] to outputs [n, features], so any engine can be plugged in.
/// </summary>
public static class LatentInterpolation
{
    /// <summary>The path from <paramref name="start"/> to <paramref name="end"/> drawn by <paramref name="method"/>.</summary>
    /// <param name="start">q(z | x_a).</param>
    /// <param name="end">q(z | x_b), same dimension.</param>
    /// <param name="method">Straight line or geodesic.</param>
    /// <param name="steps">Points, endpoints included. Range: ≥ 2.</param>
    /// <exception cref="ArgumentNullException">A point is null.</exception>
    /// <exception cref="ArgumentException">The dimensions differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="steps"/> &lt; 2 or <paramref name="method"/> undefined.</exception>
    public static LatentPath Path(DiagonalNormal start, DiagonalNormal end, InterpolationMethod method, int steps)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(end);
        if (start.Dimension != end.Dimension)
            throw new ArgumentException($"end has dimension {end.Dimension}; start has {start.Dimension}.", nameof(end));
        var times = GeodesicParameter.Grid(steps, nameof(steps));
        DiagonalNormal[] points;
        switch (method)
        {
            case InterpolationMethod.MeanLine:
            case InterpolationMethod.MeanStdDevLine:
                points = times.Select(t => Linear(start, end, t)).ToArray();
                break;
            case InterpolationMethod.FisherRaoGeodesic:
                var geodesic = FisherRao.Geodesic(start, end);
                points = times.Select(geodesic.At).ToArray();
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown interpolation method.");
        }
        return new LatentPath(method, times, points);
    }

    /// <summary>
    /// The rows of the interpolation figure between two inputs: input-space line, decoded mean line, decoded line between
    /// endpoint draws, decoded (μ, σ) line with and without draws, decoded geodesic with and without draws.
    /// </summary>
    /// <param name="inputA">The first input x_a, shape [features] (e.g. 784 pixels).</param>
    /// <param name="inputB">The second input x_b, shape [features].</param>
    /// <param name="posteriorA">q(z | x_a).</param>
    /// <param name="posteriorB">q(z | x_b).</param>
    /// <param name="decoder">Latent codes [n, k] → outputs [n, features].</param>
    /// <param name="options">Steps and seed; <see cref="InterpolationOptions.Default"/> when null.</param>
    /// <returns>One row per <see cref="InterpolationRowKind"/>, in that order; each [steps, features].</returns>
    /// <exception cref="ArgumentException">Shapes disagree, or an input feature is not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><c>options.Steps</c> &lt; 2.</exception>
    /// <exception cref="InvalidOperationException">The decoder's output has the wrong shape or a non-finite value.</exception>
    public static IReadOnlyList<InterpolationRow> Grid(IReadOnlyList<double> inputA, IReadOnlyList<double> inputB,
        DiagonalNormal posteriorA, DiagonalNormal posteriorB, Func<Matrix<double>, Matrix<double>> decoder, InterpolationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(inputA);
        ArgumentNullException.ThrowIfNull(inputB);
        ArgumentNullException.ThrowIfNull(decoder);
        options ??= InterpolationOptions.Default;
        if (inputA.Count != inputB.Count || inputA.Count == 0)
            throw new ArgumentException($"inputB has {inputB.Count} features; inputA has {inputA.Count} (must be equal and > 0).", nameof(inputB));
        if (options.Steps < 2) throw new ArgumentOutOfRangeException("options.Steps", options.Steps, "Steps must be ≥ 2.");
        RequireFinite(inputA, nameof(inputA));
        RequireFinite(inputB, nameof(inputB));
        var line = Path(posteriorA, posteriorB, InterpolationMethod.MeanLine, options.Steps);
        var meanStd = Path(posteriorA, posteriorB, InterpolationMethod.MeanStdDevLine, options.Steps);
        var geodesic = Path(posteriorA, posteriorB, InterpolationMethod.FisherRaoGeodesic, options.Steps);
        var times = line.Times;
        var input = Matrix<double>.Build.Dense(options.Steps, inputA.Count, (i, j) => (1 - times[i]) * inputA[j] + times[i] * inputB[j]);
        var rows = new[]
        {
            new InterpolationRow(InterpolationRowKind.InputSpace, input),
            new InterpolationRow(InterpolationRowKind.MeanLine, line.Decode(decoder)),
            new InterpolationRow(InterpolationRowKind.SampledEndpointsLine, line.Decode(decoder, sample: true, options.Seed)),
            new InterpolationRow(InterpolationRowKind.MeanStdDevLine, meanStd.Decode(decoder)),
            new InterpolationRow(InterpolationRowKind.SampledMeanStdDevLine, meanStd.Decode(decoder, sample: true, options.Seed)),
            new InterpolationRow(InterpolationRowKind.SampledGeodesic, geodesic.Decode(decoder, sample: true, options.Seed)),
            new InterpolationRow(InterpolationRowKind.GeodesicMean, geodesic.Decode(decoder)),
        };
        if (rows[1].Outputs.ColumnCount != inputA.Count)
            throw new InvalidOperationException($"The decoder returns {rows[1].Outputs.ColumnCount} features; the inputs have {inputA.Count}.");
        return Array.AsReadOnly(rows);
    }

    /// <summary>
    /// The per-coordinate (μ, σ) profile of the straight (μ, σ) line and of the geodesic between two posteriors — the
    /// data of the paper's Fig. 4, where σ rises along the geodesic ("σ bump") but not along the line.
    /// </summary>
    /// <param name="start">q(z | x_a).</param>
    /// <param name="end">q(z | x_b).</param>
    /// <param name="steps">Points per path. Range: ≥ 2.</param>
    /// <returns>Records ordered by method (line, then geodesic), then t, then coordinate.</returns>
    public static IReadOnlyList<PathProfilePoint> Profile(DiagonalNormal start, DiagonalNormal end, int steps)
    {
        var result = new List<PathProfilePoint>();
        foreach (var method in new[] { InterpolationMethod.MeanStdDevLine, InterpolationMethod.FisherRaoGeodesic })
        {
            var path = Path(start, end, method, steps);
            for (int i = 0; i < path.Count; i++)
            {
                var p = path.Points[i];
                for (int j = 0; j < p.Dimension; j++)
                    result.Add(new PathProfilePoint(method, path.Times[i], j, p.MeanSpan[j], p.StdDevSpan[j]));
            }
        }
        return result.AsReadOnly();
    }

    /// <summary>Writes a profile as CSV (<c>method,t,dimension,mean,std_dev</c>, invariant culture, round-trip precision), atomically.</summary>
    /// <param name="path">Output file; its directory must exist.</param>
    /// <param name="profile">Records from <see cref="Profile"/>.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public static void WriteProfileCsv(string path, IEnumerable<PathProfilePoint> profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var text = new StringBuilder("method,t,dimension,mean,std_dev\n");
        foreach (var p in profile)
            text.Append(CultureInfo.InvariantCulture, $"{p.Method},{p.T:R},{p.Dimension},{p.Mean:R},{p.StdDev:R}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }

    private static void RequireFinite(IReadOnlyList<double> input, string name)
    {
        for (int j = 0; j < input.Count; j++)
            if (!double.IsFinite(input[j])) throw new ArgumentException($"{name}[{j}] = {input[j]} is not finite.", name);
    }

    internal static Matrix<double> CheckedDecode(Func<Matrix<double>, Matrix<double>> decoder, Matrix<double> codes)
    {
        var output = decoder(codes) ?? throw new InvalidOperationException("The decoder returned null.");
        if (output.RowCount != codes.RowCount)
            throw new InvalidOperationException($"The decoder returned {output.RowCount} rows for {codes.RowCount} latent codes.");
        foreach (var v in output.Enumerate())
            if (!double.IsFinite(v)) throw new InvalidOperationException($"The decoder returned a non-finite value ({v}).");
        return output;
    }

    private static DiagonalNormal Linear(DiagonalNormal a, DiagonalNormal b, double t)
    {
        var m = new double[a.Dimension];
        var s = new double[a.Dimension];
        for (int j = 0; j < m.Length; j++)
        {
            m[j] = t == 1 ? b.MeanSpan[j] : (1 - t) * a.MeanSpan[j] + t * b.MeanSpan[j];
            s[j] = t == 1 ? b.StdDevSpan[j] : (1 - t) * a.StdDevSpan[j] + t * b.StdDevSpan[j];
        }
        return DiagonalNormal.CreateUnchecked(m, s);
    }
}
