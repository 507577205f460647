using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// What the trainer needs of an objective: a differentiable loss from one reparameterised pass. Implemented by
/// <see cref="VaeObjective"/> (and so by <see cref="ElboLoss"/> and <see cref="RenyiBound"/>); implement it directly for
/// an objective of your own, e.g. from F# with an object expression.
/// </summary>
public interface IVaeObjective
{
    /// <summary>Number K ≥ 1 of noise draws per data point.</summary>
    int Samples { get; }

    /// <summary>The minimised loss on one pass: a scalar tensor, nats per sample (a mean over the batch).</summary>
    /// <param name="pass">The pass, with K = <see cref="Samples"/>.</param>
    /// <param name="step">Optimiser steps taken so far (for annealed weights).</param>
    Tensor Loss(VaePass pass, long step);

    /// <summary>The KL weight β at <paramref name="step"/>, for reports; 1 for objectives without one.</summary>
    /// <param name="step">Optimiser steps taken so far.</param>
    double BetaAt(long step);

    /// <summary>Checks the hyper-parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    void Validate();
}
