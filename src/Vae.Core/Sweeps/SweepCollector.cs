using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Metrics;
using Vae.Core.Models;

namespace Vae.Core.Sweeps;

/// <summary>
/// Summarises the complete runs of a sweep per configuration (the options without the seed): mean ± sample standard
/// deviation across seeds of the final metrics, and for configurations with ≥ 2 seeds the replica-degeneracy analysis
/// on the posterior means of the data set's test split (docs/sweeps.md, docs/metrics.md).
/// </summary>
/// <remarks><c>summary.json</c> holds only what the runs determine (no wall-clock times, paths or dates), so it is
/// byte-identical whether the runs came from one process or from shards; wall-clock seconds appear in
/// <c>summary.html</c> and each run's <c>metrics.json</c>.</remarks>
public static class SweepCollector
{
    private static readonly string[] FinalMetrics = ["train_neg_elbo", "test_neg_elbo", "test_log_likelihood"];

    /// <summary>Reads the complete runs and writes <c>summary.json</c> and <c>summary.html</c> into the sweep directory (each atomically).</summary>
    /// <param name="sweepDirectory">The sweep directory.</param>
    /// <returns>The files written and the counts.</returns>
    /// <exception cref="InvalidDataException">The sweep file is invalid or not the one that wrote the runs, or a run's
    /// metrics.json lacks a field (the message names the file and the field).</exception>
    public static SweepCollection Collect(string sweepDirectory)
    {
        var directory = Path.GetFullPath(sweepDirectory);
        var definition = SweepRunner.Open(directory);
        var runs = definition.Expand();
        var groups = new List<(string Id, List<RunConfiguration> Runs)>();
        int complete = 0;
        foreach (var run in runs)
        {
            if (!SweepRunner.IsComplete(directory, run.Id)) continue;
            complete++;
            var key = run.ConfigurationId;
            var group = groups.FirstOrDefault(g => g.Id == key);
            if (group.Runs is null) groups.Add((key, [run]));
            else group.Runs.Add(run);
        }
        var configurations = new JsonArray();
        var html = new StringBuilder();
        var data = new Dictionary<string, NamedDataSplit>();
        foreach (var (id, members) in groups)
        {
            var metrics = members.Select(r => ReadFinal(directory, r)).ToList();
            var summary = new JsonObject();
            foreach (var name in FinalMetrics)
            {
                var values = metrics.Select(m => m[name]).Where(v => v is not null).Select(v => v!.GetValue<double>()).ToList();
                if (values.Count == metrics.Count) summary[name] = Statistic(values);
            }
            var options = JsonNode.Parse(members[0].ToCanonicalJson(includeSeed: false))!;
            var entry = new JsonObject
            {
                ["id"] = id, ["options"] = options,
                ["seeds"] = new JsonArray(members.Select(r => (JsonNode)JsonValue.Create(r.Seed)).ToArray()),
                ["runs"] = new JsonArray(members.Select(r => (JsonNode)JsonValue.Create(r.Id)).ToArray()),
                ["metrics"] = summary,
            };
            if (members.Count >= 2)
            {
                var key = members[0].Dataset + "\n" + members[0].DataDirectory;
                if (!data.TryGetValue(key, out var split)) data[key] = split = DatasetRegistry.Load(members[0].Dataset, members[0].DataDirectory, 0);
                entry["degeneracy"] = Degeneracy(directory, members, split.Test);
            }
            configurations.Add(entry);
            var seconds = Statistic(metrics.Select(m => m["seconds"]?.GetValue<double>() ?? double.NaN).ToList());
            html.Append(HtmlRow(entry, seconds));
        }
        var root = new JsonObject
        {
            ["sweep"] = definition.Name, ["fingerprint"] = definition.Fingerprint(), ["runs_total"] = runs.Count, ["runs_complete"] = complete,
            ["units"] = "nats per sample", ["active_unit_epsilon"] = Similarity.DefaultEpsilon, ["neighbours"] = Similarity.DefaultNeighbours,
            ["configurations"] = configurations,
        };
        var jsonPath = Path.Combine(directory, "summary.json");
        var htmlPath = Path.Combine(directory, "summary.html");
        AtomicFile.WriteAllText(jsonPath, root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        AtomicFile.WriteAllText(htmlPath, Page(definition, runs.Count, complete, html.ToString()));
        return new SweepCollection(jsonPath, htmlPath, groups.Count, complete, runs.Count - complete);
    }

    /// <summary>Mean and sample standard deviation (divisor n − 1; null for one value) and n.</summary>
    private static JsonObject Statistic(IReadOnlyList<double> values)
    {
        double mean = values.Sum() / values.Count;
        double? sd = values.Count < 2 ? null : Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1));
        return new JsonObject { ["mean"] = mean, ["sd"] = sd, ["n"] = values.Count };
    }

    private static JsonObject ReadFinal(string directory, RunConfiguration run)
    {
        var path = Path.Combine(directory, "runs", run.Id, "metrics.json");
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!["final"]?.AsObject()
                ?? throw new InvalidDataException($"'{path}': field 'final' is missing.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}': field 'final' is not readable ({e.Message}).", e);
        }
    }

    private static JsonObject Degeneracy(string directory, List<RunConfiguration> members, Dataset test)
    {
        var means = new List<Matrix<double>>();
        foreach (var run in members)
        {
            using var model = VariationalAutoencoder.Load(Path.Combine(directory, "runs", run.Id, "model.safetensors"));
            means.Add(model.Encode(test).Mean);
        }
        var active = means.Select(m => (double)ActiveUnits(m)).ToList();
        List<double> cka = [], matched = [], raw = [], knn = [];
        for (int i = 0; i < means.Count; i++)
            for (int j = i + 1; j < means.Count; j++)
            {
                cka.Add(Guarded(() => Similarity.LinearCka(means[i], means[j])));
                matched.Add(Similarity.MatchDimensions(means[i], means[j]).MeanMatchedAbsoluteCorrelation);
                raw.Add(Similarity.RawCorrelation(means[i], means[j]).MeanAbsoluteCorrelation);
                knn.Add(Similarity.NearestNeighbourOverlap(means[i], means[j], Math.Min(Similarity.DefaultNeighbours, test.Count - 1)));
            }
        return new JsonObject
        {
            ["samples"] = test.Count, ["test_set"] = test.Name, ["pairs"] = cka.Count,
            ["linear_cka"] = Statistic(cka), ["matched_abs_correlation"] = Statistic(matched), ["raw_abs_correlation"] = Statistic(raw),
            ["knn_overlap"] = Statistic(knn),
            ["active_units"] = new JsonObject
            {
                ["per_seed"] = new JsonArray(active.Select(a => (JsonNode)JsonValue.Create((int)a)).ToArray()),
                ["mean"] = Statistic(active)["mean"]!.DeepClone(), ["sd"] = Statistic(active)["sd"]?.DeepClone(), ["n"] = active.Count,
            },
        };
    }

    /// <summary>CKA is undefined for a representation constant across samples (a collapsed posterior); NaN then.</summary>
    private static double Guarded(Func<double> metric)
    {
        try { return metric(); }
        catch (ArgumentException) { return double.NaN; }
    }

    /// <summary>Dimensions whose posterior mean has sample variance (divisor n − 1) &gt; ε = 0.01 across the samples.</summary>
    internal static int ActiveUnits(Matrix<double> means) =>
        ColumnStatistics.SampleVariances(means).Count(v => v > Similarity.DefaultEpsilon);

    private static string F(JsonNode? statistic)
    {
        if (statistic is null) return "";
        double mean = statistic["mean"]!.GetValue<double>();
        var sd = statistic["sd"];
        return sd is null
            ? mean.ToString("G5", CultureInfo.InvariantCulture)
            : $"{mean.ToString("G5", CultureInfo.InvariantCulture)} ± {sd.GetValue<double>().ToString("G3", CultureInfo.InvariantCulture)}";
    }

    private static string HtmlRow(JsonObject entry, JsonObject seconds)
    {
        var m = entry["metrics"]!;
        var d = entry["degeneracy"];
        var cells = new[]
        {
            entry["options"]!.ToJsonString(), string.Join(" ", entry["seeds"]!.AsArray().Select(s => s!.ToJsonString())),
            F(m["train_neg_elbo"]), F(m["test_neg_elbo"]), F(m["test_log_likelihood"]), F(seconds),
            F(d?["linear_cka"]), F(d?["matched_abs_correlation"]), F(d?["raw_abs_correlation"]), F(d?["knn_overlap"]), F(d?["active_units"]),
            d is null ? "" : string.Join(" ", d["active_units"]!["per_seed"]!.AsArray().Select(a => a!.ToJsonString())),
        };
        return "<tr>" + string.Concat(cells.Select(c => $"<td>{WebUtility.HtmlEncode(c)}</td>")) + "</tr>\n";
    }

    private static string Page(SweepDefinition definition, int total, int complete, string rows) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Sweep {WebUtility.HtmlEncode(definition.Name)}</title>
        <style>body{"{"}font-family:sans-serif{"}"} table{"{"}border-collapse:collapse{"}"} td,th{"{"}border:1px solid #999;padding:2px 6px;font-size:13px{"}"}</style></head>
        <body><h1>Sweep {WebUtility.HtmlEncode(definition.Name)}</h1>
        <p>{complete} of {total} runs complete. Mean ± sample standard deviation across seeds; losses in nats per sample;
        degeneracy over pairs of seeds on the posterior means of the test split (docs/sweeps.md, docs/metrics.md).</p>
        <table><thead><tr><th>options (without seed)</th><th>seeds</th><th>train −ELBO</th><th>test −ELBO</th><th>test log p(x)</th><th>seconds</th>
        <th>linear CKA</th><th>matched |corr|</th><th>raw |corr|</th><th>10-NN overlap</th><th>active units</th><th>active per seed</th></tr></thead>
        <tbody>
        {rows}</tbody></table></body></html>

        """;
}
