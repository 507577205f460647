using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Reproduce;

namespace Vae.Tests.Report;

public sealed class ReportFormatTests
{
    [Test]
    public void Metric_arrays_keep_every_digit_of_tiny_and_large_values()
    {
        double[] values = [1.2345678901234567e-15, 3.0002060324374, 6.02214076e23, -0.0];
        var json = ReportFormat.Array(values).ToJsonString();
        var parsed = JsonNode.Parse(json)!.AsArray().Select(n => n!.GetValue<double>()).ToArray();
        Assert.That(parsed, Is.EqualTo(values), "round trip through metrics.json is exact");
    }

    [Test]
    public void A_non_finite_metric_is_refused_with_its_path()
    {
        var metrics = new JsonObject { ["sections"] = new JsonObject { ["quantum"] = new JsonObject { ["errors"] = new JsonArray(1.0, double.NaN) } } };
        Assert.That(() => ReproduceRunner.RequireFinite(metrics, "$"),
            Throws.InvalidOperationException.With.Message.EqualTo("metric $.sections.quantum.errors[1] = NaN is not finite."));
        Assert.That(() => ReproduceRunner.RequireFinite(new JsonObject { ["ok"] = 1.5, ["none"] = null }, "$"), Throws.Nothing);
    }

    [Test]
    public void An_undefined_statistic_is_null_in_metrics_and_a_dash_in_tables()
    {
        // ReplicaInvarianceReport gives NaN for the energy statistics of a label no replica gives a level: metrics.json
        // stores null (which RequireFinite accepts), and the table's maximum skips it.
        var metrics = new JsonObject { ["reduced_energy_sd"] = ReportFormat.ArrayOrNull([0.25, double.NaN]) };
        Assert.That(metrics.ToJsonString(), Is.EqualTo("{\"reduced_energy_sd\":[0.25,null]}"));
        Assert.That(() => ReproduceRunner.RequireFinite(metrics, "$"), Throws.Nothing);
        Assert.That(ReportFormat.MaxOrDash([double.NaN, 0.2, 0.1], 3), Is.EqualTo("0.2"));
        Assert.That(ReportFormat.MaxOrDash([double.NaN], 3), Is.EqualTo("—"));
    }

    [Test]
    public void Table_numbers_are_culture_invariant_with_the_requested_significant_digits()
    {
        Assert.That(ReportFormat.F(0.000123456, 3), Is.EqualTo("0.000123"));
        Assert.That(ReportFormat.F(1234.5678), Is.EqualTo("1235"));
    }
}
