using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vae.Core.IO;
using System.Text;
using Vae.Core.Numerics;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Spectrum;
using Vae.Quantum.Validation;

using Vae.Reproduce.Figures;
using Vae.Reproduce.QuantumPaper;

namespace Vae.Cli.Commands;

/// <summary><c>vae quantum</c>: validate the closed-form perturbation theory against numerics.</summary>
internal static class QuantumCommand
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    internal static Command Create()
    {
        var command = new Command("quantum", "Particle in a box perturbed by V(z) = sin(2πtz) (Andrés-Terré & Lió): analytic vs numeric perturbation theory.");
        command.Subcommands.Add(Validate());
        command.Subcommands.Add(Paper());
        command.Subcommands.Add(Spectrum());
        return command;
    }

    private static Command Spectrum()
    {
        var clusters = new Option<int>("--clusters") { Description = "Number of clusters k, 2 to 32 (make_classification classes, one cluster each, 5 informative features).", DefaultValueFactory = _ => 4 };
        var output = new Option<string>("--out") { Description = "Output directory (created): spectrum.json, samples.csv, energy.csv, psi.svg, spectrum.svg (see docs/reliability.md).", Required = true };
        var force = Output.CommandOutput.ForceOption();
        var seed = new Option<int>("--seed") { Description = "Seed of the data, the VAE and the ψ network.", DefaultValueFactory = _ => 0 };
        var samples = new Option<int>("--samples") { Description = "Samples.", DefaultValueFactory = _ => Figure2Options.Default.Samples };
        var vaeEpochs = new Option<int>("--vae-epochs") { Description = "VAE training epochs.", DefaultValueFactory = _ => Figure2Options.Default.VaeEpochs };
        var epochs = new Option<int>("--epochs") { Description = "ψ-network training epochs.", DefaultValueFactory = _ => Vae.Quantum.Spectrum.PsiNetworkOptions.Default.Epochs };
        var coordinate = new Option<string>("--coordinate") { Description = "z in n = (L/π) arcsin(Lψ²/2)/z: norm (‖z‖) or per-coordinate (mean of n_j).", DefaultValueFactory = _ => "norm" };
        var domain = new Option<string>("--domain") { Description = "arcsin domain: squash (ψ = √2 tanh r) or clamp.", DefaultValueFactory = _ => "squash" };
        var alpha = new Option<double>("--alpha") { Description = "α, the weight of E⁰ = α n².", DefaultValueFactory = _ => Vae.Quantum.Spectrum.PsiNetworkOptions.Default.Alpha };
        var minima = new Option<double?>("--t") { Description = "t, minima of V (default: k)." };
        var u0 = new Option<double>("--u0") { Description = "Initial arcsin argument u₀ = Lψ²/2 of every sample.", DefaultValueFactory = _ => Vae.Quantum.Spectrum.PsiNetworkOptions.Default.InitialArcsinArgument };
        var command = new Command("spectrum", "Reproduce the paper's Fig. 2: make_classification → VAE → ψ network; n and E_n per cluster and the adjusted Rand index.");
        foreach (var o in new Option[] { clusters, output, seed, samples, vaeEpochs, epochs, coordinate, domain, alpha, minima, u0, force }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            CommandRunner.UseBestNumerics();
            var k = parse.GetValue(clusters);
            var t = parse.GetValue(minima);
            var psi = Vae.Quantum.Spectrum.PsiNetworkOptions.Default with
            {
                Alpha = parse.GetValue(alpha),
                Epochs = parse.GetValue(epochs),
                InitialArcsinArgument = parse.GetValue(u0),
                Minima = t ?? k,
                Coordinate = parse.GetValue(coordinate) switch
                {
                    "norm" => Vae.Quantum.Spectrum.LatentCoordinate.Norm,
                    "per-coordinate" => Vae.Quantum.Spectrum.LatentCoordinate.PerCoordinateMean,
                    var other => throw new ArgumentException($"--coordinate must be norm or per-coordinate; got '{other}'.", "--coordinate"),
                },
                Domain = parse.GetValue(domain) switch
                {
                    "squash" => Vae.Quantum.Spectrum.ArcsinDomain.Squash,
                    "clamp" => Vae.Quantum.Spectrum.ArcsinDomain.Clamp,
                    var other => throw new ArgumentException($"--domain must be squash or clamp; got '{other}'.", "--domain"),
                },
            };
            var options = Figure2Options.Default with
            {
                Samples = parse.GetValue(samples),
                VaeEpochs = parse.GetValue(vaeEpochs),
                Seed = parse.GetValue(seed),
                Psi = psi,
                MinimaFromClusters = t is null,
            };
            // make_classification places one cluster per class on the vertices of a hypercube in the informative features.
            int maxClusters = Math.Min(100, 1 << options.Informative);
            OptionChecks.Require(k >= 2 && k <= maxClusters, "--clusters", k, $"must be in [2, {maxClusters}] (one cluster per hypercube vertex of the {options.Informative} informative features).");
            OptionChecks.Require(options.VaeEpochs >= 1, "--vae-epochs", options.VaeEpochs, "must be ≥ 1.");
            OptionChecks.Require(options.Samples >= k && options.Samples <= 1_000_000, "--samples", options.Samples, $"must be in [--clusters = {k}, 1000000].");
            OptionChecks.Check(psi.Validate, new Dictionary<string, string> { ["Minima"] = "--t", ["InitialArcsinArgument"] = "--u0" });
            using var staged = Output.CommandOutput.Directory(parse.GetValue(output)!, parse.GetValue(force));
            var report = Figure2.PsiNetwork(k, options);
            var directory = staged.FinalPath;
            SpectrumFiles.Write(staged.Path, k, report);
            staged.Commit();
            var table = new Table().AddColumns("cluster", "samples", "mean n", "sd n", "mean E_n", "dominant level", "share");
            foreach (var c in report.Clusters)
                table.AddRow(c.Label.ToString(CultureInfo.InvariantCulture), c.Count.ToString(CultureInfo.InvariantCulture), c.MeanQuantumNumber.ToString("F4", CultureInfo.InvariantCulture),
                    c.QuantumNumberStdDev.ToString("F4", CultureInfo.InvariantCulture), c.MeanEnergy.ToString("F5", CultureInfo.InvariantCulture),
                    c.DominantLevel.ToString(CultureInfo.InvariantCulture), c.DominantLevelFraction.ToString("P1", CultureInfo.InvariantCulture));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"k = {k}, t = {report.Options.Minima:R}, α = {report.Options.Alpha:R}: adjusted Rand index (levels vs labels) = {report.AdjustedRandIndex:F4}; files in {Markup.Escape(directory)}");
            return 0;
        });
        return command;
    }

    private static Command Paper()
    {
        var nmax = new Option<int>("--nmax") { Description = "Largest n compared.", DefaultValueFactory = _ => 10 };
        var minima = new Option<string>("--t") { Description = "Values of t: start:step:end (inclusive) or a comma list.", DefaultValueFactory = _ => "0.1:0.1:5" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table." };
        var command = new Command("paper", "Compare the paper's printed E¹ formula (its (−1)^t, cos πt and N² terms, verbatim) with the exact integral under candidate conventions.");
        foreach (var o in new Option[] { nmax, minima, json }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            CommandRunner.UseBestNumerics();
            OptionChecks.Require(parse.GetValue(nmax) is >= 1 and <= ValidationOptions.MaxLevelLimit, "--nmax", parse.GetValue(nmax), $"must be in [1, {ValidationOptions.MaxLevelLimit}].");
            var ts = ParseGrid(parse.GetValue(minima)!, "--t");
            OptionChecks.Require(ts.All(double.IsFinite), "--t", $"'{parse.GetValue(minima)}'", "every t must be finite.");
            var rows = PaperComparison.Run(parse.GetValue(nmax), ts);
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(rows, Json));
                return 0;
            }
            var table = new Table().AddColumns("convention", "(−1)^t", "N", "max |Δ| integer t", "max |Δ| other t", "max |Im|", "max |exact|");
            foreach (var r in rows)
                table.AddRow(r.Convention.ToString(), r.SignFactor.ToString(), r.CapitalN, Format(r.MaxDeviationIntegerT), Format(r.MaxDeviationNonIntegerT), Format(r.MaxImaginaryPart), Format(r.MaxExact));
            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine($"{rows[0].Comparisons} points (n, t) per row; t = 0 and t = 2n skipped (0/0 in the printed formula).");
            return 0;
        });
        return command;
    }

    private static string Format(double value) => value.ToString("E2", CultureInfo.InvariantCulture);

    private static Command Validate()
    {
        var nmax = new Option<int>("--nmax") { Description = "Largest quantum number n, m compared; also the basis size N (truncation of E²).", DefaultValueFactory = _ => ValidationOptions.Default.MaxLevel };
        var minima = new Option<string>("--t") { Description = "Values of t: start:step:end (inclusive) or a comma list.", DefaultValueFactory = _ => "0.1:0.1:5" };
        var length = new Option<double>("--length") { Description = "Box length L.", DefaultValueFactory = _ => ValidationOptions.Default.Length };
        var coefficient = new Option<double>("--coefficient") { Description = "Kinetic coefficient A of H⁰ = −A d²/dz².", DefaultValueFactory = _ => ValidationOptions.Default.Coefficient };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var output = new Option<string?>("--out") { Description = "Also write the JSON report to this file (see docs/reliability.md)." };
        var force = Output.CommandOutput.ForceOption();
        var command = new Command("validate", "Largest |analytic − numeric| of E⁰, V_mn, E¹, c_mn, E² (quadrature, Gauss–Kronrod) and fitted orders (exact diagonalisation in λ, finite differences in h).");
        foreach (var o in new Option[] { nmax, minima, length, coefficient, json, output, force }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            CommandRunner.UseBestNumerics();
            var options = ValidationOptions.Default with
            {
                MaxLevel = parse.GetValue(nmax),
                Minima = ParseGrid(parse.GetValue(minima)!, "--t"),
                Length = parse.GetValue(length),
                Coefficient = parse.GetValue(coefficient),
            };
            OptionChecks.Check(options.Validate, new Dictionary<string, string> { ["MaxLevel"] = "--nmax", ["Minima"] = "--t", ["Length"] = "--length", ["Coefficient"] = "--coefficient" });
            using var staged = parse.GetValue(output) is { } path ? Output.CommandOutput.File(path, parse.GetValue(force), "--out") : null;
            var watch = Stopwatch.StartNew();
            var report = QuantumValidation.Run(options);
            watch.Stop();
            var text = JsonSerializer.Serialize(report, Json);
            if (staged is not null)
            {
                AtomicFile.WriteAllText(staged.Path, text + "\n");
                staged.Commit();
            }
            if (parse.GetValue(json)) Console.WriteLine(text);
            else Render(report, watch.Elapsed);
            return 0;
        });
        return command;
    }

    private static void Render(ValidationReport report, TimeSpan elapsed)
    {
        var o = report.Options;
        AnsiConsole.MarkupLine($"[bold]L = {o.Length:R}, A = {o.Coefficient:R}, n, m ≤ {o.MaxLevel}, {o.Minima.Count} values of t in [[{o.Minima.Min():R}, {o.Minima.Max():R}]][/] ({elapsed.TotalMilliseconds:F0} ms, backend {VaeNumerics.Backend})");
        var errors = new Table().AddColumns("quantity", "numeric reference", "max |Δ|", "compared", "at t", "at m, n");
        foreach (var e in report.Errors)
            errors.AddRow(Markup.Escape(e.Quantity), Markup.Escape(e.Reference), e.MaxAbsoluteError.ToString("E2", CultureInfo.InvariantCulture),
                e.Comparisons.ToString(CultureInfo.InvariantCulture), double.IsNaN(e.AtMinima) ? "–" : e.AtMinima.ToString("R", CultureInfo.InvariantCulture), $"{e.AtM}, {e.AtN}");
        AnsiConsole.Write(errors);
        var orders = new Table().AddColumns("", "fitted order", "expected", "median", "min … max", "within ±0.2", "worst at t, n");
        var index = 0;
        foreach (var r in report.Orders)
            orders.AddRow($"({++index})", Markup.Escape(r.Quantity), r.Expected.ToString("F0", CultureInfo.InvariantCulture), r.Median.ToString("F3", CultureInfo.InvariantCulture),
                $"{r.Minimum.ToString("F3", CultureInfo.InvariantCulture)} … {r.Maximum.ToString("F3", CultureInfo.InvariantCulture)}",
                $"{r.WithinTolerance}/{r.Fits}", $"{r.WorstMinima.ToString("R", CultureInfo.InvariantCulture)}, {r.WorstLevel}");
        AnsiConsole.Write(orders);
        index = 0;
        foreach (var r in report.Orders)
            AnsiConsole.MarkupLine($"({++index}) {Markup.Escape(r.Condition)}");
    }

    /// <summary>Parses "start:step:end" (inclusive, computed in decimal so 0.1:0.1:5 gives exactly k/10) or "a,b,c".</summary>
    internal static IReadOnlyList<double> ParseGrid(string text, string optionName)
    {
        var parts = text.Split(':', StringSplitOptions.TrimEntries);
        try
        {
            if (parts.Length == 3)
            {
                decimal start = decimal.Parse(parts[0], CultureInfo.InvariantCulture), step = decimal.Parse(parts[1], CultureInfo.InvariantCulture),
                    end = decimal.Parse(parts[2], CultureInfo.InvariantCulture);
                if (step <= 0 || end < start)
                    throw new ArgumentException($"{optionName} '{text}': the step must be positive and end ≥ start.", optionName);
                var count = (int)decimal.Floor((end - start) / step) + 1;
                if (count > 100_000)
                    throw new ArgumentException($"{optionName} '{text}' has {count} values; at most 100000 are allowed.", optionName);
                return Enumerable.Range(0, count).Select(k => (double)(start + k * step)).ToArray();
            }
            if (parts.Length == 1)
                return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(s => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"{optionName} '{text}' is not start:step:end or a comma list of numbers.", optionName, e);
        }
        catch (OverflowException e)
        {
            throw new ArgumentException($"{optionName} '{text}' is out of range.", optionName, e);
        }
        throw new ArgumentException($"{optionName} '{text}' is not start:step:end or a comma list of numbers.", optionName);
    }

    /// <summary>Writes the data and figures of <c>vae quantum spectrum</c> (each file atomically).</summary>
    private static class SpectrumFiles
    {
        internal static void Write(string directory, int clusters, SpectrumReport report)
        {
            Directory.CreateDirectory(directory);
            var p = report.Prediction;
            var summary = new
            {
                clusters,
                adjustedRandIndex = report.AdjustedRandIndex,
                perCluster = report.Clusters,
                options = report.Options,
                trainingLoss = report.TrainingLoss,
            };
            AtomicFile.WriteAllText(Path.Combine(directory, "spectrum.json"), JsonSerializer.Serialize(summary, Json) + "\n");

            var csv = new StringBuilder("index,label," + string.Join(",", Enumerable.Range(1, report.Latent.ColumnCount).Select(j => $"z{j}")) + ",coordinate,psi,n,energy,level\n");
            for (var i = 0; i < report.Labels.Count; i++)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{i},{report.Labels[i]},");
                for (var j = 0; j < report.Latent.ColumnCount; j++) csv.Append(CultureInfo.InvariantCulture, $"{report.Latent[i, j]:R},");
                csv.Append(CultureInfo.InvariantCulture, $"{p.Coordinate[i]:R},{p.Psi[i]:R},{p.QuantumNumber[i]:R},{p.Energy[i]:R},{p.Level[i]}\n");
            }
            AtomicFile.WriteAllText(Path.Combine(directory, "samples.csv"), csv.ToString());

            var (grid, energy) = SpectrumFigures.EnergyCurve(report);
            AtomicFile.WriteAllText(Path.Combine(directory, "energy.csv"),
                "n,energy\n" + string.Concat(grid.Select((n, i) => string.Create(CultureInfo.InvariantCulture, $"{n:R},{energy[i]:R}\n"))));

            AtomicFile.WriteAllText(Path.Combine(directory, "psi.svg"), SpectrumFigures.PsiObservations(report, clusters));
            AtomicFile.WriteAllText(Path.Combine(directory, "spectrum.svg"), SpectrumFigures.Spectrum(report, clusters));
        }
    }
}
