using Vae.Core.Data;
using Vae.Core.Models;

namespace Vae.Core.Sweeps;

/// <summary>
/// A per-run analysis that <see cref="SweepCollector"/> applies to every complete run's trained model, summarised across
/// seeds like the built-in metrics (e.g. the linear-probe accuracy that <c>vae sweep collect</c> adds from
/// <c>Vae.InfoGeometry</c>, which <c>Vae.Core</c> does not reference).
/// </summary>
/// <param name="Name">Key in <c>summary.json</c> (<c>analyses.NAME</c>): lower-case letters, digits and '_'.</param>
/// <param name="Description">One line for the report: what is measured, in which units.</param>
/// <param name="Compute">The analysis: the run's model (owned by the collector; do not dispose or keep it) and its data
/// (the registry split the run trained on) → one finite number. It must be deterministic for the summary to be
/// reproducible.</param>
/// <remarks>Equality is by <see cref="Name"/> and <see cref="Description"/>: an analysis is identified by its name (the
/// key it writes), since two delegates cannot be compared by what they compute.</remarks>
public sealed record RunAnalysis(string Name, string Description, Func<VariationalAutoencoder, NamedDataSplit, double> Compute)
{
    /// <summary>Equal name and description.</summary>
    /// <param name="other">The other analysis.</param>
    /// <returns>Whether both are equal.</returns>
    public bool Equals(RunAnalysis? other) => other is not null && Name == other.Name && Description == other.Description;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Description);

    /// <summary>Checks the name.</summary>
    /// <exception cref="ArgumentException">The name is empty or has a character other than a–z, 0–9 and '_'.</exception>
    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Name);
        ArgumentNullException.ThrowIfNull(Description);
        ArgumentNullException.ThrowIfNull(Compute);
        if (Name.Length == 0 || Name.Any(c => !(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')))
            throw new ArgumentException($"analysis name '{Name}' must be non-empty lower-case letters, digits and '_'.", nameof(Name));
    }
}
