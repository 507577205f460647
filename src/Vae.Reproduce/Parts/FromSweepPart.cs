namespace Vae.Reproduce.Parts;

/// <summary><c>vae reproduce --from SWEEP</c>: the report of a finished α × k sweep (e.g. the one <c>--profile
/// paper</c> wrote, run on a cluster): the same figures, tables and claims as the <see cref="AlphaGridPart"/>.</summary>
internal sealed class FromSweepPart(string sweepDirectory) : IReportPart
{
    public string Id => "sweep";

    public string Label => $"Report of the sweep {sweepDirectory}";

    public ReportSection Run(ReproduceOptions options, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var figures = new List<ReportFigure>();
        var tables = new List<ReportTable>();
        var (metrics, summary) = AlphaGridPart.Analyse(Path.GetFullPath(sweepDirectory), Path.GetFullPath(sweepDirectory), Id, 5, figures, tables);
        progress.Report(1.0);
        return new ReportSection(Id, "Rényi α × latent size from a finished sweep: Figs. 1–2 and the paper's claims",
            "Built by `vae reproduce --from` from the sweep's complete runs (docs/sweeps.md). " + summary, metrics, figures, tables);
    }
}
