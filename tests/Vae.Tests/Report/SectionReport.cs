using System.Text.Json.Nodes;
using Vae.Cli;
using Vae.Reproduce;

namespace Vae.Tests.Report;

/// <summary>
/// The report a section test reads: the one in <c>VAE_REPORT_DIR</c> when it has the section (CI: the main job's
/// <c>--quick</c> output), otherwise that section alone, run here into a temporary directory that <see cref="Dispose"/> deletes.
/// </summary>
internal sealed class SectionReport : IDisposable
{
    private readonly string? _temporary;

    private SectionReport(string directory, string? temporary)
    {
        Directory = directory;
        _temporary = temporary;
        Sections = JsonNode.Parse(File.ReadAllText(Path.Combine(directory, "metrics.json")))!["sections"]!.AsObject();
        Html = File.ReadAllText(Path.Combine(directory, "index.html"));
    }

    /// <summary>The report's directory.</summary>
    public string Directory { get; }

    /// <summary>metrics.json's "sections" object.</summary>
    public JsonObject Sections { get; }

    /// <summary>index.html.</summary>
    public string Html { get; }

    /// <summary>The report of <c>VAE_REPORT_DIR</c> if it has section <paramref name="id"/>, else section <paramref name="id"/>
    /// run alone at <paramref name="scale"/> with seed 1.</summary>
    public static SectionReport LoadOrRun(string id, ReproduceScale scale)
    {
        var directory = Environment.GetEnvironmentVariable("VAE_REPORT_DIR");
        if (!string.IsNullOrEmpty(directory) && HasSection(directory, id)) return new SectionReport(directory, null);
        var temporary = System.IO.Directory.CreateTempSubdirectory($"vae-{id}-").FullName;
        ReproduceRunner.Run(new ReproduceOptions(temporary, scale, 1, [id]), ReportParts.All, $"test ({scale.ToString().ToLowerInvariant()}, {id} only)",
            CommandRunner.UseBestNumerics(), CancellationToken.None);
        return new SectionReport(temporary, temporary);
    }

    /// <summary>Deletes the report if this class ran it.</summary>
    public void Dispose()
    {
        if (_temporary is not null) System.IO.Directory.Delete(_temporary, recursive: true);
    }

    private static bool HasSection(string directory, string id)
    {
        var path = Path.Combine(directory, "metrics.json");
        return File.Exists(path) && JsonNode.Parse(File.ReadAllText(path))?["sections"]?[id] is not null;
    }
}
