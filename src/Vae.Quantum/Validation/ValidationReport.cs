namespace Vae.Quantum.Validation;

/// <summary>Result of <see cref="QuantumValidation.Run"/>: one row per compared quantity and per fitted order.</summary>
/// <param name="Options">The options that produced the report.</param>
/// <param name="Errors">Largest |analytic − numeric| per quantity.</param>
/// <param name="Orders">Fitted convergence orders.</param>
public sealed record ValidationReport(ValidationOptions Options, IReadOnlyList<QuantityError> Errors, IReadOnlyList<OrderEstimate> Orders);
