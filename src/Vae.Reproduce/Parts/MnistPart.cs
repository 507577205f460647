using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using Vae.InfoGeometry.Probes;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The MNIST VAEs of the second seed (Peşte, Malagò, Sârbu): 784-200-200-k ReLU, Bernoulli decoder, Adam 1e-3,
/// batch 100, trained on the first 9 000 images of the embedded MNIST test set and evaluated on the last 1 000,
/// with the ELBO and the Rényi bound for α ∈ {0 (IWAE), 0.5, 1}; the ELBO also for k ∈ {10, 20}.
/// </summary>
internal sealed class MnistPart : IReportPart
{
    public string Id => "mnist";

    public string Label => "MNIST: VAE training (ELBO, Rényi α ∈ {0, 0.5, 1})";

    /// <summary>One training run of the part.</summary>
    private sealed record TrainingRun(string Name, int Latent, VaeObjective Objective, int Seed);

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var split = Mnist.StandardSplit();
        var train = options.Scale == ReproduceScale.Smoke ? split.Train.Slice(0, 600) : split.Train;
        var test = options.Scale == ReproduceScale.Smoke ? split.Test.Slice(0, 200) : split.Test;
        int epochs = options.Pick(1, 10, 30);
        int renyiSamples = options.Pick(2, 5, 5);
        int evaluationSamples = options.Pick(10, 100, 1000);
        var runs = new List<TrainingRun>
        {
            new TrainingRun("ELBO, k = 30", 30, ElboLoss.Default, options.Seed),
            new TrainingRun("Rényi α = 0 (IWAE), k = 30", 30, RenyiBound.WithAlpha(0.0, renyiSamples), options.Seed),
            new TrainingRun("Rényi α = 0.5, k = 30", 30, RenyiBound.WithAlpha(0.5, renyiSamples), options.Seed),
            new TrainingRun("Rényi α = 1, k = 30", 30, RenyiBound.WithAlpha(1.0, renyiSamples), options.Seed),
            new TrainingRun("ELBO, k = 10", 10, ElboLoss.Default, options.Seed),
            new TrainingRun("ELBO, k = 20", 20, ElboLoss.Default, options.Seed),
        };

        var metricsRuns = new JsonArray();
        var trainCurves = new List<LineSeries>();
        var testCurves = new List<LineSeries>();
        var rows = new List<IReadOnlyList<string>>();
        using var models = new TrainedModels(); // disposed when the section is built: native parameters are not left to finalizers
        // Linear probes on a fixed subset of the training images after every epoch of each ELBO run (k = 10, 20, 30).
        var probeSet = train.Slice(0, Math.Min(train.Count, options.Pick(600, 3000, 9000)));
        var trackers = runs.Where(r => r.Objective is ElboLoss).ToDictionary(r => r.Name, _ => new ProbeTracker(probeSet.Labels));
        for (int r = 0; r < runs.Count; r++)
        {
            var run = runs[r];
            var architecture = VaeArchitecture.Mlp([1, 28, 28], [200, 200], run.Latent);
            var training = TrainingOptions.Default with { Epochs = epochs, BatchSize = 100, Objective = run.Objective, Seed = run.Seed };
            int index = r;
            var perEpoch = new SynchronousProgress<TrainingProgress>(p => progress.Report((index + ((p.Epoch - 1) + (double)p.Batch / p.Batches) / p.Epochs) / runs.Count));
            Action<EpochSummary, Core.Models.VariationalAutoencoder>? onEpoch = trackers.TryGetValue(run.Name, out var tracker)
                ? (summary, model) => tracker.Observe(summary.Epoch, MnistGeometry.Posteriors(model, probeSet))
                : null;
            var result = VaeTrainer.Train(architecture, train, test, training, onEpoch, perEpoch, cancellationToken);
            models[run.Name] = result.Model;
            var logLikelihood = ImportanceSampledLogLikelihood.Estimate(result.Model, test, evaluationSamples, run.Seed + 1000);
            var last = result.Epochs[^1];
            double testElbo = last.TestNegativeElbo ?? throw new InvalidOperationException("the trainer did not evaluate the test set");
            metricsRuns.Add(new JsonObject
            {
                ["name"] = run.Name, ["latent"] = run.Latent, ["objective"] = ObjectiveJson.Describe(run.Objective), ["seed"] = run.Seed,
                ["epochs"] = new JsonArray(result.Epochs.Select(e => (JsonNode?)new JsonObject
                {
                    ["epoch"] = e.Epoch, ["train_neg_elbo"] = e.TrainNegativeElbo, ["train_loss"] = e.TrainLoss,
                    ["test_neg_elbo"] = e.TestNegativeElbo, ["seconds"] = Math.Round(e.Seconds, 3),
                }).ToArray()),
                ["test_log_likelihood"] = logLikelihood.Mean, ["test_log_likelihood_standard_error"] = logLikelihood.StandardError,
                ["importance_samples"] = evaluationSamples,
            });
            rows.Add([run.Name, F(last.TrainNegativeElbo, 5), F(testElbo, 5), $"{F(logLikelihood.Mean, 5)} ± {F(logLikelihood.StandardError, 2)}", F(result.Epochs.Average(e => e.Seconds), 3)]);
            if (run.Latent == 30)
            {
                trainCurves.Add(new LineSeries(run.Name, result.Epochs.Select(e => (double)e.Epoch).ToList(), result.Epochs.Select(e => e.TrainNegativeElbo).ToList()));
                testCurves.Add(new LineSeries(run.Name, result.Epochs.Select(e => (double)e.Epoch).ToList(), result.Epochs.Select(e => e.TestNegativeElbo!.Value).ToList()));
            }
        }

        var figures = new List<ReportFigure>
        {
            new("mnist-train-curves", "Training −ELBO per epoch",
                "Train −ELBO (nats per image, averaged over each epoch's minibatches) of the k = 30 models; the Rényi runs are scored by the ELBO too, so the curves compare.",
                new LinePlot { Title = "Train −ELBO (nats)", Series = trainCurves, XAxis = Axis.Default with { Label = "epoch" }, YAxis = Axis.Default with { Label = "−ELBO (nats)" } }.ToSvg()),
            new("mnist-test-curves", "Held-out −ELBO per epoch",
                "−ELBO of the last 1 000 MNIST test images after each epoch.",
                new LinePlot { Title = "Test −ELBO (nats)", Series = testCurves, XAxis = Axis.Default with { Label = "epoch" }, YAxis = Axis.Default with { Label = "−ELBO (nats)" } }.ToSvg()),
            Reconstructions(models["ELBO, k = 30"], test),
            PriorSamples(models["ELBO, k = 30"], options.Seed),
        };

        var elboModels = runs.Where(r => r.Objective is ElboLoss).OrderBy(r => r.Latent).Select(r => (r.Name, r.Latent, models[r.Name])).ToList();
        var (activeUnits, activeTable, spectrumFigure) = MnistGeometry.ActiveUnitsOf(elboModels, train);
        var (probeMetrics, probeFigures) = MnistGeometry.ProbeCurves(runs.Where(r => trackers.ContainsKey(r.Name)).OrderBy(r => r.Latent)
            .Select(r => (r.Latent, trackers[r.Name].History)).ToList());
        var (interpolationMetrics, interpolationFigures) = MnistGeometry.Interpolation(models["ELBO, k = 30"], test, options.Seed, options.Pick(6, 10, 10));
        figures.Add(spectrumFigure);
        figures.AddRange(probeFigures);
        figures.AddRange(interpolationFigures);
        progress.Report(1.0);

        var metrics = new JsonObject
        {
            ["parameters"] = new JsonObject
            {
                ["data"] = "embedded MNIST test set: first 9000 images train, last 1000 evaluate", ["train_samples"] = train.Count,
                ["test_samples"] = test.Count, ["architecture"] = "784-200-200-k ReLU, Bernoulli decoder", ["optimizer"] = "Adam lr 1e-3",
                ["batch"] = 100, ["epochs"] = epochs, ["renyi_samples"] = renyiSamples, ["seed"] = options.Seed,
            },
            ["runs"] = metricsRuns,
            ["active_units"] = activeUnits,
            ["probe_accuracy_per_epoch"] = new JsonObject { ["runs"] = "ELBO, k = 10, 20, 30", ["samples"] = probeSet.Count, ["by_latent"] = probeMetrics },
            ["interpolation"] = interpolationMetrics,
        };
        var tables = new List<ReportTable>
        {
            new($"MNIST VAEs after {epochs} epochs (nats per image; log p(x) by importance sampling with K = {evaluationSamples})",
                ["run", "train −ELBO", "test −ELBO", "test log p(x)", "s / epoch"], rows),
            activeTable,
        };
        return new ReportSection(Id, "MNIST VAE: ELBO and Rényi bounds (Peşte, Malagò, Sârbu)",
            $"784-200-200-k ReLU VAEs with a Bernoulli decoder, Adam (lr 1e-3), batch 100, {epochs} epochs on the first {train.Count} images of the embedded MNIST test set, " +
            $"evaluated on {test.Count} held-out images; Rényi runs use K = {renyiSamples} samples; seed {options.Seed}.",
            metrics, figures, tables);
    }

    /// <summary>The part's trained models by run name; disposing the set disposes every model.</summary>
    private sealed class TrainedModels : Dictionary<string, Core.Models.VariationalAutoencoder>, IDisposable
    {
        public void Dispose()
        {
            foreach (var model in Values) model.Dispose();
        }
    }

    private static ReportFigure Reconstructions(Core.Models.VariationalAutoencoder model, Dataset test)
    {
        var first = test.Slice(0, 10);
        var reconstruction = model.Decode(model.Encode(first).Mean);
        var originals = Enumerable.Range(0, 10).Select(i => GrayImage.FromPixels(28, 28, first.Sample(i))).ToList();
        var decoded = Enumerable.Range(0, 10).Select(i => GrayImage.FromPixels(28, 28, reconstruction.Row(i).ToArray())).ToList();
        return new ReportFigure("mnist-reconstructions", "Reconstructions",
            "Top: ten held-out digits. Bottom: Bernoulli means decoded from their posterior means (ELBO, k = 30).",
            new ImageGrid { Title = "Held-out digits and reconstructions", Rows = [new ImageGridRow("data", originals), new ImageGridRow("reconstruction", decoded)] }.ToSvg());
    }

    private static ReportFigure PriorSamples(Core.Models.VariationalAutoencoder model, int seed)
    {
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, new MathNet.Numerics.Random.MersenneTwister(seed));
        var z = Matrix<double>.Build.Dense(20, model.Architecture.LatentSize, (_, _) => normal.Sample());
        var x = model.Decode(z);
        var rows = Enumerable.Range(0, 2).Select(r => new ImageGridRow($"z ~ N(0, I), row {r + 1}",
            Enumerable.Range(0, 10).Select(i => GrayImage.FromPixels(28, 28, x.Row(r * 10 + i).ToArray())).ToList())).ToList();
        return new ReportFigure("mnist-prior-samples", "Samples from the prior",
            $"Bernoulli means decoded from 20 draws z ~ N(0, I) (ELBO, k = 30; seed {seed}).",
            new ImageGrid { Title = "Decoded prior samples", Rows = rows }.ToSvg());
    }
}
