using System.CommandLine;
using Vae.Reproduce;
using Vae.Core.Sweeps;

namespace Vae.Cli.Commands;

/// <summary>
/// <c>vae reproduce [--quick | --full | --profile quick|full|paper] --out DIR [--force] [--seed S] [--only ids]</c>
/// and <c>vae reproduce --from SWEEP --out DIR</c>: the main job (docs/results.md).
/// </summary>
internal static class ReproduceCommand
{
    internal static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Same as --profile quick: ≤ 10 min on 2 cores." };
        var full = new Option<bool>("--full") { Description = "Same as --profile full (the default)." };
        var profile = new Option<string>("--profile")
        {
            Description = "quick (≤ 10 min, CI), full (the default: every section at its full size, the α × k grid on the embedded MNIST and Fashion-MNIST 60 000), " +
                          "or paper (write the paper's 180-run sweep and its Slurm script into --out without running it).",
        };
        profile.AcceptOnlyFromAmong("quick", "full", "paper");
        var from = new Option<string>("--from") { Description = "Build the report from this finished sweep directory instead of training (e.g. the --profile paper sweep)." };
        var dataset = new Option<string>("--dataset") { Description = "--profile paper: the data set of the sweep (default mnist-full, the paper's; needs --data-dir).", DefaultValueFactory = _ => "mnist-full" };
        var dataDirectory = new Option<string>("--data-dir") { Description = "--profile paper: the IDX directory on the machines that will run the sweep.", DefaultValueFactory = _ => "" };
        var output = new Option<string>("--out") { Description = "Output directory for metrics.json and index.html (with --profile paper: the sweep directory).", Required = true };
        var force = new Option<bool>("--force") { Description = "Allow writing into an existing non-empty directory." };
        var seed = new Option<int>("--seed") { Description = "Base seed of every experiment.", DefaultValueFactory = _ => 1 };
        var only = new Option<string[]>("--only") { Description = "Run only these sections (comma-separated ids: mnist, replicas, alpha, quantum, fluids; not with --profile paper).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("reproduce", "Reproduce the seed papers' experiments on real data and write metrics.json and index.html.")
        {
            quick, full, profile, from, dataset, dataDirectory, output, force, seed, only,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Interruptible(() =>
        {
            var chosen = new[] { parse.GetValue(quick) ? "quick" : null, parse.GetValue(full) ? "full" : null, parse.GetValue(profile) }
                .Where(p => p is not null).Distinct().ToList();
            if (chosen.Count > 1)
                throw new ArgumentException($"--quick, --full and --profile disagree ({string.Join(", ", chosen)}); give one profile.");
            var fromSweep = parse.GetValue(from);
            if (fromSweep is not null && chosen.Count > 0)
                throw new ArgumentException("--from builds the report of an existing sweep; it takes no --quick, --full or --profile.");
            if (fromSweep is not null && !File.Exists(Path.Combine(fromSweep, SweepDefinition.FileName)))
                throw new ArgumentException($"--from '{Path.GetFullPath(fromSweep)}' is not a sweep directory: it has no {SweepDefinition.FileName}.");
            string chosenProfile = chosen.Count == 1 ? chosen[0]! : "full";
            if (chosenProfile != "paper" && (parse.GetResult(dataset) is { Implicit: false } || parse.GetValue(dataDirectory)!.Length > 0))
                throw new ArgumentException("--dataset and --data-dir apply to --profile paper only.");
            if (chosenProfile == "paper" && parse.GetResult(only) is { Implicit: false })
                throw new ArgumentException("--only selects report sections; --profile paper writes the whole sweep and takes no --only.", "--only");
            if (chosenProfile == "paper") OptionChecks.Dataset(parse.GetValue(dataset)!, parse.GetValue(dataDirectory)!);
            var selected = (parse.GetValue(only) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            IReadOnlyList<IReportPart> parts = fromSweep is null ? ReportParts.All : ReportParts.FromSweep(Path.GetFullPath(fromSweep));
            if (chosenProfile != "paper") ReproduceRunner.CheckSelection(selected, parts);
            // A killed run's sweeps (OUT/sweeps) are kept: the α-grid section resumes them, skipping the finished runs.
            using var staged = Output.CommandOutput.Directory(parse.GetValue(output)!, parse.GetValue(force), salvage: fromSweep is null ? ["sweeps"] : []);
            var directory = staged.FinalPath;
            if (chosenProfile == "paper")
            {
                var (sweep, script, runs) = PaperProfile.Write(staged.Path, directory, parse.GetValue(dataset)!, parse.GetValue(dataDirectory)!, parse.GetValue(seed), SweepCommand.Launcher());
                staged.Commit();
                Console.WriteLine($"vae reproduce --profile paper: wrote {Path.Combine(directory, sweep)} ({runs} runs) and {Path.Combine(directory, script)}.");
                Console.WriteLine($"  Adjust the Slurm options with `vae sweep slurm {directory} --partition P --time T ... --submit`, then build the report with");
                Console.WriteLine($"  `vae reproduce --from {directory} --out REPORT` (docs/paper-scale-on-a-cluster.md).");
                return 0;
            }
            var scale = chosenProfile == "quick" ? ReproduceScale.Quick : ReproduceScale.Full;
            var options = new ReproduceOptions(staged.Path, scale, parse.GetValue(seed), selected);
            var commandLine = "vae " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            ReproduceRunner.Run(options, parts, commandLine, CommandRunner.UseBestNumerics(), cancellationToken);
            staged.Commit();
            Console.WriteLine($"vae reproduce: wrote {Path.Combine(directory, "index.html")} and metrics.json");
            return 0;
        }, cancellationToken, () => "vae reproduce: interrupted; the report was not written."));
        return command;
    }
}
