using Vae.Core.Collections;

namespace Vae.Core.Sweeps;

/// <summary>One axis of a sweep grid: an option name and its values in file order.</summary>
/// <param name="Name">The option: one of <see cref="SweepDefinition.AxisNames"/>.</param>
/// <param name="Values">The values in canonical text: integers in invariant culture, doubles in round-trip (<c>"R"</c>)
/// form, objectives as names; distinct, at least one.</param>
/// <remarks>Equality is by content: the list compares element by element.</remarks>
public sealed record SweepAxis(string Name, IReadOnlyList<string> Values)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<string> Values { get => _values; init => _values = ValueList.Copy(value); }

    private readonly IReadOnlyList<string> _values = ValueList.Copy(Values);

    /// <summary>Content equality: equal names and element-wise equal values.</summary>
    /// <param name="other">The other axis.</param>
    /// <returns>Whether both are equal.</returns>
    public bool Equals(SweepAxis? other) => other is not null && Name == other.Name && Values.SequenceEqual(other.Values);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(Name);
        foreach (var v in Values) h.Add(v);
        return h.ToHashCode();
    }
}
