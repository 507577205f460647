using System.CommandLine;
using Vae.Cli.Reproduce;

namespace Vae.Cli.Commands;

/// <summary><c>vae reproduce [--quick] --out DIR [--force] [--seed S] [--only mnist,replicas,quantum,fluids]</c>: the main job.</summary>
internal static class ReproduceCommand
{
    /// <summary>The report parts, in report order.</summary>
    internal static IReadOnlyList<IReportPart> Parts { get; } = [new Reproduce.Parts.MnistPart(), new Reproduce.Parts.ReplicaPart(), new Reproduce.Parts.QuantumPart(), new Reproduce.Parts.FluidsPart()];

    internal static Command Create()
    {
        var quick = new Option<bool>("--quick") { Description = "Reduced run: ≤ 10 min on 2 cores (the full run takes ≤ 60 min)." };
        var output = new Option<string>("--out") { Description = "Output directory for metrics.json and index.html.", Required = true };
        var force = new Option<bool>("--force") { Description = "Allow writing into an existing non-empty directory." };
        var seed = new Option<int>("--seed") { Description = "Base seed of every experiment.", DefaultValueFactory = _ => 1 };
        var only = new Option<string[]>("--only") { Description = "Run only these sections (comma-separated ids).", AllowMultipleArgumentsPerToken = true };
        var command = new Command("reproduce", "Reproduce the seed papers' experiments on real data and write metrics.json and index.html.")
        {
            quick, output, force, seed, only,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.Interruptible(() =>
        {
            var selected = (parse.GetValue(only) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            ReproduceRunner.CheckSelection(selected, Parts);
            using var staged = Output.CommandOutput.Directory(parse.GetValue(output)!, parse.GetValue(force));
            var directory = staged.FinalPath;
            var options = new ReproduceOptions(staged.Path, parse.GetValue(quick) ? ReproduceScale.Quick : ReproduceScale.Full, parse.GetValue(seed), selected);
            var commandLine = "vae " + string.Join(' ', Environment.GetCommandLineArgs().Skip(1));
            ReproduceRunner.Run(options, Parts, commandLine, cancellationToken);
            staged.Commit();
            Console.WriteLine($"vae reproduce: wrote {Path.Combine(directory, "index.html")} and metrics.json");
            return 0;
        }, cancellationToken, () => "vae reproduce: interrupted; the report was not written."));
        return command;
    }
}
