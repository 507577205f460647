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

    /// <summary>Densities of energies per particle (ε) of several series on common bins: 40 bins between the 0.5 % and
    /// 99.5 % quantiles of all finite values; a series' density is its count per bin / (its size × bin width).</summary>
    /// <param name="title">The title.</param>
    /// <param name="series">Name and values of every series (non-finite values are not binned but count in the size).</param>
    /// <exception cref="ArgumentException">No series has a finite value.</exception>
    internal static LinePlot EnergyDensities(string title, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series)
    {
        var finite = series.SelectMany(s => s.Values).Where(double.IsFinite).Order().ToArray();
        if (finite.Length == 0) throw new ArgumentException("No series has a finite energy to bin.", nameof(series));
        const int bins = 40;
        double lo = finite[(int)(0.005 * (finite.Length - 1))], hi = finite[(int)(0.995 * (finite.Length - 1))];
        if (!(hi > lo)) (lo, hi) = (lo - 0.5, lo + 0.5);
        double width = (hi - lo) / bins;
        return new LinePlot
        {
            Title = title,
            Series = series.Select(s =>
            {
                var counts = new double[bins];
                foreach (var v in s.Values.Where(double.IsFinite))
                {
                    int b = (int)Math.Floor((v - lo) / width);
                    if (b >= 0 && b < bins) counts[b]++;
                }
                return new LineSeries(s.Name, Enumerable.Range(0, bins).Select(b => lo + (b + 0.5) * width).ToArray(),
                    counts.Select(c => c / (s.Values.Count * width)).ToArray());
            }).ToArray(),
            XAxis = Axis.Default with { Label = "energy per particle (ε)" }, YAxis = Axis.Default with { Label = "density" },
        };
    }
}
