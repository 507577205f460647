using Vae.Reproduce.Parts;

namespace Vae.Reproduce;

/// <summary>The sections of <c>vae reproduce</c>.</summary>
internal static class ReportParts
{
    /// <summary>The report's parts, in report order: MNIST geometry, replicas, the α × k grid, quantum, fluids.</summary>
    internal static IReadOnlyList<IReportPart> All { get; } =
        [new MnistPart(), new ReplicaPart(), new AlphaGridPart(), new QuantumPart(), new FluidsPart()];

    /// <summary>The single part of <c>vae reproduce --from SWEEP</c>: the report of a finished sweep directory.</summary>
    /// <param name="sweepDirectory">Absolute path of the sweep directory.</param>
    internal static IReadOnlyList<IReportPart> FromSweep(string sweepDirectory) => [new FromSweepPart(sweepDirectory)];
}
