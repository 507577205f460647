namespace Vae.Cli.Reproduce;

/// <summary>Settings of <c>vae reproduce</c>.</summary>
/// <param name="OutputDirectory">Where <c>metrics.json</c> and <c>index.html</c> go.</param>
/// <param name="Quick">The reduced run (≤ 10 min on 2 cores) instead of the full one (≤ 60 min).</param>
/// <param name="Seed">Base seed; every experiment derives its own seed from it and records it.</param>
/// <param name="Only">Section ids to run (empty: all).</param>
internal sealed record ReproduceOptions(string OutputDirectory, bool Quick, int Seed, IReadOnlyList<string> Only)
{
    /// <summary>Whether section <paramref name="id"/> is selected.</summary>
    internal bool Includes(string id) => Only.Count == 0 || Only.Contains(id, StringComparer.OrdinalIgnoreCase);
}
