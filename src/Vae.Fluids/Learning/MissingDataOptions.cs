namespace Vae.Fluids.Learning;

/// <summary>Settings of the iterative VAE imputation (<see cref="MissingData.Impute"/>).</summary>
public sealed record MissingDataOptions
{
    /// <summary>The defaults listed on each property.</summary>
    public static MissingDataOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public MissingDataOptions() { }

    /// <summary>A copy of <paramref name="original"/>; C#'s <c>with</c> calls it, F# copies and updates with
    /// <c>MissingDataOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public MissingDataOptions(MissingDataOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Iterations = original.Iterations;
        Tolerance = original.Tolerance;
    }

    /// <summary>Largest number of encode → decode → replace passes, ≥ 1. Default 20.</summary>
    public int Iterations { get; init; } = 20;

    /// <summary>
    /// Stop early once a pass changes the imputed entries by less than this root-mean-square amount, σ, ≥ 0
    /// (0: always run <see cref="Iterations"/> passes). Default 10⁻³ σ.
    /// </summary>
    public double Tolerance { get; init; } = 1e-3;

    internal void Validate()
    {
        if (Iterations < 1) throw new ArgumentOutOfRangeException("options.Iterations", Iterations, "Iterations must be ≥ 1.");
        if (!(Tolerance >= 0) || !double.IsFinite(Tolerance)) throw new ArgumentOutOfRangeException("options.Tolerance", Tolerance, "Tolerance must be finite and ≥ 0.");
    }
}
