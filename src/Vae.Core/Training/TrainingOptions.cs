using Vae.Core.Models.Objectives;

namespace Vae.Core.Training;

/// <summary>
/// Options of <see cref="VaeTrainer"/>: 10 epochs of minibatches of 100 with Adam (PyTorch defaults, learning rate
/// 10⁻³) on the plain ELBO, seed 0, no checkpoints, device auto, one libtorch thread. Use <c>TrainingOptions.Default with { Epochs = 50 }</c>.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The defaults listed on the type.</summary>
    public static TrainingOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public TrainingOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>TrainingOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public TrainingOptions(TrainingOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Epochs = original.Epochs;
        BatchSize = original.BatchSize;
        Optimizer = original.Optimizer;
        Objective = original.Objective;
        Seed = original.Seed;
        CheckpointDirectory = original.CheckpointDirectory;
        ResumeFrom = original.ResumeFrom;
        EvaluationSamples = original.EvaluationSamples;
        EvaluateEvery = original.EvaluateEvery;
        Device = original.Device;
        Threads = original.Threads;
    }

    /// <summary>Number of passes over the training set, ≥ 1 (the final epoch number when resuming).</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Samples per minibatch, ≥ 1; the last batch of an epoch may be smaller (PyTorch's <c>drop_last=False</c>).</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Optimiser hyper-parameters (learning rate, β₁, β₂, ε, weight decay, gradient clipping).</summary>
    public AdamOptions Optimizer { get; init; } = AdamOptions.Default;

    /// <summary>The minimised objective: <see cref="ElboLoss"/> (β constant or annealed), <see cref="RenyiBound"/> (α; IWAE), or any <see cref="IVaeObjective"/> of your own.</summary>
    public IVaeObjective Objective { get; init; } = ElboLoss.Default;

    /// <summary>Seed of initialisation, shuffling and noise; every epoch derives its own streams from (seed, epoch).</summary>
    public int Seed { get; init; }

    /// <summary>Directory for <c>checkpoint.safetensors</c>, rewritten atomically after every epoch; empty = no checkpoints.</summary>
    public string CheckpointDirectory { get; init; } = "";

    /// <summary>A checkpoint to resume from (parameters, Adam moments, epoch and step); empty = start afresh. The run must
    /// keep the checkpoint's <see cref="Seed"/>, <see cref="BatchSize"/>, <c>Objective.Samples</c> and training-set size,
    /// which fix the sample order and the noise (<see cref="VaeTrainer"/> throws <see cref="ArgumentException"/> otherwise).</summary>
    public string ResumeFrom { get; init; } = "";

    /// <summary>K for the importance-sampled test log-likelihood (see <see cref="EvaluateEvery"/>); 0 = not computed.</summary>
    public int EvaluationSamples { get; init; }

    /// <summary>Epochs between importance-sampled evaluations, ≥ 1: the log-likelihood is computed after epochs
    /// that are multiples of this and after the last epoch (default 1, every epoch). With K = 2 000 (the paper's
    /// evaluation) one evaluation costs more than an epoch of training.</summary>
    public int EvaluateEvery { get; init; } = 1;

    /// <summary>Where to train: <c>auto</c> (CUDA when TorchSharp reports it, else the CPU), <c>cpu</c>, <c>cuda</c> or
    /// <c>cuda:i</c> (see <c>TorchRuntime.ResolveDevice</c>).</summary>
    public string Device { get; init; } = "auto";

    /// <summary>libtorch intra-op threads for the run, ≥ 1 (process-wide, set with <c>torch.set_num_threads</c> when training
    /// starts and restored to the process's previous count when it ends, normally or by an exception), or 0 to keep
    /// libtorch's current setting. Default 1: on 2 cores a second thread gained nothing for the MLP VAE
    /// and made a machine shared with another process many times slower (docs/core-training.md, threading).</summary>
    public int Threads { get; init; } = 1;

    /// <summary>Checks every value.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (Epochs < 1) throw new ArgumentOutOfRangeException(nameof(Epochs), Epochs, "At least one epoch is needed.");
        if (BatchSize < 1) throw new ArgumentOutOfRangeException(nameof(BatchSize), BatchSize, "The batch size must be positive.");
        if (EvaluationSamples < 0) throw new ArgumentOutOfRangeException(nameof(EvaluationSamples), EvaluationSamples, "The number of evaluation samples must be ≥ 0.");
        if (EvaluateEvery < 1) throw new ArgumentOutOfRangeException(nameof(EvaluateEvery), EvaluateEvery, "EvaluateEvery must be ≥ 1 epoch.");
        if (Threads < 0) throw new ArgumentOutOfRangeException(nameof(Threads), Threads, "Threads must be ≥ 0 (0 keeps libtorch's setting).");
        ArgumentNullException.ThrowIfNull(Device);
        ArgumentNullException.ThrowIfNull(Optimizer);
        ArgumentNullException.ThrowIfNull(Objective);
        ArgumentNullException.ThrowIfNull(CheckpointDirectory);
        ArgumentNullException.ThrowIfNull(ResumeFrom);
        Optimizer.Validate();
        Objective.Validate();
    }
}
