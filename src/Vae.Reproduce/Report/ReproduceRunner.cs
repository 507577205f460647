using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vae.Core.IO;
using Vae.Core.Numerics;

namespace Vae.Reproduce;

/// <summary>Runs the report parts with a progress bar each (a line per part when the output is redirected), then writes
/// <c>metrics.json</c> and <c>index.html</c> atomically. The caller selects the numerics backend and passes it for the record.</summary>
internal static class ReproduceRunner
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    internal static IReadOnlyList<ReportSection> Run(ReproduceOptions options, IReadOnlyList<IReportPart> parts, string commandLine, NumericsBackend backend,
        CancellationToken cancellationToken)
    {
        var selected = parts.Where(p => options.Includes(p.Id)).ToList();
        CheckSelection(options.Only, parts);
        var clock = Stopwatch.StartNew();
        var sections = new List<ReportSection>();
        if (AnsiConsole.Profile.Capabilities.Interactive)
        {
            AnsiConsole.Progress().AutoClear(false).Columns(
                    new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .Start(context =>
                {
                    var tasks = selected.ToDictionary(p => p.Id, p => context.AddTask(p.Label, autoStart: false, maxValue: 1.0));
                    foreach (var part in selected)
                    {
                        var task = tasks[part.Id];
                        task.StartTask();
                        sections.Add(part.Run(options, new SynchronousProgress<double>(v => task.Value = Math.Clamp(v, 0, 1)), cancellationToken));
                        task.Value = 1.0;
                        task.StopTask();
                    }
                });
        }
        else
        {
            foreach (var part in selected)
            {
                var started = clock.Elapsed;
                Console.WriteLine($"vae reproduce: {part.Label} ...");
                sections.Add(part.Run(options, new SynchronousProgress<double>(_ => { }), cancellationToken));
                Console.WriteLine($"vae reproduce: {part.Label} done in {(clock.Elapsed - started).TotalSeconds:F1} s");
            }
        }
        clock.Stop();

        var metrics = new JsonObject
        {
            ["command"] = commandLine,
            ["scale"] = options.Scale.ToString().ToLowerInvariant(),
            ["seed"] = options.Seed,
            ["backend"] = backend == NumericsBackend.Mkl ? "MKL" : "managed",
            ["numerics"] = VaeNumerics.Describe(),
            ["elapsed_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1),
            ["sections"] = new JsonObject(sections.Select(s => KeyValuePair.Create(s.Id, (JsonNode?)s.Metrics))),
        };
        RequireFinite(metrics, "$");
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "metrics.json"), metrics.ToJsonString(Indented));
        AtomicFile.WriteAllText(Path.Combine(options.OutputDirectory, "index.html"), HtmlReport.Render(sections, commandLine, clock.Elapsed, options.Quick));
        return sections;
    }

    /// <summary>Throws when an id of <paramref name="only"/> (the <c>--only</c> ids, case-insensitive; empty = all) names no
    /// part: a typo (<c>--only mnist,fluid</c>) must not quietly drop a section.</summary>
    /// <exception cref="ArgumentException">Naming <c>--only</c>, the unknown ids and the known ones.</exception>
    internal static void CheckSelection(IReadOnlyList<string> only, IReadOnlyList<IReportPart> parts)
    {
        var unknown = only.Where(id => !parts.Any(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count == 0) return;
        var known = string.Join(", ", parts.Select(p => p.Id));
        throw new ArgumentException(unknown.Count == only.Count
            ? $"--only selects no section; known: {known}."
            : $"--only '{string.Join(",", unknown)}': not a section; known: {known}.", "--only");
    }

    /// <summary>Throws when a metric is NaN or infinite, naming its JSON path: a report never carries a silent NaN.</summary>
    internal static void RequireFinite(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o) RequireFinite(value, $"{path}.{key}");
                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++) RequireFinite(a[i], $"{path}[{i}]");
                break;
            case JsonValue v when v.TryGetValue<double>(out var d) && !double.IsFinite(d):
                throw new InvalidOperationException($"metric {path} = {d} is not finite.");
            case JsonValue v when v.TryGetValue<float>(out var f) && !float.IsFinite(f):
                throw new InvalidOperationException($"metric {path} = {f} is not finite.");
        }
    }
}
