namespace Vae.Reproduce;

/// <summary>How much work <c>vae reproduce</c> does.</summary>
internal enum ReproduceScale
{
    /// <summary>Seconds per part: the end-to-end test's report (every figure, tiny workloads). Not a CLI option.</summary>
    Smoke,

    /// <summary><c>--quick</c>: ≤ 10 min on 2 cores.</summary>
    Quick,

    /// <summary>The full run (<c>--full</c>, the default): ≤ 2 h on 2 cores, with the α × k grid on Fashion-MNIST 60 000.</summary>
    Full,
}

/// <summary>Settings of <c>vae reproduce</c>.</summary>
/// <param name="OutputDirectory">Where <c>metrics.json</c> and <c>index.html</c> go.</param>
/// <param name="Scale">Smoke, quick or full.</param>
/// <param name="Seed">Base seed; every experiment derives its own seed from it and records it.</param>
/// <param name="Only">Section ids to run (empty: all).</param>
internal sealed record ReproduceOptions(string OutputDirectory, ReproduceScale Scale, int Seed, IReadOnlyList<string> Only)
{
    /// <summary>Whether this is a reduced run (smoke or quick).</summary>
    internal bool Quick => Scale != ReproduceScale.Full;

    /// <summary>Picks the value for the current scale.</summary>
    internal T Pick<T>(T smoke, T quick, T full) => Scale switch
    {
        ReproduceScale.Smoke => smoke,
        ReproduceScale.Quick => quick,
        _ => full,
    };

    /// <summary>Whether section <paramref name="id"/> is selected.</summary>
    internal bool Includes(string id) => Only.Count == 0 || Only.Contains(id, StringComparer.OrdinalIgnoreCase);
}
