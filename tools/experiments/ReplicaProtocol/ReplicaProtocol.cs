using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Quantum.Schrodinger;
using Vae.Reproduce.QuantumPaper;

namespace Vae.Experiments;

/// <summary>A clustering method of a protocol: its name and the labels it gives the encoder's posteriors (means and
/// log-variances, [samples, 2] each) with k given.</summary>
public sealed record ProtocolMethod
{
    /// <summary>A method that sees the posterior means (the codes) alone.</summary>
    public ProtocolMethod(string name, Func<Matrix<double>, int, IReadOnlyList<int>> assign)
        : this(name, (PosteriorCodes posterior, int k) => assign(posterior.Mean, k)) { }

    // Private, so that a caller's untyped lambda binds to the public constructor alone.
    private ProtocolMethod(string name, Func<PosteriorCodes, int, IReadOnlyList<int>> assign) => (Name, AssignPosterior) = (name, assign);

    /// <summary>A method that sees the means and the log-variances.</summary>
    public static ProtocolMethod OnPosterior(string name, Func<PosteriorCodes, int, IReadOnlyList<int>> assign) => new(name, assign);

    public string Name { get; }

    public Func<PosteriorCodes, int, IReadOnlyList<int>> AssignPosterior { get; }
}

/// <summary>The per-(seed, k) ARIs of every method: against the truth on replica 0, and the mean and worst over the replica pairs.</summary>
public sealed record ProtocolRun(int[] Seeds, int[] Ks, double[,] Truth, double[,] Pairwise, double[,] Worst);

/// <summary>
/// The held-out replica protocol of docs/quantum.md §12 (fourth protocol on): the Fig. 2 data for each data seed s and
/// k, five VAE replicas with VAE seeds s..s+4, every method on every replica's codes; scores (a) the mean over seeds of
/// the per-seed median over k of the ARI against the true labels on replica 0, (b) the mean over (seed, k) of the mean
/// pairwise ARI over the 10 replica pairs.
/// </summary>
public static class ReplicaProtocol
{
    public const int Replicas = 5;

    /// <summary>The Fig. 2 pipeline's clustering options given k (<see cref="SchrodingerAnalysis.DefaultClustering"/>), on
    /// one thread: the protocols run the replicas one after another.</summary>
    public static QuantumClusteringOptions Pipeline(int k) => SchrodingerAnalysis.DefaultClustering with { Clusters = k, MaxDegreeOfParallelism = 1 };

    public static ProtocolRun Run(IReadOnlyList<ProtocolMethod> methods, int[] seeds, int[] ks)
    {
        int cells = seeds.Length * ks.Length, count = methods.Count;
        var truth = new double[count, cells];
        var pairwise = new double[count, cells];
        var worst = new double[count, cells];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var s = 0; s < seeds.Length; s++)
            for (var c = 0; c < ks.Length; c++)
            {
                var options = Figure2Options.Default with { Seed = seeds[s] };
                var data = Figure2.Data(ks[c], options);
                var posteriors = Enumerable.Range(0, Replicas).Select(r => Figure2.Posterior(data, options, seeds[s] + r)).ToArray();
                var cell = s * ks.Length + c;
                for (var m = 0; m < count; m++)
                {
                    var labels = posteriors.Select(x => methods[m].AssignPosterior(x, ks[c]).ToArray()).ToArray();
                    truth[m, cell] = Clustering.AdjustedRandIndex(data.Labels, labels[0]);
                    var pairs = (from a in Enumerable.Range(0, Replicas) from b in Enumerable.Range(a + 1, Replicas - a - 1)
                                 select Clustering.AdjustedRandIndex(labels[a], labels[b])).ToArray();
                    pairwise[m, cell] = pairs.Average();
                    worst[m, cell] = pairs.Min();
                }
                Console.Error.WriteLine($"seed {seeds[s]}, k = {ks[c]}: done at {clock.Elapsed.TotalSeconds:F0} s");
            }
        return new ProtocolRun(seeds, ks, truth, pairwise, worst);
    }

    /// <summary>
    /// A whole protocol: every method on the held-out data seeds 100–104 for k = 2..5, printed; the decision, printed by
    /// <paramref name="decide"/> from that run; then, not used for the decision, the reported seeds 0 and 1, printed;
    /// then the elapsed time.
    /// </summary>
    public static void HeldOutThenReported(IReadOnlyList<ProtocolMethod> methods, Action<ProtocolRun> decide)
    {
        int[] ks = [2, 3, 4, 5];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var held = Run(methods, [100, 101, 102, 103, 104], ks);
        Print("Held-out seeds (the decision)", methods, held);
        decide(held);
        Console.WriteLine();
        var reported = Run(methods, [0, 1], ks);
        Print("The reported seeds (not used for the decision)", methods, reported);
        Console.WriteLine($"Elapsed {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>
    /// The decision of the seventh protocol on: a candidate (an index into <paramref name="methods"/>) qualifies when it
    /// beats method 0, the baseline, by more than 0.005 on both (a) and (b); the qualifying candidate with the highest (b)
    /// becomes the Fig. 2 pipeline's kernel. Prints one line per candidate and the decision
    /// (<paramref name="whenNoneQualifies"/> when none does).
    /// </summary>
    public static void DecideAmongCandidates(IReadOnlyList<ProtocolMethod> methods, ProtocolRun held, int[] candidates, string whenNoneQualifies)
    {
        var (a0, b0) = (ScoreA(held, 0), ScoreB(held, 0));
        bool Qualifies(int m) => ScoreA(held, m) > a0 + 0.005 && ScoreB(held, m) > b0 + 0.005;
        foreach (var m in candidates)
        {
            var (a, b) = (ScoreA(held, m), ScoreB(held, m));
            Console.WriteLine($"- {methods[m].Name}: (a) {a:F3} against {a0:F3} ({a - a0:+0.000;-0.000}), (b) {b:F3} against {b0:F3} ({b - b0:+0.000;-0.000}): "
                + (Qualifies(m) ? "qualifies." : "does not qualify."));
        }
        var qualifying = candidates.Where(Qualifies).ToArray();
        Console.WriteLine();
        Console.WriteLine(qualifying.Length == 0
            ? whenNoneQualifies
            : $"Decision: {methods[qualifying.MaxBy(m => ScoreB(held, m))].Name} becomes the Fig. 2 pipeline's kernel (highest (b) of the qualifying candidates).");
    }

    public static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : 0.5 * (v[v.Length / 2 - 1] + v[v.Length / 2]);
    }

    /// <summary>(a): mean over seeds of the per-seed median over k of the ARI against the truth.</summary>
    public static double ScoreA(ProtocolRun run, int method) =>
        Enumerable.Range(0, run.Seeds.Length).Select(s => Median(Enumerable.Range(0, run.Ks.Length).Select(c => run.Truth[method, s * run.Ks.Length + c]))).Average();

    /// <summary>(b): mean over (seed, k) of the mean pairwise replica ARI.</summary>
    public static double ScoreB(ProtocolRun run, int method) =>
        Enumerable.Range(0, run.Seeds.Length * run.Ks.Length).Select(cell => run.Pairwise[method, cell]).Average();

    public static void Print(string title, IReadOnlyList<ProtocolMethod> methods, ProtocolRun run)
    {
        int cells = run.Seeds.Length * run.Ks.Length;
        Console.WriteLine($"## {title}: data seeds {string.Join(", ", run.Seeds)}, VAE seeds s..s+{Replicas - 1}");
        Console.WriteLine();
        Console.WriteLine("| method | (a) mean of per-seed median ARI vs truth | (b) mean pairwise replica ARI | (seed, k) with pairwise ≥ 0.9 |");
        Console.WriteLine("| --- | --- | --- | --- |");
        for (var m = 0; m < methods.Count; m++)
        {
            var good = Enumerable.Range(0, cells).Count(cell => run.Pairwise[m, cell] >= 0.9);
            Console.WriteLine($"| {methods[m].Name} | {ScoreA(run, m):F3} | {ScoreB(run, m):F3} | {good} of {cells} |");
        }
        Console.WriteLine();
        Console.WriteLine($"| seed | k | {string.Join(" | ", methods.Select(n => $"{n.Name}: ARI / pairwise (worst pair)"))} |");
        Console.WriteLine($"| --- | --- | {string.Join(" | ", methods.Select(_ => "---"))} |");
        for (var s = 0; s < run.Seeds.Length; s++)
            for (var c = 0; c < run.Ks.Length; c++)
            {
                var cell = s * run.Ks.Length + c;
                Console.WriteLine($"| {run.Seeds[s]} | {run.Ks[c]} | {string.Join(" | ", Enumerable.Range(0, methods.Count).Select(m => $"{run.Truth[m, cell]:F3} / {run.Pairwise[m, cell]:F3} ({run.Worst[m, cell]:F3})"))} |");
            }
        Console.WriteLine();
    }
}
