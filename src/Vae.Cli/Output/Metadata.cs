using System.Globalization;
using System.Text.Json;

namespace Vae.Cli.Output;

/// <summary>
/// Typed reads of the <c>metadata.json</c> files that <c>vae fluids sample</c> and <c>anomaly-data</c> write (and of
/// <c>vae fluids train</c>'s <c>training.json</c>): every
/// failure is an <see cref="InvalidDataException"/> naming the file, the field and what was found (never a raw
/// <see cref="JsonException"/>, a type error without a file name, or a null path).
/// </summary>
internal static class Metadata
{
    /// <summary>Largest metadata.json read (16 MiB); a larger file is refused before reading.</summary>
    internal const long MaxBytes = 16 << 20;

    /// <summary>Parses <paramref name="file"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is larger than <see cref="MaxBytes"/> or is not JSON.</exception>
    internal static JsonDocument Parse(string file)
    {
        var info = new FileInfo(file);
        if (!info.Exists) throw new FileNotFoundException($"'{info.FullName}' does not exist (is the directory one that vae fluids wrote?).", info.FullName);
        if (info.Length > MaxBytes) throw new InvalidDataException($"'{info.FullName}' is {info.Length} bytes; metadata files are limited to {MaxBytes} bytes.");
        try { return JsonDocument.Parse(File.ReadAllBytes(info.FullName)); }
        catch (JsonException e) { throw new InvalidDataException($"'{info.FullName}' is not valid JSON: {e.Message}", e); }
    }

    /// <summary>A required JSON array.</summary>
    internal static IEnumerable<JsonElement> Array(JsonElement element, string name, string file) =>
        Get(element, name, file, JsonValueKind.Array, "an array").EnumerateArray();

    /// <summary>A required non-empty string.</summary>
    internal static string String(JsonElement element, string name, string file)
    {
        var value = Get(element, name, file, JsonValueKind.String, "a string").GetString() ?? "";
        return value.Length > 0 ? value : throw new InvalidDataException($"'{file}': field '{name}' is an empty string.");
    }

    /// <summary>A required finite number &gt; 0.</summary>
    internal static double PositiveNumber(JsonElement element, string name, string file)
    {
        var value = Get(element, name, file, JsonValueKind.Number, "a number");
        return value.TryGetDouble(out var d) && double.IsFinite(d) && d > 0
            ? d
            : throw new InvalidDataException($"'{file}': field '{name}' is {value.GetRawText()}; expected a finite number > 0.");
    }

    /// <summary>A required finite number.</summary>
    internal static double FiniteNumber(JsonElement element, string name, string file)
    {
        var value = Get(element, name, file, JsonValueKind.Number, "a number");
        return value.TryGetDouble(out var d) && double.IsFinite(d)
            ? d
            : throw new InvalidDataException($"'{file}': field '{name}' is {value.GetRawText()}; expected a finite number.");
    }

    /// <summary>A required integer ≥ 0.</summary>
    internal static int NonNegativeInteger(JsonElement element, string name, string file)
    {
        var value = Get(element, name, file, JsonValueKind.Number, "a number");
        return value.TryGetInt32(out var i) && i >= 0
            ? i
            : throw new InvalidDataException($"'{file}': field '{name}' is {value.GetRawText()}; expected an integer ≥ 0.");
    }

    /// <summary>A required Boolean.</summary>
    internal static bool Boolean(JsonElement element, string name, string file)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False)
            return value.GetBoolean();
        return Get(element, name, file, JsonValueKind.True, "true or false").GetBoolean();
    }

    /// <summary>A required file name that stays inside <paramref name="directory"/> (no rooted path, no <c>..</c>), as a full path.</summary>
    internal static string FileIn(string directory, JsonElement element, string name, string file)
    {
        var relative = String(element, name, file);
        var root = Path.GetFullPath(directory);
        var full = Path.GetFullPath(Path.Combine(root, relative));
        if (Path.IsPathRooted(relative) || !full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            throw new InvalidDataException($"'{file}': field '{name}' = '{relative}' is not a file name inside '{root}'.");
        return full;
    }

    private static JsonElement Get(JsonElement element, string name, string file, JsonValueKind kind, string what)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"'{file}': expected an object holding '{name}', found {element.ValueKind.ToString().ToLowerInvariant()}.");
        if (!element.TryGetProperty(name, out var value)) throw new InvalidDataException($"'{file}' lacks the field '{name}'.");
        if (value.ValueKind != kind)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"'{file}': field '{name}' is {value.ValueKind.ToString().ToLowerInvariant()} {Excerpt(value)}; expected {what}."));
        return value;
    }

    private static string Excerpt(JsonElement value)
    {
        var raw = value.GetRawText();
        return raw.Length <= 40 ? raw : raw[..40] + "…";
    }
}
