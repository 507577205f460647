using System.Globalization;
using System.Text;
using System.Xml;

namespace Vae.Plotting.Svg;

/// <summary>
/// Writes one standalone SVG document through <see cref="XmlWriter"/> (which escapes text and attribute values).
/// Numbers are written culture-invariantly with at most two decimals, so equal inputs give byte-identical output.
/// </summary>
internal sealed class SvgWriter
{
    internal const string Namespace = "http://www.w3.org/2000/svg";

    /// <summary>Stands for the document's unique id prefix until <see cref="Finish"/> replaces it by a content hash.</summary>
    internal const string IdPlaceholder = "vae-id-0f3c9a7e51d24b86";

    private readonly StringBuilder _text = new();
    private readonly XmlWriter _xml;

    /// <summary>Opens <c>&lt;svg&gt;</c> with width, height and a matching viewBox, and a <c>&lt;title&gt;</c>.</summary>
    internal SvgWriter(double width, double height, string title, string kind)
    {
        _xml = XmlWriter.Create(_text, new XmlWriterSettings
        {
            OmitXmlDeclaration = true,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            CheckCharacters = true,
        });
        _xml.WriteStartElement("svg", Namespace);
        Attributes(
            ("width", Number(width)), ("height", Number(height)),
            ("viewBox", $"0 0 {Number(width)} {Number(height)}"),
            ("class", "vae-plot " + kind), ("font-family", "DejaVu Sans, Arial, Helvetica, sans-serif"), ("font-size", "12"));
        if (title.Length > 0) Element("title", title);
        Empty("rect", ("class", "background"), ("x", "0"), ("y", "0"), ("width", Number(width)), ("height", Number(height)), ("fill", "white"));
    }

    /// <summary>A document-unique id: <paramref name="name"/> prefixed by the content hash of the document.</summary>
    internal static string Id(string name) => IdPlaceholder + "-" + name;

    /// <summary>Opens an element; close it with <see cref="Close"/>.</summary>
    internal void Open(string name, params (string Name, string Value)[] attributes)
    {
        _xml.WriteStartElement(name, Namespace);
        Attributes(attributes);
    }

    /// <summary>Closes the innermost open element.</summary>
    internal void Close() => _xml.WriteEndElement();

    /// <summary>An element without content.</summary>
    internal void Empty(string name, params (string Name, string Value)[] attributes)
    {
        Open(name, attributes);
        Close();
    }

    /// <summary>An element whose content is <paramref name="text"/> (escaped).</summary>
    internal void Element(string name, string text, params (string Name, string Value)[] attributes)
    {
        Open(name, attributes);
        _xml.WriteString(text);
        Close();
    }

    /// <summary>Closes the document and returns it, with every id placeholder replaced by <c>vae-</c> and a 64-bit
    /// FNV-1a hash of the content, so that several plots can be inlined in one HTML page without id clashes.</summary>
    internal string Finish()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        var body = _text.ToString();
        ulong hash = 14695981039346656037UL;
        foreach (char c in body)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        return body.Replace(IdPlaceholder, "vae-" + hash.ToString("x16", CultureInfo.InvariantCulture), StringComparison.Ordinal) + "\n";
    }

    /// <summary>A coordinate or length: invariant culture, at most two decimals, no negative zero.</summary>
    internal static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new InvalidOperationException($"Internal error: a non-finite coordinate ({value}) reached the SVG writer.");
        double rounded = Math.Round(value, 2);
        return rounded == 0 ? "0" : rounded.ToString("0.##", CultureInfo.InvariantCulture);
    }

    private void Attributes(params (string Name, string Value)[] attributes)
    {
        foreach (var (name, value) in attributes) _xml.WriteAttributeString(name, value);
    }
}
