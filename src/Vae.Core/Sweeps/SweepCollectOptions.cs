using Vae.Core.Metrics;

namespace Vae.Core.Sweeps;

/// <summary>Options of <see cref="SweepCollector.Collect"/>.</summary>
public sealed record SweepCollectOptions
{
    /// <summary>Every property at its documented default.</summary>
    public static SweepCollectOptions Default { get; } = new();

    /// <summary>Every property at its documented default.</summary>
    public SweepCollectOptions() { _analyses = Array.AsReadOnly(Array.Empty<RunAnalysis>()); }

    private readonly IReadOnlyList<RunAnalysis> _analyses;

    /// <summary>A copy of <paramref name="original"/> (used by <c>with</c>; F# copies and updates with it).</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public SweepCollectOptions(SweepCollectOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        _analyses = original._analyses;
        Epsilon = original.Epsilon;
        Neighbours = original.Neighbours;
    }

    /// <summary>Per-run analyses beyond the built-in metrics, applied to every complete run (default none); names unique.</summary>
    public IReadOnlyList<RunAnalysis> Analyses
    {
        get => _analyses;
        init => _analyses = Array.AsReadOnly((value ?? throw new ArgumentNullException(nameof(Analyses))).ToArray());
    }

    /// <summary>Active-unit threshold ε on Var_x(E_q[z_j]), latent units² (default 0.01, Burda et al. 2016).</summary>
    public double Epsilon { get; init; } = Similarity.DefaultEpsilon;

    /// <summary>Neighbourhood size of the nearest-neighbour overlap (default 10).</summary>
    public int Neighbours { get; init; } = Similarity.DefaultNeighbours;

    /// <summary>Content equality (the analyses element by element).</summary>
    /// <param name="other">The other options.</param>
    /// <returns>Whether every property is equal.</returns>
    public bool Equals(SweepCollectOptions? other) =>
        other is not null && Analyses.SequenceEqual(other.Analyses) && Epsilon.Equals(other.Epsilon) && Neighbours == other.Neighbours;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var a in Analyses) hash.Add(a);
        hash.Add(Epsilon);
        hash.Add(Neighbours);
        return hash.ToHashCode();
    }

    internal void Validate()
    {
        foreach (var a in Analyses) (a ?? throw new ArgumentNullException(nameof(Analyses), "an analysis is null.")).Validate();
        var duplicate = Analyses.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"analysis name '{duplicate.Key}' is given twice.", nameof(Analyses));
        if (!(Epsilon >= 0) || double.IsInfinity(Epsilon)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "ε must be finite and ≥ 0.");
        if (Neighbours < 1) throw new ArgumentOutOfRangeException(nameof(Neighbours), Neighbours, "The neighbourhood size must be ≥ 1.");
    }
}
