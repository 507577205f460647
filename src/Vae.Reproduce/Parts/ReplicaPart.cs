using System.Diagnostics;
using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using Vae.InfoGeometry.Decomposition;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// Replica degeneracy (issue 11, Andrés-Terré &amp; Lió): R copies of the same MNIST VAE (ELBO, 784-200-200-k ReLU,
/// Bernoulli decoder, Adam 1e-3, batch 100) that differ only in their seed, compared pairwise on the posterior means
/// of the held-out images with the metrics of <see cref="Similarity"/>: linear CKA, mean matched |correlation| after
/// the best signed permutation (active units, ε = 0.01), mean raw |correlation|, 10-NN overlap and the Procrustes
/// residual; plus the active units of every replica.
/// </summary>
/// <remarks>
/// The replicas are trained with <see cref="VaeTrainer"/> directly, not through <c>SweepRunner</c>: the analysis needs
/// the trained models in memory, the report is written atomically at the end anyway (nothing to resume), and a sweep
/// directory would only add a save-and-reload step per replica. A sweep file with a <c>seed</c> axis runs the same
/// grid on a cluster (docs/sweeps.md) and <c>vae sweep collect</c> computes the same metrics.
/// Scales: smoke 3 seeds × 1 epoch, k = 10, 600/200 images; quick 3 seeds × 5 epochs, k = 10; full 5 seeds × 20
/// epochs, k = 30 (the acceptance set-up of issue 11), on the 9 000/1 000 split of the embedded MNIST test set.
/// </remarks>
internal sealed class ReplicaPart : IReportPart
{
    /// <summary>Thresholds of the plain-words summary: raw |r| below <see cref="LowRaw"/> is "low"; matched |r| and
    /// CKA above <see cref="High"/> are "high". Stated in the report text and in docs/metrics.md.</summary>
    internal const double LowRaw = 0.5, High = 0.8;

    /// <summary>Active-unit counts across replicas "agree" when max − min ≤ max(1, <see cref="AgreeFraction"/> × mean).</summary>
    internal const double AgreeFraction = 0.1;

    public string Id => "replicas";

    public string Label => "MNIST: replica degeneracy (CKA, matched vs raw correlation)";

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var split = Mnist.StandardSplit();
        var train = options.Scale == ReproduceScale.Smoke ? split.Train.Slice(0, 600) : split.Train;
        var test = options.Scale == ReproduceScale.Smoke ? split.Test.Slice(0, 200) : split.Test;
        int replicas = options.Pick(3, 3, 5);
        int epochs = options.Pick(1, 5, 20);
        int latent = options.Pick(10, 10, 30);
        int[] hidden = [200, 200];
        const double epsilon = Similarity.DefaultEpsilon;
        const int neighbours = Similarity.DefaultNeighbours;
        var seeds = Enumerable.Range(0, replicas).Select(r => options.Seed + r).ToArray();
        var labels = seeds.Select(s => $"seed {s}").ToArray();

        // Train the replicas: same data, architecture and optimiser; only the seed (initialisation and minibatch order) differs.
        var means = new Matrix<double>[replicas];
        var replicaMetrics = new JsonArray();
        var activeUnits = new ActiveUnitsReport[replicas];
        var replicaRows = new List<IReadOnlyList<string>>();
        for (int r = 0; r < replicas; r++)
        {
            var architecture = VaeArchitecture.Mlp([1, 28, 28], hidden, latent);
            var training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 100, Objective = ElboLoss.Default, Seed = seeds[r] };
            int index = r;
            var perEpoch = new SynchronousProgress<TrainingProgress>(p => progress.Report(0.9 * (index + ((p.Epoch - 1) + (double)p.Batch / p.Batches) / p.Epochs) / replicas));
            var clock = Stopwatch.StartNew();
            var result = VaeTrainer.Train(architecture, train, test, training, null, perEpoch, cancellationToken);
            clock.Stop();
            using (var model = result.Model) means[r] = model.Encode(test).Mean;
            activeUnits[r] = ActiveUnits.Measure(means[r], epsilon);
            var last = result.Epochs[^1];
            double testElbo = last.TestNegativeElbo ?? throw new InvalidOperationException("the trainer did not evaluate the test set");
            replicaMetrics.Add(new JsonObject
            {
                ["seed"] = seeds[r], ["train_neg_elbo"] = last.TrainNegativeElbo, ["test_neg_elbo"] = testElbo,
                ["active_units_variance"] = activeUnits[r].VarianceCount, ["active_units_pca"] = activeUnits[r].PcaCount,
                ["training_seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2),
            });
            replicaRows.Add([labels[r], F(last.TrainNegativeElbo, 5), F(testElbo, 5), activeUnits[r].VarianceCount.ToString(), activeUnits[r].PcaCount.ToString()]);
        }
        cancellationToken.ThrowIfCancellationRequested();

        // Pairwise metrics on the held-out posterior means (the same comparison `vae sweep collect` makes).
        var comparison = ReplicaComparison.Compare(means, epsilon, neighbours);
        int collapsed = comparison.Collapsed.ToList().IndexOf(true);
        if (collapsed >= 0)
            throw new InvalidOperationException($"replica {labels[collapsed]} collapsed (every posterior mean constant), so CKA and the Procrustes fit are undefined; this report needs trained replicas.");
        // No replica collapsed, so every pair's CKA and Procrustes residual are defined (non-null).
        var pairs = comparison.Pairs;
        var cka = new double[replicas, replicas];
        var ckaRows = comparison.CkaMatrix();
        for (int a = 0; a < replicas; a++)
            for (int b = 0; b < replicas; b++) cka[a, b] = ckaRows[a][b]!.Value;
        progress.Report(0.95);

        var pairLabels = pairs.Select(p => $"{seeds[p.A]}–{seeds[p.B]}").ToList();
        var pairMetrics = new JsonArray(pairs.Select(p => (JsonNode?)new JsonObject
        {
            ["a"] = p.A, ["b"] = p.B, ["seed_a"] = seeds[p.A], ["seed_b"] = seeds[p.B], ["cka"] = p.LinearCka,
            ["matched_abs_correlation"] = p.Matching.MeanMatchedAbsoluteCorrelation, ["matched_active_pairs"] = p.Matching.ActivePairs,
            ["raw_abs_correlation"] = p.Raw.MeanAbsoluteCorrelation, ["knn_overlap"] = p.NearestNeighbourOverlap, ["procrustes_residual"] = p.ProcrustesResidual,
        }).ToArray());
        var pairRows = pairs.Select(p => (IReadOnlyList<string>)
        [
            $"{labels[p.A]} vs {labels[p.B]}", F(p.LinearCka!.Value), F(p.Matching.MeanMatchedAbsoluteCorrelation), p.Matching.ActivePairs.ToString(),
            F(p.Raw.MeanAbsoluteCorrelation), F(p.NearestNeighbourOverlap), F(p.ProcrustesResidual!.Value),
        ]).ToList();

        // One pair in detail: |correlation| between every dimension of replica A and of replica B, raw (both in their
        // own order) and matched: the matched pairs sorted by decreasing |r|, row i = dimension order[i] of A, column
        // j = its partner Permutation[order[j]] in B, so the diagonal holds the matched pairs, strongest first.
        var example = pairs[0];
        var correlation = Similarity.CorrelationMatrix(means[example.A], means[example.B]);
        var order = Enumerable.Range(0, latent).OrderByDescending(i => Math.Abs(example.Matching.MatchedCorrelations[i])).ThenBy(i => i).ToArray();
        var rawAbsolute = Rows(latent, latent, (i, j) => Math.Abs(correlation[i, j]));
        var matchedAbsolute = Rows(latent, latent, (i, j) => Math.Abs(correlation[order[i], example.Matching.Permutation[order[j]]]));

        var summary = Summary(pairs, activeUnits, replicas, epochs, latent, seeds, train.Count, test.Count);
        var metrics = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["data"] = $"embedded MNIST test set: first {train.Count} images train, {test.Count} held-out images evaluate",
                ["train_samples"] = train.Count, ["test_samples"] = test.Count,
                ["architecture"] = $"784-{string.Join('-', hidden)}-{latent} ReLU, Bernoulli decoder", ["latent"] = latent,
                ["objective"] = "ELBO", ["optimizer"] = "Adam lr 1e-3", ["batch"] = 100, ["epochs"] = epochs,
                ["replicas"] = replicas, ["seeds"] = new JsonArray(seeds.Select(s => (JsonNode?)s).ToArray()),
                ["epsilon"] = epsilon, ["neighbours"] = neighbours, ["training"] = "VaeTrainer, in process (no sweep directory)",
                ["representation"] = "posterior means E_q[z|x] of the held-out images",
            },
            ["replicas"] = replicaMetrics,
            ["labels"] = new JsonArray(labels.Select(l => (JsonNode?)l).ToArray()),
            ["cka_matrix"] = Matrix(Rows(replicas, replicas, (i, j) => cka[i, j])),
            ["pairs"] = pairMetrics,
            ["summary"] = new JsonObject
            {
                ["mean_cka"] = pairs.Average(p => p.LinearCka!.Value), ["min_cka"] = pairs.Min(p => p.LinearCka!.Value),
                ["mean_matched_abs_correlation"] = pairs.Average(p => p.Matching.MeanMatchedAbsoluteCorrelation),
                ["mean_raw_abs_correlation"] = pairs.Average(p => p.Raw.MeanAbsoluteCorrelation),
                ["mean_knn_overlap"] = pairs.Average(p => p.NearestNeighbourOverlap), ["mean_procrustes_residual"] = pairs.Average(p => p.ProcrustesResidual!.Value),
                ["active_units_variance_min"] = activeUnits.Min(u => u.VarianceCount), ["active_units_variance_max"] = activeUnits.Max(u => u.VarianceCount),
                ["active_units_pca_min"] = activeUnits.Min(u => u.PcaCount), ["active_units_pca_max"] = activeUnits.Max(u => u.PcaCount),
                ["text"] = summary,
            },
            ["example_pair"] = new JsonObject
            {
                ["a"] = example.A, ["b"] = example.B,
                ["permutation"] = new JsonArray(example.Matching.Permutation.Select(p => (JsonNode?)p).ToArray()),
                ["signs"] = new JsonArray(example.Matching.Signs.Select(s => (JsonNode?)s).ToArray()),
                ["active"] = new JsonArray(example.Matching.Active.Select(s => (JsonNode?)s).ToArray()),
                ["matched_correlations"] = Array(example.Matching.MatchedCorrelations),
                ["raw_correlations"] = Array(example.Raw.Correlations),
                ["raw_abs_correlation_matrix"] = Matrix(rawAbsolute),
                ["matched_order"] = new JsonArray(order.Select(i => (JsonNode?)i).ToArray()),
                ["matched_abs_correlation_matrix"] = Matrix(matchedAbsolute),
            },
        };

        var unit = AxisRange.Fixed(0, 1);
        var figures = new List<ReportFigure>
        {
            new("replicas-cka", "Pairwise linear CKA between replicas",
                $"Linear CKA (Kornblith et al. 2019) between the posterior means of the {test.Count} held-out images of every pair of the {replicas} replicas " +
                $"(ELBO, k = {latent}, {epochs} epochs); 1 = identical up to rotation, reflection and scale.",
                (new Heatmap { Values = Rows(replicas, replicas, (i, j) => cka[i, j]), RowLabels = labels, ColumnLabels = labels, ValueRange = unit }
                    with { Title = "Linear CKA", ColorBarLabel = "CKA", XLabel = "replica", YLabel = "replica" }).ToSvg()),
            new("replicas-matched-vs-raw", "Matched against raw correlation per pair",
                $"Per pair of replicas (seeds): mean |correlation| of dimension j with dimension j (raw), mean |correlation| after the best signed permutation " +
                $"over active units (ε = {epsilon}), linear CKA and the {neighbours}-NN overlap (Jaccard).",
                new BarChart
                {
                    Title = "Replica similarity per pair",
                    Categories = pairLabels,
                    Series =
                    [
                        new BarSeries("raw |r|", pairs.Select(p => p.Raw.MeanAbsoluteCorrelation).ToList()),
                        new BarSeries("matched |r|", pairs.Select(p => p.Matching.MeanMatchedAbsoluteCorrelation).ToList()),
                        new BarSeries("CKA", pairs.Select(p => p.LinearCka!.Value).ToList()),
                        new BarSeries($"{neighbours}-NN overlap", pairs.Select(p => p.NearestNeighbourOverlap).ToList()),
                    ],
                    XLabel = "pair of seeds",
                    YAxis = Axis.Default with { Label = "similarity", Range = unit },
                }.ToSvg()),
            new("replicas-correlation-raw", $"|correlation| between {labels[example.A]} and {labels[example.B]}, raw",
                $"|Pearson correlation| between latent dimension i of {labels[example.A]} (rows) and dimension j of {labels[example.B]} (columns), in their own order: " +
                "a permutation shows as bright cells off the diagonal.",
                (new Heatmap { Values = rawAbsolute, ValueRange = unit } with
                {
                    Title = "|corr|, raw order", ColorBarLabel = "|r|", XLabel = $"dimension of {labels[example.B]}", YLabel = $"dimension of {labels[example.A]}",
                }).ToSvg()),
            new("replicas-correlation-matched", $"|correlation| between {labels[example.A]} and {labels[example.B]}, matched",
                $"The same |r| after the best signed permutation (Hungarian algorithm on |r|): row i and column i are the i-th matched pair, " +
                "pairs sorted by decreasing |r|, so the matched correlations run down the diagonal; a rotation shows as weight left off it " +
                "(the dimension indices are example_pair.matched_order and .permutation in metrics.json).",
                (new Heatmap { Values = matchedAbsolute, ValueRange = unit } with
                {
                    Title = "|corr|, after matching", ColorBarLabel = "|r|", XLabel = $"matched pair, {labels[example.B]} side", YLabel = $"matched pair, {labels[example.A]} side",
                }).ToSvg()),
        };
        var tables = new List<ReportTable>
        {
            new($"Replicas (ELBO, k = {latent}, {epochs} epochs; −ELBO in nats per image; active units ε = {epsilon} on the held-out posterior means)",
                ["replica", "train −ELBO", "test −ELBO", "active units (Var > ε)", "active units (PCA)"], replicaRows),
            new($"Pairs of replicas (held-out posterior means; matched |r| over active pairs; {neighbours}-NN Jaccard overlap; Procrustes residual in [0, √2])",
                ["pair", "CKA", "matched |r|", "active pairs", "raw |r|", $"{neighbours}-NN overlap", "Procrustes"], pairRows),
        };
        progress.Report(1.0);
        return new ReportSection(Id, "MNIST replicas: the same VAE from different seeds (Andrés-Terré & Lió)", summary, metrics, figures, tables);
    }

    /// <summary>The plain-words result, derived from the numbers (thresholds <see cref="LowRaw"/>, <see cref="High"/>, <see cref="AgreeFraction"/>).</summary>
    internal static string Summary(IReadOnlyList<ReplicaPair> pairs, IReadOnlyList<ActiveUnitsReport> activeUnits, int replicas, int epochs, int latent,
        IReadOnlyList<int> seeds, int trainCount, int testCount)
    {
        double raw = pairs.Average(p => p.Raw.MeanAbsoluteCorrelation), matched = pairs.Average(p => p.Matching.MeanMatchedAbsoluteCorrelation);
        double ckaMean = pairs.Average(p => p.LinearCka!.Value), knn = pairs.Average(p => p.NearestNeighbourOverlap);
        string Range(Func<ReplicaPair, double> f) => $"{F(pairs.Min(f), 3)}–{F(pairs.Max(f), 3)}";
        var text = new System.Text.StringBuilder();
        text.Append($"{replicas} replicas of the same 784-200-200-{latent} ReLU VAE (ELBO, Adam 1e-3, batch 100, {epochs} epochs on {trainCount} MNIST images) ")
            .Append($"differ only in their seed ({string.Join(", ", seeds)}); they are compared on the posterior means of {testCount} held-out images. ")
            .Append($"Over the {pairs.Count} pairs, the mean raw |correlation| of dimension j with dimension j is {F(raw, 3)} ({Range(p => p.Raw.MeanAbsoluteCorrelation)}); ")
            .Append($"after the best signed permutation the mean matched |correlation| over active units is {F(matched, 3)} ({Range(p => p.Matching.MeanMatchedAbsoluteCorrelation)}); ")
            .Append($"linear CKA is {F(ckaMean, 3)} ({Range(p => p.LinearCka!.Value)}) and the 10-NN overlap {F(knn, 3)}. ");
        bool rawLow = raw < LowRaw, matchedHigh = matched > High, ckaHigh = ckaMean > High;
        if (rawLow && matchedHigh && ckaHigh)
            text.Append($"Raw correlation is low (< {LowRaw}) while matched correlation and CKA are high (> {High}): the replicas learn the same information, ")
                .Append("with latent dimensions permuted and sign-flipped between seeds. ");
        else if (rawLow && !matchedHigh && ckaHigh)
            text.Append($"Raw correlation is low (< {LowRaw}) and matched correlation is not high (≤ {High}), but CKA is high (> {High}): the replicas carry largely the same ")
                .Append("information, but a signed permutation of dimensions explains only part of the difference; the rest is a rotation (mixing) of dimensions. ");
        else
            text.Append($"Against the thresholds of docs/metrics.md: raw correlation is {(rawLow ? "low" : "not low")} (threshold {LowRaw}), ")
                .Append($"matched correlation is {(matchedHigh ? "high" : "not high")} and CKA is {(ckaHigh ? "high" : "not high")} (threshold {High}). ");
        text.Append($"Active units per replica (ε = 0.01): {string.Join(", ", activeUnits.Select(u => u.VarianceCount))} of {latent} dimensions with Var > ε, ")
            .Append($"{Agreement(activeUnits.Select(u => u.VarianceCount).ToList())}; ")
            .Append($"{string.Join(", ", activeUnits.Select(u => u.PcaCount))} PCA eigenvalues > ε, {Agreement(activeUnits.Select(u => u.PcaCount).ToList())}.");
        return text.ToString();
    }

    private static string Agreement(IReadOnlyList<int> counts)
    {
        int spread = counts.Max() - counts.Min();
        double tolerance = Math.Max(1, AgreeFraction * counts.Average());
        return spread <= tolerance
            ? $"which agree (spread {spread} ≤ {F(tolerance, 2)})"
            : $"which do not agree (spread {spread} > {F(tolerance, 2)})";
    }

    private static IReadOnlyList<IReadOnlyList<double>> Rows(int rows, int columns, Func<int, int, double> value) =>
        Enumerable.Range(0, rows).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, columns).Select(j => value(i, j)).ToList()).ToList();

    private static JsonArray Matrix(IReadOnlyList<IReadOnlyList<double>> rows) => new(rows.Select(r => (JsonNode?)Array(r)).ToArray());
}
