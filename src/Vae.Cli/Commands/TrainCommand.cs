using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Numerics;
using Vae.Core.Torch;
using Vae.Core.Training;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae train --dataset mnist|mnist-full|fashion-mnist|classification [--data-dir D] --epochs E --batch B --hidden 200,200 --latent 30 --objective elbo|renyi
/// --alpha A --samples K --beta B [--anneal-steps N] [--learning-rate η] [--eval-samples K] --seed S --out DIR</c>:
/// trains a fully connected VAE (ReLU; Bernoulli decoder for MNIST, Gaussian with learned variance for
/// <c>--dataset classification</c>) and writes <c>DIR/model.safetensors</c>,
/// <c>DIR/metrics.json</c> and the last epoch checkpoint <c>DIR/checkpoint.safetensors</c>. Ctrl+C (SIGINT) or SIGTERM
/// stops training before the next minibatch, writes the checkpoint at that position and exits with code 130 after one
/// line on standard error; <c>--resume</c> continues bit for bit.
/// </summary>
/// <remarks>Data by name from <see cref="DatasetRegistry"/>: <c>mnist</c> (the embedded test set, 9 000/1 000),
/// <c>mnist-full</c> and <c>fashion-mnist</c> (60 000/10 000), <c>classification</c>; metrics.json records the name.</remarks>
internal static class TrainCommand
{
    internal static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Training data: mnist (embedded test set, 9 000/1 000), mnist-full (--data-dir with the official 60 000 + 10 000 files), fashion-mnist (Debian's dataset-fashion-mnist or --data-dir), all with a Bernoulli decoder; or classification (make_classification, 10 000 samples of 20 features, Gaussian decoder with learned variance).", DefaultValueFactory = _ => "mnist" };
        var dataDir = new Option<string>("--data-dir") { Description = "Directory with MNIST-format IDX files (plain or .gz), for mnist-full and fashion-mnist." };
        var epochs = new Option<int>("--epochs") { Description = "Number of epochs.", DefaultValueFactory = _ => TrainingOptions.Default.Epochs };
        var batch = new Option<int>("--batch") { Description = "Minibatch size.", DefaultValueFactory = _ => TrainingOptions.Default.BatchSize };
        var hidden = new Option<string>("--hidden") { Description = "Hidden layer sizes of the encoder, comma-separated (the decoder mirrors them).", DefaultValueFactory = _ => string.Join(",", new VaeArchitecture().HiddenSizes) };
        var latent = new Option<int>("--latent") { Description = "Latent dimension.", DefaultValueFactory = _ => new VaeArchitecture().LatentSize };
        var objective = new Option<string>("--objective") { Description = "elbo or renyi.", DefaultValueFactory = _ => "elbo" };
        var alpha = new Option<double>("--alpha") { Description = "Renyi order alpha (0 = IWAE, 1 = ELBO).", DefaultValueFactory = _ => 0.5 };
        var samples = new Option<int>("--samples") { Description = "Noise samples K per data point.", DefaultValueFactory = _ => ElboLoss.Default.Samples };
        var beta = new Option<double>("--beta") { Description = "KL weight beta of the ELBO (the target when annealing); not used by --objective renyi.", DefaultValueFactory = _ => ElboLoss.Default.Beta.Beta };
        var anneal = new Option<long>("--anneal-steps") { Description = "Anneal beta linearly from 0 over this many steps (0 = constant).", DefaultValueFactory = _ => 0 };
        var learningRate = new Option<double>("--learning-rate") { Description = "Adam learning rate.", DefaultValueFactory = _ => AdamOptions.Default.LearningRate };
        var evalSamples = new Option<int>("--eval-samples") { Description = "K for the importance-sampled test log-likelihood after every epoch (0 = off).", DefaultValueFactory = _ => TrainingOptions.Default.EvaluationSamples };
        var seed = new Option<int>("--seed") { Description = "Seed of initialisation, shuffling and noise.", DefaultValueFactory = _ => 1 };
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:i (auto takes CUDA when libtorch reports it).", DefaultValueFactory = _ => TrainingOptions.Default.Device };
        var threads = new Option<int>("--threads") { Description = "libtorch intra-op threads (0 = libtorch's default).", DefaultValueFactory = _ => TrainingOptions.Default.Threads };
        var resume = new Option<bool>("--resume") { Description = "Continue from OUT/checkpoint.safetensors (written on Ctrl+C or SIGTERM, and with the result), or from the last epoch's checkpoint of a killed run (docs/reliability.md)." };
        var output = new Option<string>("--out") { Description = "Output directory (created if needed; see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var command = new Command("train", "Train a VAE and write model.safetensors and metrics.json.")
        {
            dataset, dataDir, epochs, batch, hidden, latent, objective, alpha, samples, beta, anneal, learningRate, evalSamples, seed, device, threads, resume, output, force,
        };
        // On the thread pool, so that SIGINT/SIGTERM cancel the token (see CommandRunner.Interruptible); the trainer then
        // writes its position to the checkpoint before the cancellation surfaces.
        command.SetAction((parse, cancellationToken) => CommandRunner.Interruptible(() => Execute(parse, cancellationToken), cancellationToken,
            () => $"vae train: interrupted; the position was saved to {Path.Combine(Path.GetFullPath(parse.GetValue(output)!), "checkpoint.safetensors")} (continue with --resume)."));
        return command;

        int Execute(ParseResult parse, CancellationToken cancellationToken)
        {
            CommandRunner.UseBestNumerics();
            var data = DatasetRegistry.Load(OptionChecks.Dataset(parse.GetValue(dataset)!, parse.GetValue(dataDir) ?? ""), parse.GetValue(dataDir) ?? "", parse.GetValue(seed));
            var name = data.Name;
            Dataset train = data.Train, test = data.Test;
            var hiddenSizes = OptionChecks.PositiveIntegers(parse.GetValue(hidden)!, "--hidden");
            OptionChecks.Require(parse.GetValue(latent) > 0, "--latent", parse.GetValue(latent), "must be a positive integer.");
            var architecture = name != "classification"
                ? VaeArchitecture.Mlp(train.SampleShape, hiddenSizes, parse.GetValue(latent))
                : VaeArchitecture.Mlp(train.SampleShape, hiddenSizes, parse.GetValue(latent), DecoderFamily.Gaussian) with { LearnDecoderVariance = true };
            OptionChecks.Require(architecture.ParameterCount() <= MaxParameters, "--hidden", parse.GetValue(hidden),
                $"with --latent {parse.GetValue(latent)} the network has {architecture.ParameterCount()} parameters; the limit is {MaxParameters} (4 GB of float32).");
            OptionChecks.Require(parse.GetValue(anneal) >= 0, "--anneal-steps", parse.GetValue(anneal), "must be ≥ 0 (0: constant β).");
            int k = parse.GetValue(samples);
            VaeObjective loss = OptionChecks.Check<VaeObjective>(() => parse.GetValue(objective)!.Trim().ToLowerInvariant() switch
            {
                "elbo" => ElboLoss.Default with
                {
                    Samples = k,
                    Beta = parse.GetValue(anneal) > 0 ? BetaSchedule.LinearAnnealing(parse.GetValue(anneal), parse.GetValue(beta)) : BetaSchedule.Constant(parse.GetValue(beta)),
                },
                "renyi" => RenyiBound.WithAlpha(parse.GetValue(alpha), k),
                var other => throw new ArgumentException($"--objective '{other}' is not one of elbo, renyi.", "--objective"),
            }, new Dictionary<string, string> { ["alpha"] = "--alpha", ["samples"] = "--samples", ["Beta"] = "--beta", ["AnnealingSteps"] = "--anneal-steps", ["annealingSteps"] = "--anneal-steps", ["target"] = "--beta", ["beta"] = "--beta" });
            var directory = Path.GetFullPath(parse.GetValue(output)!);
            var options = TrainingOptions.Default with
            {
                Epochs = parse.GetValue(epochs), BatchSize = parse.GetValue(batch), Objective = loss, Seed = parse.GetValue(seed),
                Optimizer = AdamOptions.Default with { LearningRate = parse.GetValue(learningRate) },
                EvaluationSamples = parse.GetValue(evalSamples), Device = parse.GetValue(device)!, Threads = parse.GetValue(threads),
            };
            OptionChecks.Check(options.Validate, new Dictionary<string, string> { ["BatchSize"] = "--batch", ["EvaluationSamples"] = "--eval-samples", ["LearningRate"] = "--learning-rate" });
            OptionChecks.Check(() => Vae.Core.Torch.TorchRuntime.ResolveDevice(options.Device), new Dictionary<string, string> { ["device"] = "--device" });
            // The model VaeTrainer.Train(architecture, …) would create; --resume checks its checkpoint against it first.
            var model = VariationalAutoencoder.Create(architecture, options.Seed);
            bool resuming = parse.GetValue(resume);
            if (resuming) CheckResume(directory, model, options, train.Count, name);
            // Everything is validated: from here on the output is staged and moved into place at the end. --resume continues
            // the directory's checkpoint (so it may be non-empty), or the checkpoint a killed run left in its staging.
            using var staged = Output.CommandOutput.Directory(directory, parse.GetValue(force) || resuming, salvage: resuming ? [Checkpoint.FileName] : null);
            var checkpoint = File.Exists(Path.Combine(staged.Path, Checkpoint.FileName)) ? Path.Combine(staged.Path, Checkpoint.FileName) : Path.Combine(directory, Checkpoint.FileName);
            options = options with { CheckpointDirectory = staged.Path, ResumeFrom = resuming ? checkpoint : "" };
            TrainingResult result;
            try
            {
                result = Run(model, train, test, options, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                staged.Commit(); // the checkpoint of the interrupted position, for --resume
                throw;
            }
            result.Model.Save(Path.Combine(staged.Path, "model.safetensors"));
            AtomicFile.WriteAllText(Path.Combine(staged.Path, "metrics.json"), Metrics(data, architecture, options, result));
            staged.Commit();
            Console.WriteLine($"vae train: wrote {Path.Combine(directory, "model.safetensors")} and {Path.Combine(directory, "metrics.json")}");
            return 0;
        }
    }

    /// <summary>--resume, before the output is opened: the checkpoint the run will continue (a killed run's staged one, which
    /// the output takes over, else OUT's) must exist and fit <paramref name="model"/> and <paramref name="options"/> as the
    /// trainer checks it (<see cref="Checkpoint.Open"/>); a contradicting seed, batch size, K or training set is a usage error
    /// naming the option, with both values.</summary>
    /// <exception cref="FileNotFoundException">There is no checkpoint.</exception>
    /// <exception cref="ArgumentException">An option contradicts the checkpoint's run.</exception>
    /// <exception cref="InvalidDataException">Not a checkpoint, or another architecture.</exception>
    private static void CheckResume(string directory, VariationalAutoencoder model, TrainingOptions options, int trainCount, string dataset)
    {
        var checkpoint = Output.CommandOutput.Salvageable(directory, Checkpoint.FileName) ?? Path.Combine(directory, Checkpoint.FileName);
        if (!File.Exists(checkpoint))
            throw new FileNotFoundException($"--resume: there is no checkpoint '{Path.Combine(directory, Checkpoint.FileName)}' to continue from.", checkpoint);
        try
        {
            Checkpoint.Open(checkpoint, model, options, trainCount);
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            // "options.Seed = 2 contradicts the checkpoint …, whose run used 1 …" → "--seed 2 contradicts …" (the library's
            // message is replaced, not chained, so that the one-line error does not repeat it).
            var text = e.Message.Split(" (Parameter", 2)[0];
            foreach (var (property, option) in ResumeOptions)
                if (text.StartsWith(property + " = ", StringComparison.Ordinal))
                    throw new ArgumentException($"{option} {text[(property.Length + 3)..]}", option);
            throw new ArgumentException($"--dataset '{dataset}': {text}", "--dataset");
        }
    }

    /// <summary>The options <see cref="Checkpoint.Open"/> compares, by the names its messages use; the training-set size
    /// (the other comparison) follows from --dataset.</summary>
    private static readonly (string Property, string Option)[] ResumeOptions =
        [("options.Seed", "--seed"), ("options.BatchSize", "--batch"), ("options.Objective.Samples", "--samples")];

    /// <summary>Largest network <c>vae train</c> builds: 10⁹ parameters (4 GB of float32 weights, as much again for Adam's moments).</summary>
    private const long MaxParameters = 1_000_000_000;

    private static TrainingResult Run(VariationalAutoencoder model, Dataset train, Dataset test, TrainingOptions options, CancellationToken cancellationToken)
    {
        static string Text(EpochSummary s) => string.Create(CultureInfo.InvariantCulture,
            $"epoch {s.Epoch}: train -ELBO {s.TrainNegativeElbo:F3}, test -ELBO {s.TestNegativeElbo:F3}{(s.TestLogLikelihood is { } ll ? $", test log p(x) {ll:F3}" : "")}, {s.Seconds:F2} s");
        if (!AnsiConsole.Profile.Capabilities.Interactive)
            return VaeTrainer.Train(model, train, test, options, (s, _) => Console.WriteLine(Text(s)), null, cancellationToken);
        TrainingResult? result = null;
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask("training", maxValue: options.Epochs);
                var progress = new Reporter(p =>
                {
                    task.Description = string.Create(CultureInfo.InvariantCulture,
                        $"epoch {p.Epoch}/{p.Epochs} batch {p.Batch}/{p.Batches} loss {p.Loss:F2} {p.SamplesPerSecond:F0} samples/s");
                    task.Value = p.Epoch - 1 + (double)p.Batch / p.Batches;
                });
                // Lines written through AnsiConsole appear above the live progress bar instead of tearing it.
                result = VaeTrainer.Train(model, train, test, options, (s, _) => AnsiConsole.WriteLine(Text(s)), progress, cancellationToken);
            });
        return result!;
    }

    private static string Metrics(NamedDataSplit data, VaeArchitecture architecture, TrainingOptions options, TrainingResult result)
    {
        var epochs = new JsonArray();
        foreach (var e in result.Epochs)
        {
            var o = new JsonObject
            {
                ["epoch"] = e.Epoch, ["train_neg_elbo"] = e.TrainNegativeElbo, ["test_neg_elbo"] = e.TestNegativeElbo,
                ["seconds"] = e.Seconds, ["train_loss"] = e.TrainLoss, ["beta"] = e.Beta,
            };
            if (e.TestLogLikelihood is { } ll) o["test_log_likelihood"] = ll;
            epochs.Add(o);
        }
        var root = new JsonObject
        {
            ["dataset"] = data.Name, ["data_source"] = data.Source,
            ["train_set"] = data.Train.Name, ["train_samples"] = data.Train.Count, ["test_set"] = data.Test.Name, ["test_samples"] = data.Test.Count,
            ["architecture"] = JsonNode.Parse(architecture.ToJson()),
            ["objective"] = Vae.Reproduce.ObjectiveJson.Describe(options.Objective), ["batch_size"] = options.BatchSize,
            ["learning_rate"] = options.Optimizer.LearningRate, ["seed"] = options.Seed,
            ["units"] = "nats per sample", ["backend"] = VaeNumerics.Describe(), ["libtorch"] = TorchRuntime.Describe(),
            ["device"] = options.Device, ["threads"] = options.Threads,
            ["peak_resident_mb"] = Math.Round(System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1e6, 1),
            ["epochs"] = epochs,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private sealed class Reporter(Action<TrainingProgress> report) : IProgress<TrainingProgress>
    {
        public void Report(TrainingProgress value) => report(value);
    }
}
