using Vae.Core.Collections;

namespace Vae.Core.Sweeps;

/// <summary>What one call of <see cref="SweepRunner.Run"/> did with the runs of its shard.</summary>
/// <param name="Trained">IDs of the runs trained to completion now, in expansion order.</param>
/// <param name="Skipped">IDs of the runs found complete and skipped, in expansion order.</param>
/// <remarks>Equality is by content: the lists compare element by element.</remarks>
public sealed record SweepRunResult(IReadOnlyList<string> Trained, IReadOnlyList<string> Skipped)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<string> Trained { get => _trained; init => _trained = ValueList.Copy(value); }

    private readonly IReadOnlyList<string> _trained = ValueList.Copy(Trained);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<string> Skipped { get => _skipped; init => _skipped = ValueList.Copy(value); }

    private readonly IReadOnlyList<string> _skipped = ValueList.Copy(Skipped);

    /// <summary>Content equality: element-wise equal lists.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>Whether both are equal.</returns>
    public bool Equals(SweepRunResult? other) => other is not null && Trained.SequenceEqual(other.Trained) && Skipped.SequenceEqual(other.Skipped);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (var t in Trained) h.Add(t);
        h.Add('|');
        foreach (var s in Skipped) h.Add(s);
        return h.ToHashCode();
    }
}
