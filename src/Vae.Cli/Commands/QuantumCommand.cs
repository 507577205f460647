using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Vae.Core.IO;
using Vae.Core.Numerics;
using Vae.Quantum.Validation;

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
        return command;
    }

    private static Command Validate()
    {
        var nmax = new Option<int>("--nmax") { Description = "Largest quantum number n, m compared; also the basis size N (truncation of E²).", DefaultValueFactory = _ => 30 };
        var minima = new Option<string>("--t") { Description = "Values of t: start:step:end (inclusive) or a comma list.", DefaultValueFactory = _ => "0.1:0.1:5" };
        var length = new Option<double>("--length") { Description = "Box length L.", DefaultValueFactory = _ => 1.0 };
        var coefficient = new Option<double>("--coefficient") { Description = "Kinetic coefficient A of H⁰ = −A d²/dz².", DefaultValueFactory = _ => 1.0 };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON instead of a table." };
        var output = new Option<string?>("--out") { Description = "Also write the JSON report to this file." };
        var command = new Command("validate", "Largest |analytic − numeric| of E⁰, V_mn, E¹, c_mn, E² (quadrature, Gauss–Kronrod) and fitted orders (exact diagonalisation in λ, finite differences in h).");
        foreach (var o in new Option[] { nmax, minima, length, coefficient, json, output }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            VaeNumerics.UseBestAvailable();
            var options = ValidationOptions.Default with
            {
                MaxLevel = parse.GetValue(nmax),
                Minima = ParseGrid(parse.GetValue(minima)!, "--t"),
                Length = parse.GetValue(length),
                Coefficient = parse.GetValue(coefficient),
            };
            var watch = Stopwatch.StartNew();
            var report = QuantumValidation.Run(options);
            watch.Stop();
            var text = JsonSerializer.Serialize(report, Json);
            if (parse.GetValue(output) is { } path) AtomicFile.WriteAllText(path, text + "\n");
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
}
