using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Reproduce;

namespace Vae.Tests.Report;

/// <summary>
/// The fluids section of <c>vae reproduce</c> (issue 14): the convolutional VAE's latent space by γ beside the Bayes
/// limit, missing data and generation. Checks the report in <c>VAE_REPORT_DIR</c> when it has the section (CI: the main
/// job's <c>--quick</c> output); otherwise runs the smoke-scale fluids section alone here.
/// </summary>
[NonParallelizable]
public sealed class FluidsSectionTests
{
    private SectionReport _report = null!;
    private JsonObject _experiments = null!;
    private string _html = "";
    private JsonArray _tradeOff = null!;

    [OneTimeSetUp]
    public void GenerateOrLoadReport()
    {
        _report = SectionReport.LoadOrRun("fluids", ReproduceScale.Smoke);
        _experiments = _report.Sections["fluids"]!["experiments"]!.AsObject();
        _tradeOff = _report.Sections["fluids"]!["trade_off"]!.AsArray();
        _html = _report.Html;
    }

    [OneTimeTearDown]
    public void DeleteReport() => _report.Dispose();

    [Test]
    public void The_probe_does_not_beat_the_bayes_limit_of_the_sufficient_statistic()
    {
        // At equilibrium Σ yᵢ is sufficient for γ, so no function of a configuration (the VAE's codes included) classifies γ
        // better in expectation; the tolerance is three binomial standard errors of the difference at the held-out count.
        var latent = _experiments["latent"]!.AsObject();
        double probe = latent["probe_accuracy"]!.GetValue<double>(), limit = latent["bayes_limit_accuracy"]!.GetValue<double>();
        int heldOut = latent["held_out_count"]!.GetValue<int>();
        Assert.That(limit, Is.InRange(0.5, 1.0), "four γ: S alone separates them far above chance (0.25)");
        Assert.That(probe, Is.InRange(0.0, 1.0));
        Assert.That(probe, Is.LessThanOrEqualTo(limit + 3 * Math.Sqrt(2 * 0.25 / heldOut)));
        Assert.That(latent["active_units"]!.GetValue<int>(), Is.InRange(0, latent["latent"]!.GetValue<int>()));
        Assert.That(latent["first_two_share"]!.GetValue<double>(), Is.InRange(0.0, 1.0));
    }

    [Test]
    public void Trade_off_varies_one_factor_at_a_time_around_the_base_model()
    {
        var points = _tradeOff.Select(p => p!.AsObject()).ToList();
        var base_ = points.Single(p => p["factor"]!.GetValue<string>() == "scaling");
        double lambda = base_["lambda"]!.GetValue<double>();
        int latent = base_["latent"]!.GetValue<int>();
        Assert.That(points.Where(p => p["factor"]!.GetValue<string>() == "lambda"), Has.All.Matches<JsonObject>(p =>
            p["latent"]!.GetValue<int>() == latent && p["lambda"]!.GetValue<double>() != lambda));
        var latents = points.Where(p => p["factor"]!.GetValue<string>() == "latent").ToList();
        Assert.That(latents, Is.Not.Empty);
        foreach (var p in latents)
        {
            Assert.That(p["lambda"]!.GetValue<double>(), Is.EqualTo(lambda));
            Assert.That(p["active_units"]!.GetValue<int>(), Is.InRange(0, p["latent"]!.GetValue<int>()), "active units cannot exceed the latent size");
        }
        Assert.That(points.Select(p => p["held_out_mse"]!.GetValue<double>()), Has.All.GreaterThan(0));
        Assert.That(_html, Does.Contain("fluids-mse-vs-lambda").And.Contain("fluids-mse-vs-latent"));
    }

    [Test]
    public void Missing_data_reports_the_ratio_of_its_own_errors()
    {
        var missing = _experiments["missing_data"]!.AsObject();
        double mean = missing["mean_imputation_mse"]!.GetValue<double>(), iterated = missing["iterated_mse"]!.GetValue<double>();
        Assert.That(mean, Is.GreaterThan(0));
        Assert.That(missing["ratio_to_mean_imputation"]!.GetValue<double>(), Is.EqualTo(iterated / mean).Within(1e-12));
        // Real configurations are planar, and each masked particle keeps ≥ 21 known distances, so the planar completion
        // recovers the masked entries except in the few matrices where SMACOF stops in a local minimum (docs/fluids.md §9).
        Assert.That(missing["geometric_ratio_to_mean_imputation"]!.GetValue<double>(), Is.LessThan(0.05));
        Assert.That(missing["geometric_unfitted_matrices"]!.GetValue<int>(), Is.LessThan(missing["matrices"]!.GetValue<int>() / 20));
        int matrices = missing["matrices"]!.GetValue<int>(), block = missing["block"]!.GetValue<int>();
        // One s × s block and its mirror per matrix: between s² (block on the diagonal) and 2s² entries each.
        Assert.That(missing["masked_entries"]!.GetValue<long>(), Is.InRange((long)matrices * block * block, 2L * matrices * block * block));
    }

    [Test]
    public void Real_held_out_configurations_pass_the_validity_check_that_generations_face()
    {
        // A pair at 0.8σ costs u = 4(0.8⁻¹² − 0.8⁻⁶) ≈ 43 ε, Boltzmann weight e⁻⁴³ at T = 1: Metropolis never keeps one, so
        // the rebuilt real configurations must all be valid; the check is the same one the generations fail or pass.
        var stages = _experiments["generation"]!["stages"]!.AsArray();
        var real = stages.Single(s => s!["stage"]!.GetValue<string>() == "real")!;
        Assert.That(real["valid_fraction"]!.GetValue<double>(), Is.EqualTo(1.0));
        Assert.That(real["median_closest_pair"]!.GetValue<double>(), Is.GreaterThan(0.8));
        Assert.That(stages.Select(s => s!["stage"]!.GetValue<string>()), Is.SupersetOf(new[] { "real", "reconstruction", "generation" }));
        Assert.That(_html, Does.Contain("fluids-latent-pca").And.Contain("fluids-generated-energy").And.Contain("fluids-traversal-pc1-0"));
        // Decoded distances of 30 particles in a 10σ box: the mean pair distance lies between contact (≈ 1σ) and the diagonal.
        Assert.That(_experiments["traversal"]!["mean_distance"]!.AsArray().Select(v => v!.GetValue<double>()), Has.All.InRange(0.5, 10 * Math.Sqrt(2)));
        Assert.That(_html, Does.Contain("Bayes limit"));
    }

    [Test]
    public void Configuration_decoder_generations_are_exact_planar_configurations()
    {
        // The configuration decoder outputs the distance matrix of 2-D coordinates, so classical MDS of every reconstruction
        // and generation leaves nothing outside two dimensions but the float32 round-off of the normalisation (≈ 10⁻⁵ for an
        // untrained decoder's compact outputs, 4·10⁻⁷ at the acceptance scale; the matrix decoder's leave 0.6 there), at any scale.
        var generation = _experiments["generation_configuration"]!.AsObject();
        Assert.That(generation["decoder"]!.GetValue<string>(), Is.EqualTo("Configuration"));
        var stages = generation["stages"]!.AsArray().Select(s => s!.AsObject()).ToList();
        foreach (var stage in stages.Where(s => s["stage"]!.GetValue<string>() is "reconstruction" or "generation"))
            Assert.That(stage["median_mds_stress"]!.GetValue<double>(), Is.LessThan(1e-4), stage["stage"]!.GetValue<string>());
        Assert.That(generation["valid_fraction"]!.GetValue<double>(), Is.InRange(0.0, 1.0));
        Assert.That(generation["count"]!.GetValue<int>(), Is.EqualTo(_experiments["generation"]!["count"]!.GetValue<int>()));
        Assert.That(_html, Does.Contain("configuration decoder"));
    }
}
