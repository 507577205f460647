using System.Globalization;
using System.Text;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Training;
using Vae.InfoGeometry.Gaussians;

namespace Vae.InfoGeometry.Probes;

/// <summary>
/// Tracks linear-probe accuracy during VAE training (Peşte, Malagò &amp; Sârbu, Fig. 3): after each epoch the trainer's
/// callback hands the encoder's posteriors for a fixed labelled evaluation set to <see cref="Observe"/>, which fits the
/// three probes and appends the result to <see cref="History"/>.
/// </summary>
/// <remarks>
/// Engine-neutral: it needs only the posteriors, so any per-epoch callback can drive it. Not thread-safe: call
/// <see cref="Observe"/> from one thread at a time (training callbacks are sequential). The probe options (split, seed)
/// are fixed for the whole run, so epochs are compared on the same split.
/// </remarks>
public sealed class ProbeTracker
{
    private readonly int[] _labels;
    private readonly List<ProbeEpoch> _history = [];

    /// <summary>Creates a tracker for an evaluation set with these labels.</summary>
    /// <param name="labels">Class labels of the evaluation inputs, shape [n], each ≥ 0 (copied).</param>
    /// <param name="options">Probe settings; <see cref="LinearProbeOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentException">A label is negative or there are fewer than 2 classes.</exception>
    public ProbeTracker(IReadOnlyList<int> labels, LinearProbeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(labels);
        _labels = labels.ToArray();
        if (_labels.Any(l => l < 0))
            throw new ArgumentException("labels must be ≥ 0.", nameof(labels));
        if (_labels.Distinct().Count() < 2)
            throw new ArgumentException("labels must contain at least 2 classes.", nameof(labels));
        Options = options ?? LinearProbeOptions.Default;
        Options.Validate(nameof(options));
    }

    /// <summary>The probe settings used at every epoch.</summary>
    public LinearProbeOptions Options { get; }

    /// <summary>The epochs observed so far, in order (a snapshot copy).</summary>
    public IReadOnlyList<ProbeEpoch> History => _history.ToArray();

    /// <summary>Fits the three probes on the posteriors after <paramref name="epoch"/> and records the result.</summary>
    /// <param name="epoch">Epoch number; must be larger than the previous one.</param>
    /// <param name="posteriors">The encoder's posteriors for the evaluation inputs, n = number of labels.</param>
    /// <returns>The recorded entry.</returns>
    /// <exception cref="ArgumentException">The batch size differs from the number of labels, or the epoch does not increase.</exception>
    public ProbeEpoch Observe(int epoch, DiagonalNormalBatch posteriors)
    {
        ArgumentNullException.ThrowIfNull(posteriors);
        if (posteriors.Count != _labels.Length)
            throw new ArgumentException($"posteriors has {posteriors.Count} rows; the tracker has {_labels.Length} labels.", nameof(posteriors));
        if (_history.Count > 0 && epoch <= _history[^1].Epoch)
            throw new ArgumentException($"epoch {epoch} does not follow the last observed epoch {_history[^1].Epoch}.", nameof(epoch));
        var entry = new ProbeEpoch(epoch, LinearProbe.EvaluateFeatureSets(posteriors, _labels, Options));
        _history.Add(entry);
        return entry;
    }

    /// <summary>
    /// The per-epoch callback for <c>VaeTrainer.Train</c> (its <c>onEpoch</c> argument): after every epoch it encodes
    /// <paramref name="evaluation"/> with the current model and calls <see cref="Observe"/> with the epoch number.
    /// Combine with another callback by delegate addition.
    /// </summary>
    /// <param name="evaluation">The labelled inputs to encode; its labels must equal the tracker's.</param>
    /// <exception cref="ArgumentException">The data set's labels differ from the tracker's.</exception>
    public Action<EpochSummary, VariationalAutoencoder> OnEpoch(Dataset evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (!evaluation.Labels.SequenceEqual(_labels))
            throw new ArgumentException($"evaluation '{evaluation.Name}' has other labels than the tracker ({evaluation.Count} vs {_labels.Length} samples).", nameof(evaluation));
        return (summary, model) => Observe(summary.Epoch, DiagonalNormalBatch.FromPosteriorCodes(model.Encode(evaluation)));
    }

    /// <summary>Writes the history as CSV (<c>epoch,mean,mean_var,sampled</c>: held-out accuracies), atomically.</summary>
    /// <param name="path">Output file; its directory must exist.</param>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist.</exception>
    public void WriteCsv(string path)
    {
        var text = new StringBuilder("epoch,mean,mean_var,sampled\n");
        foreach (var e in _history)
            text.Append(CultureInfo.InvariantCulture, $"{e.Epoch},{e.Accuracies.Mean.TestAccuracy:R},{e.Accuracies.MeanVariance.TestAccuracy:R},{e.Accuracies.Sampled.TestAccuracy:R}\n");
        AtomicFile.WriteAllText(path, text.ToString());
    }
}
