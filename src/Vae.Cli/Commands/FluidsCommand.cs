using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vae.Core.IO;
using Vae.Core.Numerics;
using Vae.Fluids.Analysis;
using Vae.Fluids.Data;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Cli.Commands;

/// <summary><c>vae fluids</c>: sample Lennard-Jones + gravity data sets, diagnose equilibration, benchmark the sampler.</summary>
internal static partial class FluidsCommand
{
    internal static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static Command Create()
    {
        var command = new Command("fluids", "2-D Lennard-Jones + gravity fluid (LCP-B group 9): Metropolis data sets, equilibration, benchmarks.");
        command.Subcommands.Add(Sample());
        command.Subcommands.Add(Equilibrate());
        command.Subcommands.Add(AnomalyDataCommand());
        command.Subcommands.Add(TrainCommand());
        command.Subcommands.Add(AnomaliesCommand());
        command.Subcommands.Add(SweepCommand());
        command.Subcommands.Add(EvaluateCommand());
        command.Subcommands.Add(Bench());
        return command;
    }

    private sealed class SamplerOptions
    {
        internal Option<int> Particles { get; } = new("--particles") { Description = "Particles N per configuration.", DefaultValueFactory = _ => MetropolisOptions.Default.Particles };
        internal Option<double> Box { get; } = new("--box") { Description = "Box side L in σ.", DefaultValueFactory = _ => MetropolisOptions.Default.Box };
        internal Option<double> Temperature { get; } = new("--temperature") { Description = "Temperature T in ε/k_B.", DefaultValueFactory = _ => MetropolisOptions.Default.Temperature };
        internal Option<int> Sweeps { get; } = new("--sweeps") { Description = "Sweeps per sample from a random start (reset scheme).", DefaultValueFactory = _ => MetropolisOptions.Default.SweepsPerSample };
        internal Option<double> Delta { get; } = new("--delta") { Description = "Initial maximum displacement δ in σ.", DefaultValueFactory = _ => MetropolisOptions.Default.MaxDisplacement };
        internal Option<bool> NoTune { get; } = new("--no-tune") { Description = "Keep δ fixed instead of tuning it toward --target-acceptance." };
        internal Option<double> TargetAcceptance { get; } = new("--target-acceptance") { Description = "Target acceptance for δ tuning.", DefaultValueFactory = _ => MetropolisOptions.Default.TargetAcceptance };
        internal Option<string> Potential { get; } = new("--potential") { Description = "lj (Lennard-Jones) or fake (4(1/r⁴ − 1/r²)).", DefaultValueFactory = _ => "lj" };
        internal Option<double> Cutoff { get; } = new("--cutoff") { Description = "LJ cutoff r_c in σ (default: none).", DefaultValueFactory = _ => MetropolisOptions.Default.Cutoff };
        internal Option<bool> Shift { get; } = new("--shift") { Description = "Shift the cut LJ potential to 0 at r_c." };
        internal Option<string> Scheme { get; } = new("--scheme") { Description = "equilibrated (chained, ⌈2 τ_int⌉ sweeps between samples measured on reference chains; the default), slides (a new random start per sample and --sweeps sweeps, the slides' scheme), reset (the same as slides) or chained (--decorrelation as given).", DefaultValueFactory = _ => "equilibrated" };
        internal Option<int> Chains { get; } = new("--chains") { Description = "Chains for --scheme equilibrated|chained.", DefaultValueFactory = _ => MetropolisOptions.Equilibrated.Chains };
        internal Option<int> Decorrelation { get; } = new("--decorrelation") { Description = "Sweeps between samples for --scheme chained (equilibrated measures it).", DefaultValueFactory = _ => MetropolisOptions.Equilibrated.DecorrelationSweeps };
        internal Option<int> BurnIn { get; } = new("--burn-in") { Description = "Burn-in sweeps per chain for --scheme equilibrated|chained (equilibrated uses at least the reference burn-in).", DefaultValueFactory = _ => MetropolisOptions.Equilibrated.BurnInSweeps };
        internal Option<long> Seed { get; } = new("--seed") { Description = "Random seed.", DefaultValueFactory = _ => MetropolisOptions.Default.Seed };
        internal Option<int> Threads { get; } = new("--threads") { Description = "Worker threads (-1: all cores); results do not depend on it.", DefaultValueFactory = _ => MetropolisOptions.Default.MaxDegreeOfParallelism };

        internal void AddTo(Command c)
        {
            foreach (var o in new Option[] { Particles, Box, Temperature, Sweeps, Delta, NoTune, TargetAcceptance, Potential, Cutoff, Shift, Scheme, Chains, Decorrelation, BurnIn, Seed, Threads })
                c.Options.Add(o);
        }

        /// <summary>Reference chains and decorrelation rule: the decorrelation is measured only for --scheme equilibrated.</summary>
        internal EquilibratedSamplingOptions Evidence(ParseResult p) =>
            EquilibratedSamplingOptions.Default with { ChooseDecorrelation = p.GetValue(Scheme) == "equilibrated" };

        /// <summary>Checks the sampler options for <paramref name="gamma"/> (the library's rules, named by option) before any output.</summary>
        internal void Check(ParseResult p, double gamma)
        {
            var options = Read(p, gamma);
            OptionChecks.Check(() => Metropolis.Validate(options), OptionNames);
        }

        private static readonly Dictionary<string, string> OptionNames = new()
        {
            ["SweepsPerSample"] = "--sweeps", ["MaxDisplacement"] = "--delta", ["DecorrelationSweeps"] = "--decorrelation",
            ["BurnInSweeps"] = "--burn-in", ["MaxDegreeOfParallelism"] = "--threads",
        };

        internal MetropolisOptions Read(ParseResult p, double gamma) => MetropolisOptions.Default with
        {
            Particles = p.GetValue(Particles),
            Box = p.GetValue(Box),
            Gamma = gamma,
            Temperature = p.GetValue(Temperature),
            SweepsPerSample = p.GetValue(Sweeps),
            MaxDisplacement = p.GetValue(Delta),
            TuneMaxDisplacement = !p.GetValue(NoTune),
            TargetAcceptance = p.GetValue(TargetAcceptance),
            Potential = p.GetValue(Potential) switch
            {
                "lj" => PairPotentialKind.LennardJones,
                "fake" => PairPotentialKind.Fake,
                var other => throw new ArgumentException($"--potential must be lj or fake; got '{other}'.", "--potential"),
            },
            Cutoff = p.GetValue(Cutoff),
            ShiftAtCutoff = p.GetValue(Shift),
            Scheme = p.GetValue(Scheme) switch
            {
                "reset" or "slides" => SamplingScheme.ResetPerSample,
                "chained" or "equilibrated" => SamplingScheme.Chained,
                var other => throw new ArgumentException($"--scheme must be equilibrated, slides, reset or chained; got '{other}'.", "--scheme"),
            },
            Chains = p.GetValue(Chains),
            DecorrelationSweeps = p.GetValue(Decorrelation),
            BurnInSweeps = p.GetValue(BurnIn),
            Seed = p.GetValue(Seed),
            MaxDegreeOfParallelism = p.GetValue(Threads),
        };
    }

    private static Command Sample()
    {
        var c = new Command("sample", "Write per-γ data sets: {stem}_coordinates.npy [count, N, 2], {stem}_distances.npy [count, N, N] (particles sorted by y, then x) and metadata.json.");
        var shared = new SamplerOptions();
        var gammas = new Option<string>("--gamma") { Description = "Comma-separated γ = mgσ/ε values.", DefaultValueFactory = _ => "0.1,0.4,0.7,1.0" };
        var count = new Option<int>("--count") { Description = "Configurations per γ.", DefaultValueFactory = _ => 10_000 };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing; see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        c.Options.Add(force);
        c.Options.Add(gammas);
        c.Options.Add(count);
        c.Options.Add(output);
        shared.AddTo(c);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            var values = ParseGammas(p.GetValue(gammas)!);
            int n = p.GetValue(count);
            OptionChecks.Require(n >= 1, "--count", n, "must be ≥ 1.");
            OptionChecks.Require(p.GetValue(shared.Particles) >= 2, "--particles", p.GetValue(shared.Particles), "must be ≥ 2 for distance matrices.");
            OptionChecks.Require((long)n * p.GetValue(shared.Particles) * p.GetValue(shared.Particles) * values.Length <= MaxMatrixEntries, "--count", n,
                $"--count × --particles² × (number of γ) must be ≤ {MaxMatrixEntries} distance-matrix entries (the limit of one data set in memory).");
            foreach (var g in values) shared.Check(p, g);
            using var staged = Output.CommandOutput.Directory(p.GetValue(output)!, p.GetValue(force));
            var directory = staged.Path;
            var seed = p.GetValue(shared.Seed);
            var entries = new List<object>();
            var total = Stopwatch.StartNew();
            RunWithProgress(values.Select(g => $"γ = {g.ToString(CultureInfo.InvariantCulture)}").ToArray(), n, (index, progress) =>
            {
                double gamma = values[index];
                // Independent streams per γ: seed + index (seeds are mixed through SplitMix64).
                var options = shared.Read(p, gamma) with { Seed = seed + index };
                var watch = Stopwatch.StartNew();
                var result = EquilibratedSampling.Sample(options, n, shared.Evidence(p), progress);
                var samples = result.Samples;
                double seconds = watch.Elapsed.TotalSeconds;
                var stem = Stem(gamma);
                var files = FluidDataSet.Write(directory, stem, samples);
                entries.Add(new
                {
                    gamma, seed = options.Seed, files.CoordinatesFile, files.DistancesFile, files.Count, files.Particles,
                    maxDisplacement = samples.MaxDisplacement, acceptance = samples.Acceptance,
                    meanEnergyPerParticle = samples.MeanEnergyPerParticle, proposals = samples.Proposals, samplingSeconds = seconds,
                    equilibration = EvidenceJson(result.Evidence),
                });
                var e = result.Evidence;
                return $"γ = {gamma}: δ = {samples.MaxDisplacement:F3}, acceptance {samples.Acceptance:F3}, ⟨U'/N⟩ = {e.SampleEnergyPerParticle:F3} ± {e.SampleStandardError:F3} vs reference {e.ReferenceEnergyPerParticle:F3} ± {e.ReferenceStandardError:F3} (τ_int {e.IntegratedTime:F0} sweeps, {e.SweepsBetweenSamples} between samples; {(e.Equilibrated ? "equilibrated" : "NOT equilibrated")}), {seconds:F1} s";
            });
            var o = shared.Read(p, values[0]);
            var metadata = new
            {
                generator = $"vae {typeof(FluidsCommand).Assembly.GetName().Version} fluids sample",
                model = "U' = Σ_{i<j} u(r_ij) + γ Σ_i y_i, reduced LJ units (ε, σ, m), hard walls [0, L]²",
                sortKey = "particles of each configuration sorted ascending by y, then x, then original index",
                coordinates = "<f8 [count, N, 2] (x, y) in σ",
                distances = "<f4 [count, N, N] in σ",
                particles = o.Particles, box = o.Box, temperature = o.Temperature, potential = o.Potential.ToString(),
                cutoff = CutoffText(o.Cutoff),
                shiftAtCutoff = o.ShiftAtCutoff, scheme = o.Scheme.ToString(), schemeOption = p.GetValue(shared.Scheme), sweepsPerSample = o.SweepsPerSample,
                burnInSweeps = o.BurnInSweeps, decorrelationSweeps = o.DecorrelationSweeps, chains = o.Chains,
                initialMaxDisplacement = o.MaxDisplacement, tuneMaxDisplacement = o.TuneMaxDisplacement,
                targetAcceptance = o.TargetAcceptance, warmupSweeps = o.WarmupSweeps, minimumStartDistance = o.MinimumStartDistance,
                seed, count = n, totalSeconds = total.Elapsed.TotalSeconds, dataSets = entries,
            };
            AtomicFile.WriteAllText(Path.Combine(directory, "metadata.json"), JsonSerializer.Serialize(metadata, Json));
            staged.Commit();
            Console.WriteLine($"wrote {values.Length} data sets of {n} configurations to {staged.FinalPath} in {total.Elapsed.TotalSeconds:F1} s");
            return 0;
        });
        return c;
    }

    private static Command Equilibrate()
    {
        var c = new Command("equilibrate", "Energy per particle against sweep from random starts vs long reference chains: how many sweeps per sample are needed.");
        var shared = new SamplerOptions();
        var gamma = new Option<double>("--gamma") { Description = "γ = mgσ/ε.", DefaultValueFactory = _ => 1.0 };
        var replicas = new Option<int>("--replicas") { Description = "Random starts traced.", DefaultValueFactory = _ => EquilibrationOptions.Default.Replicas };
        var traced = new Option<int>("--trace-sweeps") { Description = "Sweeps traced per replica.", DefaultValueFactory = _ => EquilibrationOptions.Default.Sweeps };
        var tolerance = new Option<double>("--tolerance") { Description = "Tolerance in ε per particle.", DefaultValueFactory = _ => EquilibrationOptions.Default.Tolerance };
        var csv = new Option<string?>("--csv") { Description = "Also write sweep,energy,se,height to this CSV file." };
        var force = Output.CommandOutput.ForceOption();
        foreach (var o in new Option[] { gamma, replicas, traced, tolerance, csv, force }) c.Options.Add(o);
        shared.AddTo(c);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            var options = shared.Read(p, p.GetValue(gamma));
            shared.Check(p, p.GetValue(gamma));
            OptionChecks.Require(p.GetValue(replicas) >= 2, "--replicas", p.GetValue(replicas), "must be ≥ 2.");
            OptionChecks.Require(p.GetValue(traced) >= 1, "--trace-sweeps", p.GetValue(traced), "must be ≥ 1.");
            OptionChecks.Require(p.GetValue(tolerance) > 0 && double.IsFinite(p.GetValue(tolerance)), "--tolerance", p.GetValue(tolerance), "must be finite and > 0.");
            using var staged = p.GetValue(csv) is { } csvPath ? Output.CommandOutput.File(csvPath, p.GetValue(force), "--csv") : null;
            var report = Equilibration.Measure(options, EquilibrationOptions.Default with
            {
                Replicas = p.GetValue(replicas), Sweeps = p.GetValue(traced), Tolerance = p.GetValue(tolerance),
            });
            Console.WriteLine($"δ = {report.MaxDisplacement:F3}; equilibrium U'/N = {report.EquilibriumEnergyPerParticle:F4} ± {report.EquilibriumStandardError:F4} (τ_int {report.EquilibriumIntegratedTime:F1} sweeps)");
            foreach (var s in new[] { 1, 10, 50, 100, 200, 500, 1000, 2000, 5000, 10000 }.Where(s => s <= report.EnergyPerParticle.Count))
                Console.WriteLine($"  after {s,5} sweeps: U'/N = {report.EnergyPerParticle[s - 1],8:F4} ± {report.StandardError[s - 1]:F4}, ⟨y⟩ = {report.MeanHeight[s - 1]:F3}");
            Console.WriteLine(report.SweepsToEquilibrium > 0
                ? $"within ±({report.Tolerance} + 3 SE) of equilibrium from sweep {report.SweepsToEquilibrium} on"
                : $"not within ±{report.Tolerance} of equilibrium after {report.EnergyPerParticle.Count} sweeps");
            if (staged is not null)
            {
                AtomicFile.WriteAllText(staged.Path, "sweep,energy_per_particle,standard_error,mean_height\n" + string.Concat(
                    report.EnergyPerParticle.Select((e, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1},{e:R},{report.StandardError[i]:R},{report.MeanHeight[i]:R}\n"))));
                staged.Commit();
            }
            return 0;
        });
        return c;
    }


    private static Command Bench()
    {
        var c = new Command("bench", "Proposals per second of the sampler: one chain per thread (--threads; −1: one per core) from a random start, δ fixed (the C++ reference's workload).");
        var shared = new SamplerOptions();
        var gamma = new Option<double>("--gamma") { Description = "γ = mgσ/ε.", DefaultValueFactory = _ => 1.0 };
        var sweeps = new Option<int>("--bench-sweeps") { Description = "Sweeps per chain.", DefaultValueFactory = _ => 200_000 };
        var repeats = new Option<int>("--repeats") { Description = "Timed repetitions (best and median reported).", DefaultValueFactory = _ => 3 };
        foreach (var o in new Option[] { gamma, sweeps, repeats }) c.Options.Add(o);
        shared.AddTo(c);
        c.SetAction(p =>
        {
            CommandRunner.UseBestNumerics();
            shared.Check(p, p.GetValue(gamma)); // every sampler option, --threads (−1 or ≥ 1) and --gamma, named
            OptionChecks.Require(p.GetValue(sweeps) >= 1, "--bench-sweeps", p.GetValue(sweeps), "must be ≥ 1.");
            OptionChecks.Require(p.GetValue(repeats) >= 1, "--repeats", p.GetValue(repeats), "must be ≥ 1.");
            int threads = p.GetValue(shared.Threads) == -1 ? Environment.ProcessorCount : p.GetValue(shared.Threads);
            var options = shared.Read(p, p.GetValue(gamma)) with
            {
                TuneMaxDisplacement = false, Scheme = SamplingScheme.Chained, Chains = threads, BurnInSweeps = 0,
                DecorrelationSweeps = p.GetValue(sweeps), MaxDegreeOfParallelism = threads,
            };
            Metropolis.Sample(options with { DecorrelationSweeps = Math.Max(1, p.GetValue(sweeps) / 50) }, threads); // JIT warm-up
            var rates = new List<double>();
            MetropolisSamples? last = null;
            for (int r = 0; r < p.GetValue(repeats); r++)
            {
                var watch = Stopwatch.StartNew();
                last = Metropolis.Sample(options, threads);
                rates.Add(last.Proposals / watch.Elapsed.TotalSeconds);
            }
            rates.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cs threads={threads} proposals={last!.Proposals} best_proposals_per_s={rates[^1]:F0} median_proposals_per_s={rates[rates.Count / 2]:F0} acceptance={last.Acceptance:F4}"));
            return 0;
        });
        return c;
    }

    /// <summary>The metadata.json form of an <see cref="EquilibrationEvidence"/>.</summary>
    internal static object EvidenceJson(EquilibrationEvidence e) => new
    {
        scheme = e.Scheme.ToString(), e.SweepsBetweenSamples, e.BurnInSweeps,
        e.SampleEnergyPerParticle, e.SampleStandardError, e.SampleIntegratedTime,
        e.ReferenceEnergyPerParticle, e.ReferenceStandardError, integratedTimeSweeps = e.IntegratedTime, integratedTimesSweeps = e.IntegratedTimes,
        e.ReferenceChains, e.ReferenceSweeps, e.ReferenceBurnInSweeps, e.Deviation, e.CombinedStandardError,
        e.SpacingInIntegratedTimes, e.Acceptance, e.MaxDisplacement, e.Tolerance, e.Equilibrated,
        criterion = "|sample − reference| ≤ tolerance + 3·combined standard error",
    };

    private static double[] ParseGammas(string text)
    {
        var values = OptionChecks.NonNegativeNumbers(text, "--gamma");
        var repeated = values.GroupBy(Stem).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new ArgumentException($"--gamma '{text}' names γ = {repeated.Key[6..]} more than once (each γ is one data set).", "--gamma");
        return values;
    }

    /// <summary>The file stem of a γ's data set: the shortest round-trip form, so distinct γ never share a file.</summary>
    private static string Stem(double gamma) => "gamma_" + gamma.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Largest number of distance-matrix entries (float32) one command holds: 2³¹ − 1, the .NET array limit (8 GiB).</summary>
    private const long MaxMatrixEntries = int.MaxValue;

    /// <summary>Runs one job per label with a Spectre progress bar (plain lines when output is redirected).</summary>
    private static void RunWithProgress(string[] labels, int total, Func<int, IProgress<int>, string> job)
    {
        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            for (int i = 0; i < labels.Length; i++) Console.WriteLine(job(i, new CallbackProgress(_ => { })));
            return;
        }
        var lines = new List<string>();
        AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var tasks = labels.Select(l => ctx.AddTask(Markup.Escape(l), autoStart: false, maxValue: total)).ToArray();
                for (int i = 0; i < labels.Length; i++)
                {
                    var task = tasks[i];
                    task.StartTask();
                    lines.Add(job(i, new CallbackProgress(done => task.Value = done)));
                    task.Value = total;
                    task.StopTask();
                }
            });
        foreach (var l in lines) Console.WriteLine(l);
    }

    private sealed class CallbackProgress(Action<int> report) : IProgress<int>
    {
        public void Report(int value) => report(value);
    }
}
