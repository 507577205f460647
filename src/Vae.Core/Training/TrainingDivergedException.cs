namespace Vae.Core.Training;

/// <summary>
/// Training produced a non-finite loss or gradient (NaN or ±∞). The parameters were not updated with it; the last
/// checkpoint written before it (if any) is intact and named by <see cref="LastGoodCheckpoint"/>.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="epoch">Epoch (1-based) in which the non-finite value appeared.</param>
    /// <param name="batch">Batch (1-based) within that epoch.</param>
    /// <param name="lastGoodCheckpoint">Path of the last good checkpoint, or empty when none was written.</param>
    /// <param name="detail">What was non-finite.</param>
    public TrainingDivergedException(int epoch, int batch, string lastGoodCheckpoint, string detail)
        : base($"Training diverged in epoch {epoch}, batch {batch}: {detail}. " +
               (lastGoodCheckpoint.Length > 0 ? $"The last good checkpoint is '{lastGoodCheckpoint}'." : "No checkpoint was written (set a checkpoint directory to keep one)."))
    {
        Epoch = epoch;
        Batch = batch;
        LastGoodCheckpoint = lastGoodCheckpoint;
    }

    /// <summary>Epoch (1-based) in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>Batch (1-based) within that epoch.</summary>
    public int Batch { get; }

    /// <summary>Path of the last good checkpoint, or empty.</summary>
    public string LastGoodCheckpoint { get; }
}
