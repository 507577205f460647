using System.Text.Json.Nodes;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.InfoGeometry.Decomposition;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Interpolation;
using Vae.InfoGeometry.Probes;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The latent-geometry analyses of the second seed on a trained MNIST VAE: PCA of the posterior means and active
/// units (ε = 0.01), linear probes, and Fisher–Rao geodesic against straight-line interpolation.
/// </summary>
internal static class MnistGeometry
{
    /// <summary>Posterior N(μ, diag σ²) of every sample of <paramref name="data"/>.</summary>
    internal static DiagonalNormalBatch Posteriors(VariationalAutoencoder model, Dataset data)
    {
        var codes = model.Encode(data);
        return DiagonalNormalBatch.FromMeanLogVariance(codes.Mean, codes.LogVariance);
    }

    /// <summary>Active units of each model, with the PCA spectrum figure of the largest latent size.</summary>
    internal static (JsonArray Metrics, ReportTable Table, ReportFigure Figure) ActiveUnitsOf(
        IReadOnlyList<(string Name, int Latent, VariationalAutoencoder Model)> models, Dataset train)
    {
        var metrics = new JsonArray();
        var rows = new List<IReadOnlyList<string>>();
        var spectra = new List<LineSeries>();
        foreach (var (name, latent, model) in models)
        {
            var report = ActiveUnits.Measure(model.Encode(train).Mean, ActiveUnits.DefaultEpsilon);
            metrics.Add(new JsonObject
            {
                ["run"] = name, ["latent"] = latent, ["epsilon"] = report.Epsilon, ["active_units_pca"] = report.PcaCount,
                ["active_units_variance"] = report.VarianceCount, ["pca_eigenvalues"] = Array(report.PcaEigenvalues),
            });
            rows.Add([name, latent.ToString(), report.PcaCount.ToString(), report.VarianceCount.ToString()]);
            spectra.Add(new LineSeries($"k = {latent}", Enumerable.Range(1, report.PcaEigenvalues.Count).Select(i => (double)i).ToList(),
                report.PcaEigenvalues.Select(v => Math.Max(v, 1e-8)).ToList()));
        }
        spectra.Add(new LineSeries("ε = 0.01", [1, models.Max(m => m.Latent)], [ActiveUnits.DefaultEpsilon, ActiveUnits.DefaultEpsilon]));
        var table = new ReportTable("Active units of the ELBO models (ε = 0.01; PCA eigenvalues of the posterior means, and Var_x E_q[z_j] per dimension)",
            ["run", "k", "PCA eigenvalues > ε", "dimensions with Var > ε"], rows);
        var figure = new ReportFigure("mnist-pca-spectrum", "PCA spectrum of the posterior means",
            "Eigenvalues of the covariance of E_q[z|x] over the 9 000 training images (floored at 1e-8 for the log axis), with the threshold ε = 0.01 of Peşte, Malagò and Sârbu.",
            new LinePlot
            {
                Title = "PCA eigenvalues of the posterior means",
                Series = spectra,
                ShowMarkers = true,
                XAxis = Axis.Default with { Label = "component" },
                YAxis = Axis.Default with { Label = "eigenvalue", Scale = AxisScale.Logarithmic },
            }.ToSvg());
        return (metrics, table, figure);
    }

    /// <summary>Probe accuracies (held-out) per epoch as a figure and JSON.</summary>
    internal static (JsonObject Metrics, IReadOnlyList<ReportFigure> Figures) ProbeCurves(IReadOnlyList<(int Latent, IReadOnlyList<ProbeEpoch> History)> runs)
    {
        var metrics = new JsonObject(runs.Select(r => KeyValuePair.Create($"k{r.Latent}", (JsonNode?)new JsonArray(r.History.Select(h => (JsonNode?)new JsonObject
        {
            ["epoch"] = h.Epoch, ["mean"] = h.Accuracies.Mean.TestAccuracy, ["mean_var"] = h.Accuracies.MeanVariance.TestAccuracy,
            ["sampled"] = h.Accuracies.Sampled.TestAccuracy, ["train_count"] = h.Accuracies.Mean.TrainCount, ["test_count"] = h.Accuracies.Mean.TestCount,
        }).ToArray()))));
        (string Id, string Name, Func<ProbeAccuracies, double> Accuracy)[] panels =
        [
            ("mnist-probe-accuracy-means", "means", a => a.Mean.TestAccuracy),
            ("mnist-probe-accuracy-means-variances", "means + variances", a => a.MeanVariance.TestAccuracy),
            ("mnist-probe-accuracy-sampled", "sampled z", a => a.Sampled.TestAccuracy),
        ];
        var figures = panels.Select(panel => new ReportFigure(panel.Id, $"Linear separability during training: {panel.Name} (cf. Peşte et al., Fig. 3)",
            $"Held-out accuracy of an L2-regularised multinomial logistic regression (L-BFGS) on the {panel.Name} of the posterior after each epoch; ELBO, one line per latent size k.",
            new LinePlot
            {
                Title = $"Probe accuracy: {panel.Name}",
                Series = runs.Select(r => new LineSeries($"k = {r.Latent}", r.History.Select(h => (double)h.Epoch).ToList(), r.History.Select(h => panel.Accuracy(h.Accuracies)).ToList())).ToList(),
                ShowMarkers = true,
                XAxis = Axis.Default with { Label = "epoch" },
                YAxis = Axis.Default with { Label = "held-out accuracy" },
            }.ToSvg())).ToList();
        return (metrics, figures);
    }

    /// <summary>Decoded interpolation rows (the paper's Fig. 5) and the σ profile along the path (Fig. 4).</summary>
    internal static (JsonObject Metrics, IReadOnlyList<ReportFigure> Figures) Interpolation(VariationalAutoencoder model, Dataset test, int seed, int steps)
    {
        // Two held-out digits of different classes: the first 1 and the first 7.
        int a = Enumerable.Range(0, test.Count).First(i => test.Labels[i] == 1);
        int b = Enumerable.Range(0, test.Count).First(i => test.Labels[i] == 7);
        var pair = test.Select([a, b]);
        var posteriors = Posteriors(model, pair);
        var rows = LatentInterpolation.Grid(pair.Sample(0).ToArray().Select(v => (double)v).ToList(), pair.Sample(1).ToArray().Select(v => (double)v).ToList(),
            posteriors[0], posteriors[1], model.Decode, InterpolationOptions.Default with { Steps = steps, Seed = seed });
        var grid = new ImageGrid
        {
            Title = "Interpolation between a held-out 1 and 7",
            Rows = rows.Select(r =>
            {
                var outputs = r.Outputs;
                return new ImageGridRow(Label(r.Kind), Enumerable.Range(0, outputs.RowCount).Select(i => GrayImage.FromPixels(28, 28, outputs.Row(i).ToArray())).ToList());
            }).ToList(),
            ImageSize = 40,
        };

        var profile = LatentInterpolation.Profile(posteriors[0], posteriors[1], 50);
        // The dimension whose σ changes most along the geodesic relative to the straight (μ, σ) line: the bump of Fig. 4.
        var bumpDimension = profile.Where(p => p.Method == InterpolationMethod.FisherRaoGeodesic).GroupBy(p => p.Dimension)
            .MaxBy(g => g.Max(p => p.StdDev) - Math.Max(g.First().StdDev, g.Last().StdDev))!.Key;
        var series = new[] { InterpolationMethod.MeanStdDevLine, InterpolationMethod.FisherRaoGeodesic }.Select(m =>
        {
            var points = profile.Where(p => p.Method == m && p.Dimension == bumpDimension).OrderBy(p => p.T).ToList();
            return new LineSeries(m == InterpolationMethod.FisherRaoGeodesic ? "Fisher–Rao geodesic" : "straight line in (μ, σ)", points.Select(p => p.T).ToList(), points.Select(p => p.StdDev).ToList());
        }).ToList();
        var geodesicSigma = series[1].Y;
        var metrics = new JsonObject
        {
            ["digits"] = new JsonObject { ["first_index"] = 9000 + a, ["second_index"] = 9000 + b, ["labels"] = "1 → 7" },
            ["steps"] = steps, ["seed"] = seed, ["rows"] = new JsonArray(rows.Select(r => (JsonNode?)Label(r.Kind)).ToArray()),
            ["sigma_bump_dimension"] = bumpDimension, ["sigma_bump_max"] = geodesicSigma.Max(),
            ["sigma_endpoints"] = Array([geodesicSigma[0], geodesicSigma[^1]]),
        };
        var figures = new List<ReportFigure>
        {
            new("mnist-interpolation", "Geodesic against linear interpolation",
                $"Rows: pixels interpolated in input space; decoded straight line between means; between endpoint draws; straight line in (μ, σ) decoded at μ and sampled; Fisher–Rao geodesic sampled and at its means ({steps} steps, seed {seed}).",
                grid.ToSvg()),
            new("mnist-sigma-bump", "σ along the path",
                $"Standard deviation of latent dimension {bumpDimension} along the Fisher–Rao geodesic and along the straight line in (μ, σ) between the two posteriors: the geodesic raises σ in the middle (the paper's Fig. 4).",
                new LinePlot { Title = $"σ of dimension {bumpDimension} along the path", Series = series, XAxis = Axis.Default with { Label = "t" }, YAxis = Axis.Default with { Label = "σ" } }.ToSvg()),
        };
        return (metrics, figures);
    }

    private static string Label(InterpolationRowKind kind) => kind switch
    {
        InterpolationRowKind.InputSpace => "input-space line",
        InterpolationRowKind.MeanLine => "line between means",
        InterpolationRowKind.SampledEndpointsLine => "line between draws",
        InterpolationRowKind.MeanStdDevLine => "(μ, σ) line, means",
        InterpolationRowKind.SampledMeanStdDevLine => "(μ, σ) line, sampled",
        InterpolationRowKind.SampledGeodesic => "geodesic, sampled",
        InterpolationRowKind.GeodesicMean => "geodesic, means",
        _ => kind.ToString(),
    };
}
