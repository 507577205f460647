namespace Vae.Core.Training;

/// <summary>What one epoch achieved. Losses are means over samples, in nats per sample.</summary>
/// <param name="Epoch">Epoch number, 1-based.</param>
/// <param name="TrainLoss">Mean minimised objective over the epoch's minibatches (weighted by batch size), taken before each step.</param>
/// <param name="TrainNegativeElbo">Mean −ELBO (analytic KL, β = 1) over the epoch's minibatches, before each step (as PyTorch's example reports it).</param>
/// <param name="TestNegativeElbo">−ELBO on the test set after the epoch (one noise draw per sample); null without a test set.</param>
/// <param name="TestLogLikelihood">Importance-sampled log p(x) on the test set after the epoch; null unless requested.</param>
/// <param name="Seconds">Wall-clock seconds of the training part of the epoch (excluding evaluation and checkpointing).</param>
/// <param name="Beta">The KL weight at the end of the epoch.</param>
/// <param name="Step">Optimiser steps taken in total.</param>
/// <param name="CheckpointPath">The checkpoint written after this epoch, or empty.</param>
public sealed record EpochSummary(int Epoch, double TrainLoss, double TrainNegativeElbo, double? TestNegativeElbo, double? TestLogLikelihood,
    double Seconds, double Beta, long Step, string CheckpointPath);
