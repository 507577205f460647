using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Schrodinger;

namespace Vae.Reproduce.Figures;

/// <summary>Fig. 2-style figures of the Schrödinger spectrum (one set per k): ψ observations, V_data with its levels, spectrum per cluster.</summary>
internal static class SchrodingerFigures
{
    /// <summary>The Parzen ψ at each code's position along the first principal component, coloured by true cluster.</summary>
    internal static string PsiObservations(SchrodingerFigure2Report report, int clusters)
    {
        var spectrum = report.Spectrum;
        return new ScatterPlot
        {
            Title = $"ψ observations per cluster (k = {clusters})",
            X = spectrum.Positions,
            Y = spectrum.Positions.Select(z => spectrum.WaveFunction(1, z)).ToArray(),
            Classes = report.Labels,
            ClassNames = report.ClusterLevels.Select(c => $"cluster {c.Label}").ToArray(),
            XAxis = Axis.Default with { Label = "z (first principal component, box units)" },
            YAxis = Axis.Default with { Label = "ψ₁(z), ground state = Parzen ψ" },
        }.ToSvg();
    }

    /// <summary>λV_data(z) on the box with each well's level drawn across its well.</summary>
    internal static string PotentialWithLevels(SchrodingerFigure2Report report, int clusters)
    {
        var spectrum = report.Spectrum;
        var top = spectrum.Levels[^1].Exact * 1.2;
        var grid = Enumerable.Range(0, 801).Select(i => spectrum.Box.Length * i / 800.0).ToArray();
        var series = new List<LineSeries> { new("λ V_data(z)", grid, grid.Select(z => Math.Min(top, spectrum.Lambda * spectrum.PotentialValue(z))).ToArray()) };
        for (var w = 0; w < spectrum.Wells.Count; w++)
        {
            var well = spectrum.Wells[w];
            if (well.Level == 0) continue;
            var owners = report.ClusterLevels.Where(c => c.Well == w).Select(c => c.Label.ToString()).ToArray();
            var name = owners.Length > 0 ? $"E_{well.Level} (cluster {string.Join(", ", owners)})" : $"E_{well.Level}";
            series.Add(new LineSeries(name, [well.Left, well.Right], [well.Energy, well.Energy]));
        }
        return new LinePlot
        {
            Title = $"Data potential and its levels (k = {clusters})",
            Series = series,
            XAxis = Axis.Default with { Label = "z (box units)" },
            YAxis = Axis.Default with { Label = "energy (units of A/L²)" },
        }.ToSvg();
    }

    /// <summary>The spectrum E_n (n = 1..levels) with each true cluster's level marked.</summary>
    internal static string SpectrumPerCluster(SchrodingerFigure2Report report, int clusters)
    {
        var spectrum = report.Spectrum;
        var series = new List<LineSeries> { new("E_n", spectrum.Levels.Select(l => (double)l.Level).ToArray(), spectrum.Levels.Select(l => l.Exact).ToArray()) };
        series.AddRange(report.ClusterLevels.Where(c => c.Level > 0).Select(c => new LineSeries($"cluster {c.Label}: n = {c.Level}", [c.Level], [c.Energy])));
        return new LinePlot
        {
            Title = $"Spectrum per cluster (k = {clusters}, Schrödinger ARI = {report.AdjustedRandIndex:F3})",
            Series = series,
            ShowMarkers = true,
            XAxis = Axis.Default with { Label = "level n" },
            YAxis = Axis.Default with { Label = "E_n (units of A/L²)" },
        }.ToSvg();
    }
}
