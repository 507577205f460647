using System.Text.Json.Nodes;
using Vae.Core.Models.Objectives;

namespace Vae.Reproduce;

/// <summary>The objective of a training run as structured JSON for metrics files.</summary>
internal static class ObjectiveJson
{
    internal static JsonObject Describe(IVaeObjective objective) => objective switch
    {
        RenyiBound r => new JsonObject { ["name"] = "renyi", ["alpha"] = r.Alpha, ["samples"] = r.Samples },
        ElboLoss e => new JsonObject
        {
            ["name"] = "elbo", ["beta"] = e.Beta.Beta, ["beta_annealing_steps"] = e.Beta.AnnealingSteps, ["samples"] = e.Samples, ["analytic_kl"] = e.AnalyticKl,
        },
        _ => new JsonObject { ["name"] = objective.GetType().Name, ["samples"] = objective.Samples },
    };
}
