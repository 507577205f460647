namespace Vae.Core.Numerics;

/// <summary>
/// What <see cref="VaeNumerics.UseBestAvailable(NumericsOptions)"/> may do to the process when it loads MKL. By default
/// nothing beyond loading: the library changes no environment variable; the application opts in.
/// </summary>
/// <remarks>C#: <c>NumericsOptions.Default with { PassiveOpenMpWait = true }</c>; F#: <c>NumericsOptions(PassiveOpenMpWait = true)</c>.
/// Takes effect at MKL's first load in the process (later calls cannot change a loaded OpenMP runtime).</remarks>
public sealed record NumericsOptions
{
    /// <summary>The defaults: no environment change.</summary>
    public static NumericsOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public NumericsOptions() { }

    /// <summary>A copy of <paramref name="original"/> (what <c>with</c> calls; F#: <c>NumericsOptions(original, PassiveOpenMpWait = true)</c>).</summary>
    public NumericsOptions(NumericsOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        PassiveOpenMpWait = original.PassiveOpenMpWait;
    }

    /// <summary>Set <c>OMP_WAIT_POLICY=PASSIVE</c> in the process environment (only when the variable is unset) before GNU
    /// OpenMP loads, so MKL's idle workers sleep instead of spinning between GEMMs. On a shared 2-core machine the
    /// spinning made a 100×784×200 training step 10–20× slower (docs/numerics.md). Default false. The <c>vae</c> command
    /// and the test and benchmark hosts set it.</summary>
    public bool PassiveOpenMpWait { get; init; }
}
