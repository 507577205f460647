namespace Vae.Quantum.Validation;

/// <summary>Fitted convergence orders (log–log slopes) of one error over a family of (t, level) fits.</summary>
/// <param name="Quantity">What converges and in which variable (λ or h).</param>
/// <param name="Expected">The order theory predicts.</param>
/// <param name="Minimum">Smallest fitted order.</param>
/// <param name="Median">Median fitted order.</param>
/// <param name="Maximum">Largest fitted order.</param>
/// <param name="Fits">Number of fits summarised (0 when none qualified; then the orders are NaN).</param>
/// <param name="Tolerance">Half-width of the acceptance band around <paramref name="Expected"/>.</param>
/// <param name="WithinTolerance">How many fits lie within <paramref name="Expected"/> ± <paramref name="Tolerance"/>.</param>
/// <param name="WorstMinima">t of the fit farthest from <paramref name="Expected"/> (NaN when there are no fits).</param>
/// <param name="WorstLevel">Level n of that fit (0 when there are no fits).</param>
/// <param name="Condition">Which fits are included and how they were made.</param>
public sealed record OrderEstimate(
    string Quantity, double Expected, double Minimum, double Median, double Maximum, int Fits,
    double Tolerance, int WithinTolerance, double WorstMinima, int WorstLevel, string Condition);
