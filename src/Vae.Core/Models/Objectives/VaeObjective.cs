using System.Numerics;
using MathNet.Numerics.Distributions;
using Vae.Core.Engine;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Models.Objectives;

/// <summary>
/// A training objective of a VAE, evaluated on a batch with K reparameterised samples z<sub>k</sub> = μ + σ⊙ε<sub>k</sub>
/// per data point, with gradients by back-propagation. Implementations: <see cref="ElboLoss"/>, <see cref="RenyiBound"/>.
/// </summary>
public abstract record VaeObjective
{
    private protected VaeObjective() { }

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

    /// <summary>Evaluates the objective on a batch with caller-supplied noise (used by fixtures and gradient checks).</summary>
    /// <param name="model">The model; with <paramref name="computeGradients"/> its parameter gradients are overwritten with ∂Loss/∂θ.</param>
    /// <param name="batch">Inputs <c>[B, ..InputShape]</c>.</param>
    /// <param name="epsilon">Standard-normal noise <c>[K, B, latent]</c>, K = <see cref="Samples"/>.</param>
    /// <param name="step">Optimiser step (for an annealed β).</param>
    /// <param name="computeGradients">Whether to back-propagate.</param>
    /// <returns>The loss terms, nats per sample.</returns>
    /// <exception cref="ArgumentException">A shape does not match the model.</exception>
    public ObjectiveValue Evaluate<T>(VariationalAutoencoder<T> model, Tensor<T> batch, Tensor<T> epsilon, long step = 0, bool computeGradients = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(epsilon);
        Validate();
        int b = batch.Rank > 0 ? batch.Dimension(0) : 0, latent = model.Architecture.LatentSize;
        if (epsilon.Rank != 3 || epsilon.Dimension(0) != Samples || epsilon.Dimension(1) != b || epsilon.Dimension(2) != latent)
            throw new ArgumentException($"epsilon has shape {Tensor<T>.ShapeText(epsilon.Shape)}; expected [K = {Samples}, batch = {b}, latent = {latent}].", nameof(epsilon));
        return Run(model, batch, epsilon.AsReadOnlySpan(), step, computeGradients);
    }

    /// <summary>Evaluates the objective on a batch, drawing ε ~ N(0, I) <c>[K, B, latent]</c> from <paramref name="random"/> (row-major order).</summary>
    /// <inheritdoc cref="Evaluate{T}(VariationalAutoencoder{T}, Tensor{T}, Tensor{T}, long, bool)"/>
    public ObjectiveValue Evaluate<T>(VariationalAutoencoder<T> model, Tensor<T> batch, Random random, long step = 0, bool computeGradients = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(random);
        Validate();
        var noise = model.Computation.Noise;
        DrawNoise(random, Samples * batch.Dimension(0) * model.Architecture.LatentSize, ref noise.Double, ref noise.Values);
        return Run(model, batch, noise.Values.AsSpan(0, Samples * batch.Dimension(0) * model.Architecture.LatentSize), step, computeGradients);
    }

    /// <summary>Checks the hyper-parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public virtual void Validate()
    {
        if (Samples < 1) throw new ArgumentOutOfRangeException(nameof(Samples), Samples, "At least one sample per data point is needed.");
    }

    /// <summary>Fills the loss coefficients (see <c>VaeComputation.Backward</c>) and returns the loss terms.</summary>
    private protected abstract double Assemble<T>(VaeComputation<T> c, long step, Span<double> a, Span<double> r, Span<double> g, out double beta)
        where T : unmanaged, IFloatingPointIeee754<T>;

    internal static void DrawNoise<T>(Random random, int count, ref double[] scratch, ref T[] values) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scratch.Length != count) scratch = new double[count]; // MathNet fills whole arrays; the size changes only with the batch
        if (values.Length < count) values = new T[count];
        Normal.Samples(random, scratch, 0, 1);
        TP.ConvertTruncating<double, T>(scratch, values.AsSpan(0, count));
    }

    private ObjectiveValue Run<T>(VariationalAutoencoder<T> model, Tensor<T> batch, ReadOnlySpan<T> epsilon, long step, bool computeGradients)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var c = model.Computation;
        c.Forward(batch, epsilon, Samples);
        int n = c.Samples * c.BatchSize;
        var co = c.Coefficients;
        co.Ensure(n, c.BatchSize);
        var a = co.A.AsSpan(0, n); var r = co.R.AsSpan(0, n); var g = co.G.AsSpan(0, c.BatchSize);
        a.Clear(); r.Clear(); g.Clear();
        double loss = Assemble(c, step, a, r, g, out double beta);
        double reconstruction = 0;
        foreach (var v in c.LogLikelihood) reconstruction -= v;
        reconstruction /= n;
        double kl = 0;
        foreach (var v in c.Kl) kl += v;
        kl /= c.BatchSize;
        if (computeGradients)
        {
            model.ZeroGradients();
            c.Backward(a, r, g);
        }
        return new ObjectiveValue(loss, reconstruction + kl, reconstruction, kl, beta, c.BatchSize, c.Samples);
    }
}
