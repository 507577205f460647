using System.Collections;

namespace Vae.Core.Collections;

/// <summary>
/// Copies lists into <see cref="ValueList{T}"/>: how Vae's immutable records take the lists they are given. A record's
/// list property copies in its <c>init</c> accessor, so neither the constructor, nor <c>with</c>, nor F#'s
/// <c>X(original, Prop = list)</c> leaves the record holding the caller's list.
/// </summary>
/// <remarks>Pattern (docs/api-conventions.md, Immutability):
/// <code>public IReadOnlyList&lt;int&gt; HiddenSizes { get =&gt; _hiddenSizes; init =&gt; _hiddenSizes = ValueList.Copy(value); }
/// private readonly IReadOnlyList&lt;int&gt; _hiddenSizes = ValueList.Copy&lt;int&gt;([200, 200]);</code></remarks>
public static class ValueList
{
    /// <summary>An immutable copy of <paramref name="items"/> (the same instance when it already is a <see cref="ValueList{T}"/>).</summary>
    /// <param name="items">The elements, in order; null is passed through as null so that the record's own validation names it.</param>
    /// <returns>A <see cref="ValueList{T}"/> with the same elements, independent from <paramref name="items"/>.</returns>
    public static IReadOnlyList<T> Copy<T>(IEnumerable<T> items) => items switch
    {
        null => null!,
        ValueList<T> list => list,
        _ => new ValueList<T>(items.ToArray()),
    };

    /// <summary>A copy of a list of lists, both levels immutable (e.g. rows of a matrix).</summary>
    public static IReadOnlyList<IReadOnlyList<T>> CopyNested<T>(IEnumerable<IReadOnlyList<T>> rows) =>
        rows is null ? null! : Copy(rows.Select(Copy));
}

/// <summary>
/// An immutable list with value semantics: equal when the elements are equal in order
/// (<see cref="EqualityComparer{T}.Default"/>), with a matching hash code. Made by <see cref="ValueList.Copy{T}"/>.
/// </summary>
/// <typeparam name="T">Element type.</typeparam>
public sealed class ValueList<T> : IReadOnlyList<T>, IEquatable<ValueList<T>>
{
    private readonly T[] _items;

    internal ValueList(T[] items) => _items = items;

    /// <inheritdoc />
    public T this[int index] => _items[index];

    /// <inheritdoc />
    public int Count => _items.Length;

    /// <inheritdoc />
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    /// <summary>Element-wise equality.</summary>
    public bool Equals(ValueList<T>? other) => other is not null && (ReferenceEquals(this, other) || _items.AsSpan().SequenceEqual(other._items));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ValueList<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(_items.Length);
        foreach (var item in _items) hash.Add(item);
        return hash.ToHashCode();
    }

    /// <summary>The elements, e.g. <c>[200, 200]</c>.</summary>
    public override string ToString() => "[" + string.Join(", ", _items) + "]";
}
