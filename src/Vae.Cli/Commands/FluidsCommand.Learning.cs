using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vae.Core.IO;
using Vae.Core.Numerics;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;

namespace Vae.Cli.Commands;

// vae fluids anomaly-data | train | anomalies: the convolutional VAE on distance matrices and anomaly detection.
internal static partial class FluidsCommand
{
    private static Command AnomalyDataCommand()
    {
        var c = new Command("anomaly-data", "Write the slides' anomaly families as data sets: an unseen γ, the fake potential, uniform positions, corrupted and masked configurations.");
        var shared = new SamplerOptions();
        var gamma = new Option<double>("--gamma") { Description = "γ of the normal data that corruption and masking start from.", DefaultValueFactory = _ => 1.0 };
        var unseen = new Option<double>("--unseen-gamma") { Description = "γ never seen in training.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.UnseenGamma };
        var count = new Option<int>("--count") { Description = "Configurations per family.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.Count };
        var moved = new Option<int>("--moved") { Description = "Particles moved per corrupted configuration.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.Moved };
        var step = new Option<double>("--max-step") { Description = "Largest corruption step in σ.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.MaxStep };
        var block = new Option<int>("--mask-block") { Description = "Side of the blacked-out block of each distance matrix.", DefaultValueFactory = _ => AnomalyFamilyOptions.Default.MaskBlock };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing; see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        foreach (var o in new Option[] { gamma, unseen, count, moved, step, block, output, force }) c.Options.Add(o);
        shared.AddTo(c);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            int n = p.GetValue(count);
            long seed = p.GetValue(shared.Seed);
            var normal = shared.Read(p, p.GetValue(gamma));
            shared.Check(p, p.GetValue(gamma));
            shared.Check(p, p.GetValue(unseen));
            OptionChecks.Require(n >= 1, "--count", n, "must be ≥ 1.");
            OptionChecks.Require(normal.Particles >= 2, "--particles", normal.Particles, "must be ≥ 2 for distance matrices.");
            OptionChecks.Require((long)n * normal.Particles * normal.Particles * 6 <= MaxMatrixEntries, "--count", n,
                $"--count × --particles² × 6 families must be ≤ {MaxMatrixEntries} distance-matrix entries.");
            OptionChecks.Require(p.GetValue(moved) >= 1 && p.GetValue(moved) <= normal.Particles, "--moved", p.GetValue(moved), $"must be in [1, --particles = {normal.Particles}].");
            OptionChecks.Require(double.IsFinite(p.GetValue(step)) && p.GetValue(step) > 0, "--max-step", p.GetValue(step), "must be finite and > 0.");
            OptionChecks.Require(p.GetValue(block) >= 1 && p.GetValue(block) <= normal.Particles, "--mask-block", p.GetValue(block), $"must be in [1, --particles = {normal.Particles}].");
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            var directory = staged.Path;
            var families = new List<object>();

            var familyOptions = AnomalyFamilyOptions.Default with
            {
                Count = n, UnseenGamma = p.GetValue(unseen), Moved = p.GetValue(moved), MaxStep = p.GetValue(step), MaskBlock = p.GetValue(block), Seed = seed,
            };
            foreach (var family in AnomalyFamilies.Sample(normal, familyOptions, shared.Evidence(p)))
            {
                var files = FluidDataSet.Write(directory, family.Name, family.Configurations);
                families.Add(new { family = family.Name, family.Description, files.CoordinatesFile, files.DistancesFile, files.Count, files.Particles,
                    equilibration = family.Evidence.Select(EvidenceJson).ToArray() });
            }
            var normalDistances = FluidDataSet.ReadDistances(Path.Combine(directory, "normal_distances.npy"));
            var masked = AnomalyFamilies.Masked(normalDistances, familyOptions);
            Npy.Write<float>(Path.Combine(directory, "masked_distances.npy"), masked.Matrices.Values.ToArray(), [n, normal.Particles, normal.Particles]);
            families.Add(new { family = "masked", description = $"normal matrices with a {p.GetValue(block)}×{p.GetValue(block)} block (and its mirror) set to 0", distancesFile = "masked_distances.npy", count = n });
            AtomicFile.WriteAllText(Path.Combine(directory, "metadata.json"), JsonSerializer.Serialize(new { seed, scheme = p.GetValue(shared.Scheme), normal = new { normal.Gamma, normal.Particles, normal.Box, normal.Temperature, normal.SweepsPerSample, potential = normal.Potential.ToString(), cutoff = CutoffText(normal.Cutoff), normal.ShiftAtCutoff }, families }, Json));
            staged.Commit();
            Console.WriteLine($"wrote {families.Count} families of {n} configurations to {staged.FinalPath}");
            return 0;
        });
        return c;
    }

    private static Command TrainCommand()
    {
        var c = new Command("train", "Train the convolutional VAE (latent 40, MSE + λ·KL) on the distance matrices of a 'vae fluids sample' directory.");
        var data = new Option<string>("--data") { Description = "Directory written by 'vae fluids sample'.", Required = true };
        var output = new Option<string>("--out") { Description = "Model directory (model.safetensors, fluid_vae.json, heldout_distances.npy, training.json; see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var holdout = new Option<int>("--holdout") { Description = "Last configurations of each γ kept out of training (held-out normal data).", DefaultValueFactory = _ => DefaultHoldout };
        var scaling = new Option<string>("--scaling") { Description = "Input normalisation: standardized (per entry over the training matrices) or box (d/(L√2)).", DefaultValueFactory = _ => ScalingName(FluidVaeOptions.Default.InputScaling) };
        var epochs = new Option<int>("--epochs") { Description = "Training epochs.", DefaultValueFactory = _ => FluidVaeOptions.Default.Epochs };
        var lambda = new Option<double>("--lambda") { Description = "λ in MSE + λ·KL.", DefaultValueFactory = _ => FluidVaeOptions.Default.Lambda };
        var latent = new Option<int>("--latent") { Description = "Latent size.", DefaultValueFactory = _ => FluidVaeOptions.Default.LatentSize };
        var batch = new Option<int>("--batch-size") { Description = "Minibatch size.", DefaultValueFactory = _ => FluidVaeOptions.Default.BatchSize };
        var rate = new Option<double>("--learning-rate") { Description = "Adam learning rate.", DefaultValueFactory = _ => FluidVaeOptions.Default.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Seed.", DefaultValueFactory = _ => FluidVaeOptions.Default.Seed };
        var channels = new Option<string>("--channels") { Description = "Channels of the stride-2 3×3 encoder convolutions (the decoder mirrors them).", DefaultValueFactory = _ => "16,32" };
        var hidden = new Option<int>("--hidden") { Description = "Fully connected layer after the convolutions (0: none).", DefaultValueFactory = _ => 256 };
        var limit = new Option<int>("--train-per-gamma") { Description = "Use at most this many training configurations per γ (0: all).", DefaultValueFactory = _ => 0 };
        var decoder = new Option<string>("--decoder") { Description = "matrix (the slides' ConvTranspose2d decoder of the N×N entries) or configuration (2-D coordinates, likelihood on the sorted pair distances; for generation).", DefaultValueFactory = _ => "matrix" };
        var decoderHidden = new Option<string>("--decoder-hidden") { Description = "Hidden layers of the configuration decoder (z → layers → 2N coordinates).", DefaultValueFactory = _ => string.Join(",", FluidVaeOptions.Default.ConfigurationHiddenSizes) };
        foreach (var o in new Option[] { data, output, holdout, scaling, epochs, lambda, latent, batch, rate, seed, channels, hidden, limit, decoder, decoderHidden, force }) c.Options.Add(o);
        c.SetAction((p, cancellationToken) => CommandRunner.Interruptible(() =>
        {
            CommandRunner.UseBestNumerics();
            var directory = p.GetValue(data)!;
            var split = ReadSplit(directory, p.GetValue(holdout), p.GetValue(limit));
            double box = split.Box;
            var options = FluidVaeOptions.Default with
            {
                InputScaling = p.GetValue(scaling) switch
                {
                    "standardized" => FluidInputScaling.Standardized,
                    "box" => FluidInputScaling.BoxDiagonal,
                    var other => throw new ArgumentException($"--scaling must be standardized or box; got '{other}'.", "--scaling"),
                },
                Epochs = p.GetValue(epochs), Lambda = p.GetValue(lambda), LatentSize = p.GetValue(latent),
                BatchSize = p.GetValue(batch), LearningRate = p.GetValue(rate), Seed = p.GetValue(seed),
                Convolutions = OptionChecks.PositiveIntegers(p.GetValue(channels)!, "--channels").Select(ch => new Vae.Core.Models.ConvolutionSpec(ch, 3, 2, 1)).ToArray(),
                HiddenSizes = p.GetValue(hidden) > 0 ? [p.GetValue(hidden)] : [],
                Decoder = p.GetValue(decoder) switch
                {
                    "matrix" => FluidDecoder.DistanceMatrix,
                    "configuration" => FluidDecoder.Configuration,
                    var other => throw new ArgumentException($"--decoder must be matrix or configuration; got '{other}'.", "--decoder"),
                },
                ConfigurationHiddenSizes = OptionChecks.PositiveIntegers(p.GetValue(decoderHidden)!, "--decoder-hidden"),
            };
            var trainSet = split.Train;
            OptionChecks.Require(trainSet.Count > 0, "--train-per-gamma", p.GetValue(limit), "leaves no training configurations.");
            CheckTrainable(options, trainSet.Particles, "--lambda", "--latent");
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            FluidVaeModel? model = null;
            RunWithProgress([$"training on {trainSet.Count} matrices"], options.Epochs, (_, progress) =>
            {
                var report = new CallbackProgress(epoch => progress.Report(epoch));
                model = FluidVae.Train(trainSet, box, options, new TrainingProgressAdapter(report), cancellationToken);
                var last = model.Epochs[^1];
                return $"trained {options.Epochs} epochs: loss ({(options.Decoder == FluidDecoder.Configuration ? "Σ Δd² over sorted pairs" : "MSE")} + λ·KL) {model.LossWithoutConstant(last.TrainLoss):E3}, {model.Epochs.Sum(e => e.Seconds):F0} s";
            });
            var outDir = staged.Path;
            model!.Save(outDir);
            var heldOut = split.HeldOut;
            Npy.Write<float>(Path.Combine(outDir, "heldout_distances.npy"), heldOut.Values.ToArray(), [heldOut.Count, heldOut.Particles, heldOut.Particles]);
            AtomicFile.WriteAllText(Path.Combine(outDir, "training.json"), JsonSerializer.Serialize(new
            {
                data = Path.GetFullPath(directory), box, scaling = ScalingName(options.InputScaling), decoder = p.GetValue(decoder), options.LatentSize, options.Lambda, options.Epochs, options.BatchSize, options.LearningRate, options.Seed,
                trainCount = trainSet.Count, heldOutCount = heldOut.Count, epochSummaries = model.Epochs,
            }, Json));
            staged.Commit();
            Console.WriteLine($"wrote {staged.FinalPath}");
            return 0;
        }, cancellationToken, () => "vae fluids train: interrupted; nothing was written."));
        return c;
    }

    private static Command AnomaliesCommand()
    {
        var c = new Command("anomalies", "ROC AUC of four VAE anomaly scores (reconstruction MSE, two-sided, latent Mahalanobis, −log p̂) and of the Boltzmann pair-energy reference (known physics, no learning) for each anomaly family against held-out normal data; latent PCA variance share. Writes anomalies.json.");
        var modelDir = new Option<string>("--model") { Description = "Directory written by 'vae fluids train'.", Required = true };
        var anomalies = new Option<string>("--anomalies") { Description = "Directory written by 'vae fluids anomaly-data'.", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory for anomalies.json (see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        foreach (var o in new Option[] { modelDir, anomalies, output, force }) c.Options.Add(o);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            var model = FluidVaeModel.Load(p.GetValue(modelDir)!);
            var normal = FluidDataSet.ReadDistances(Path.Combine(p.GetValue(modelDir)!, "heldout_distances.npy"));
            var dir = p.GetValue(anomalies)!;
            var metaFile = Path.Combine(dir, "metadata.json");
            using var meta = Output.Metadata.Parse(metaFile);
            var anomalyPhysics = AnomalyNormalPhysics(meta.RootElement, metaFile);
            // The held-out matrices come from the model's training data: its physics must be the anomaly data's normal family's.
            var trainingFile = Path.GetFullPath(Path.Combine(p.GetValue(modelDir)!, "training.json"));
            string trainingData;
            using (var training = Output.Metadata.Parse(trainingFile)) trainingData = TrainingData(training.RootElement, trainingFile);
            var trainingMeta = Path.Combine(trainingData, "metadata.json");
            if (File.Exists(trainingMeta))
                RequireSamePhysics(DataPhysics(trainingData, normal.Particles), trainingMeta, anomalyPhysics, metaFile);
            else
                Console.WriteLine($"note: the physics check was skipped: the model's training data '{trainingData}' (field 'data' of '{trainingFile}') is not there, so its physics cannot be compared with the anomaly data's.");
            var families = Output.Metadata.Array(meta.RootElement, "families", metaFile)
                .Where(f => Output.Metadata.String(f, "family", metaFile) != "normal")
                .Select(f => KeyValuePair.Create(Output.Metadata.String(f, "family", metaFile), FluidDataSet.ReadDistances(Output.Metadata.FileIn(dir, f, "distancesFile", metaFile))))
                .ToList();
            // The pair-energy score takes the potential the normal data was sampled with, as anomaly-data recorded it.
            var pairPotential = PairEnergyPotential(anomalyPhysics, metaFile);
            // The first half of the held-out matrices calibrates the scores; the second half is the normal class.
            int half = normal.Count / 2;
            var scorer = AnomalyScorer.Fit(model, normal.Slice(0, half), AnomalyScoreOptions.Default with { PairPotential = pairPotential.Potential });
            var report = AnomalyEvaluation.Evaluate(scorer, normal.Slice(half, normal.Count - half), families);
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            var outDir = staged.Path;
            AtomicFile.WriteAllText(Path.Combine(outDir, "anomalies.json"), JsonSerializer.Serialize(new
            {
                model = Path.GetFullPath(p.GetValue(modelDir)!), anomalies = Path.GetFullPath(dir), scores = "rocAuc: reconstruction MSE of decode(μ(x)); twoSidedRocAuc: |log MSE − m|/s; mahalanobisRocAuc: latent Mahalanobis distance; likelihoodRocAuc: −log p̂(x), importance sampled (calibrated on the first half of the held-out matrices)",
                pairEnergyScore = "pairEnergyRocAuc: |U_pair − m|/s, U_pair = Σ_{i<j} u(r_ij) from the distance matrix (ε); known physics, no learning", pairPotential = pairPotential.Description,
                calibrationCount = half, scorer.PairEnergyMean, scorer.PairEnergyStdDev,
                report.NormalCount, report.NormalMeanMse, families = report.Families, report.FirstTwoComponentsShare, report.LatentVarianceRatios,
            }, Json));
            staged.Commit();
            Console.WriteLine($"held-out normal: {report.NormalCount} matrices, mean MSE {report.NormalMeanMse:E3}");
            foreach (var f in report.Families)
                Console.WriteLine($"  {f.Family,-16} n = {f.Count,5}  mean MSE {f.MeanMse:E3}  AUC: MSE {f.RocAuc:F3}, two-sided {f.TwoSidedRocAuc:F3}, Mahalanobis {f.MahalanobisRocAuc:F3}, −log p̂ {f.LikelihoodRocAuc:F3}, pair energy (physics) {f.PairEnergyRocAuc:F3}");
            Console.WriteLine($"latent PCA: first two components {100 * report.FirstTwoComponentsShare:F1} % of the variance");
            return 0;
        });
        return c;
    }

    private static string ScalingName(FluidInputScaling scaling) => scaling == FluidInputScaling.BoxDiagonal ? "box" : "standardized";

    private sealed class TrainingProgressAdapter(IProgress<int> epochs) : IProgress<Vae.Core.Training.TrainingProgress>
    {
        public void Report(Vae.Core.Training.TrainingProgress value) => epochs.Report(value.Epoch - 1 + (value.Batch == value.Batches ? 1 : 0));
    }
}
