using System.Net;
using System.Text;

namespace Vae.Reproduce;

/// <summary>Renders the report sections into one self-contained <c>index.html</c> with inline SVG figures.</summary>
internal static class HtmlReport
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 2rem auto; max-width: 1180px; color: #1b1b1b; line-height: 1.45; }
        h1 { font-size: 1.7rem; margin-bottom: 0.2rem; } h2 { margin-top: 2.4rem; border-bottom: 1px solid #ccc; padding-bottom: 0.2rem; }
        .meta { color: #555; font-size: 0.9rem; } nav a { margin-right: 1rem; }
        figure { display: inline-block; vertical-align: top; margin: 0.8rem 1rem 0.8rem 0; }
        figure svg { display: block; max-width: 100%; height: auto; }
        figcaption { font-size: 0.85rem; color: #444; max-width: 560px; margin-top: 0.3rem; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; } caption { text-align: left; font-weight: bold; padding-bottom: 0.3rem; }
        th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; text-align: right; } th { background: #f3f3f3; } td:first-child, th:first-child { text-align: left; }
        """;

    /// <summary>The complete HTML document of <c>vae reproduce</c>.</summary>
    internal static string Render(IReadOnlyList<ReportSection> sections, string commandLine, TimeSpan elapsed, bool quick) =>
        Render("Vae: reproduction of the seed experiments", sections,
            $"{(quick ? "Quick run" : "Full run")} · <code>{Encode(commandLine)}</code> · " +
            $"{elapsed.TotalMinutes.ToString("F1", System.Globalization.CultureInfo.InvariantCulture)} min · every number is also in " +
            "<a href=\"metrics.json\">metrics.json</a> with its parameters and seeds.");

    /// <summary>A complete HTML document with a title, one line of (already encoded) meta HTML and the sections.</summary>
    internal static string Render(string title, IReadOnlyList<ReportSection> sections, string metaHtml)
    {
        var html = new StringBuilder();
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        html.AppendLine("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        html.Append("<title>").Append(Encode(title)).AppendLine("</title>");
        html.Append("<style>").Append(Style).AppendLine("</style></head><body>");
        html.Append("<h1>").Append(Encode(title)).AppendLine("</h1>");
        html.Append("<p class=\"meta\">").Append(metaHtml).AppendLine("</p>");
        html.Append("<nav>");
        foreach (var s in sections) html.Append("<a href=\"#").Append(Encode(s.Id)).Append("\">").Append(Encode(s.Title)).Append("</a>");
        html.AppendLine("</nav>");
        foreach (var section in sections)
        {
            html.Append("<section id=\"").Append(Encode(section.Id)).AppendLine("\">");
            html.Append("<h2>").Append(Encode(section.Title)).AppendLine("</h2>");
            html.Append("<p>").Append(Encode(section.Summary)).AppendLine("</p>");
            foreach (var table in section.Tables) AppendTable(html, table);
            foreach (var figure in section.Figures)
            {
                html.Append("<figure id=\"").Append(Encode(figure.Id)).AppendLine("\">");
                html.Append("<h3>").Append(Encode(figure.Title)).AppendLine("</h3>");
                html.AppendLine(figure.Svg);
                html.Append("<figcaption>").Append(Encode(figure.Caption)).AppendLine("</figcaption></figure>");
            }
            html.AppendLine("</section>");
        }
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendTable(StringBuilder html, ReportTable table)
    {
        html.Append("<table><caption>").Append(Encode(table.Title)).Append("</caption><thead><tr>");
        foreach (var h in table.Header) html.Append("<th>").Append(Encode(h)).Append("</th>");
        html.AppendLine("</tr></thead><tbody>");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            foreach (var cell in row) html.Append("<td>").Append(Encode(cell)).Append("</td>");
            html.AppendLine("</tr>");
        }
        html.AppendLine("</tbody></table>");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
