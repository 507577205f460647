using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// A training objective of a VAE: a differentiable loss (nats per sample) from one reparameterised pass
/// (<see cref="VaePass"/>) with K = <see cref="Samples"/> draws z<sub>k</sub> = μ + σ⊙ε<sub>k</sub> per data point;
/// gradients come from autograd. Built in: <see cref="ElboLoss"/> (β constant or annealed) and <see cref="RenyiBound"/>
/// (α; α = 0 is IWAE).
/// </summary>
/// <remarks>
/// To add an objective (a free-bits KL, a β-TCVAE, …) from C#, derive a record from this one and override
/// <see cref="Loss"/> (and <see cref="Validate"/> for its hyper-parameters, <see cref="BetaAt"/> if it has a KL weight);
/// from F#, implement <see cref="IVaeObjective"/> (an object expression will do: F# cannot derive from C# records).
/// The trainer takes any <see cref="IVaeObjective"/>; <c>examples/</c> shows one written from a script.
/// </remarks>
public abstract record VaeObjective : IVaeObjective
{
    /// <summary>Every property at its default.</summary>
    protected VaeObjective() { }

    /// <summary>Copies the <see cref="VaeObjective"/> properties of <paramref name="original"/>; the derived records' copy
    /// constructors (which C#'s <c>with</c> and F#'s <c>Derived(original, Property = value)</c> call) chain to it.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    protected VaeObjective(VaeObjective original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Samples = original.Samples;
    }

    /// <summary>Number K ≥ 1 of noise draws per data point.</summary>
    public int Samples { get; init; } = 1;

    /// <summary>The minimised loss on one pass: a scalar tensor, nats per sample (a mean over the batch).</summary>
    /// <param name="pass">The pass, with K = <see cref="Samples"/>.</param>
    /// <param name="step">Optimiser steps taken so far (for annealed weights).</param>
    public abstract Tensor Loss(VaePass pass, long step);

    /// <summary>The KL weight β at <paramref name="step"/>, for reports; 1 for objectives without one.</summary>
    public virtual double BetaAt(long step) => 1;

    /// <summary>Checks the hyper-parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public virtual void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least one sample per data point is needed.");
    }

    /// <inheritdoc cref="ObjectiveEvaluation.Evaluate(IVaeObjective, VariationalAutoencoder, Tensor, Tensor, long, bool)"/>
    public ObjectiveValue Evaluate(VariationalAutoencoder model, Tensor batch, Tensor epsilon, long step = 0, bool computeGradients = true) =>
        ObjectiveEvaluation.Evaluate(this, model, batch, epsilon, step, computeGradients);

    /// <inheritdoc cref="ObjectiveEvaluation.Evaluate(IVaeObjective, VariationalAutoencoder, Tensor, Generator, long, bool)"/>
    public ObjectiveValue Evaluate(VariationalAutoencoder model, Tensor batch, Generator generator, long step = 0, bool computeGradients = true) =>
        ObjectiveEvaluation.Evaluate(this, model, batch, generator, step, computeGradients);
}
