using System.Globalization;
using System.Text.Json.Nodes;

namespace Vae.Reproduce;

/// <summary>Number formatting for report tables and JSON arrays for metrics.json, shared by the report parts.</summary>
internal static class ReportFormat
{
    /// <summary><paramref name="value"/> with <paramref name="digits"/> significant digits, culture-invariant.</summary>
    internal static string F(double value, int digits = 4) => value.ToString("G" + digits, CultureInfo.InvariantCulture);

    /// <summary>The values as a JSON array, unrounded (round-trip precision).</summary>
    internal static JsonArray Array(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The values as a JSON array, NaN (a statistic that is undefined, as documented where it is computed) as
    /// null; any other value unrounded.</summary>
    internal static JsonArray ArrayOrNull(IEnumerable<double> values) =>
        new(values.Select(v => double.IsNaN(v) ? null : (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The largest value that is not NaN, with <paramref name="digits"/> significant digits; "—" when every value is NaN.</summary>
    internal static string MaxOrDash(IEnumerable<double> values, int digits)
    {
        var defined = values.Where(v => !double.IsNaN(v)).ToArray();
        return defined.Length == 0 ? "—" : F(defined.Max(), digits);
    }
}
