using Vae.Core.Collections;
using System.Globalization;
using System.Text.Json;

namespace Vae.Fluids.Data;

/// <summary>
/// The <c>metadata.json</c> of a fluids data directory, as written by <c>vae fluids sample</c> (root <c>box</c>,
/// <c>particles</c> and <c>dataSets</c>) or <c>vae fluids anomaly-data</c> (<c>normal.box</c>, <c>normal.particles</c>
/// and <c>families</c>): the box, N, and one entry per distance-matrix file.
/// </summary>
/// <param name="Box">Box side L in σ, finite and &gt; 0.</param>
/// <param name="Particles">Particles per configuration N ≥ 2.</param>
/// <param name="Entries">The data sets in file order, at least one, with distinct file names (a read-only list).</param>
/// <remarks>Only what a reader of the directory needs is parsed and checked; other fields (sampler settings, timings)
/// are ignored. Unknown layouts are refused. Equality of the list is by reference (a report, not an option).</remarks>
public sealed record FluidDataSetMetadata(double Box, int Particles, IReadOnlyList<FluidDataSetMetadataEntry> Entries)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<FluidDataSetMetadataEntry> Entries { get => _entries; init => _entries = ValueList.Copy(value); }

    private readonly IReadOnlyList<FluidDataSetMetadataEntry> _entries = ValueList.Copy(Entries);

    /// <summary>The file name inside a data directory.</summary>
    public const string FileName = "metadata.json";

    /// <summary>Reads and checks <c>DIRECTORY/metadata.json</c>.</summary>
    /// <param name="directory">A directory written by <c>vae fluids sample</c> or <c>vae fluids anomaly-data</c>.</param>
    /// <returns>The parsed metadata; file names are relative to <paramref name="directory"/>.</returns>
    /// <exception cref="FileNotFoundException">There is no <c>metadata.json</c> in <paramref name="directory"/>.</exception>
    /// <exception cref="InvalidDataException">See <see cref="Parse"/>.</exception>
    public static FluidDataSetMetadata Read(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var file = Path.GetFullPath(Path.Combine(directory, FileName));
        if (!File.Exists(file)) throw new FileNotFoundException($"'{file}' does not exist; is '{directory}' a fluids data directory?", file);
        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>Parses and checks the text of a <c>metadata.json</c>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in messages.</param>
    /// <returns>The parsed metadata.</returns>
    /// <exception cref="InvalidDataException">Not JSON (or a property given twice); neither layout; <c>box</c> not a
    /// finite number &gt; 0; <c>particles</c> not an integer ≥ 2; no entries; an entry without a name, a
    /// <c>distancesFile</c> that is not a bare <c>.npy</c> file name (no directory part), or a <c>count</c> that is not an
    /// integer ≥ 0; two entries naming one file. The message names the file, the field and the value.</exception>
    public static FluidDataSetMetadata Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowDuplicateProperties = false });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{source}' is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(source, "(root)", root, "must be an object");
            bool sample = root.TryGetProperty("dataSets", out var sets);
            bool anomalies = root.TryGetProperty("families", out var families);
            if (sample == anomalies)
                throw new InvalidDataException($"'{source}': expected exactly one of 'dataSets' (vae fluids sample) or 'families' (vae fluids anomaly-data).");
            var settings = root;
            string prefix = "";
            if (anomalies)
            {
                settings = Required(root, "normal", source, "");
                if (settings.ValueKind != JsonValueKind.Object) throw Bad(source, "normal", settings, "must be an object");
                prefix = "normal.";
            }
            double box = Number(Required(settings, "box", source, prefix), source, prefix + "box");
            if (!(box > 0)) throw Bad(source, prefix + "box", settings.GetProperty("box"), "must be > 0");
            int particles = Integer(Required(settings, "particles", source, prefix), source, prefix + "particles");
            if (particles < 2) throw Bad(source, prefix + "particles", settings.GetProperty("particles"), "must be ≥ 2");
            var list = sample ? sets : families;
            string listName = sample ? "dataSets" : "families";
            if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
                throw Bad(source, listName, list, "must be a non-empty array");
            var entries = new List<FluidDataSetMetadataEntry>();
            var files = new HashSet<string>(StringComparer.Ordinal);
            int index = 0;
            foreach (var e in list.EnumerateArray())
            {
                string at = $"{listName}[{index++}]";
                if (e.ValueKind != JsonValueKind.Object) throw Bad(source, at, e, "must be an object");
                var nameElement = Required(e, sample ? "gamma" : "family", source, at + ".");
                string name = sample
                    ? Number(nameElement, source, at + ".gamma").ToString("R", CultureInfo.InvariantCulture)
                    : Text(nameElement, source, at + ".family");
                var fileElement = Required(e, "distancesFile", source, at + ".");
                string file = Text(fileElement, source, at + ".distancesFile");
                if (!IsBareNpyName(file)) throw Bad(source, at + ".distancesFile", fileElement, "must be a .npy file name without a directory part");
                if (!files.Add(file)) throw Bad(source, at + ".distancesFile", fileElement, "names a file that an earlier entry names too");
                var countElement = Required(e, "count", source, at + ".");
                int count = Integer(countElement, source, at + ".count");
                if (count < 0) throw Bad(source, at + ".count", countElement, "must be ≥ 0");
                entries.Add(new FluidDataSetMetadataEntry(name, file, count));
            }
            return new FluidDataSetMetadata(box, particles, entries.AsReadOnly());
        }
    }

    private static bool IsBareNpyName(string file) =>
        file.Length > 4 && file.EndsWith(".npy", StringComparison.Ordinal) && file == Path.GetFileName(file)
        && file.IndexOfAny(Path.GetInvalidFileNameChars()) < 0 && file.IndexOf('\\') < 0;

    private static JsonElement Required(JsonElement e, string name, string source, string prefix) =>
        e.TryGetProperty(name, out var value) ? value : throw new InvalidDataException($"'{source}' lacks the field '{prefix}{name}'.");

    private static double Number(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw Bad(source, field, v, "must be a finite number");

    private static int Integer(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw Bad(source, field, v, "must be an integer");

    private static string Text(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : throw Bad(source, field, v, "must be a non-empty string");

    private static InvalidDataException Bad(string source, string field, JsonElement value, string problem)
    {
        var raw = value.GetRawText();
        return new($"'{source}': field '{field}' = {(raw.Length <= 80 ? raw : raw[..80] + "…")} {problem}.");
    }
}
