namespace Vae.Plotting;

/// <summary>
/// Element-wise equality and hashing for the list members of the plot records: a record alone compares a list by
/// reference, so two descriptions with the same content would differ.
/// </summary>
/// <remarks>With <see cref="Copy{T}"/> the plot records also copy every list they are given (in the <c>init</c> accessor, so
/// <c>with</c> copies too): Vae.Plotting's counterpart of <c>Vae.Core.Collections.ValueList</c>, which it cannot reference.</remarks>
internal static class ContentEquality
{
    /// <summary>A read-only copy of <paramref name="items"/>, independent of the caller's list; null stays null (the record's validation names it).</summary>
    internal static IReadOnlyList<T> Copy<T>(IEnumerable<T> items) => items is null ? null! : Array.AsReadOnly(items.ToArray());

    /// <summary>A read-only copy of a list of lists, both levels copied.</summary>
    internal static IReadOnlyList<IReadOnlyList<T>> CopyNested<T>(IEnumerable<IReadOnlyList<T>> rows) => rows is null ? null! : Copy(rows.Select(Copy));

    /// <summary>Same length and pairwise-equal elements (<see cref="EqualityComparer{T}.Default"/>); null equals only null.</summary>
    internal static bool Lists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    /// <summary>Lists of lists, compared element by element at both levels.</summary>
    internal static bool Nested<T>(IReadOnlyList<IReadOnlyList<T>>? a, IReadOnlyList<IReadOnlyList<T>>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.Count == b.Count && a.Zip(b).All(p => Lists(p.First, p.Second)));

    /// <summary>Adds the length and every element of <paramref name="list"/> to <paramref name="hash"/>.</summary>
    internal static void Add<T>(ref HashCode hash, IReadOnlyList<T>? list)
    {
        hash.Add(list?.Count ?? -1);
        if (list is null) return;
        foreach (var item in list) hash.Add(item);
    }

    /// <summary>Adds every inner list of <paramref name="lists"/> to <paramref name="hash"/>.</summary>
    internal static void AddNested<T>(ref HashCode hash, IReadOnlyList<IReadOnlyList<T>>? lists)
    {
        hash.Add(lists?.Count ?? -1);
        if (lists is null) return;
        foreach (var list in lists) Add(ref hash, list);
    }
}
