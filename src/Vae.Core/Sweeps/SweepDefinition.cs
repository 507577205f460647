using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vae.Core.Data;
using Vae.Core.Collections;

namespace Vae.Core.Sweeps;

/// <summary>
/// A sweep: a base configuration and grid axes, read from <c>SWEEP/sweep.json</c> (schema in docs/sweeps.md).
/// <see cref="Expand"/> gives the runs: the Cartesian product of the axes, the first axis varying slowest, values in
/// file order.
/// </summary>
/// <param name="Name">The sweep's name (free text).</param>
/// <param name="Base">The options every run starts from.</param>
/// <param name="Axes">The grid axes in file order, at least one.</param>
/// <remarks>Equality is by content: the axes compare element by element.</remarks>
public sealed record SweepDefinition(string Name, RunConfiguration Base, IReadOnlyList<SweepAxis> Axes)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<SweepAxis> Axes { get => _axes; init => _axes = ValueList.Copy(value); }

    private readonly IReadOnlyList<SweepAxis> _axes = ValueList.Copy(Axes);

    /// <summary>The sweep file's name inside a sweep directory.</summary>
    public const string FileName = "sweep.json";

    /// <summary>The most runs a grid may expand to (the product of its axis lengths): 100 000.</summary>
    public const int MaxRuns = 100_000;

    /// <summary>Options a grid may vary.</summary>
    public static IReadOnlyList<string> AxisNames { get; } =
        Array.AsReadOnly(["seed", "alpha", "latent", "beta", "samples", "epochs", "learning_rate", "objective"]);

    private static readonly string[] BaseFields =
    [
        "dataset", "data_dir", "epochs", "batch_size", "hidden", "latent", "objective", "alpha", "samples", "beta",
        "anneal_steps", "learning_rate", "eval_samples", "eval_every", "bound_samples", "seed", "threads",
    ];

    /// <summary>The runs of the grid, in expansion order (first axis slowest, values in file order).</summary>
    /// <returns>One configuration per grid point.</returns>
    public IReadOnlyList<RunConfiguration> Expand()
    {
        var runs = new List<RunConfiguration> { Base };
        foreach (var axis in Axes)
        {
            var next = new List<RunConfiguration>(runs.Count * axis.Values.Count);
            foreach (var run in runs)
                foreach (var value in axis.Values)
                    next.Add(Apply(run, axis.Name, value));
            runs = next;
        }
        return runs.AsReadOnly();
    }

    /// <summary>The fingerprint of the run IDs in expansion order: 64 hex digits of SHA-256 over the IDs joined by
    /// newlines. Two sweep files with the same fingerprint give the same runs in the same order (hence the same shards).</summary>
    /// <returns>The fingerprint.</returns>
    public string Fingerprint() =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", Expand().Select(r => r.Id)))));

    /// <summary>The sweep file of this definition: every base field written out, the grid in axis order;
    /// <see cref="Parse"/> of it gives an equal definition.</summary>
    /// <returns>Indented JSON text ending in a newline.</returns>
    public string ToJson()
    {
        var b = Base;
        var baseJson = new JsonObject
        {
            ["dataset"] = b.Dataset, ["data_dir"] = b.DataDirectory, ["epochs"] = b.Epochs, ["batch_size"] = b.BatchSize,
            ["hidden"] = new JsonArray(b.Hidden.Select(h => (JsonNode)JsonValue.Create(h)).ToArray()), ["latent"] = b.Latent,
            ["objective"] = b.Objective, ["alpha"] = b.Alpha, ["samples"] = b.Samples, ["beta"] = b.Beta, ["anneal_steps"] = b.AnnealSteps,
            ["learning_rate"] = b.LearningRate, ["eval_samples"] = b.EvaluationSamples, ["eval_every"] = b.EvaluateEvery,
            ["bound_samples"] = b.BoundSamples, ["seed"] = b.Seed, ["threads"] = b.Threads,
        };
        var grid = new JsonObject();
        foreach (var axis in Axes)
            grid[axis.Name] = new JsonArray(axis.Values.Select(v => axis.Name == "objective" ? (JsonNode)JsonValue.Create(v) : JsonNode.Parse(v)!).ToArray());
        var root = new JsonObject { ["name"] = Name, ["base"] = baseJson, ["grid"] = grid };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>Content equality: equal name, base and axes.</summary>
    /// <param name="other">The other definition.</param>
    /// <returns>Whether both are equal.</returns>
    public bool Equals(SweepDefinition? other) =>
        other is not null && Name == other.Name && Base.Equals(other.Base) && Axes.SequenceEqual(other.Axes);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Name);
        h.Add(Base);
        foreach (var a in Axes) h.Add(a);
        return h.ToHashCode();
    }

    /// <summary>Reads and validates a sweep file.</summary>
    /// <param name="path">The sweep file (or a sweep directory, meaning its <see cref="FileName"/>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">Not JSON, an unknown field or axis, a wrong type, a value out of range, an
    /// empty axis or grid, a duplicate value, or more than <see cref="MaxRuns"/> runs; the message names the file, the field
    /// or axis and the value. <see cref="Parse"/> throws nothing else, for any text (checked by fuzzing, docs/fuzzing.md).</exception>
    public static SweepDefinition Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var file = Directory.Exists(path) ? Path.Combine(path, FileName) : path;
        file = Path.GetFullPath(file);
        if (!File.Exists(file)) throw new FileNotFoundException($"There is no sweep file '{file}'.", file);
        return Parse(File.ReadAllText(file), file);
    }

    /// <summary>Parses and validates sweep JSON.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">The file name used in error messages.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="InvalidDataException">See <see cref="Load"/>.</exception>
    public static SweepDefinition Parse(string json, string source)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(source);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"'{source}' is not valid JSON: {e.Message}", e);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw Bad(source, "(root)", root, "must be an object with name, base and grid");
            string name = "";
            RunConfiguration? @base = null;
            List<SweepAxis>? axes = null;
            foreach (var p in Properties(root, source, "(root)"))
            {
                switch (p.Name)
                {
                    case "name":
                        name = Text(p.Value, source, "name");
                        break;
                    case "base":
                        @base = ParseBase(p.Value, source);
                        break;
                    case "grid":
                        axes = ParseGrid(p.Value, source);
                        break;
                    default:
                        throw new InvalidDataException($"'{source}': unknown field '{p.Name}' (expected name, base, grid).");
                }
            }
            if (name.Trim().Length == 0) throw new InvalidDataException($"'{source}': field 'name' is missing or empty.");
            if (axes is null) throw new InvalidDataException($"'{source}': field 'grid' is missing.");
            // Checked before expanding: a few short axes multiply into more runs than memory holds.
            double runs = axes.Aggregate(1.0, (product, axis) => product * axis.Values.Count);
            if (runs > MaxRuns)
                throw new InvalidDataException($"'{source}': the grid has {runs:G6} runs ({string.Join(" × ", axes.Select(a => $"{a.Values.Count} {a.Name}"))}); at most {MaxRuns} are allowed.");
            @base ??= new RunConfiguration();
            CheckDataDirectory(@base, source);
            var definition = new SweepDefinition(name, @base, axes.AsReadOnly());
            // Values valid on their own may be invalid in combination (none today); check every run.
            foreach (var run in definition.Expand()) Check(run, source);
            return definition;
        }
    }

    private static RunConfiguration ParseBase(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Bad(source, "base", e, "must be an object");
        var c = new RunConfiguration();
        foreach (var p in Properties(e, source, "base"))
        {
            string field = $"base.{p.Name}";
            c = p.Name switch
            {
                "dataset" => c with { Dataset = Text(p.Value, source, field) },
                "data_dir" => c with { DataDirectory = Text(p.Value, source, field) },
                "hidden" => c with { Hidden = HiddenSizes(p.Value, source, field) },
                "threads" => c with { Threads = Int(p.Value, source, field) },
                "batch_size" => c with { BatchSize = Int(p.Value, source, field) },
                "anneal_steps" => c with { AnnealSteps = Long(p.Value, source, field) },
                "eval_samples" => c with { EvaluationSamples = Int(p.Value, source, field) },
                "eval_every" => c with { EvaluateEvery = Int(p.Value, source, field) },
                "bound_samples" => c with { BoundSamples = Int(p.Value, source, field) },
                _ when AxisNames.Contains(p.Name) => Apply(c, p.Name, CanonicalValue(p.Name, p.Value, source, field)),
                _ => throw new InvalidDataException($"'{source}': unknown field '{field}' (expected one of {string.Join(", ", BaseFields)})."),
            };
            CheckField(c, p.Name, p.Value, source, field);
        }
        return c;
    }

    private static List<SweepAxis> ParseGrid(JsonElement e, string source)
    {
        if (e.ValueKind != JsonValueKind.Object) throw Bad(source, "grid", e, "must be an object of axis: [values]");
        var axes = new List<SweepAxis>();
        var probe = new RunConfiguration();
        foreach (var p in Properties(e, source, "grid"))
        {
            string field = $"grid.{p.Name}";
            if (!AxisNames.Contains(p.Name))
                throw new InvalidDataException($"'{source}': unknown axis '{field}' (axes are {string.Join(", ", AxisNames)}).");
            if (p.Value.ValueKind != JsonValueKind.Array) throw Bad(source, field, p.Value, "must be an array of values");
            if (p.Value.GetArrayLength() == 0) throw new InvalidDataException($"'{source}': axis '{field}' is empty; give at least one value.");
            var values = new List<string>();
            foreach (var v in p.Value.EnumerateArray())
            {
                var text = CanonicalValue(p.Name, v, source, field);
                if (values.Contains(text))
                    throw new InvalidDataException($"'{source}': axis '{field}' has the value {v.GetRawText()} twice.");
                CheckField(Apply(probe, p.Name, text), p.Name, v, source, field);
                values.Add(text);
            }
            axes.Add(new SweepAxis(p.Name, values.AsReadOnly()));
        }
        if (axes.Count == 0) throw new InvalidDataException($"'{source}': field 'grid' is empty; give at least one axis (e.g. \"seed\": [1, 2, 3]).");
        return axes;
    }

    /// <summary>Properties of an object, rejecting a name given twice.</summary>
    private static List<JsonProperty> Properties(JsonElement e, string source, string where)
    {
        var list = new List<JsonProperty>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in e.EnumerateObject())
        {
            if (!seen.Add(p.Name)) throw new InvalidDataException($"'{source}': field '{(where == "(root)" ? p.Name : $"{where}.{p.Name}")}' is given twice.");
            list.Add(p);
        }
        return list;
    }

    private static string CanonicalValue(string axis, JsonElement v, string source, string field) => axis switch
    {
        "seed" or "latent" or "samples" or "epochs" => Int(v, source, field).ToString(CultureInfo.InvariantCulture),
        "alpha" or "beta" or "learning_rate" => Double(v, source, field).ToString("R", CultureInfo.InvariantCulture),
        "objective" => Text(v, source, field),
        _ => throw new InvalidDataException($"'{source}': unknown axis '{field}'."),
    };

    internal static RunConfiguration Apply(RunConfiguration c, string axis, string value) => axis switch
    {
        "seed" => c with { Seed = int.Parse(value, CultureInfo.InvariantCulture) },
        "latent" => c with { Latent = int.Parse(value, CultureInfo.InvariantCulture) },
        "samples" => c with { Samples = int.Parse(value, CultureInfo.InvariantCulture) },
        "epochs" => c with { Epochs = int.Parse(value, CultureInfo.InvariantCulture) },
        "alpha" => c with { Alpha = double.Parse(value, CultureInfo.InvariantCulture) },
        "beta" => c with { Beta = double.Parse(value, CultureInfo.InvariantCulture) },
        "learning_rate" => c with { LearningRate = double.Parse(value, CultureInfo.InvariantCulture) },
        "objective" => c with { Objective = value },
        _ => throw new ArgumentException($"axis '{axis}' is not one of {string.Join(", ", AxisNames)}.", nameof(axis)),
    };

    /// <summary>Range checks of one field just set.</summary>
    private static void CheckField(RunConfiguration c, string name, JsonElement value, string source, string field)
    {
        string? problem = name switch
        {
            "dataset" when !DatasetRegistry.Names.Contains(c.Dataset) => $"is not one of {string.Join(", ", DatasetRegistry.Names)}",
            "epochs" when c.Epochs < 1 => "must be ≥ 1",
            "batch_size" when c.BatchSize < 1 => "must be ≥ 1",
            "latent" when c.Latent < 1 => "must be ≥ 1",
            "samples" when c.Samples < 1 => "must be ≥ 1",
            "threads" when c.Threads < 1 => "must be ≥ 1",
            "eval_samples" when c.EvaluationSamples < 0 => "must be ≥ 0",
            "eval_every" when c.EvaluateEvery < 1 => "must be ≥ 1",
            "bound_samples" when c.BoundSamples < 0 => "must be ≥ 0",
            "anneal_steps" when c.AnnealSteps < 0 => "must be ≥ 0",
            "beta" when c.Beta < 0 => "must be ≥ 0",
            "learning_rate" when c.LearningRate <= 0 => "must be > 0",
            "objective" when c.Objective is not ("elbo" or "renyi") => "is not one of elbo, renyi",
            _ => null,
        };
        if (problem is not null) throw Bad(source, field, value, problem);
    }

    /// <summary>The registry's rule for the dataset and its data directory (the dataset is not an axis: the base decides).</summary>
    private static void CheckDataDirectory(RunConfiguration c, string source)
    {
        try
        {
            DatasetRegistry.Validate(c.Dataset, c.DataDirectory);
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{source}': field 'base.data_dir' = \"{c.DataDirectory}\" does not fit base.dataset '{c.Dataset}': {e.Message}", e);
        }
    }

    private static void Check(RunConfiguration run, string source)
    {
        try
        {
            run.ToTrainingOptions().Validate();
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"'{source}': run {run.ToCanonicalJson()} is invalid: {e.Message}", e);
        }
    }

    private static InvalidDataException Bad(string source, string field, JsonElement value, string problem) =>
        new($"'{source}': field '{field}' = {value.GetRawText()} {problem}.");

    private static string Text(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Bad(source, field, v, "must be a string");

    private static int Int(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int i) ? i : throw Bad(source, field, v, "must be an integer");

    private static long Long(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out long i) ? i : throw Bad(source, field, v, "must be an integer");

    private static double Double(JsonElement v, string source, string field) =>
        v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw Bad(source, field, v, "must be a finite number");

    private static IReadOnlyList<int> HiddenSizes(JsonElement v, string source, string field)
    {
        if (v.ValueKind != JsonValueKind.Array || v.GetArrayLength() == 0) throw Bad(source, field, v, "must be a non-empty array of positive integers");
        var sizes = new List<int>();
        foreach (var s in v.EnumerateArray())
        {
            int n = Int(s, source, field);
            if (n < 1) throw Bad(source, field, v, "must hold positive integers");
            sizes.Add(n);
        }
        return sizes.AsReadOnly();
    }
}
