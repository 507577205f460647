using System.Globalization;
using System.Text.Json;
using Vae.Fluids.Data;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Cli.Commands;

// The physics a fluids data set was sampled with, as metadata.json records it, and the pair potential of the Boltzmann
// pair-energy anomaly score that follows from it.
internal static partial class FluidsCommand
{
    /// <summary>The metadata.json form of a cutoff: "none" for the untruncated potential, else its round-trip value in σ.</summary>
    private static string CutoffText(double cutoff) =>
        double.IsPositiveInfinity(cutoff) ? "none" : cutoff.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>The physics the data was sampled with, from its metadata.json (potential, cutoff and shift, temperature, N,
    /// box L), for the energies of generated and held-out configurations; γ is set per data set by the caller.</summary>
    /// <exception cref="InvalidDataException">A field is missing or out of range.</exception>
    private static MetropolisOptions DataPhysics(FluidSplit split) => DataPhysics(split.Directory, split.Train.Particles);

    /// <summary>The physics of the <c>vae fluids sample</c> directory <paramref name="directory"/>, from its metadata.json
    /// (potential, cutoff and shift, temperature, box L: the field <c>box</c>, which <see cref="ReadSplit"/> reads too),
    /// with N = <paramref name="particles"/>, the size of its distance matrices; γ is set per data set by the caller.</summary>
    /// <exception cref="FileNotFoundException">The metadata.json does not exist.</exception>
    /// <exception cref="InvalidDataException">A field is missing or out of range.</exception>
    private static MetropolisOptions DataPhysics(string directory, int particles)
    {
        var file = Path.Combine(directory, "metadata.json");
        using var meta = Output.Metadata.Parse(file);
        return ReadPhysics(meta.RootElement, file, MetropolisOptions.Default with { Particles = particles, Box = Output.Metadata.PositiveNumber(meta.RootElement, "box", file) });
    }

    /// <summary>Refuses anomaly scores that would compare configurations of different systems: the normal family of an
    /// anomaly directory (<paramref name="anomalyNormal"/>, recorded in <paramref name="anomalyFile"/>) must have been
    /// sampled with the physics of the model's training data (<paramref name="training"/>, recorded in
    /// <paramref name="trainingFile"/>): the same potential, cutoff (+∞ for none), shift at the cutoff, temperature, N and
    /// box L. γ is not compared: anomaly families are drawn at a γ of their own. The cutoff and shift do not enter the fake
    /// potential, so they are compared only when either side is a Lennard-Jones. A null <paramref name="anomalyNormal"/>
    /// (an anomaly directory written before the potential was recorded) is not checked;
    /// <see cref="PairEnergyPotential"/> prints a note for it.</summary>
    /// <exception cref="InvalidDataException">A compared field differs; the message names both files and lists each
    /// differing field with both values (the anomaly directory's first).</exception>
    private static void RequireSamePhysics(MetropolisOptions training, string trainingFile, MetropolisOptions? anomalyNormal, string anomalyFile)
    {
        if (anomalyNormal is null) return;
        var differences = new List<string>();
        void Compare<T>(string field, T anomaly, T trained, Func<T, string> text)
        {
            if (!EqualityComparer<T>.Default.Equals(anomaly, trained)) differences.Add($"{field} {text(anomaly)} vs {text(trained)}");
        }
        static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        Compare("potential", anomalyNormal.Potential, training.Potential, k => k.ToString());
        if (anomalyNormal.Potential != PairPotentialKind.Fake || training.Potential != PairPotentialKind.Fake)
        {
            Compare("cutoff", anomalyNormal.Cutoff, training.Cutoff, CutoffText);
            Compare("shiftAtCutoff", anomalyNormal.ShiftAtCutoff, training.ShiftAtCutoff, b => b ? "true" : "false");
        }
        Compare("temperature", anomalyNormal.Temperature, training.Temperature, Number);
        Compare("particles", anomalyNormal.Particles, training.Particles, n => n.ToString(CultureInfo.InvariantCulture));
        Compare("box", anomalyNormal.Box, training.Box, Number);
        if (differences.Count > 0)
            throw new InvalidDataException($"'{Path.GetFullPath(anomalyFile)}' (normal family) and '{Path.GetFullPath(trainingFile)}' (the model's training data) record different physics: " +
                $"{string.Join(", ", differences)}; the anomaly scores would compare configurations of different systems.");
    }

    /// <summary>The physics of the normal family of an anomaly directory (its metadata.json's <c>normal</c> object, written by
    /// <c>vae fluids anomaly-data</c>), or null when the directory was written before the potential was recorded there.</summary>
    /// <exception cref="InvalidDataException">A field is malformed or out of range.</exception>
    private static MetropolisOptions? AnomalyNormalPhysics(JsonElement root, string file)
    {
        if (!root.TryGetProperty("normal", out var normal) || normal.ValueKind != JsonValueKind.Object || !normal.TryGetProperty("potential", out _)) return null;
        return ReadPhysics(normal, file, MetropolisOptions.Default with
        {
            Particles = Output.Metadata.NonNegativeInteger(normal, "particles", file), Box = Output.Metadata.PositiveNumber(normal, "box", file),
        });
    }

    /// <summary><paramref name="physics"/> with the potential, cutoff, shift and temperature that <paramref name="element"/>
    /// records (the fields <c>vae fluids sample</c> writes), checked by <see cref="Metropolis.Validate"/>.</summary>
    private static MetropolisOptions ReadPhysics(JsonElement element, string file, MetropolisOptions physics)
    {
        var potential = Output.Metadata.String(element, "potential", file);
        var cutoffText = Output.Metadata.String(element, "cutoff", file);
        physics = physics with
        {
            Temperature = Output.Metadata.PositiveNumber(element, "temperature", file),
            Potential = Enum.TryParse<PairPotentialKind>(potential, out var kind) && Enum.IsDefined(kind) && !char.IsDigit(potential[0])
                ? kind
                : throw new InvalidDataException($"'{file}': field 'potential' is \"{potential}\"; expected one of {string.Join(", ", Enum.GetNames<PairPotentialKind>())}."),
            Cutoff = cutoffText == "none" ? double.PositiveInfinity
                : double.TryParse(cutoffText, NumberStyles.Float, CultureInfo.InvariantCulture, out var cutoff) && cutoff > 0 && double.IsFinite(cutoff) ? cutoff
                : throw new InvalidDataException($"'{file}': field 'cutoff' is \"{cutoffText}\"; expected \"none\" or a finite number > 0."),
            ShiftAtCutoff = Output.Metadata.Boolean(element, "shiftAtCutoff", file),
        };
        try { Metropolis.Validate(physics); }
        catch (ArgumentException e) { throw new InvalidDataException($"'{file}': the recorded physics is out of range: {e.Message}", e); }
        return physics;
    }

    /// <summary>The pair potential u(r) of the Boltzmann pair-energy score for normal data sampled with
    /// <paramref name="physics"/>: the sampler's own Lennard-Jones (untruncated, truncated, or truncated and shifted at its
    /// cutoff). The score takes a Lennard-Jones only: for the fake potential, or when <paramref name="physics"/> is unknown
    /// (null), it keeps the untruncated one and prints a one-line note, and <see cref="ScorePotential.Description"/> says so.</summary>
    private static ScorePotential PairEnergyPotential(MetropolisOptions? physics, string source)
    {
        if (physics is null)
        {
            const string unknown = "Lennard-Jones 4(r⁻¹² − r⁻⁶), untruncated: assumed, the data's metadata records no potential";
            Console.WriteLine($"note: '{source}' records no pair potential (written by an older vae); the pair-energy score assumes the untruncated Lennard-Jones.");
            return new ScorePotential(LennardJones.Untruncated, unknown);
        }
        if (physics.Potential == PairPotentialKind.Fake)
        {
            Console.WriteLine($"note: the normal data ('{source}') was sampled with the fake potential 4(r⁻⁴ − r⁻²), which the pair-energy score cannot use; it scores with the untruncated Lennard-Jones instead.");
            return new ScorePotential(LennardJones.Untruncated, "Lennard-Jones 4(r⁻¹² − r⁻⁶), untruncated: not the data's fake potential 4(r⁻⁴ − r⁻²), which the score cannot use");
        }
        var potential = Metropolis.LennardJonesOf(physics);
        return new ScorePotential(potential, double.IsPositiveInfinity(potential.Cutoff)
            ? "Lennard-Jones 4(r⁻¹² − r⁻⁶), untruncated (the data's)"
            : $"Lennard-Jones 4(r⁻¹² − r⁻⁶) truncated at r_c = {CutoffText(potential.Cutoff)} σ{(potential.Shifted ? " and shifted to u(r_c) = 0" : "")} (the data's)");
    }

    /// <summary>The pair potential of the pair-energy score and its description for the JSON output.</summary>
    private sealed record ScorePotential(LennardJones Potential, string Description);
}
