namespace Vae.Quantum.Validation;

/// <summary>The largest |analytic − numeric| of one quantity over the validation grid, and where it occurred.</summary>
/// <param name="Quantity">What was compared (e.g. "V_mn", "E_n^2 (N = 30)").</param>
/// <param name="Reference">The independent numeric method.</param>
/// <param name="MaxAbsoluteError">max |analytic − numeric| (energy units, or dimensionless for c_mn).</param>
/// <param name="Comparisons">Number of values compared.</param>
/// <param name="AtMinima">t at the maximum (NaN when the quantity does not depend on t).</param>
/// <param name="AtM">m (or the level) at the maximum.</param>
/// <param name="AtN">n at the maximum (equal to <paramref name="AtM"/> for per-level quantities).</param>
public sealed record QuantityError(string Quantity, string Reference, double MaxAbsoluteError, int Comparisons, double AtMinima, int AtM, int AtN);
