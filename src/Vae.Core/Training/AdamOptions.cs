namespace Vae.Core.Training;

/// <summary>
/// Hyper-parameters of the trainer's <c>torch.optim.Adam</c>, with PyTorch's defaults: learning rate
/// 10⁻³, β₁ = 0.9, β₂ = 0.999, ε = 10⁻⁸, no weight decay; no gradient clipping.
/// </summary>
/// <remarks>Use as <c>AdamOptions.Default with { LearningRate = 1e-4 }</c> (C#) or <c>AdamOptions(LearningRate = 1e-4)</c> (F#).</remarks>
public sealed record AdamOptions
{
    /// <summary>The defaults listed on the type.</summary>
    public static AdamOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public AdamOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>AdamOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public AdamOptions(AdamOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        LearningRate = original.LearningRate;
        Beta1 = original.Beta1;
        Beta2 = original.Beta2;
        Epsilon = original.Epsilon;
        WeightDecay = original.WeightDecay;
        MaxGradientNorm = original.MaxGradientNorm;
    }

    /// <summary>Learning rate (step size) η &gt; 0.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Decay rate β₁ ∈ [0, 1) of the first-moment estimate.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>Decay rate β₂ ∈ [0, 1) of the second-moment estimate.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε &gt; 0 added to the denominator √v̂ + ε.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>L2 weight decay λ ≥ 0, added to the gradient as g + λθ (PyTorch's <c>Adam</c>, not <c>AdamW</c>).</summary>
    public double WeightDecay { get; init; }

    /// <summary>
    /// Global gradient-norm clipping: when &gt; 0 and the Euclidean norm of all gradients together exceeds it, every
    /// gradient is scaled by MaxGradientNorm/(norm + 10⁻⁶) (PyTorch <c>clip_grad_norm_</c>); 0 disables clipping.
    /// </summary>
    public double MaxGradientNorm { get; init; }

    /// <summary>Checks every value's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            throw new ArgumentOutOfRangeException(nameof(LearningRate), LearningRate, "The learning rate must be positive and finite.");
        if (!(Beta1 >= 0 && Beta1 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta1), Beta1, "Beta1 must be in [0, 1).");
        if (!(Beta2 >= 0 && Beta2 < 1)) throw new ArgumentOutOfRangeException(nameof(Beta2), Beta2, "Beta2 must be in [0, 1).");
        if (!(Epsilon > 0)) throw new ArgumentOutOfRangeException(nameof(Epsilon), Epsilon, "Epsilon must be positive.");
        if (!(WeightDecay >= 0) || !double.IsFinite(WeightDecay))
            throw new ArgumentOutOfRangeException(nameof(WeightDecay), WeightDecay, "The weight decay must be ≥ 0 and finite.");
        if (!(MaxGradientNorm >= 0) || !double.IsFinite(MaxGradientNorm))
            throw new ArgumentOutOfRangeException(nameof(MaxGradientNorm), MaxGradientNorm, "The maximum gradient norm must be ≥ 0 (0 = no clipping).");
    }
}
