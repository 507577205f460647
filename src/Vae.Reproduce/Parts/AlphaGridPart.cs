using System.Text.Json.Nodes;
using Vae.Reproduce.Sweeps;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Sweeps;
using Vae.InfoGeometry.Probes;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The protocol of Peşte, Malagò &amp; Sârbu (Figs. 1–2) through the sweep machinery: a grid α × k × seeds of
/// 784-200-200-k ReLU VAEs trained with the Rényi bound (K samples), each evaluated on the test split with the
/// Rényi bound (10 samples) and the importance-sampled log-likelihood; collected with <see cref="SweepCollector"/>,
/// drawn with <see cref="SweepSection"/>, and checked against the paper's claims (<see cref="PaperClaims"/>).
/// </summary>
/// <remarks>The sweeps live in <c>OUT/sweeps/&lt;name&gt;/</c>. A killed or interrupted (Ctrl+C, SIGTERM) <c>vae reproduce</c> run re-run on the same
/// <c>--out</c> takes over the killed run's staged sweeps (<c>CommandOutput</c>'s salvage), so the finished runs are skipped
/// and an interrupted one resumes from its checkpoint.
/// Grids (docs/results.md gives the measured times): smoke 2 α × k 2 × 2 seeds × 1 epoch on tiny nets; quick
/// α ∈ {0, 0.5, 1} × k = 10 × 3 seeds × 3 epochs on the embedded MNIST; full α ∈ {0, 0.5, 1} × k ∈ {30, 50} × 3 seeds
/// × 10 epochs on the embedded MNIST and on Fashion-MNIST 60 000.</remarks>
internal sealed class AlphaGridPart : IReportPart
{
    public string Id => "alpha";

    public string Label => "Rényi α × k grid (Peşte et al., Figs. 1–2), through sweeps";

    /// <summary>The sweeps of a scale (name, definition).</summary>
    internal static IReadOnlyList<SweepDefinition> Grids(ReproduceOptions options)
    {
        var seeds = Enumerable.Range(0, options.Pick(2, 3, 3)).Select(r => (options.Seed + r).ToString()).ToList();
        SweepDefinition Grid(string name, string dataset, int epochs, int[] hidden, string[] latent, string[] alpha, int samples, int evaluation) =>
            new(name, new RunConfiguration
            {
                Dataset = dataset, Epochs = epochs, BatchSize = 100, Hidden = hidden, Objective = "renyi", Samples = samples,
                EvaluationSamples = evaluation, EvaluateEvery = epochs, BoundSamples = 10, Seed = options.Seed,
            }, [new SweepAxis("alpha", alpha), new SweepAxis("latent", latent), new SweepAxis("seed", seeds)]);
        return options.Scale switch
        {
            ReproduceScale.Smoke => [Grid("alpha-mnist", "mnist", 1, [16], ["2"], ["0", "1"], 2, 10)],
            ReproduceScale.Quick => [Grid("alpha-mnist", "mnist", 3, [200, 200], ["10"], ["0", "0.5", "1"], 5, 200)],
            _ =>
            [
                Grid("alpha-mnist", "mnist", 10, [200, 200], ["30", "50"], ["0", "0.5", "1"], 5, 500),
                Grid("alpha-fashion-mnist", "fashion-mnist", 10, [200, 200], ["30", "50"], ["0", "0.5", "1"], 5, 500),
            ],
        };
    }

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var grids = Grids(options);
        var figures = new List<ReportFigure>();
        var tables = new List<ReportTable>();
        var metrics = new JsonObject();
        var summaries = new List<string>();
        for (int g = 0; g < grids.Count; g++)
        {
            var grid = grids[g];
            var directory = Path.Combine(options.OutputDirectory, "sweeps", grid.Name);
            Directory.CreateDirectory(directory);
            Core.IO.AtomicFile.WriteAllText(Path.Combine(directory, SweepDefinition.FileName), grid.ToJson());
            int total = grid.Expand().Count, done = 0;
            int index = g;
            var log = new SynchronousProgress<string>(line =>
            {
                if (line.EndsWith(": complete", StringComparison.Ordinal) || line.EndsWith("complete, skipped", StringComparison.Ordinal))
                    progress.Report(0.9 * (index + (double)Interlocked.Increment(ref done) / total) / grids.Count);
            });
            SweepRunner.Run(directory, SweepRunOptions.Default with { Workers = Math.Max(1, Environment.ProcessorCount) }, log, cancellationToken);
            var (gridMetrics, gridSummary) = Analyse(directory, Path.Combine("sweeps", grid.Name), $"{Id}-{grid.Base.Dataset}", options.Pick(3, 5, 5), figures, tables);
            metrics[grid.Name] = gridMetrics;
            summaries.Add(gridSummary);
        }
        progress.Report(1.0);
        var text = "The paper's protocol (784-200-200-k ReLU VAEs trained with the Rényi bound of order α, Adam 1e-3, batch 100; components above ε = 0.01 " +
            "among the PCA eigenvalues of the test posterior means; the Rényi bound with 10 samples against the importance-sampled log-likelihood) " +
            "run as sweeps with `vae sweep`'s machinery (docs/sweeps.md), at a reduced scale: " + string.Join(" ", summaries) +
            " The paper trains 1 000 epochs on 60 000 images and averages 3–10 runs (`vae reproduce --profile paper` writes that sweep).";
        return new ReportSection(Id, "Rényi α × latent size: the paper's Figs. 1–2 and its claims", text, metrics, figures, tables);
    }

    /// <summary>Collects a finished (or partly finished) sweep and adds its figures, tables and claims: the report of
    /// one grid, shared by this part and <c>vae reproduce --from SWEEP</c>.</summary>
    /// <param name="directory">The sweep directory.</param>
    /// <param name="shownDirectory">How metrics.json names it: relative to the report for the report's own sweeps
    /// (the report is staged and renamed), absolute for <c>--from</c>.</param>
    /// <param name="id">Prefix of the figure ids.</param>
    /// <param name="repeats">Repeated IS estimates per configuration for the noise claim.</param>
    /// <param name="figures">Receives the figures.</param>
    /// <param name="tables">Receives the tables.</param>
    /// <returns>The grid's metrics.json entry and one sentence for the section summary.</returns>
    internal static (JsonObject Metrics, string Summary) Analyse(string directory, string shownDirectory, string id, int repeats, List<ReportFigure> figures, List<ReportTable> tables)
    {
        var definition = SweepRunner.Open(directory);
        // The sweep's runs trained with one libtorch thread each and restored the process's count afterwards
        // (TrainingOptions.Threads), so the evaluation below (posterior means, probes, repeated IS estimates with large
        // GEMMs) runs on libtorch's default, every core.
        var collection = SweepCollector.Collect(directory, new SweepCollectOptions { Analyses = [ProbeAnalysis.Accuracy()] });
        if (collection.Configurations.Count == 0)
            throw new InvalidDataException($"sweep '{directory}' has no complete run yet; run `vae sweep run` (or its Slurm array) first.");
        var spread = ImportanceSamplingSpread(directory, collection, repeats);
        var section = SweepSection.Build(collection, id, definition.Name);
        var claims = PaperClaims.Evaluate(collection, spread);
        figures.AddRange(section.Figures);
        tables.AddRange(section.Tables);
        var dataset = definition.Base.Dataset;
        tables.Add(PaperClaims.Table($"Claims of Peşte, Malagò & Sârbu on {dataset} (sweep {definition.Name})", claims));
        var metrics = new JsonObject
        {
            ["dataset"] = dataset, ["sweep_directory"] = shownDirectory, ["summary"] = section.Metrics,
            ["is_spread"] = new JsonArray(spread.Select(s => (JsonNode)new JsonObject
            {
                ["alpha"] = s.Alpha, ["latent"] = s.Latent, ["run"] = s.Run, ["repeats"] = s.Estimates.Count, ["samples"] = s.Samples, ["images"] = s.Images,
                ["estimates"] = ReportFormat.Array(s.Estimates), ["sd"] = s.StandardDeviation,
            }).ToArray()),
            ["claims"] = PaperClaims.Json(claims),
        };
        var summary = $"{definition.Name}: {collection.CompleteRuns} complete runs ({collection.MissingRuns} missing) on {dataset} " +
            $"({string.Join(" × ", definition.Axes.Select(a => $"{a.Name} ∈ {{{string.Join(", ", a.Values)}}}"))}, {definition.Base.Epochs} epochs, " +
            $"Rényi bound with K = {definition.Base.Samples}, IS with {definition.Base.EvaluationSamples} samples); " +
            $"{claims.Count(c => c.Verdict == PaperClaims.Holds)} of {claims.Count} claims hold, {claims.Count(c => c.Verdict == PaperClaims.DoesNotHold)} do not.";
        return (metrics, summary);
    }

    /// <summary>Test images in each repeated IS estimate of the noise claim: the first 1 000 of the test split (all of the
    /// embedded MNIST's), so that the spread is comparable across data sets; the sweep's own IS figure uses the whole split.</summary>
    internal const int SpreadImages = 1000;

    /// <summary>Repeated IS estimates of one model per configuration (the first seed) on the first
    /// <see cref="SpreadImages"/> test images: their spread is the IS noise.</summary>
    private static IReadOnlyList<PaperClaims.Spread> ImportanceSamplingSpread(string directory, SweepCollection collection, int repeats)
    {
        var result = new List<PaperClaims.Spread>();
        Dataset? images = null;
        foreach (var c in collection.Configurations)
        {
            int samples = Math.Max(1, c.Options.EvaluationSamples);
            if (images is null)
            {
                var test = DatasetRegistry.Load(c.Options.Dataset, c.Options.DataDirectory, 0).Test;
                images = test.Slice(0, Math.Min(SpreadImages, test.Count));
            }
            using var model = VariationalAutoencoder.Load(Path.Combine(directory, "runs", c.Runs[0], "model.safetensors"));
            var estimates = Enumerable.Range(0, repeats)
                .Select(r => ImportanceSampledLogLikelihood.Estimate(model, images, samples, 1000 + r, c.Options.BatchSize).Mean).ToList();
            result.Add(new PaperClaims.Spread(c.Options.BoundAlpha, c.Options.Latent, c.Runs[0], samples, images.Count, estimates, SeedStatistic.Of(estimates).StandardDeviation ?? 0));
        }
        return result;
    }
}
