using Vae.Plotting.Svg;

namespace Vae.Plotting.Rendering;

/// <summary>Argument checks shared by the plots; every message names the property and the offending value.</summary>
internal static class Guard
{
    /// <summary>Every value is finite.</summary>
    /// <exception cref="ArgumentException">A value is NaN or ±∞.</exception>
    internal static void Finite(IReadOnlyList<double> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values, what);
        for (int i = 0; i < values.Count; i++)
            if (!double.IsFinite(values[i]))
                throw new ArgumentException($"{what}[{i}] = {values[i]} is not finite; plots reject NaN and infinite values.", what);
    }

    /// <summary>The list is not empty.</summary>
    internal static void NotEmpty<T>(IReadOnlyList<T> values, string what)
    {
        ArgumentNullException.ThrowIfNull(values, what);
        if (values.Count == 0) throw new ArgumentException($"{what} is empty; there is nothing to plot.", what);
    }

    /// <summary>Two lists have the same length.</summary>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    internal static void SameLength<TA, TB>(IReadOnlyList<TA> a, string whatA, IReadOnlyList<TB> b, string whatB)
    {
        ArgumentNullException.ThrowIfNull(a, whatA);
        ArgumentNullException.ThrowIfNull(b, whatB);
        if (a.Count != b.Count)
            throw new ArgumentException($"{whatA} has {a.Count} values but {whatB} has {b.Count}; they must have the same length.", whatB);
    }

    /// <summary>Every string is valid XML text.</summary>
    internal static void Texts(IReadOnlyList<string> texts, string what)
    {
        ArgumentNullException.ThrowIfNull(texts, what);
        for (int i = 0; i < texts.Count; i++) SvgText.Check(texts[i], $"{what}[{i}]");
    }
}
