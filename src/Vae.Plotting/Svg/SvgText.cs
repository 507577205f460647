using System.Xml;

namespace Vae.Plotting.Svg;

/// <summary>Checks user text before it reaches the XML writer, so that the error names the offending property.</summary>
internal static class SvgText
{
    /// <summary>Throws when <paramref name="text"/> holds a character XML 1.0 cannot represent (e.g. U+0001 or a lone surrogate).</summary>
    /// <exception cref="ArgumentException">The text has such a character; the message names <paramref name="what"/> and the code point.</exception>
    internal static void Check(string text, string what)
    {
        ArgumentNullException.ThrowIfNull(text, what);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (!XmlConvert.IsXmlChar(c))
                throw new ArgumentException($"{what} \"{text}\" contains U+{(int)c:X4} at position {i}, which XML (and so SVG) cannot represent.", what);
        }
    }

    /// <summary>Approximate rendered width of <paramref name="text"/> at <paramref name="fontSize"/> px (0.6 em per character), for layout.</summary>
    internal static double Width(string text, double fontSize) => 0.6 * fontSize * text.Length;
}
