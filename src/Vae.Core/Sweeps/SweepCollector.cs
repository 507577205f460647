using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Decomposition;
using Vae.Core.IO;
using Vae.Core.Metrics;
using Vae.Core.Models;

namespace Vae.Core.Sweeps;

/// <summary>
/// Summarises the complete runs of a sweep per configuration (the options without the seed): mean ± sample standard
/// deviation across seeds of the final metrics, the active units and any <see cref="RunAnalysis"/> of every seed, and
/// for configurations with ≥ 2 seeds the replica-degeneracy analysis (<see cref="ReplicaComparison"/>) on the posterior
/// means of the data set's test split (docs/sweeps.md, docs/metrics.md).
/// </summary>
/// <remarks><c>summary.json</c> holds only what the runs determine (no wall-clock times, paths or dates), so it is
/// byte-identical whether the runs came from one process or from shards; wall-clock seconds are in
/// <see cref="ConfigurationSummary.Seconds"/> and each run's <c>metrics.json</c>. The HTML page of <c>vae sweep
/// collect</c> is drawn by the application from the returned <see cref="SweepCollection"/>.</remarks>
public static class SweepCollector
{
    private static readonly string[] FinalMetrics = ["train_neg_elbo", "test_neg_elbo", "test_log_likelihood", "test_renyi_bound"];

    /// <summary>Reads the complete runs, summarises them and writes <c>summary.json</c> into the sweep directory atomically.</summary>
    /// <param name="sweepDirectory">The sweep directory.</param>
    /// <param name="options">Analyses and thresholds; <see cref="SweepCollectOptions.Default"/> when null.</param>
    /// <returns>The summary and where it was written.</returns>
    /// <exception cref="InvalidDataException">The sweep file is invalid or not the one that wrote the runs, or a run's
    /// metrics.json lacks a field (the message names the file and the field).</exception>
    /// <exception cref="ArgumentException">The options are invalid (an analysis name), or an analysis returned a
    /// non-finite value (the message names the analysis and the run).</exception>
    public static SweepCollection Collect(string sweepDirectory, SweepCollectOptions? options = null)
    {
        options ??= SweepCollectOptions.Default;
        options.Validate();
        var directory = Path.GetFullPath(sweepDirectory);
        var definition = SweepRunner.Open(directory);
        var runs = definition.Expand();
        var groups = runs.Where(r => SweepRunner.IsComplete(directory, r.Id)).GroupBy(r => r.ConfigurationId).ToList();
        int complete = groups.Sum(g => g.Count());
        var data = new Dictionary<string, NamedDataSplit>();
        var configurations = new List<ConfigurationSummary>();
        foreach (var group in groups)
        {
            var members = group.ToList();
            var key = members[0].Dataset + "\n" + members[0].DataDirectory;
            if (!data.TryGetValue(key, out var split)) data[key] = split = DatasetRegistry.Load(members[0].Dataset, members[0].DataDirectory, 0);
            configurations.Add(Summarise(directory, members, split, options));
        }
        var jsonPath = Path.Combine(directory, "summary.json");
        var collection = new SweepCollection(jsonPath, definition.Name, definition.Fingerprint(), configurations.AsReadOnly(), complete, runs.Count - complete);
        AtomicFile.WriteAllText(jsonPath, ToJson(collection, runs.Count, options).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        return collection;
    }

    private static ConfigurationSummary Summarise(string directory, List<RunConfiguration> members, NamedDataSplit split, SweepCollectOptions options)
    {
        var metrics = members.Select(r => ReadFinal(directory, r)).ToList();
        var summary = new Dictionary<string, SeedStatistic>();
        foreach (var name in FinalMetrics)
        {
            var values = metrics.Select(m => m[name]).Where(v => v is not null).Select(v => v!.GetValue<double>()).ToList();
            if (values.Count == metrics.Count) summary[name] = SeedStatistic.Of(values);
        }
        var seconds = SeedStatistic.Of(metrics.Select(m => m["seconds"]?.GetValue<double>() ?? 0).ToList());
        var means = new List<Matrix<double>>();
        var analyses = options.Analyses.ToDictionary(a => a.Name, _ => new List<double>());
        foreach (var run in members)
        {
            using var model = VariationalAutoencoder.Load(Path.Combine(directory, "runs", run.Id, "model.safetensors"));
            means.Add(model.Encode(split.Test).Mean);
            foreach (var analysis in options.Analyses)
            {
                double value = analysis.Compute(model, split);
                if (!double.IsFinite(value))
                    throw new ArgumentException($"analysis '{analysis.Name}' returned {value} for run {run.Id}; analyses must return finite values.", nameof(options));
                analyses[analysis.Name].Add(value);
            }
        }
        var eigenvalues = means.Select(m => Pca.Fit(m).ExplainedVariance).ToArray();
        var components = eigenvalues.Select(e => e.Count(v => v > options.Epsilon)).ToArray();
        var degeneracy = members.Count >= 2 ? ReplicaComparison.Compare(means, options.Epsilon, options.Neighbours) : null;
        // The comparison counts the active units (Var > ε) per replica; a single seed counts its own.
        var active = degeneracy?.ActiveUnits.ToArray() ?? [ColumnStatistics.SampleVariances(means[0]).Count(v => v > options.Epsilon)];
        return new ConfigurationSummary(members[0].ConfigurationId, members[0], Array.AsReadOnly(members.Select(r => r.Seed).ToArray()),
            Array.AsReadOnly(members.Select(r => r.Id).ToArray()), new ReadOnlyDictionary<string, SeedStatistic>(summary), seconds,
            Array.AsReadOnly(active), Array.AsReadOnly(eigenvalues), Array.AsReadOnly(components),
            new ReadOnlyDictionary<string, IReadOnlyList<double>>(analyses.ToDictionary(p => p.Key, p => (IReadOnlyList<double>)p.Value.AsReadOnly())),
            degeneracy);
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

    private static JsonObject ToJson(SweepCollection collection, int total, SweepCollectOptions options)
    {
        var configurations = new JsonArray();
        foreach (var c in collection.Configurations)
        {
            var entry = new JsonObject
            {
                ["id"] = c.Id, ["options"] = JsonNode.Parse(c.Options.ToCanonicalJson(includeSeed: false)),
                ["seeds"] = JsonArrayOf(c.Seeds.Select(s => (double)s), integer: true),
                ["runs"] = new JsonArray(c.Runs.Select(r => (JsonNode)JsonValue.Create(r)).ToArray()),
                ["metrics"] = new JsonObject(c.Metrics.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Json(p.Value)))),
                ["active_units"] = PerSeed(c.ActiveUnits.Select(a => (double)a).ToList(), integer: true),
                ["active_components"] = PerSeed(c.ActiveComponents.Select(a => (double)a).ToList(), integer: true),
                ["pca_eigenvalues"] = new JsonArray(c.PcaEigenvalues.Select(e => (JsonNode)JsonArrayOf(e, integer: false)).ToArray()),
                ["analyses"] = new JsonObject(c.Analyses.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)PerSeed(p.Value, integer: false)))),
            };
            if (c.Degeneracy is { } d) entry["degeneracy"] = Json(d);
            configurations.Add(entry);
        }
        return new JsonObject
        {
            ["sweep"] = collection.Sweep, ["fingerprint"] = collection.Fingerprint, ["runs_total"] = total, ["runs_complete"] = collection.CompleteRuns,
            ["units"] = "nats per sample", ["active_unit_epsilon"] = options.Epsilon, ["neighbours"] = options.Neighbours,
            ["analyses"] = new JsonObject(options.Analyses.Select(a => KeyValuePair.Create(a.Name, (JsonNode?)JsonValue.Create(a.Description)))),
            ["configurations"] = configurations,
        };
    }

    private static JsonObject Json(ReplicaComparison d)
    {
        var cka = d.Pairs.Where(p => p.LinearCka is not null).Select(p => p.LinearCka!.Value).ToList();
        var procrustes = d.Pairs.Where(p => p.ProcrustesResidual is not null).Select(p => p.ProcrustesResidual!.Value).ToList();
        return new JsonObject
        {
            ["pairs"] = d.Pairs.Count, ["neighbours"] = d.Neighbours,
            ["collapsed"] = new JsonArray(d.Collapsed.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["linear_cka"] = cka.Count > 0 ? Json(SeedStatistic.Of(cka)) : null,
            ["procrustes_residual"] = procrustes.Count > 0 ? Json(SeedStatistic.Of(procrustes)) : null,
            ["matched_abs_correlation"] = Json(SeedStatistic.Of(d.Pairs.Select(p => p.Matching.MeanMatchedAbsoluteCorrelation).ToList())),
            ["raw_abs_correlation"] = Json(SeedStatistic.Of(d.Pairs.Select(p => p.Raw.MeanAbsoluteCorrelation).ToList())),
            ["knn_overlap"] = Json(SeedStatistic.Of(d.Pairs.Select(p => p.NearestNeighbourOverlap).ToList())),
            ["per_pair"] = new JsonArray(d.Pairs.Select(p => (JsonNode)new JsonObject
            {
                ["a"] = p.A, ["b"] = p.B, ["linear_cka"] = p.LinearCka, ["procrustes_residual"] = p.ProcrustesResidual,
                ["matched_abs_correlation"] = p.Matching.MeanMatchedAbsoluteCorrelation, ["matched_active_pairs"] = p.Matching.ActivePairs,
                ["raw_abs_correlation"] = p.Raw.MeanAbsoluteCorrelation, ["knn_overlap"] = p.NearestNeighbourOverlap,
            }).ToArray()),
        };
    }

    private static JsonObject Json(SeedStatistic s) => new() { ["mean"] = s.Mean, ["sd"] = s.StandardDeviation, ["n"] = s.Count };

    private static JsonObject PerSeed(IReadOnlyList<double> values, bool integer)
    {
        var o = new JsonObject { ["per_seed"] = JsonArrayOf(values, integer) };
        foreach (var p in Json(SeedStatistic.Of(values))) o[p.Key] = p.Value?.DeepClone();
        return o;
    }

    private static JsonArray JsonArrayOf(IEnumerable<double> values, bool integer) =>
        new(values.Select(v => integer ? (JsonNode)JsonValue.Create((long)v) : JsonValue.Create(v)).ToArray());
}
