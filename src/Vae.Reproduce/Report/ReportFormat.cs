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
}
