using Vae.Core.Models;

namespace Vae.Core.Training;

/// <summary>The trained model and the per-epoch record.</summary>
/// <param name="Model">The trained model (the instance that was trained).</param>
/// <param name="Epochs">One summary per epoch run (after resuming: only the epochs run now).</param>
public sealed record TrainingResult(VariationalAutoencoder Model, IReadOnlyList<EpochSummary> Epochs);
