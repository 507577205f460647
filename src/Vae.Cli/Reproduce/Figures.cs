using System.Globalization;
using System.Text.Json.Nodes;

namespace Vae.Cli.Reproduce;

/// <summary>Small helpers shared by the report parts: number formatting and JSON arrays.</summary>
internal static class Figures
{
    internal static string F(double value, int digits = 4) => value.ToString("G" + digits, CultureInfo.InvariantCulture);

    internal static JsonArray Array(IEnumerable<double> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(Math.Round(v, 10))).ToArray());

    internal static JsonArray Array(IEnumerable<int> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    internal static IReadOnlyList<IReadOnlyList<double>> Rows(MathNet.Numerics.LinearAlgebra.Matrix<double> m) =>
        Enumerable.Range(0, m.RowCount).Select(i => (IReadOnlyList<double>)m.Row(i).ToArray()).ToList();
}
