using System.Globalization;
using System.Xml.Linq;
using NUnit.Framework;

namespace Vae.Tests.Plotting;

/// <summary>Parses rendered SVG as XML and finds elements by tag and class.</summary>
internal static class SvgAssert
{
    internal static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    /// <summary>Parses the document and checks the root: svg element with positive width/height and a matching viewBox.</summary>
    internal static XDocument Parse(string svg)
    {
        var doc = XDocument.Parse(svg);
        var root = doc.Root!;
        Assert.That(root.Name, Is.EqualTo(Svg + "svg"));
        double width = Number(root, "width"), height = Number(root, "height");
        Assert.That(width, Is.GreaterThan(0));
        Assert.That(height, Is.GreaterThan(0));
        Assert.That(root.Attribute("viewBox")!.Value, Is.EqualTo($"0 0 {root.Attribute("width")!.Value} {root.Attribute("height")!.Value}"));
        // Every url(#id) reference resolves inside the document and ids are unique.
        var ids = doc.Descendants().Select(e => e.Attribute("id")?.Value).OfType<string>().ToArray();
        Assert.That(ids.Distinct().Count(), Is.EqualTo(ids.Length), "unique ids");
        foreach (var reference in doc.Descendants().SelectMany(e => e.Attributes()).Select(a => a.Value).Where(v => v.StartsWith("url(#", StringComparison.Ordinal)))
            Assert.That(ids, Does.Contain(reference[5..^1]));
        return doc;
    }

    /// <summary>Elements named <paramref name="tag"/> whose class list contains every class in <paramref name="classes"/>.</summary>
    internal static IReadOnlyList<XElement> All(XDocument doc, string tag, string classes)
    {
        var wanted = classes.Split(' ');
        return doc.Descendants(Svg + tag)
            .Where(e => e.Attribute("class")?.Value.Split(' ') is { } have && wanted.All(have.Contains))
            .ToArray();
    }

    internal static double Number(XElement e, string attribute) =>
        double.Parse(e.Attribute(attribute)!.Value, CultureInfo.InvariantCulture);
}
