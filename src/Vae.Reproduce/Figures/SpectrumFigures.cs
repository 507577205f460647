using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Spectrum;

namespace Vae.Reproduce.Figures;

/// <summary>The ψ_n-network figures (the first seed's Fig. 2), shared by <c>vae quantum spectrum</c> and <c>vae reproduce</c>.</summary>
internal static class SpectrumFigures
{
    /// <summary>The level energy E(n) = αn² + E¹(n) on a grid of 801 quantum numbers covering the observed ones.</summary>
    internal static (double[] Grid, double[] Energy) EnergyCurve(SpectrumReport report)
    {
        var top = Math.Max(report.Options.Minima + 1, Math.Ceiling(report.Prediction.QuantumNumber.Max()) + 0.5);
        var grid = Enumerable.Range(0, 801).Select(i => top * i / 800.0).ToArray();
        return (grid, grid.Select(n => LevelEnergy.Value(n, report.Options.Alpha, report.Options.Minima)).ToArray());
    }

    /// <summary>ψ against the latent coordinate, coloured by cluster.</summary>
    internal static string PsiObservations(SpectrumReport report, int clusters) => new ScatterPlot
    {
        Title = $"ψ observations per cluster (k = {clusters})",
        X = report.Prediction.Coordinate,
        Y = report.Prediction.Psi,
        Classes = report.Labels,
        ClassNames = report.Clusters.Select(c => $"cluster {c.Label}").ToArray(),
        XAxis = Axis.Default with { Label = "latent coordinate z" },
        YAxis = Axis.Default with { Label = "ψ" },
    }.ToSvg();

    /// <summary>The level energy curve with each cluster's mean (n, E_n).</summary>
    internal static string Spectrum(SpectrumReport report, int clusters)
    {
        var (grid, energy) = EnergyCurve(report);
        var series = new List<LineSeries> { new("E(n) = αn² + E¹(n)", grid, energy) };
        series.AddRange(report.Clusters.Select(c => new LineSeries($"cluster {c.Label}: mean n, E", [c.MeanQuantumNumber], [c.MeanEnergy])));
        return new LinePlot
        {
            Title = $"Spectrum (k = {clusters}, ARI = {report.AdjustedRandIndex:F3})",
            Series = series,
            ShowMarkers = true,
            XAxis = Axis.Default with { Label = "quantum number n" },
            YAxis = Axis.Default with { Label = "energy" },
        }.ToSvg();
    }
}
