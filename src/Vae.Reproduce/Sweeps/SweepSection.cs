using System.Text.Json.Nodes;
using Vae.Core.Sweeps;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Sweeps;

/// <summary>
/// The report section of a collected sweep (<c>SWEEP/summary.html</c>, and the sweep sections of <c>vae reproduce</c>):
/// a table of every configuration (mean ± sd across seeds), the pairwise CKA heatmaps, matched against raw correlation,
/// and — when the grid varies α — the per-α, per-k summary plots with error bars that mirror Fig. 2 of Peşte, Malagò &amp;
/// Sârbu: active units against α, and the Rényi bound against the importance-sampled log-likelihood against α.
/// </summary>
internal static class SweepSection
{
    /// <summary>Configurations whose CKA heatmaps are drawn (the table lists all of them).</summary>
    internal const int MaximumHeatmaps = 12;

    /// <summary>Builds the section from a collection; <paramref name="id"/> prefixes the figure ids.</summary>
    internal static ReportSection Build(SweepCollection collection, string id, string title)
    {
        var configurations = collection.Configurations;
        var labels = Labels(configurations);
        var figures = new List<ReportFigure>();
        var unit = AxisRange.Fixed(0, 1);

        // Pairwise CKA per configuration with ≥ 2 seeds.
        var withPairs = configurations.Select((c, i) => (c, i)).Where(t => t.c.Degeneracy is not null).ToList();
        foreach (var (c, i) in withPairs.Where(t => !t.c.Degeneracy!.Collapsed.Contains(true)).Take(MaximumHeatmaps))
        {
            var seedLabels = c.Seeds.Select(s => $"seed {s}").ToList();
            var rows = c.Degeneracy!.CkaMatrix().Select(r => (IReadOnlyList<double>)r.Select(v => v!.Value).ToList()).ToList();
            figures.Add(new ReportFigure($"{id}-cka-{i}", $"Linear CKA between seeds: {labels[i]}",
                $"Linear CKA (Kornblith et al. 2019) between the posterior means of the {collection.Sweep} test split under every pair of seeds of {labels[i]}.",
                (new Heatmap { Values = rows, RowLabels = seedLabels, ColumnLabels = seedLabels, ValueRange = unit }
                    with { Title = $"CKA, {labels[i]}", ColorBarLabel = "CKA", XLabel = "replica", YLabel = "replica", Width = 420, Height = 360 }).ToSvg()));
        }
        if (withPairs.Count > 0)
        {
            figures.Add(new ReportFigure($"{id}-matched-vs-raw", "Matched against raw correlation per configuration",
                "Mean over pairs of seeds: raw |correlation| of dimension j with dimension j, |correlation| after the best signed permutation over active units, " +
                "linear CKA (pairs with a collapsed replica left out) and the 10-NN overlap.",
                new BarChart
                {
                    Title = "Replica similarity",
                    Categories = withPairs.Select(t => labels[t.i]).ToList(),
                    Series =
                    [
                        new BarSeries("raw |r|", withPairs.Select(t => t.c.Degeneracy!.Pairs.Average(p => p.Raw.MeanAbsoluteCorrelation)).ToList()),
                        new BarSeries("matched |r|", withPairs.Select(t => t.c.Degeneracy!.Pairs.Average(p => p.Matching.MeanMatchedAbsoluteCorrelation)).ToList()),
                        new BarSeries("CKA", withPairs.Select(t => MeanOrZero(t.c.Degeneracy!.Pairs.Where(p => p.LinearCka is not null).Select(p => p.LinearCka!.Value))).ToList()),
                        new BarSeries("10-NN overlap", withPairs.Select(t => t.c.Degeneracy!.Pairs.Average(p => p.NearestNeighbourOverlap)).ToList()),
                    ],
                    XLabel = "configuration",
                    YAxis = Axis.Default with { Label = "similarity", Range = unit },
                }.ToSvg()));
        }
        figures.AddRange(AlphaFigures(configurations, id));

        var table = new ReportTable("Configurations (mean ± sample sd across seeds; nats per sample; active units ε = 0.01 on the test split's posterior means)",
            ["configuration", "seeds", "train −ELBO", "test −ELBO", "test log p̂(x) (IS)", "test L_α", "active units", "PCA components > ε", "probe accuracy",
             "CKA", "Procrustes", "matched |r|", "raw |r|", "10-NN", "seconds"],
            configurations.Select((c, i) => (IReadOnlyList<string>)
            [
                labels[i], c.Seeds.Count.ToString(), Stat(c.Metrics, "train_neg_elbo"), Stat(c.Metrics, "test_neg_elbo"),
                Stat(c.Metrics, "test_log_likelihood"), Stat(c.Metrics, "test_renyi_bound"),
                $"{Text(SeedStatistic.Of(c.ActiveUnits.Select(a => (double)a).ToList()))} ({string.Join(" ", c.ActiveUnits)})",
                $"{Text(SeedStatistic.Of(c.ActiveComponents.Select(a => (double)a).ToList()))} ({string.Join(" ", c.ActiveComponents)})",
                c.Analyses.TryGetValue("probe_accuracy", out var probe) ? Text(SeedStatistic.Of(probe)) : "",
                Pairs(c, p => p.LinearCka), Pairs(c, p => p.ProcrustesResidual), Pairs(c, p => p.Matching.MeanMatchedAbsoluteCorrelation),
                Pairs(c, p => p.Raw.MeanAbsoluteCorrelation), Pairs(c, p => p.NearestNeighbourOverlap), Text(c.Seconds),
            ]).ToList());
        var summary = $"Sweep '{collection.Sweep}': {collection.CompleteRuns} complete runs ({collection.MissingRuns} missing) in {configurations.Count} configurations. " +
            "Each row is one configuration (the options without the seed) summarised across its seeds; the degeneracy columns average over pairs of seeds " +
            "(docs/sweeps.md, docs/metrics.md).";
        var metrics = JsonNode.Parse(File.ReadAllText(collection.SummaryJsonPath))!.AsObject();
        return new ReportSection(id, title, summary, metrics, figures, [table]);
    }

    /// <summary>Per-α plots, one series per latent size k, when the grid has at least two values of the bound's α.</summary>
    private static IEnumerable<ReportFigure> AlphaFigures(IReadOnlyList<ConfigurationSummary> configurations, string id)
    {
        if (configurations.Select(c => c.Options.BoundAlpha).Distinct().Count() < 2) yield break;
        var byLatent = configurations.GroupBy(c => c.Options.Latent).OrderBy(g => g.Key).ToList();
        LineSeries Series(string name, IEnumerable<ConfigurationSummary> group, Func<ConfigurationSummary, SeedStatistic?> value)
        {
            var points = group.Select(c => (Alpha: c.Options.BoundAlpha, Value: value(c))).Where(p => p.Value is not null).OrderBy(p => p.Alpha).ToList();
            return new LineSeries(name, points.Select(p => p.Alpha).ToList(), points.Select(p => p.Value!.Mean).ToList())
                { YError = points.Select(p => p.Value!.StandardDeviation ?? 0).ToList() };
        }
        foreach (var g in byLatent)
        {
            var alphas = g.OrderBy(c => c.Options.BoundAlpha).ToList();
            yield return new ReportFigure($"{id}-pca-k{g.Key}", $"PCA eigenvalues of the posterior means, k = {g.Key} (cf. Peşte et al., Fig. 1)",
                $"Eigenvalues of the sample covariance of the test split's posterior means, by rank, mean across seeds, one line per α (floor 1e-12 on the log axis); the flat line at ε = 0.01 separates the components carrying information.",
                new LinePlot
                {
                    Title = $"PCA eigenvalues, k = {g.Key}",
                    Series = alphas.Select(c => new LineSeries($"α = {F(c.Options.BoundAlpha, 3)}",
                        Enumerable.Range(1, c.PcaEigenvalues[0].Count).Select(i => (double)i).ToList(),
                        Enumerable.Range(0, c.PcaEigenvalues[0].Count).Select(i => Math.Max(1e-12, c.PcaEigenvalues.Average(e => e[i]))).ToList()))
                        .Append(new LineSeries("ε = 0.01", [1, g.Key], [0.01, 0.01])).ToList(),
                    XAxis = Axis.Default with { Label = "component" }, YAxis = Axis.Default with { Label = "eigenvalue", Scale = AxisScale.Logarithmic },
                }.ToSvg());
        }
        yield return new ReportFigure($"{id}-active-units-vs-alpha", "Components carrying information against α (cf. Peşte et al., Fig. 2 left)",
            "PCA eigenvalues of the test split's posterior means above ε = 0.01 (the paper's count), mean ± sample sd across seeds, against the order α of the objective (α = 1: ELBO); one line per latent size k.",
            new LinePlot
            {
                Title = "Active components",
                Series = byLatent.Select(g => Series($"k = {g.Key}", g, c => SeedStatistic.Of(c.ActiveComponents.Select(a => (double)a).ToList()))).ToList(),
                XAxis = Axis.Default with { Label = "α" }, YAxis = Axis.Default with { Label = "components > ε" }, ShowMarkers = true,
            }.ToSvg());
        var bounds = byLatent.SelectMany(g => new[]
        {
            Series($"L_α, k = {g.Key}", g, c => c.Metrics.GetValueOrDefault("test_renyi_bound")),
            Series($"log p̂(x) IS, k = {g.Key}", g, c => c.Metrics.GetValueOrDefault("test_log_likelihood")),
        }).Where(s => s.X.Count > 0).ToList();
        if (bounds.Count > 0)
            yield return new ReportFigure($"{id}-bound-vs-alpha", "Rényi bound and importance-sampled log-likelihood against α (cf. Peşte et al., Fig. 2 right)",
                "Test-split Rényi bound L_α (K = bound_samples) and importance-sampled log p̂(x) (K = eval_samples), nats per sample, mean ± sample sd across seeds.",
                new LinePlot
                {
                    Title = "Bound and log-likelihood",
                    Series = bounds,
                    XAxis = Axis.Default with { Label = "α" }, YAxis = Axis.Default with { Label = "nats per sample" }, ShowMarkers = true,
                }.ToSvg());
    }

    /// <summary>Short labels: the options that differ between the configurations, e.g. "alpha=0.5 latent=30".</summary>
    internal static IReadOnlyList<string> Labels(IReadOnlyList<ConfigurationSummary> configurations)
    {
        var options = configurations.Select(c => JsonNode.Parse(c.Options.ToCanonicalJson(includeSeed: false))!.AsObject()
            .ToDictionary(p => p.Key, p => p.Value!.ToJsonString())).ToList();
        var varying = options.SelectMany(o => o.Keys).Distinct().Where(k => options.Select(o => o.GetValueOrDefault(k, "")).Distinct().Count() > 1).ToList();
        return options.Select(o => varying.Count == 0 ? "all runs" : string.Join(" ", varying.Select(k => $"{k}={o.GetValueOrDefault(k, "–")}"))).ToList();
    }

    private static string Stat(IReadOnlyDictionary<string, SeedStatistic> metrics, string name) =>
        metrics.TryGetValue(name, out var s) ? Text(s) : "";

    private static string Text(SeedStatistic s) => s.StandardDeviation is { } sd ? $"{F(s.Mean, 5)} ± {F(sd, 2)}" : F(s.Mean, 5);

    private static string Pairs(ConfigurationSummary c, Func<Vae.Core.Metrics.ReplicaPair, double?> value)
    {
        if (c.Degeneracy is null) return "";
        var values = c.Degeneracy.Pairs.Select(value).Where(v => v is not null).Select(v => v!.Value).ToList();
        return values.Count == 0 ? "undefined" : Text(SeedStatistic.Of(values));
    }

    private static double MeanOrZero(IEnumerable<double> values)
    {
        var list = values.ToList();
        return list.Count == 0 ? 0 : list.Average();
    }
}
