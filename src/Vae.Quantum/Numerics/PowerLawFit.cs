namespace Vae.Quantum.Numerics;

/// <summary>A fitted power law error ≈ <see cref="Prefactor"/> · step^<see cref="Order"/> (least squares in log–log).</summary>
/// <param name="Order">Fitted exponent (the convergence order).</param>
/// <param name="Prefactor">Fitted prefactor C.</param>
/// <param name="Points">Number of (step, error) points used.</param>
public sealed record PowerLawFit(double Order, double Prefactor, int Points)
{
    /// <summary>Fits log|error| = log C + p log step by least squares (MathNet <c>Fit.Line</c>).</summary>
    /// <param name="steps">Step sizes (λ, h, …), positive and finite, at least two distinct values.</param>
    /// <param name="errors">Absolute errors, same length, positive and finite.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ, fewer than 2 points, or a value is not positive and finite.</exception>
    public static PowerLawFit Fit(IReadOnlyList<double> steps, IReadOnlyList<double> errors)
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(errors);
        if (steps.Count != errors.Count)
            throw new ArgumentException($"steps has {steps.Count} values but errors has {errors.Count}.", nameof(errors));
        if (steps.Count < 2)
            throw new ArgumentException($"A power-law fit needs at least 2 points; got {steps.Count}.", nameof(steps));
        for (var i = 0; i < steps.Count; i++)
        {
            if (!(steps[i] > 0) || !double.IsFinite(steps[i]))
                throw new ArgumentException($"steps[{i}] = {steps[i]:R} must be positive and finite.", nameof(steps));
            if (!(errors[i] > 0) || !double.IsFinite(errors[i]))
                throw new ArgumentException($"errors[{i}] = {errors[i]:R} must be positive and finite.", nameof(errors));
        }
        var (intercept, slope) = MathNet.Numerics.Fit.Line(steps.Select(s => Math.Log(s)).ToArray(), errors.Select(e => Math.Log(e)).ToArray());
        return new PowerLawFit(slope, Math.Exp(intercept), steps.Count);
    }
}
