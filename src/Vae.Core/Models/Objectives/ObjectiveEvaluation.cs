using TorchSharp;
using static TorchSharp.torch;

namespace Vae.Core.Models.Objectives;

/// <summary>Evaluates any <see cref="IVaeObjective"/> on a batch: the reparameterised pass, the loss, optionally its
/// gradients, and the −ELBO terms reported beside it.</summary>
public static class ObjectiveEvaluation
{
    /// <summary>Evaluates the objective on a batch with caller-supplied noise (fixtures, gradient checks).</summary>
    /// <param name="objective">The objective.</param>
    /// <param name="model">The model; with <paramref name="computeGradients"/> its parameter gradients are set to ∂Loss/∂θ
    /// (<c>zero_grad</c>, then <c>backward</c>).</param>
    /// <param name="batch">Inputs <c>[B, ..InputShape]</c> on the model's device and dtype.</param>
    /// <param name="epsilon">Standard-normal noise <c>[K, B, k]</c>, K = the objective's <see cref="IVaeObjective.Samples"/>.</param>
    /// <param name="step">Optimiser step (for an annealed β).</param>
    /// <param name="computeGradients">Whether to back-propagate.</param>
    /// <returns>The loss and the −ELBO terms, nats per sample.</returns>
    /// <exception cref="ArgumentException">A shape does not match the model or K ≠ the objective's samples.</exception>
    public static ObjectiveValue Evaluate(IVaeObjective objective, VariationalAutoencoder model, Tensor batch, Tensor epsilon, long step = 0, bool computeGradients = true)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(epsilon);
        objective.Validate();
        if (epsilon.shape.Length != 3 || epsilon.shape[0] != objective.Samples)
            throw new ArgumentException($"epsilon has shape [{string.Join(", ", epsilon.shape)}]; expected [K = {objective.Samples}, batch, latent].", nameof(epsilon));
        using var scope = NewDisposeScope();
        if (computeGradients) model.zero_grad();
        using var gradients = computeGradients ? enable_grad() : no_grad();
        var pass = model.Forward(batch, epsilon);
        var loss = objective.Loss(pass, step);
        if (loss.numel() != 1)
            throw new InvalidOperationException($"{objective.GetType().Name}.Loss returned a tensor of shape [{string.Join(", ", loss.shape)}]; it must be a scalar.");
        if (computeGradients) loss.backward();
        double reconstruction = -Scalar(pass.LogLikelihood.mean());
        double kl = Scalar(pass.Kl.mean());
        return new ObjectiveValue(Scalar(loss), reconstruction + kl, reconstruction, kl, objective.BetaAt(step), pass.BatchSize, pass.Samples);
    }

    /// <summary>Evaluates the objective on a batch, drawing ε ~ N(0, I) <c>[K, B, k]</c> from <paramref name="generator"/>
    /// (a CPU generator; the noise is then moved to the model's device).</summary>
    /// <inheritdoc cref="Evaluate(IVaeObjective, VariationalAutoencoder, Tensor, Tensor, long, bool)"/>
    public static ObjectiveValue Evaluate(IVaeObjective objective, VariationalAutoencoder model, Tensor batch, Generator generator, long step = 0, bool computeGradients = true)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(generator);
        using var epsilon = Noise(model, batch.shape[0], objective.Samples, generator);
        return Evaluate(objective, model, batch, epsilon, step, computeGradients);
    }


    private static double Scalar(Tensor t) => t.dtype switch
    {
        ScalarType.Float32 => t.item<float>(),
        ScalarType.Float64 => t.item<double>(),
        _ => t.to(float64).item<double>(),
    };

    /// <summary>ε ~ N(0, I) <c>[samples, batch, k]</c> from a CPU generator, on the model's device and dtype.</summary>
    internal static Tensor Noise(VariationalAutoencoder model, long batch, int samples, Generator generator)
    {
        var cpu = randn([samples, batch, model.LatentSize], dtype: model.DType, generator: generator);
        return model.Device.type == DeviceType.CPU ? cpu : cpu.to(model.Device);
    }
}
