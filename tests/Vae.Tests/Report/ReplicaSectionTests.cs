using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Cli.Commands;
using Vae.Reproduce;

namespace Vae.Tests.Report;

/// <summary>
/// The replicas section of <c>vae reproduce</c> (issue 11): its metrics.json entries and figures. Checks the report in
/// <c>VAE_REPORT_DIR</c> when that report has the section (CI: the main job's <c>--quick</c> output); otherwise runs
/// the quick replicas section alone here (3 seeds × 5 epochs, about 15 s on 2 cores).
/// </summary>
[NonParallelizable]
public sealed class ReplicaSectionTests
{
    private static readonly string[] FigureIds = ["replicas-cka", "replicas-matched-vs-raw", "replicas-correlation-raw", "replicas-correlation-matched"];

    private SectionReport _report = null!;
    private JsonObject _section = null!;
    private string _html = "";

    [OneTimeSetUp]
    public void GenerateOrLoadReport()
    {
        _report = SectionReport.LoadOrRun("replicas", ReproduceScale.Quick);
        _section = _report.Sections["replicas"]!.AsObject();
        _html = _report.Html;
    }

    [OneTimeTearDown]
    public void DeleteReport() => _report.Dispose();

    [Test]
    public void Section_has_every_key()
    {
        Assert.That(_section.Select(p => p.Key), Is.SupersetOf(new[] { "parameters", "replicas", "labels", "cka_matrix", "pairs", "summary", "example_pair" }));
        var parameters = _section["parameters"]!.AsObject();
        int replicas = parameters["replicas"]!.GetValue<int>();
        Assert.That(replicas, Is.GreaterThanOrEqualTo(3));
        Assert.That(parameters["seeds"]!.AsArray(), Has.Count.EqualTo(replicas));
        Assert.That(parameters["epsilon"]!.GetValue<double>(), Is.EqualTo(0.01));
        Assert.That(parameters["neighbours"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(_section["replicas"]!.AsArray(), Has.Count.EqualTo(replicas));
        int latent = parameters["latent"]!.GetValue<int>();
        foreach (var replica in _section["replicas"]!.AsArray())
        {
            Assert.That(replica!["active_units_variance"]!.GetValue<int>(), Is.InRange(0, latent));
            Assert.That(replica["active_units_pca"]!.GetValue<int>(), Is.InRange(0, latent));
            Assert.That(replica["test_neg_elbo"]!.GetValue<double>(), Is.GreaterThan(0));
        }
        Assert.That(_section["pairs"]!.AsArray(), Has.Count.EqualTo(replicas * (replicas - 1) / 2), "every pair listed");
        foreach (var key in new[] { "mean_cka", "mean_matched_abs_correlation", "mean_raw_abs_correlation", "mean_knn_overlap", "text" })
            Assert.That(_section["summary"]![key], Is.Not.Null, key);
    }

    [Test]
    public void Cka_matrix_is_symmetric_in_unit_interval_with_ones_on_the_diagonal()
    {
        var matrix = _section["cka_matrix"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        int n = _section["parameters"]!["replicas"]!.GetValue<int>();
        Assert.That(matrix, Has.Length.EqualTo(n));
        for (int i = 0; i < n; i++)
        {
            Assert.That(matrix[i], Has.Length.EqualTo(n));
            Assert.That(matrix[i][i], Is.EqualTo(1.0).Within(1e-9), $"CKA[{i}, {i}]");
            for (int j = 0; j < n; j++)
            {
                Assert.That(matrix[i][j], Is.InRange(0.0, 1.0), $"CKA[{i}, {j}]");
                Assert.That(matrix[i][j], Is.EqualTo(matrix[j][i]), $"CKA[{i}, {j}] = CKA[{j}, {i}]");
            }
        }
        foreach (var pair in _section["pairs"]!.AsArray())
            Assert.That(pair!["cka"]!.GetValue<double>(), Is.EqualTo(matrix[pair["a"]!.GetValue<int>()][pair["b"]!.GetValue<int>()]));
    }

    [Test]
    public void Matched_correlation_is_at_least_raw_for_every_pair()
    {
        foreach (var pair in _section["pairs"]!.AsArray())
        {
            var name = $"pair {pair!["seed_a"]}–{pair["seed_b"]}";
            double matched = pair["matched_abs_correlation"]!.GetValue<double>(), raw = pair["raw_abs_correlation"]!.GetValue<double>();
            Assert.That(matched, Is.InRange(0.0, 1.0), name);
            Assert.That(raw, Is.InRange(0.0, 1.0), name);
            // When every pair is active (the quick run) the Hungarian optimum cannot fall below the identity matching;
            // collapsed units leave the matched mean and pull the raw mean down.
            Assert.That(matched, Is.GreaterThanOrEqualTo(raw - 1e-12), name);
            Assert.That(pair["knn_overlap"]!.GetValue<double>(), Is.InRange(0.0, 1.0), name);
        }
    }

    [Test]
    public void Example_pair_matrices_are_absolute_correlations_and_matching_puts_the_best_pairs_on_the_diagonal()
    {
        var example = _section["example_pair"]!.AsObject();
        int latent = _section["parameters"]!["latent"]!.GetValue<int>();
        var raw = example["raw_abs_correlation_matrix"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        var matched = example["matched_abs_correlation_matrix"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<double>()).ToArray()).ToArray();
        Assert.That(raw, Has.Length.EqualTo(latent));
        Assert.That(matched, Has.Length.EqualTo(latent));
        Assert.That(raw.SelectMany(r => r), Is.All.InRange(0.0, 1.0));
        Assert.That(matched.Select((r, i) => r[i]).Sum(), Is.GreaterThanOrEqualTo(raw.Select((r, i) => r[i]).Sum() - 1e-12), "matched trace ≥ raw trace");
        Assert.That(example["permutation"]!.AsArray().Select(p => p!.GetValue<int>()).Order(), Is.EqualTo(Enumerable.Range(0, latent)));
    }

    [Test]
    public void Report_shows_the_figures_and_a_summary_derived_from_the_numbers()
    {
        Assert.That(_html, Does.Contain("<section id=\"replicas\">"));
        foreach (var id in FigureIds)
            Assert.That(_html, Does.Contain($"<figure id=\"{id}\">"), id);
        var text = _section["summary"]!["text"]!.GetValue<string>();
        Assert.That(text, Does.Contain("raw |correlation|").And.Contain("CKA").And.Contain("Active units"));
        Assert.That(text, Does.Contain(ReportFormat.F(_section["summary"]!["mean_cka"]!.GetValue<double>(), 3)), "the text quotes the measured mean CKA");
    }
}
