using Vae.Core.Models;
using Vae.Core.Collections;

namespace Vae.Core.Training;

/// <summary>The trained model and the per-epoch record.</summary>
/// <param name="Model">The trained model (the instance that was trained).</param>
/// <param name="Epochs">One summary per epoch run (after resuming: only the epochs run now).</param>
public sealed record TrainingResult(VariationalAutoencoder Model, IReadOnlyList<EpochSummary> Epochs)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<EpochSummary> Epochs { get => _epochs; init => _epochs = ValueList.Copy(value); }

    private readonly IReadOnlyList<EpochSummary> _epochs = ValueList.Copy(Epochs);
}
