using System.Text.Json.Nodes;

namespace Vae.Reproduce;

/// <summary>One SVG figure of the report.</summary>
/// <param name="Id">HTML id, unique in the report (letters, digits, '-').</param>
/// <param name="Title">Heading shown above the figure.</param>
/// <param name="Caption">What the figure shows and the parameters behind it.</param>
/// <param name="Svg">Complete <c>&lt;svg&gt;</c> markup with width, height and viewBox.</param>
internal sealed record ReportFigure(string Id, string Title, string Caption, string Svg);

/// <summary>A small table of numbers shown in the report.</summary>
internal sealed record ReportTable(string Title, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows);

/// <summary>What one part of the reproduction produced: metrics for <c>metrics.json</c>, figures and tables for <c>index.html</c>.</summary>
/// <param name="Id">Key in <c>metrics.json</c> ("mnist", "replicas", "quantum", "fluids").</param>
/// <param name="Title">Section heading.</param>
/// <param name="Summary">One paragraph: what was run, on what data, with which seeds.</param>
/// <param name="Metrics">Every number of the section with the parameters and seeds that produced it.</param>
/// <param name="Figures">SVG figures, in order.</param>
/// <param name="Tables">Tables of numbers, shown before the figures.</param>
internal sealed record ReportSection(string Id, string Title, string Summary, JsonObject Metrics,
    IReadOnlyList<ReportFigure> Figures, IReadOnlyList<ReportTable> Tables);

/// <summary>A part of <c>vae reproduce</c>.</summary>
internal interface IReportPart
{
    /// <summary>Section id, also the key in <c>metrics.json</c>.</summary>
    string Id { get; }

    /// <summary>Short label for the progress bar.</summary>
    string Label { get; }

    /// <summary>Runs the experiments of this part. Reports progress in [0, 1].</summary>
    ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken);
}
