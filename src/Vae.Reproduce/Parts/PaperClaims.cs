using System.Text.Json.Nodes;
using Vae.Core.Sweeps;
using static Vae.Reproduce.ReportFormat;

namespace Vae.Reproduce.Parts;

/// <summary>
/// The claims of Peşte, Malagò &amp; Sârbu (§3–§5) checked against a collected α × k sweep: one row per claim with our
/// numbers and a verdict (holds / does not hold / not tested) by the stated rule. The rules compare means across seeds
/// at the smallest and largest α of the grid; they are deliberately simple and are printed with each row.
/// </summary>
internal static class PaperClaims
{
    internal const string Holds = "holds", DoesNotHold = "does not hold", NotTested = "not tested";

    /// <summary>Repeated importance-sampled estimates of one model (mean log p̂(x) over the test split, nats).</summary>
    internal sealed record Spread(double Alpha, int Latent, string Run, int Samples, int Images, IReadOnlyList<double> Estimates, double StandardDeviation);

    /// <summary>One row of the claims table.</summary>
    internal sealed record Claim(string Statement, string Rule, string Numbers, string Verdict);

    internal static IReadOnlyList<Claim> Evaluate(SweepCollection collection, IReadOnlyList<Spread> spread)
    {
        var byLatent = collection.Configurations.GroupBy(c => c.Options.Latent).OrderBy(g => g.Key).ToList();
        bool varied = collection.Configurations.Select(c => c.Options.BoundAlpha).Distinct().Count() >= 2;
        double Components(ConfigurationSummary c) => c.ActiveComponents.Average();
        string PerK(Func<IGrouping<int, ConfigurationSummary>, string> text) => string.Join("; ", byLatent.Select(g => $"k = {g.Key}: {text(g)}"));
        string ByAlpha(IEnumerable<ConfigurationSummary> g, Func<ConfigurationSummary, double> value) =>
            string.Join(", ", g.OrderBy(c => c.Options.BoundAlpha).Select(c => $"α = {F(c.Options.BoundAlpha, 3)}: {F(value(c), 4)}"));
        (ConfigurationSummary Low, ConfigurationSummary High) Ends(IEnumerable<ConfigurationSummary> g)
        {
            var ordered = g.OrderBy(c => c.Options.BoundAlpha).ToList();
            return (ordered[0], ordered[^1]);
        }
        var claims = new List<Claim>();

        // 1. Components saturate as α → 0.
        claims.Add(!varied
            ? new Claim("The number of components carrying information saturates as α → 0", "", "one α only", NotTested)
            : new Claim("The number of components carrying information saturates as α → 0",
                "for every k, the mean count of PCA eigenvalues > 0.01 does not decrease as α decreases (tolerance 0.5)",
                PerK(g => ByAlpha(g, Components)),
                byLatent.All(g => g.OrderBy(c => c.Options.BoundAlpha).Zip(g.OrderBy(c => c.Options.BoundAlpha).Skip(1)).All(p => Components(p.First) >= Components(p.Second) - 0.5))
                    ? Holds : DoesNotHold));

        // 2. The bound approaches the IS log-likelihood as α → 0.
        bool haveBoth = collection.Configurations.All(c => c.Metrics.ContainsKey("test_renyi_bound") && c.Metrics.ContainsKey("test_log_likelihood"));
        double Gap(ConfigurationSummary c) => c.Metrics["test_log_likelihood"].Mean - c.Metrics["test_renyi_bound"].Mean;
        claims.Add(!varied || !haveBoth
            ? new Claim("The Rényi bound approaches the IS log-likelihood as α → 0", "", "needs ≥ 2 α with bound_samples and eval_samples", NotTested)
            : new Claim("The Rényi bound approaches the IS log-likelihood as α → 0",
                "for every k, the gap log p̂(x) − L_α (nats, means over seeds) is smaller at the smallest α than at the largest",
                PerK(g => "gap " + ByAlpha(g, Gap)),
                byLatent.All(g => Gap(Ends(g).Low) < Gap(Ends(g).High)) ? Holds : DoesNotHold));

        // 3. The IS estimate gets noisier as α → 0.
        var spreadByLatent = spread.GroupBy(s => s.Latent).OrderBy(g => g.Key).ToList();
        claims.Add(!varied || spread.Count == 0
            ? new Claim("The importance-sampled estimate gets noisier as α → 0", "", "needs ≥ 2 α", NotTested)
            : new Claim("The importance-sampled estimate gets noisier as α → 0",
                $"for every k, the sd of {spread[0].Estimates.Count} repeated IS estimates (K = {spread[0].Samples}, different noise, {spread[0].Images} test images) of one model is larger at the smallest α than at the largest",
                string.Join("; ", spreadByLatent.Select(g => $"k = {g.Key}: sd " + string.Join(", ", g.OrderBy(s => s.Alpha).Select(s => $"α = {F(s.Alpha, 3)}: {F(s.StandardDeviation, 3)}")))),
                spreadByLatent.All(g => g.OrderBy(s => s.Alpha).First().StandardDeviation > g.OrderBy(s => s.Alpha).Last().StandardDeviation) ? Holds : DoesNotHold));

        // 4. Probe accuracy 0.93–0.94.
        bool probe = collection.Configurations.All(c => c.Analyses.ContainsKey("probe_accuracy"));
        var accuracies = probe ? collection.Configurations.SelectMany(c => c.Analyses["probe_accuracy"]).ToList() : [];
        claims.Add(!probe
            ? new Claim("A linear probe on the posterior means reaches 0.93–0.94 test accuracy", "", "no probe analysis", NotTested)
            : new Claim("A linear probe on the posterior means reaches 0.93–0.94 test accuracy",
                "the mean probe accuracy over all runs of the grid is ≥ 0.93",
                $"mean {F(accuracies.Average(), 4)} (range {F(accuracies.Min(), 4)}–{F(accuracies.Max(), 4)}) over {accuracies.Count} runs",
                accuracies.Average() >= 0.93 ? Holds : DoesNotHold));
        claims.Add(new Claim("Means + variances beat means alone as probe features", "", "tested per epoch in the MNIST section (Fig. 3), not on this grid", NotTested));
        claims.Add(new Claim("Variance increases along the Fisher–Rao geodesic", "", "tested in the MNIST section (Figs. 4–5), not on this grid", NotTested));

        // 6. Components constant for larger k.
        if (byLatent.Count < 2)
            claims.Add(new Claim("The number of components stays constant for k ∈ {40, 50}", "", "one latent size only", NotTested));
        else
        {
            var (small, large) = (Ends(byLatent[^2]).Low, Ends(byLatent[^1]).Low);
            double a = Components(small), b = Components(large);
            double tolerance = Math.Max(1.0, (SeedStatistic.Of(small.ActiveComponents.Select(x => (double)x).ToList()).StandardDeviation ?? 0)
                + (SeedStatistic.Of(large.ActiveComponents.Select(x => (double)x).ToList()).StandardDeviation ?? 0));
            claims.Add(new Claim($"The number of components stays constant for larger k (here k ∈ {{{byLatent[^2].Key}, {byLatent[^1].Key}}})",
                "at the smallest α, the mean counts for the two largest k differ by at most max(1, sd₁ + sd₂)",
                $"k = {byLatent[^2].Key}: {F(a, 4)}, k = {byLatent[^1].Key}: {F(b, 4)} (tolerance {F(tolerance, 3)})",
                Math.Abs(a - b) <= tolerance ? Holds : DoesNotHold));
        }
        return claims;
    }

    internal static ReportTable Table(string title, IReadOnlyList<Claim> claims) =>
        new(title, ["claim", "our numbers", "rule", "verdict"], claims.Select(c => (IReadOnlyList<string>)[c.Statement, c.Numbers, c.Rule, c.Verdict]).ToList());

    internal static JsonArray Json(IReadOnlyList<Claim> claims) =>
        new(claims.Select(c => (JsonNode)new JsonObject { ["claim"] = c.Statement, ["numbers"] = c.Numbers, ["rule"] = c.Rule, ["verdict"] = c.Verdict }).ToArray());
}
