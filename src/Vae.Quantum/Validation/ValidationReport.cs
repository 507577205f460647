using Vae.Core.Collections;

namespace Vae.Quantum.Validation;

/// <summary>Result of <see cref="QuantumValidation.Run"/>: one row per compared quantity and per fitted order.</summary>
/// <param name="Options">The options that produced the report.</param>
/// <param name="Errors">Largest |analytic − numeric| per quantity.</param>
/// <param name="Orders">Fitted convergence orders.</param>
public sealed record ValidationReport(ValidationOptions Options, IReadOnlyList<QuantityError> Errors, IReadOnlyList<OrderEstimate> Orders)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<QuantityError> Errors { get => _errors; init => _errors = ValueList.Copy(value); }

    private readonly IReadOnlyList<QuantityError> _errors = ValueList.Copy(Errors);
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<OrderEstimate> Orders { get => _orders; init => _orders = ValueList.Copy(value); }

    private readonly IReadOnlyList<OrderEstimate> _orders = ValueList.Copy(Orders);
}
