using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Cli.Commands;
using Vae.Reproduce;
using Vae.Core.Sweeps;

namespace Vae.Tests.Report;

/// <summary>
/// The α × k section of <c>vae reproduce</c> (issues 11 and 13): it runs a real sweep directory inside the report,
/// its summary equals <c>vae sweep collect</c> of that directory, it draws the Fig. 1–2 plots with error bars, and its
/// claims table follows from the numbers by the stated rules. Uses the report in <c>VAE_REPORT_DIR</c> when it has the
/// section (CI: the main job's <c>--quick</c> output), otherwise runs the smoke-scale section here (a few seconds).
/// </summary>
[NonParallelizable]
public sealed class AlphaGridSectionTests
{
    private SectionReport _report = null!;
    private string _directory = "";
    private JsonObject _grid = null!;
    private string _html = "";

    [OneTimeSetUp]
    public void GenerateOrLoadReport()
    {
        _report = SectionReport.LoadOrRun("alpha", ReproduceScale.Smoke);
        _directory = _report.Directory;
        _grid = _report.Sections["alpha"]!["alpha-mnist"]!.AsObject();
        _html = _report.Html;
    }

    [OneTimeTearDown]
    public void DeleteReport() => _report.Dispose();

    [Test]
    public void TheSectionIsTheCollectedSweepInsideTheReport()
    {
        var sweep = Path.Combine(_directory, _grid["sweep_directory"]!.GetValue<string>());
        var definition = SweepDefinition.Load(sweep);
        Assert.That(SweepRunner.Status(sweep).Complete, Is.EqualTo(definition.Expand().Count), "every run of the grid is complete");
        Assert.That(_grid["summary"]!.ToJsonString(), Is.EqualTo(JsonNode.Parse(File.ReadAllText(Path.Combine(sweep, "summary.json")))!.ToJsonString()));
        Assert.That(definition.Axes.Select(a => a.Name), Is.EqualTo(new[] { "alpha", "latent", "seed" }));
        Assert.That(definition.Base.BoundSamples, Is.EqualTo(10), "the paper's Rényi bound with 10 samples");
    }

    [Test]
    public void FiguresOneAndTwoAreDrawnWithErrorBars()
    {
        foreach (var id in new[] { "alpha-mnist-active-units-vs-alpha", "alpha-mnist-bound-vs-alpha", "alpha-mnist-matched-vs-raw" })
            Assert.That(_html, Does.Contain($"<figure id=\"{id}\">"), id);
        Assert.That(_html, Does.Match("<figure id=\"alpha-mnist-pca-k[0-9]+\">"));
        Assert.That(_html, Does.Contain("class=\"error-bar\""));
    }

    [Test]
    public void ClaimsFollowFromTheNumbersByTheirRules()
    {
        var claims = _grid["claims"]!.AsArray();
        Assert.That(claims.Select(c => c!["verdict"]!.GetValue<string>()), Is.All.AnyOf("holds", "does not hold", "not tested"));
        Assert.That(claims, Has.Count.EqualTo(7));
        // Claim 2 recomputed from summary.json: the gap log p̂ − L_α at the smallest α against the largest, per k.
        var configurations = _grid["summary"]!["configurations"]!.AsArray().Select(c => c!).ToList();
        double Gap(JsonNode c) => c["metrics"]!["test_log_likelihood"]!["mean"]!.GetValue<double>() - c["metrics"]!["test_renyi_bound"]!["mean"]!.GetValue<double>();
        bool holds = configurations.GroupBy(c => c["options"]!["latent"]!.GetValue<int>()).All(g =>
        {
            var ordered = g.OrderBy(c => c["options"]!["alpha"]!.GetValue<double>()).ToList();
            return Gap(ordered[0]) < Gap(ordered[^1]);
        });
        Assert.That(claims[1]!["verdict"]!.GetValue<string>(), Is.EqualTo(holds ? "holds" : "does not hold"));
        // Claim 4 recomputed from the per-seed probe accuracies.
        var accuracies = configurations.SelectMany(c => c["analyses"]!["probe_accuracy"]!["per_seed"]!.AsArray().Select(v => v!.GetValue<double>())).ToList();
        Assert.That(claims[3]!["verdict"]!.GetValue<string>(), Is.EqualTo(accuracies.Average() >= 0.93 ? "holds" : "does not hold"));
    }
}
