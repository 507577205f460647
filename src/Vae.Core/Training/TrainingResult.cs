using System.Numerics;
using Vae.Core.Models;

namespace Vae.Core.Training;

/// <summary>The trained model and the per-epoch record.</summary>
/// <typeparam name="T">Element type of the model.</typeparam>
/// <param name="Model">The trained model (the instance that was trained).</param>
/// <param name="Epochs">One summary per epoch run (after resuming: only the epochs run now).</param>
public sealed record TrainingResult<T>(VariationalAutoencoder<T> Model, IReadOnlyList<EpochSummary> Epochs)
    where T : unmanaged, IFloatingPointIeee754<T>;
