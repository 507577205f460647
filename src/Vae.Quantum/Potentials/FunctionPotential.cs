namespace Vae.Quantum.Potentials;

/// <summary>A potential V(z) given by an arbitrary function (energy units); matrix elements by quadrature.</summary>
/// <remarks>The function must be safe to call from several threads if the caller parallelises.</remarks>
public sealed class FunctionPotential : Potential
{
    private readonly Func<double, double> _potential;

    /// <summary>Wraps <paramref name="potential"/>.</summary>
    /// <param name="potential">V(z) (energy units).</param>
    /// <param name="description">Description used by <see cref="ToString"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="potential"/> or <paramref name="description"/> is null.</exception>
    public FunctionPotential(Func<double, double> potential, string description = "V(z)")
    {
        ArgumentNullException.ThrowIfNull(potential);
        ArgumentNullException.ThrowIfNull(description);
        _potential = potential;
        Description = description;
    }

    /// <summary>Human-readable description of V.</summary>
    public string Description { get; }

    /// <inheritdoc />
    /// <exception cref="ArithmeticException">The function returned NaN or an infinity at <paramref name="z"/>.</exception>
    public override double Evaluate(double z)
    {
        var v = _potential(z);
        if (!double.IsFinite(v))
            throw new ArithmeticException($"The potential {Description} returned {v} at z = {z:R}.");
        return v;
    }

    /// <inheritdoc />
    public override string ToString() => Description;
}
