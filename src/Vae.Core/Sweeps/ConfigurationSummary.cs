using Vae.Core.Collections;
using Vae.Core.Metrics;

namespace Vae.Core.Sweeps;

/// <summary>One configuration of a sweep (the options without the seed) summarised across its complete seeds
/// (see <see cref="SweepCollector"/>).</summary>
/// <param name="Id">The configuration ID (<see cref="RunConfiguration.ConfigurationId"/>).</param>
/// <param name="Options">The options of the configuration's first seed; every option but the seed is shared.</param>
/// <param name="Seeds">The complete seeds, in grid order.</param>
/// <param name="Runs">The run IDs, parallel to <paramref name="Seeds"/>.</param>
/// <param name="Metrics">Final metrics across seeds, nats per sample, by their <c>metrics.json</c> name
/// (<c>train_neg_elbo</c>, <c>test_neg_elbo</c>, and where every seed has them <c>test_log_likelihood</c>,
/// <c>test_renyi_bound</c>), in that order.</param>
/// <param name="Seconds">Training wall-clock seconds across seeds (not written to <c>summary.json</c>).</param>
/// <param name="ActiveUnits">Active units (Var_x(E_q[z_j]) &gt; ε on the test split) per seed.</param>
/// <param name="PcaEigenvalues">Per seed, the PCA eigenvalues (explained variances, divisor n − 1, decreasing, k of
/// them) of the test split's posterior means: Fig. 1 of Peşte, Malagò &amp; Sârbu.</param>
/// <param name="ActiveComponents">Per seed, the PCA eigenvalues &gt; ε: the paper's count of "components carrying
/// information" (Fig. 2 left).</param>
/// <param name="Analyses">Each <see cref="RunAnalysis"/> result per seed, by analysis name, in the options' order.</param>
/// <param name="Degeneracy">The pairwise replica metrics on the test split's posterior means; null with one seed.</param>
/// <remarks>Equality is by content: lists and dictionaries compare element by element.</remarks>
public sealed record ConfigurationSummary(
    string Id,
    RunConfiguration Options,
    IReadOnlyList<int> Seeds,
    IReadOnlyList<string> Runs,
    IReadOnlyDictionary<string, SeedStatistic> Metrics,
    SeedStatistic Seconds,
    IReadOnlyList<int> ActiveUnits,
    IReadOnlyList<IReadOnlyList<double>> PcaEigenvalues,
    IReadOnlyList<int> ActiveComponents,
    IReadOnlyDictionary<string, IReadOnlyList<double>> Analyses,
    ReplicaComparison? Degeneracy)
{
    /// <summary>Read-only copy of the dictionary passed in.</summary>
    public IReadOnlyDictionary<string, SeedStatistic> Metrics { get => _metrics; init => _metrics = CopyOf(value, s => s); }

    private readonly IReadOnlyDictionary<string, SeedStatistic> _metrics = CopyOf(Metrics, s => s);

    /// <summary>Read-only copy of the dictionary passed in, the lists copied too.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> Analyses { get => _analyses; init => _analyses = CopyOf(value, ValueList.Copy); }

    private readonly IReadOnlyDictionary<string, IReadOnlyList<double>> _analyses = CopyOf(Analyses, ValueList.Copy);

    /// <summary>A read-only copy of <paramref name="source"/>, each value copied by <paramref name="copy"/> (records: themselves).</summary>
    private static IReadOnlyDictionary<string, T> CopyOf<T>(IReadOnlyDictionary<string, T> source, Func<T, T> copy) =>
        source is null ? null! : new System.Collections.ObjectModel.ReadOnlyDictionary<string, T>(source.ToDictionary(p => p.Key, p => copy(p.Value)));

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> Seeds { get => _seeds; init => _seeds = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _seeds = ValueList.Copy(Seeds);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<string> Runs { get => _runs; init => _runs = ValueList.Copy(value); }

    private readonly IReadOnlyList<string> _runs = ValueList.Copy(Runs);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> ActiveUnits { get => _activeUnits; init => _activeUnits = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _activeUnits = ValueList.Copy(ActiveUnits);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<IReadOnlyList<double>> PcaEigenvalues { get => _pcaEigenvalues; init => _pcaEigenvalues = ValueList.CopyNested(value); }

    private readonly IReadOnlyList<IReadOnlyList<double>> _pcaEigenvalues = ValueList.CopyNested(PcaEigenvalues);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<int> ActiveComponents { get => _activeComponents; init => _activeComponents = ValueList.Copy(value); }

    private readonly IReadOnlyList<int> _activeComponents = ValueList.Copy(ActiveComponents);

    /// <summary>Content equality.</summary>
    /// <param name="other">The other summary.</param>
    /// <returns>Whether every field is equal, element by element.</returns>
    public bool Equals(ConfigurationSummary? other) =>
        other is not null && Id == other.Id && Options.Equals(other.Options) && Seeds.SequenceEqual(other.Seeds) && Runs.SequenceEqual(other.Runs)
        && Metrics.OrderBy(p => p.Key, StringComparer.Ordinal).SequenceEqual(other.Metrics.OrderBy(p => p.Key, StringComparer.Ordinal))
        && Seconds.Equals(other.Seconds) && ActiveUnits.SequenceEqual(other.ActiveUnits)
        && PcaEigenvalues.Count == other.PcaEigenvalues.Count && PcaEigenvalues.Zip(other.PcaEigenvalues).All(p => p.First.SequenceEqual(p.Second))
        && ActiveComponents.SequenceEqual(other.ActiveComponents)
        && Analyses.Count == other.Analyses.Count
        && Analyses.All(p => other.Analyses.TryGetValue(p.Key, out var v) && p.Value.SequenceEqual(v))
        && Equals(Degeneracy, other.Degeneracy);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Id);
        hash.Add(Options);
        foreach (var s in Seeds) hash.Add(s);
        foreach (var a in ActiveUnits) hash.Add(a);
        hash.Add(Degeneracy);
        return hash.ToHashCode();
    }
}
