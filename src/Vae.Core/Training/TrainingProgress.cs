namespace Vae.Core.Training;

/// <summary>Progress after one minibatch.</summary>
/// <param name="Epoch">Current epoch, 1-based.</param>
/// <param name="Epochs">Final epoch.</param>
/// <param name="Batch">Batches done in this epoch, 1-based.</param>
/// <param name="Batches">Batches per epoch.</param>
/// <param name="Loss">Mean loss of the epoch so far, nats per sample.</param>
/// <param name="SamplesPerSecond">Training throughput of the epoch so far.</param>
/// <param name="Step">Optimiser steps taken in total.</param>
public sealed record TrainingProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double SamplesPerSecond, long Step);
