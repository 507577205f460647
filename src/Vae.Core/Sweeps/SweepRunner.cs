using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;

namespace Vae.Core.Sweeps;

/// <summary>
/// Runs the runs of a sweep directory (<c>SWEEP/sweep.json</c>) into <c>SWEEP/runs/</c>: each run trains in
/// <c>runs/&lt;id&gt;.partial/</c> (also its checkpoint directory), writes <c>options.json</c>, <c>model.safetensors</c>,
/// <c>metrics.json</c> and then a <c>complete</c> marker there, and is renamed to <c>runs/&lt;id&gt;/</c> in one atomic
/// step. Completed runs are skipped; an interrupted run resumes from its checkpoint bit for bit.
/// </summary>
/// <remarks>
/// <para>The sweep directory remembers its sweep file in <c>sweep.lock.json</c> (the <see cref="SweepDefinition.Fingerprint"/>
/// of the run IDs in order); a later call with a sweep file that gives other runs is refused before anything is written.</para>
/// <para>Concurrency: each run is trained under an exclusive lock (<c>runs/&lt;id&gt;.lock</c>, released by the operating
/// system if the process dies), so two processes on one sweep directory never train the same run; the second skips it.</para>
/// <para>Cancellation: the trainer writes its mid-epoch checkpoint into the partial directory and
/// <see cref="OperationCanceledException"/> propagates; the next call resumes there.</para>
/// </remarks>
public static class SweepRunner
{
    /// <summary>The file in a sweep directory that records the fingerprint of the sweep file that wrote its runs.</summary>
    public const string LockFileName = "sweep.lock.json";

    /// <summary>The marker file of a completed run.</summary>
    public const string CompleteMarker = "complete";

    private const string EpochLogName = "epochs.json";

    /// <summary>Reads a sweep directory's sweep file and checks it against the fingerprint the directory recorded, writing nothing.</summary>
    /// <param name="sweepDirectory">The sweep directory (holding <c>sweep.json</c>).</param>
    /// <returns>The definition.</returns>
    /// <exception cref="FileNotFoundException">There is no sweep file.</exception>
    /// <exception cref="InvalidDataException">The sweep file is invalid, or the directory's runs were written by a
    /// different sweep file (the message names both fingerprints), or the lock file is malformed.</exception>
    public static SweepDefinition Open(string sweepDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sweepDirectory);
        var directory = Path.GetFullPath(sweepDirectory);
        var definition = SweepDefinition.Load(Path.Combine(directory, SweepDefinition.FileName));
        var recorded = RecordedFingerprint(directory);
        var current = definition.Fingerprint();
        if (recorded is not null && recorded != current)
            throw new InvalidDataException($"'{directory}' holds runs written by a different sweep file: {LockFileName} records fingerprint {recorded}, "
                + $"'{Path.Combine(directory, SweepDefinition.FileName)}' now gives {current}. Restore the sweep file or start a new sweep directory.");
        return definition;
    }

    /// <summary>The runs of shard <paramref name="task"/> of <paramref name="tasks"/>: positions i with i mod tasks = task, in order.</summary>
    /// <param name="runs">All runs in expansion order.</param>
    /// <param name="task">Shard index, 0 ≤ task &lt; tasks.</param>
    /// <param name="tasks">Shard count, ≥ 1.</param>
    /// <returns>The shard's runs.</returns>
    /// <exception cref="ArgumentOutOfRangeException">task or tasks out of range.</exception>
    public static IReadOnlyList<RunConfiguration> Shard(IReadOnlyList<RunConfiguration> runs, int task, int tasks)
    {
        ArgumentNullException.ThrowIfNull(runs);
        new SweepRunOptions { Task = task, Tasks = tasks }.Validate();
        return runs.Where((_, i) => i % tasks == task).ToList().AsReadOnly();
    }

    /// <summary>Whether run <paramref name="id"/> of the sweep is complete (<c>runs/&lt;id&gt;/complete</c> exists).</summary>
    /// <param name="sweepDirectory">The sweep directory.</param>
    /// <param name="id">The run ID.</param>
    /// <returns>True when complete.</returns>
    public static bool IsComplete(string sweepDirectory, string id) =>
        File.Exists(Path.Combine(Path.GetFullPath(sweepDirectory), "runs", id, CompleteMarker));

    /// <summary>Counts complete, partial and pending runs (reads only).</summary>
    /// <param name="sweepDirectory">The sweep directory.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="InvalidDataException">See <see cref="Open"/>.</exception>
    public static SweepStatus Status(string sweepDirectory)
    {
        var runs = Open(sweepDirectory).Expand();
        var directory = Path.GetFullPath(sweepDirectory);
        int complete = 0, partial = 0;
        foreach (var run in runs)
        {
            if (IsComplete(directory, run.Id)) complete++;
            else if (Directory.Exists(Path.Combine(directory, "runs", run.Id + ".partial"))) partial++;
        }
        return new SweepStatus(runs.Count, complete, partial, runs.Count - complete - partial);
    }

    /// <summary>Trains the runs of a shard that are not complete.</summary>
    /// <param name="sweepDirectory">The sweep directory (holding <c>sweep.json</c>).</param>
    /// <param name="options">Workers and shard.</param>
    /// <param name="log">Receives one line per run started, resumed, skipped or finished; may be null.</param>
    /// <param name="cancellationToken">Stops training (each running run checkpoints first).</param>
    /// <returns>The runs trained and skipped.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (nothing is written).</exception>
    /// <exception cref="InvalidDataException">See <see cref="Open"/> (nothing is written).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; interrupted runs keep their checkpoints.</exception>
    public static SweepRunResult Run(string sweepDirectory, SweepRunOptions options, IProgress<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var directory = Path.GetFullPath(sweepDirectory);
        var definition = Open(directory);
        var shard = Shard(definition.Expand(), options.Task, options.Tasks);
        // Validated: from here on writing is allowed.
        Directory.CreateDirectory(Path.Combine(directory, "runs"));
        WriteLock(directory, definition);
        var skipped = shard.Where(r => IsComplete(directory, r.Id)).Select(r => r.Id).ToList();
        foreach (var id in skipped) log?.Report($"run {id}: complete, skipped");
        var todo = shard.Where(r => !skipped.Contains(r.Id)).ToList();
        var data = new Dictionary<string, Lazy<NamedDataSplit>>();
        foreach (var run in todo)
        {
            var key = run.Dataset + "\n" + run.DataDirectory;
            if (!data.ContainsKey(key)) data[key] = new Lazy<NamedDataSplit>(() => DatasetRegistry.Load(run.Dataset, run.DataDirectory, 0));
        }
        NamedDataSplit DataOf(RunConfiguration r) => data[r.Dataset + "\n" + r.DataDirectory].Value;
        if (options.Workers == 1 || todo.Count <= 1)
        {
            foreach (var run in todo) RunOne(directory, run, run.Threads, DataOf(run), log, null, cancellationToken);
        }
        else
        {
            try
            {
                Parallel.ForEach(todo, new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
                    run => RunOne(directory, run, 1, DataOf(run), log, null, cancellationToken));
            }
            catch (AggregateException e)
            {
                var inner = e.Flatten().InnerExceptions;
                var failure = inner.FirstOrDefault(x => x is not OperationCanceledException);
                if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
                throw inner[0];
            }
        }
        return new SweepRunResult(todo.Select(r => r.Id).ToList().AsReadOnly(), skipped.AsReadOnly());
    }

    /// <summary>Trains one run into <c>runs/&lt;id&gt;.partial</c> (resuming its checkpoint if any) and renames it to <c>runs/&lt;id&gt;</c>.</summary>
    internal static void RunOne(string directory, RunConfiguration run, int threads, NamedDataSplit data, IProgress<string>? log,
        IProgress<TrainingProgress>? progress, CancellationToken cancellationToken)
    {
        var id = run.Id;
        var final = Path.Combine(directory, "runs", id);
        if (IsComplete(directory, id)) return;
        // One writer per run: a second `sweep run` on the same directory (an overlapping shard, a repeated command)
        // leaves a run that another process is training to that process.
        using var runLock = OutputLock.TryAcquire(final + ".lock");
        if (runLock is null)
        {
            log?.Report($"run {id}: being trained by another process, skipped");
            return;
        }
        if (IsComplete(directory, id)) return;
        var partial = final + ".partial";
        Directory.CreateDirectory(partial);
        var checkpoint = Path.Combine(partial, Checkpoint.FileName);
        var epochs = ReadEpochLog(partial);
        bool resume = File.Exists(checkpoint);
        if (resume)
        {
            // The trainer writes a checkpoint before the epoch log: a checkpoint ahead of the log starts the run afresh
            // (same seed, same result, only slower).
            int done = CheckpointEpoch(checkpoint);
            epochs.RemoveAll(e => e["epoch"]!.GetValue<int>() > done);
            if (epochs.Count != done || epochs.Select((e, i) => e["epoch"]!.GetValue<int>() != i + 1).Any(b => b))
            {
                File.Delete(checkpoint);
                resume = false;
            }
        }
        if (!resume) epochs.Clear();
        log?.Report(resume ? $"run {id}: resuming from {checkpoint}" : $"run {id}: training {run.ToCanonicalJson()}");
        AtomicFile.WriteAllText(Path.Combine(partial, "options.json"), OptionsJson(run));
        var options = run.ToTrainingOptions() with { Threads = threads, CheckpointDirectory = partial, ResumeFrom = resume ? checkpoint : "" };
        var result = VaeTrainer.Train(run.ArchitectureFor(data), data.Train, data.Test, options, (s, _) =>
        {
            epochs.RemoveAll(e => e["epoch"]!.GetValue<int>() >= s.Epoch);
            epochs.Add(EpochJson(s));
            AtomicFile.WriteAllText(Path.Combine(partial, EpochLogName), new JsonArray(epochs.Select(e => (JsonNode)e.DeepClone()).ToArray()).ToJsonString());
        }, progress, cancellationToken);
        result.Model.Save(Path.Combine(partial, "model.safetensors"));
        double? bound = null;
        if (run.BoundSamples > 0 && data.Test.Count > 0)
        {
            // Stream 5 of the last epoch: a noise seed no training or evaluation draw uses (VaeTrainer uses streams 0–4).
            bound = RenyiBound.Estimate(result.Model, data.Test, run.BoundAlpha, run.BoundSamples,
                VaeTrainer.SeedOf(run.Seed, run.Epochs, 5), run.BatchSize).Mean;
        }
        AtomicFile.WriteAllText(Path.Combine(partial, "metrics.json"), MetricsJson(run, data, epochs, bound));
        AtomicFile.WriteAllText(Path.Combine(partial, CompleteMarker), id + "\n");
        if (Directory.Exists(final))
        {
            if (File.Exists(Path.Combine(final, CompleteMarker))) { Directory.Delete(partial, true); return; }
            Directory.Delete(final, true);
        }
        Directory.Move(partial, final);
        log?.Report($"run {id}: complete");
    }

    private static string? RecordedFingerprint(string directory)
    {
        var path = Path.Combine(directory, LockFileName);
        if (!File.Exists(path)) return null;
        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path));
            return node?["fingerprint"]?.GetValue<string>() ?? throw new InvalidDataException($"'{path}': field 'fingerprint' is missing.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw new InvalidDataException($"'{path}': field 'fingerprint' is not readable ({e.Message}).", e);
        }
    }

    private static void WriteLock(string directory, SweepDefinition definition)
    {
        if (File.Exists(Path.Combine(directory, LockFileName))) return;
        var runs = definition.Expand();
        var json = new JsonObject
        {
            ["fingerprint"] = definition.Fingerprint(),
            ["runs"] = new JsonArray(runs.Select(r => (JsonNode)JsonValue.Create(r.Id)).ToArray()),
        };
        AtomicFile.WriteAllText(Path.Combine(directory, LockFileName), json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    private static int CheckpointEpoch(string checkpoint)
    {
        var metadata = SafeTensorsFile.Read(checkpoint).Metadata;
        return metadata.TryGetValue("vae.checkpoint.epoch", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out int e) && e >= 0
            ? e
            : throw new InvalidDataException($"'{checkpoint}': field 'vae.checkpoint.epoch' is missing or not an integer.");
    }

    private static List<JsonObject> ReadEpochLog(string partial)
    {
        var path = Path.Combine(partial, EpochLogName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonNode.Parse(File.ReadAllText(path))!.AsArray().Select(n => n!.AsObject().DeepClone().AsObject()).ToList();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            return []; // an unreadable log restarts the run (see RunOne)
        }
    }

    private static JsonObject EpochJson(EpochSummary s)
    {
        var o = new JsonObject
        {
            ["epoch"] = s.Epoch, ["train_loss"] = s.TrainLoss, ["train_neg_elbo"] = s.TrainNegativeElbo, ["test_neg_elbo"] = s.TestNegativeElbo,
            ["seconds"] = s.Seconds, ["beta"] = s.Beta, ["step"] = s.Step,
        };
        if (s.TestLogLikelihood is { } ll) o["test_log_likelihood"] = ll;
        return o;
    }

    internal static string OptionsJson(RunConfiguration run)
    {
        var o = JsonNode.Parse(run.ToCanonicalJson())!.AsObject();
        o["id"] = run.Id;
        o["configuration_id"] = run.ConfigurationId;
        o["data_dir"] = run.DataDirectory;
        o["threads"] = run.Threads;
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static string MetricsJson(RunConfiguration run, NamedDataSplit data, List<JsonObject> epochs, double? bound)
    {
        var last = epochs[^1];
        var final = new JsonObject
        {
            ["train_neg_elbo"] = last["train_neg_elbo"]!.DeepClone(),
            ["test_neg_elbo"] = last["test_neg_elbo"]?.DeepClone(),
            ["seconds"] = epochs.Sum(e => e["seconds"]!.GetValue<double>()),
        };
        if (last["test_log_likelihood"] is { } ll) final["test_log_likelihood"] = ll.DeepClone();
        if (bound is { } b)
        {
            final["test_renyi_bound"] = b;
            final["renyi_bound_alpha"] = run.BoundAlpha;
            final["renyi_bound_samples"] = run.BoundSamples;
        }
        var root = new JsonObject
        {
            ["id"] = run.Id, ["options"] = JsonNode.Parse(run.ToCanonicalJson()), ["dataset"] = data.Name, ["data_source"] = data.Source,
            ["train_samples"] = data.Train.Count, ["test_samples"] = data.Test.Count, ["units"] = "nats per sample",
            ["final"] = final, ["epochs"] = new JsonArray(epochs.Select(e => (JsonNode)e.DeepClone()).ToArray()),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
