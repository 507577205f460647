using Vae.Core.Collections;
namespace Vae.Core.Sweeps;

/// <summary>What <see cref="SweepCollector.Collect"/> found and wrote.</summary>
/// <param name="SummaryJsonPath">Absolute path of <c>SWEEP/summary.json</c>.</param>
/// <param name="Sweep">The sweep's name.</param>
/// <param name="Fingerprint">The sweep file's fingerprint (<see cref="SweepDefinition.Fingerprint"/>).</param>
/// <param name="Configurations">Configurations (option sets without the seed) with at least one complete run, in grid order.</param>
/// <param name="CompleteRuns">Complete runs summarised.</param>
/// <param name="MissingRuns">Runs of the grid not complete (left out).</param>
/// <remarks>Equality is by content: the configurations compare element by element.</remarks>
public sealed record SweepCollection(string SummaryJsonPath, string Sweep, string Fingerprint, IReadOnlyList<ConfigurationSummary> Configurations,
    int CompleteRuns, int MissingRuns)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<ConfigurationSummary> Configurations { get => _configurations; init => _configurations = ValueList.Copy(value); }

    private readonly IReadOnlyList<ConfigurationSummary> _configurations = ValueList.Copy(Configurations);

    /// <summary>Content equality.</summary>
    /// <param name="other">The other collection.</param>
    /// <returns>Whether every field is equal, the configurations element by element.</returns>
    public bool Equals(SweepCollection? other) =>
        other is not null && SummaryJsonPath == other.SummaryJsonPath && Sweep == other.Sweep && Fingerprint == other.Fingerprint
        && Configurations.SequenceEqual(other.Configurations) && CompleteRuns == other.CompleteRuns && MissingRuns == other.MissingRuns;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SummaryJsonPath);
        hash.Add(Fingerprint);
        foreach (var c in Configurations) hash.Add(c);
        hash.Add(CompleteRuns);
        return hash.ToHashCode();
    }
}
