using Vae.Core.Collections;
using Vae.Fluids.Analysis;
using Vae.Fluids.Data;

namespace Vae.Fluids.Anomalies;

/// <summary>A named set of configurations: held-out normal data or an anomaly family.</summary>
/// <param name="Name">Short key (<c>normal</c>, <c>unseen_gamma</c>, <c>fake_potential</c>, <c>uniform</c>, <c>corrupted</c>).</param>
/// <param name="Description">What the family is, with its parameters.</param>
/// <param name="Configurations">The configurations, [count, N, 2] in σ.</param>
public sealed record ConfigurationFamily(string Name, string Description, ConfigurationSet Configurations)
{
    /// <summary>Equilibration evidence of a sampled family (one entry) when it was drawn through
    /// <see cref="EquilibratedSampling"/>; empty for constructed families (uniform, corrupted) or plain sampling.</summary>
    public IReadOnlyList<EquilibrationEvidence> Evidence { get => _evidence; init => _evidence = ValueList.Copy(value); }

    private readonly IReadOnlyList<EquilibrationEvidence> _evidence = ValueList.Copy(Array.Empty<EquilibrationEvidence>());
}
