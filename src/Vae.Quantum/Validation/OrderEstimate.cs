namespace Vae.Quantum.Validation;

/// <summary>Fitted convergence orders (log–log slopes) of one error over a family of fits.</summary>
/// <param name="Quantity">What converges and in which variable (λ or h).</param>
/// <param name="Expected">The order theory predicts.</param>
/// <param name="Minimum">Smallest fitted order.</param>
/// <param name="Median">Median fitted order.</param>
/// <param name="Maximum">Largest fitted order.</param>
/// <param name="Fits">Number of (t, level) fits summarised (0 when none qualified; then the orders are NaN).</param>
/// <param name="Condition">Which fits are included.</param>
public sealed record OrderEstimate(string Quantity, double Expected, double Minimum, double Median, double Maximum, int Fits, string Condition);
