using System.Numerics;
using TP = System.Numerics.Tensors.TensorPrimitives;

namespace Vae.Core.Engine;

/// <summary>
/// The Adam optimiser (Kingma &amp; Ba 2015) with PyTorch's semantics (<c>torch.optim.Adam</c>, single-tensor
/// path): for step t = 1, 2, … and each parameter θ with gradient g,
/// g ← g + λθ; m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²;
/// θ ← θ − (η/(1 − β₁ᵗ))·m / (√v/√(1 − β₂ᵗ) + ε).
/// Optional global gradient-norm clipping runs first (see <see cref="AdamOptions.MaxGradientNorm"/>).
/// </summary>
/// <remarks>The scalar factors are computed in double precision and applied in <typeparamref name="T"/>, in
/// PyTorch's order of operations. Deterministic: no randomness, no threading.</remarks>
/// <typeparam name="T">Element type.</typeparam>
public sealed class Adam<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Parameter<T>[] _parameters;
    private readonly T[][] _firstMoment;
    private readonly T[][] _secondMoment;
    private readonly T[] _scratch;

    /// <summary>Creates the optimiser for <paramref name="parameters"/> (bound: it updates their values in place).</summary>
    /// <exception cref="ArgumentException">The list is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public Adam(IReadOnlyList<Parameter<T>> parameters, AdamOptions options)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (parameters.Count == 0) throw new ArgumentException("Adam needs at least one parameter.", nameof(parameters));
        Options = options;
        _parameters = parameters.ToArray();
        _firstMoment = _parameters.Select(p => new T[p.Value.Length]).ToArray();
        _secondMoment = _parameters.Select(p => new T[p.Value.Length]).ToArray();
        _scratch = new T[_parameters.Max(p => p.Value.Length)];
    }

    /// <summary>The hyper-parameters.</summary>
    public AdamOptions Options { get; }

    /// <summary>Number of steps taken (t after the last step).</summary>
    public long StepCount { get; private set; }

    /// <summary>The parameters being optimised, in order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters => Array.AsReadOnly(_parameters);

    /// <summary>Euclidean norm of all gradients together, ‖(g₁, …, gₙ)‖₂, computed in double precision.</summary>
    public double GradientNorm()
    {
        double sum = 0;
        foreach (var p in _parameters)
        {
            var g = p.Gradient.AsReadOnlySpan();
            sum += double.CreateTruncating(TP.SumOfSquares(g));
        }
        return Math.Sqrt(sum);
    }

    /// <summary>Clips (when configured) and applies one update to every parameter from its current gradient.</summary>
    /// <returns>The global gradient norm before clipping.</returns>
    public double Step()
    {
        double norm = GradientNorm();
        if (Options.MaxGradientNorm > 0)
        {
            double coefficient = Options.MaxGradientNorm / (norm + 1e-6);
            if (coefficient < 1)
                foreach (var p in _parameters) TP.Multiply(p.Gradient.Span, T.CreateChecked(coefficient), p.Gradient.Span);
        }

        StepCount++;
        double beta1 = Options.Beta1, beta2 = Options.Beta2;
        double biasCorrection1 = 1 - Math.Pow(beta1, StepCount);
        double biasCorrection2 = 1 - Math.Pow(beta2, StepCount);
        T stepSize = T.CreateChecked(Options.LearningRate / biasCorrection1);
        T biasCorrection2Sqrt = T.CreateChecked(Math.Sqrt(biasCorrection2));
        T b1 = T.CreateChecked(beta1), oneMinusB1 = T.CreateChecked(1 - beta1);
        T b2 = T.CreateChecked(beta2), oneMinusB2 = T.CreateChecked(1 - beta2);
        T eps = T.CreateChecked(Options.Epsilon), decay = T.CreateChecked(Options.WeightDecay);

        for (int i = 0; i < _parameters.Length; i++)
        {
            var theta = _parameters[i].Value.Span;
            var g = _scratch.AsSpan(0, theta.Length);
            _parameters[i].Gradient.AsReadOnlySpan().CopyTo(g);
            if (Options.WeightDecay != 0) TP.MultiplyAdd(theta, decay, g, g);            // g + λθ
            var m = _firstMoment[i].AsSpan();
            var v = _secondMoment[i].AsSpan();
            TP.Multiply(m, b1, m);
            TP.MultiplyAdd(g, oneMinusB1, m, m);                                          // m = β₁m + (1−β₁)g
            TP.Multiply(v, b2, v);
            TP.Multiply(g, g, g);
            TP.MultiplyAdd(g, oneMinusB2, v, v);                                          // v = β₂v + (1−β₂)g²
            TP.Sqrt(v, g);
            TP.Divide(g, biasCorrection2Sqrt, g);
            TP.Add(g, eps, g);                                                            // denom = √v/√bc₂ + ε
            TP.Divide(m, g, g);
            TP.MultiplyAdd(g, -stepSize, theta, theta);                                   // θ −= step·m/denom
        }
        return norm;
    }

    /// <summary>The moment estimates for checkpoints: first (m) and second (v) moments of parameter <paramref name="index"/>.</summary>
    internal ReadOnlySpan<T> FirstMoment(int index) => _firstMoment[index];

    internal ReadOnlySpan<T> SecondMoment(int index) => _secondMoment[index];

    /// <summary>Restores the state saved in a checkpoint.</summary>
    internal void Restore(long stepCount, IReadOnlyList<T[]> firstMoments, IReadOnlyList<T[]> secondMoments)
    {
        for (int i = 0; i < _parameters.Length; i++)
        {
            firstMoments[i].CopyTo(_firstMoment[i], 0);
            secondMoments[i].CopyTo(_secondMoment[i], 0);
        }
        StepCount = stepCount;
    }
}
