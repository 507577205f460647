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
/// To add an objective (a free-bits KL, a β-TCVAE, …) derive a record from this one and override <see cref="Loss"/>
/// (and <see cref="Validate"/> for its hyper-parameters, <see cref="BetaAt"/> if it has a KL weight). The trainer, the
/// checkpoints and the CLI take any objective; <c>examples/</c> shows one written from a script.
/// </remarks>
public abstract record VaeObjective
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

    /// <summary>Evaluates the objective on a batch with caller-supplied noise (fixtures, gradient checks).</summary>
    /// <param name="model">The model; with <paramref name="computeGradients"/> its parameter gradients are set to ∂Loss/∂θ
    /// (<c>zero_grad</c>, then <c>backward</c>).</param>
    /// <param name="batch">Inputs <c>[B, ..InputShape]</c> on the model's device and dtype.</param>
    /// <param name="epsilon">Standard-normal noise <c>[K, B, k]</c>, K = <see cref="Samples"/>.</param>
    /// <param name="step">Optimiser step (for an annealed β).</param>
    /// <param name="computeGradients">Whether to back-propagate.</param>
    /// <returns>The loss and the −ELBO terms, nats per sample.</returns>
    /// <exception cref="ArgumentException">A shape does not match the model or K ≠ <see cref="Samples"/>.</exception>
    public ObjectiveValue Evaluate(VariationalAutoencoder model, Tensor batch, Tensor epsilon, long step = 0, bool computeGradients = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(epsilon);
        Validate();
        if (epsilon.shape.Length != 3 || epsilon.shape[0] != Samples)
            throw new ArgumentException($"epsilon has shape [{string.Join(", ", epsilon.shape)}]; expected [K = {Samples}, batch, latent].", nameof(epsilon));
        using var scope = NewDisposeScope();
        if (computeGradients) model.zero_grad();
        using var gradients = computeGradients ? enable_grad() : no_grad();
        var pass = model.Forward(batch, epsilon);
        var loss = Loss(pass, step);
        if (loss.numel() != 1)
            throw new InvalidOperationException($"{GetType().Name}.Loss returned a tensor of shape [{string.Join(", ", loss.shape)}]; it must be a scalar.");
        if (computeGradients) loss.backward();
        double reconstruction = pass.LogLikelihood.mean().neg().to(float64).item<double>();
        double kl = pass.Kl.mean().to(float64).item<double>();
        return new ObjectiveValue(loss.to(float64).item<double>(), reconstruction + kl, reconstruction, kl, BetaAt(step), pass.BatchSize, pass.Samples);
    }

    /// <summary>Evaluates the objective on a batch, drawing ε ~ N(0, I) <c>[K, B, k]</c> from <paramref name="generator"/>
    /// (a CPU generator; the noise is then moved to the model's device).</summary>
    /// <inheritdoc cref="Evaluate(VariationalAutoencoder, Tensor, Tensor, long, bool)"/>
    public ObjectiveValue Evaluate(VariationalAutoencoder model, Tensor batch, Generator generator, long step = 0, bool computeGradients = true)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(generator);
        using var epsilon = Noise(model, batch.shape[0], Samples, generator);
        return Evaluate(model, batch, epsilon, step, computeGradients);
    }

    /// <summary>ε ~ N(0, I) <c>[samples, batch, k]</c> from a CPU generator, on the model's device and dtype.</summary>
    internal static Tensor Noise(VariationalAutoencoder model, long batch, int samples, Generator generator)
    {
        var cpu = randn([samples, batch, model.LatentSize], dtype: model.DType, generator: generator);
        return model.Device.type == DeviceType.CPU ? cpu : cpu.to(model.Device);
    }
}
