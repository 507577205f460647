using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Sweeps;

namespace Vae.Reproduce;

/// <summary>
/// <c>vae reproduce --profile paper</c>: writes, but does not run, the sweep of Peşte, Malagò &amp; Sârbu at the paper's
/// scale — α ∈ {0, 0.2, 0.4, 0.6, 0.8, 1} × k ∈ {30, 40, 50} × 10 seeds, 784-200-200-k ReLU, Adam 10⁻³, batch 100,
/// 1 000 epochs, Rényi bound with K = 10 for training and evaluation, importance-sampled log-likelihood with 2 000
/// samples after the last epoch — and its Slurm job array (docs/paper-scale-on-a-cluster.md). <c>vae reproduce
/// --from SWEEP</c> builds the report from the finished sweep.
/// </summary>
internal static class PaperProfile
{
    internal const string Name = "peste-malago-sarbu";

    /// <summary>The paper's grid on <paramref name="dataset"/> (the paper: MNIST, 60 000 training images).</summary>
    internal static SweepDefinition Definition(string dataset, string dataDirectory, int seed) =>
        new(Name, new RunConfiguration
        {
            Dataset = dataset, DataDirectory = dataDirectory, Epochs = 1000, BatchSize = 100, Hidden = [200, 200], Objective = "renyi",
            Samples = 10, LearningRate = 1e-3, EvaluationSamples = 2000, EvaluateEvery = 1000, BoundSamples = 10, Seed = seed,
        },
        [
            new SweepAxis("alpha", ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
            new SweepAxis("latent", ["30", "40", "50"]),
            new SweepAxis("seed", Enumerable.Range(seed, 10).Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList()),
        ]);

    /// <summary>Slurm defaults for the paper's runs: one GPU and 2 CPUs per task, 20 tasks at once, 4 GB, 48 h.</summary>
    internal static SlurmScriptOptions Slurm { get; } = SlurmScriptOptions.Default with
    {
        CpusPerTask = 2, GpusPerTask = 1, MaxConcurrent = 20, Memory = "4G", Time = "48:00:00",
    };

    /// <summary>Checks the data options by the rule every task's <see cref="DatasetRegistry.Load"/> will apply on the cluster
    /// (<see cref="DatasetRegistry.Validate"/>), so that a sweep whose every run would fail is never written.</summary>
    /// <returns>The registry name, trimmed and lower case: <c>sweep.json</c> is read case-sensitively.</returns>
    /// <exception cref="ArgumentException">The dataset is unknown (ParamName <c>name</c>), or a data directory is given for
    /// <c>mnist</c> or <c>classification</c> or missing for <c>mnist-full</c> (ParamName <c>dataDirectory</c>).</exception>
    internal static string Validate(string dataset, string dataDirectory) => DatasetRegistry.Validate(dataset, dataDirectory);

    /// <summary>Writes <c>sweep.json</c> and <c>slurm/sweep.sbatch</c> (and the logs directory) into
    /// <paramref name="staging"/>; the script names <paramref name="directory"/>, where the staging directory will be renamed to.</summary>
    /// <returns>The two files relative to the sweep directory, and the number of runs.</returns>
    /// <exception cref="ArgumentException">See <see cref="Validate"/>.</exception>
    internal static (string Sweep, string Script, int Runs) Write(string staging, string directory, string dataset, string dataDirectory, int seed, string launcher)
    {
        var definition = Definition(Validate(dataset, dataDirectory), dataDirectory, seed);
        var sweep = Path.Combine(staging, SweepDefinition.FileName);
        var slurm = Path.Combine(staging, "slurm");
        var runs = definition.Expand().Count;
        var script = SlurmScript.Create(directory, definition.Name, runs, launcher, Slurm);
        Directory.CreateDirectory(Path.Combine(slurm, "logs"));
        AtomicFile.WriteAllText(sweep, definition.ToJson());
        var scriptPath = Path.Combine(slurm, "sweep.sbatch");
        AtomicFile.WriteAllText(scriptPath, script);
        return (SweepDefinition.FileName, Path.Combine("slurm", "sweep.sbatch"), runs);
    }
}
