using System.Globalization;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Decomposition;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;

namespace Vae.Reproduce.Figures;

/// <summary>The figures of the slides' fluid experiments, shared by <c>vae fluids evaluate</c> and the report.</summary>
internal static class FluidFigures
{
    /// <summary>Posterior means projected on their first two PCA components, one colour per γ.</summary>
    /// <param name="codes">Posterior means [count, latent].</param>
    /// <param name="labels">γ index of every row, shape [count].</param>
    /// <param name="gammas">The γ of every index.</param>
    internal static ScatterPlot LatentPcaByGamma(Matrix<double> codes, IReadOnlyList<int> labels, IReadOnlyList<double> gammas)
    {
        var pca = Pca.Fit(codes);
        var projected = pca.Transform(codes);
        return new ScatterPlot
        {
            Title = "Held-out posterior means, first two PCA components",
            X = Enumerable.Range(0, codes.RowCount).Select(i => projected[i, 0]).ToArray(),
            Y = Enumerable.Range(0, codes.RowCount).Select(i => projected[i, 1]).ToArray(),
            Classes = labels, ClassNames = gammas.Select(g => $"γ = {g.ToString(CultureInfo.InvariantCulture)}").ToArray(),
            XAxis = Axis.Default with { Label = $"PC1 ({pca.ExplainedVarianceRatio[0]:P1})" },
            YAxis = Axis.Default with { Label = $"PC2 ({pca.ExplainedVarianceRatio[1]:P1})" },
            MarkerRadius = 1.5,
        };
    }

    /// <summary>Densities of energies per particle (ε) of several series on common bins, the last series being the reference
    /// (Metropolis): 40 bins spanning the reference's 0.5 %–99.5 % quantiles, widened to the 2.5 %–97.5 % quantiles of the
    /// other series as far as two reference spans on either side, so that one series of broken configurations (U'/N of
    /// 10¹¹ ε) cannot flatten the others into a spike. A series' density is its count per bin / (its size × bin width); a
    /// series with values beyond the axis says which share in its legend ("off axis"). 900 px wide, for the legend.</summary>
    /// <param name="title">The title.</param>
    /// <param name="series">Name and values of every series, the reference last (non-finite values are not binned but count in the size).</param>
    /// <exception cref="ArgumentException">The reference has no finite value.</exception>
    internal static LinePlot EnergyDensities(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        static double[] Finite(IReadOnlyList<double> values) => values.Where(double.IsFinite).Order().ToArray();
        static double Quantile(double[] sorted, double q) => sorted[(int)(q * (sorted.Length - 1))];
        var reference = Finite(series[^1].Values);
        if (reference.Length == 0) throw new ArgumentException($"The reference series '{series[^1].Name}' has no finite energy to bin.", nameof(series));
        const int bins = 40;
        double lo = Quantile(reference, 0.005), hi = Quantile(reference, 0.995);
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, lo + 0.5);
        double span = hi - lo, floor = lo - 2 * span, ceiling = hi + 2 * span;
        foreach (var (_, values) in series.SkipLast(1))
        {
            var finite = Finite(values);
            if (finite.Length == 0) continue;
            lo = Math.Min(lo, Math.Max(floor, Quantile(finite, 0.025)));
            hi = Math.Max(hi, Math.Min(ceiling, Quantile(finite, 0.975)));
        }
        double width = (hi - lo) / bins;
        return new LinePlot
        {
            Title = title,
            Series = series.Select(s =>
            {
                var counts = new double[bins];
                int outside = 0;
                foreach (var v in s.Values)
                {
                    int b = double.IsFinite(v) ? (int)Math.Floor((v - lo) / width) : -1;
                    if (b >= 0 && b < bins) counts[b]++;
                    else outside++;
                }
                string name = outside > 0 ? $"{s.Name} ({(double)outside / s.Values.Count:P1} off axis)" : s.Name;
                return new LineSeries(name, Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray(),
                    counts.Select(c => c / (s.Values.Count * width)).ToArray());
            }).ToArray(),
            Width = 900,
            XAxis = Axis.Default with { Label = "energy per particle (ε)" }, YAxis = Axis.Default with { Label = "density" },
        };
    }
}
