using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Vae.Core.IO;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Reproduce.Fluids;

namespace Vae.Cli.Commands;

// vae fluids sweep: the small documented grid that chose the VAE's input scaling, latent size and λ (docs/fluids.md §9).
internal static partial class FluidsCommand
{
    /// <summary>Training and held-out matrices of a 'vae fluids sample' directory, with the γ index of every held-out matrix.</summary>
    private sealed record FluidSplit(DistanceMatrixSet Train, DistanceMatrixSet HeldOut, IReadOnlyList<int> HeldOutLabels,
        IReadOnlyList<int> TrainLabels, IReadOnlyList<double> Gammas, double Box, string Directory);

    /// <summary>The first <paramref name="trainPerGamma"/> (0: all but the hold-out) matrices of every γ train; the last <paramref name="holdout"/> are held out.</summary>
    private static FluidSplit ReadSplit(string directory, int holdout, int trainPerGamma)
    {
        var metaFile = Path.Combine(directory, "metadata.json");
        using var meta = Output.Metadata.Parse(metaFile);
        double box = Output.Metadata.PositiveNumber(meta.RootElement, "box", metaFile);
        OptionChecks.Require(holdout >= 0, "--holdout", holdout, "must be ≥ 0.");
        OptionChecks.Require(trainPerGamma >= 0, "--train-per-gamma", trainPerGamma, "must be ≥ 0 (0: all but the held-out configurations).");
        var train = new List<DistanceMatrixSet>();
        var held = new List<DistanceMatrixSet>();
        var heldLabels = new List<int>();
        var trainLabels = new List<int>();
        var gammas = new List<double>();
        foreach (var set in Output.Metadata.Array(meta.RootElement, "dataSets", metaFile))
        {
            var file = Output.Metadata.FileIn(directory, set, "distancesFile", metaFile);
            double gamma = Output.Metadata.FiniteNumber(set, "gamma", metaFile);
            var all = FluidDataSet.ReadDistances(file);
            OptionChecks.Require(holdout < all.Count, "--holdout", holdout, $"must be below the {all.Count} configurations per γ in '{directory}'.");
            int use = trainPerGamma > 0 ? Math.Min(trainPerGamma, all.Count - holdout) : all.Count - holdout;
            train.Add(all.Slice(0, use));
            held.Add(all.Slice(all.Count - holdout, holdout));
            trainLabels.AddRange(Enumerable.Repeat(gammas.Count, use));
            heldLabels.AddRange(Enumerable.Repeat(gammas.Count, holdout));
            gammas.Add(gamma);
        }
        if (gammas.Count == 0) throw new InvalidDataException($"'{metaFile}': field 'dataSets' is empty; there is nothing to train on.");
        return new FluidSplit(DistanceMatrixSet.Concatenate(train), DistanceMatrixSet.Concatenate(held), heldLabels, trainLabels, gammas, box, Path.GetFullPath(directory));
    }

    private static Command SweepCommand()
    {
        var c = new Command("sweep", "The small grid that chose the VAE's input scaling, λ and latent size: one factor at a time around a base point; held-out MSE, active units, latent PCA share and γ-probe accuracy per point. Writes sweep.json and sweep.csv.");
        var data = new Option<string>("--data") { Description = "Directory written by 'vae fluids sample'.", Required = true };
        var output = new Option<string>("--out") { Description = "Output directory (see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var holdout = new Option<int>("--holdout") { Description = "Last configurations of each γ held out for evaluation.", DefaultValueFactory = _ => 500 };
        var limit = new Option<int>("--train-per-gamma") { Description = "Training configurations per γ (0: all the rest).", DefaultValueFactory = _ => 1500 };
        var epochs = new Option<int>("--epochs") { Description = "Epochs per grid point.", DefaultValueFactory = _ => FluidVaeOptions.Default.Epochs };
        var lambdas = new Option<string>("--lambdas") { Description = "λ values (comma-separated, finite, ≥ 0) swept at the base latent size and scaling.", DefaultValueFactory = _ => "1e-4,1e-3,1e-2,1e-1,1" };
        var latents = new Option<string>("--latents") { Description = "Latent sizes (comma-separated, ≥ 1) swept at the base λ and scaling.", DefaultValueFactory = _ => "4,8,16,40,64" };
        var seed = new Option<int>("--seed") { Description = "Seed of every grid point.", DefaultValueFactory = _ => FluidVaeOptions.Default.Seed };
        foreach (var o in new Option[] { data, output, force, holdout, limit, epochs, lambdas, latents, seed }) c.Options.Add(o);
        c.SetAction((p, cancellationToken) => CommandRunner.Interruptible(() =>
        {
            CommandRunner.UseBestNumerics();
            var split = ReadSplit(p.GetValue(data)!, p.GetValue(holdout), p.GetValue(limit));
            OptionChecks.Require(split.Train.Count > 0, "--train-per-gamma", p.GetValue(limit), "leaves no training configurations.");
            var baseOptions = FluidVaeOptions.Default with { Epochs = p.GetValue(epochs), Seed = p.GetValue(seed) };
            var grid = FluidStudy.Grid(baseOptions, OptionChecks.NonNegativeNumbers(p.GetValue(lambdas)!, "--lambdas", minimumCount: 0),
                OptionChecks.PositiveIntegers(p.GetValue(latents)!, "--latents", minimumCount: 0));
            foreach (var (_, options) in grid) CheckTrainable(options, split.Train.Particles, "--lambdas", "--latents");
            // Everything is validated: the results are staged and moved into place at the end (or when interrupted, with
            // the finished points).
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            var outDir = staged.Path;
            var rows = new List<object>();
            var summaries = new List<LatentSummary>();
            var csv = new List<string> { "factor,scaling,lambda,latent,epochs,train_count,heldout_mse,heldout_distance_mse,active_units,first_two_share,probe_accuracy,final_loss,seconds" };
            foreach (var (factor, options) in grid)
            {
                var watch = Stopwatch.StartNew();
                FluidVaeModel model;
                try
                {
                    model = FluidVae.Train(split.Train, split.Box, options, cancellationToken: cancellationToken);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && csv.Count > 1)
                {
                    staged.Commit(); // sweep.csv with the finished points
                    throw;
                }
                var s = FluidStudy.Summarise(model, split.HeldOut, split.HeldOutLabels, options.Seed);
                summaries.Add(s);
                double seconds = watch.Elapsed.TotalSeconds, loss = model.LossWithoutConstant(model.Epochs[^1].TrainLoss);
                rows.Add(new { factor, scaling = options.InputScaling.ToString(), options.Lambda, options.LatentSize, options.Epochs, trainCount = split.Train.Count, summary = s, finalLoss = loss, seconds });
                csv.Add(string.Create(CultureInfo.InvariantCulture,
                    $"{factor},{options.InputScaling},{options.Lambda:R},{options.LatentSize},{options.Epochs},{split.Train.Count},{s.HeldOutMse:R},{s.HeldOutDistanceMse:R},{s.ActiveUnits},{s.FirstTwoComponentsShare:R},{s.ProbeAccuracy:R},{loss:R},{seconds:F1}"));
                Console.WriteLine(csv[^1]);
                AtomicFile.WriteAllText(Path.Combine(outDir, "sweep.csv"), string.Join('\n', csv) + "\n");
            }
            // The slides' trade-off: held-out MSE (σ², comparable across scalings) against λ and against the latent size.
            foreach (var (name, plot) in FluidStudy.TradeOff(grid.Select((g, i) => (g.Factor, g.Options, summaries[i])).ToList(),
                $"{baseOptions.Epochs} epochs, {split.Train.Count} training matrices"))
                AtomicFile.WriteAllText(Path.Combine(outDir, $"sweep_mse_vs_{name}.svg"), plot.ToSvg());
            AtomicFile.WriteAllText(Path.Combine(outDir, "sweep.json"), JsonSerializer.Serialize(new
            {
                data = split.Directory, holdoutPerGamma = p.GetValue(holdout), gammas = split.Gammas, baseOptions = new { scaling = baseOptions.InputScaling.ToString(), baseOptions.Lambda, baseOptions.LatentSize, baseOptions.Epochs, baseOptions.Seed },
                points = rows,
            }, Json));
            staged.Commit();
            Console.WriteLine($"wrote {staged.FinalPath}");
            return 0;
        }, cancellationToken, () => $"vae fluids sweep: interrupted; {Path.Combine(Path.GetFullPath(p.GetValue(output)!), "sweep.csv")} holds the finished points (none if the first was not finished)."));
        return c;
    }

    /// <summary>The checks <see cref="FluidVae.Train"/> makes late (λ, the architecture, the training settings), made before
    /// any output and named by option.</summary>
    private static void CheckTrainable(FluidVaeOptions options, int particles, string lambdaOption, string latentOption)
    {
        OptionChecks.Require(double.IsFinite(options.Lambda) && options.Lambda >= 0, lambdaOption, options.Lambda, "must be finite and ≥ 0.");
        OptionChecks.Check(() => Vae.Core.Models.VaeArchitecture.Convolutional([1, particles, particles], options.Convolutions, options.HiddenSizes, options.LatentSize),
            new Dictionary<string, string> { ["Convolutions"] = "--channels", ["HiddenSizes"] = "--hidden", ["LatentSize"] = latentOption });
        OptionChecks.Check(() => (Vae.Core.Training.TrainingOptions.Default with
        {
            Epochs = options.Epochs, BatchSize = options.BatchSize, Optimizer = Vae.Core.Training.AdamOptions.Default with { LearningRate = options.LearningRate },
        }).Validate(), new Dictionary<string, string> { ["BatchSize"] = "--batch-size" });
    }
}
