using Vae.Core.Collections;
using MathNet.Numerics.LinearAlgebra;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Schrodinger;

/// <summary>One well of V_data (an interval between neighbouring maxima of V_data, or a wall) and the level localised in it.</summary>
/// <param name="Minimum">Position of the minimum of V_data (box units).</param>
/// <param name="Left">Left edge of the well (a maximum of V_data, or 0).</param>
/// <param name="Right">Right edge of the well (a maximum of V_data, or L).</param>
/// <param name="Depth">V_data at the minimum (dimensionless; λ·Depth in energy units).</param>
/// <param name="Level">The lowest level n (1-based, ascending energy) whose |ψ_n|² has its largest share in this well; 0
/// when no computed level does.</param>
/// <param name="Energy">E_n of that level (energy units); 0 when <paramref name="Level"/> is 0.</param>
/// <param name="Mass">∫_well |ψ_n|² dz of that level, in (0, 1]; 0 when <paramref name="Level"/> is 0.</param>
/// <param name="Samples">Number of data points whose coordinate lies in the well.</param>
public sealed record DataWell(double Minimum, double Left, double Right, double Depth, int Level, double Energy, double Mass, int Samples);

/// <summary>Perturbation theory beside exact diagonalisation for one level of H = H⁰ + λV_data.</summary>
/// <param name="Level">n, 1-based.</param>
/// <param name="Exact">E_n by exact diagonalisation in the N-state basis (energy units).</param>
/// <param name="FirstOrder">E⁰ + λE¹.</param>
/// <param name="SecondOrder">E⁰ + λE¹ + λ²E².</param>
/// <param name="MaxMixing">max_{m≠n} |λ c_mn| with c_mn = V_mn/(E_n⁰ − E_m⁰) (Rayleigh–Schrödinger): perturbation theory
/// is meaningful only well below 1.</param>
public sealed record DataLevel(int Level, double Exact, double FirstOrder, double SecondOrder, double MaxMixing);

/// <summary>The spectrum of H = −A d²/dz² + λ V_data(z) along one coordinate of the codes (<see cref="DataSpectrum.Compute"/>).</summary>
/// <param name="Box">The box.</param>
/// <param name="Sigma">Kernel width σ in box units.</param>
/// <param name="Lambda">λ (energy units, V_data being dimensionless).</param>
/// <param name="Positions">Each sample's coordinate mapped into the box (box units), in input order.</param>
/// <param name="Offset">The mapping z = Offset + Scale·x from the coordinate x to the box.</param>
/// <param name="Scale">See <paramref name="Offset"/>.</param>
/// <param name="Potential">The one-dimensional Schrödinger potential V_data of the positions (box units).</param>
/// <param name="Expansion">Matrix elements V_mn (of V_data, without λ) in the box basis, with perturbation theory.</param>
/// <param name="Levels">Exact energies beside first- and second-order perturbation theory, ascending.</param>
/// <param name="Eigenvectors">Coefficients of ψ_n on φ_1..φ_N, shape [N, levels] (column n − 1, sign: largest entry positive); a fresh matrix.</param>
/// <param name="Wells">The wells of V_data from left to right with their levels.</param>
public sealed record DataSpectrumResult(ParticleInBox Box, double Sigma, double Lambda, IReadOnlyList<double> Positions, double Offset, double Scale,
    SchrodingerPotential Potential, PerturbationExpansion Expansion, IReadOnlyList<DataLevel> Levels, Matrix<double> Eigenvectors,
    IReadOnlyList<DataWell> Wells)
{
    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<DataLevel> Levels { get => _levels; init => _levels = ValueList.Copy(value); }

    private readonly IReadOnlyList<DataLevel> _levels = ValueList.Copy(Levels);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<double> Positions { get => _positions; init => _positions = ValueList.Copy(value); }

    private readonly IReadOnlyList<double> _positions = ValueList.Copy(Positions);

    /// <summary>Immutable copy of the list passed in (<see cref="ValueList"/>).</summary>
    public IReadOnlyList<DataWell> Wells { get => _wells; init => _wells = ValueList.Copy(value); }

    private readonly IReadOnlyList<DataWell> _wells = ValueList.Copy(Wells);

    /// <summary>ψ_n(z) = Σ_m c_mn φ_m(z) (length^−1/2, normalised on [0, L]).</summary>
    /// <param name="n">Level, 1 ≤ n ≤ number of levels.</param>
    /// <param name="z">Position (box units), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> out of range or <paramref name="z"/> not finite.</exception>
    public double WaveFunction(int n, double z)
    {
        if (n < 1 || n > Eigenvectors.ColumnCount)
            throw new ArgumentOutOfRangeException(nameof(n), n, $"The level must be in 1..{Eigenvectors.ColumnCount}.");
        var psi = 0.0;
        for (var m = 1; m <= Eigenvectors.RowCount; m++) psi += Eigenvectors[m - 1, n - 1] * Box.Eigenfunction(m, z);
        return psi;
    }

    /// <summary>V_data(z) (dimensionless; multiply by <see cref="Lambda"/> for energy units).</summary>
    /// <param name="z">Position (box units), finite.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="z"/> is not finite.</exception>
    public double PotentialValue(double z)
    {
        if (!double.IsFinite(z))
            throw new ArgumentOutOfRangeException(nameof(z), z, "The position must be finite.");
        return Potential.Value1D(z);
    }

    /// <summary>The well containing box position <paramref name="z"/> (index into <see cref="Wells"/>).</summary>
    /// <param name="z">Position in [0, L].</param>
    public int WellOf(double z)
    {
        for (var w = 0; w < Wells.Count; w++)
            if (z <= Wells[w].Right) return w;
        return Wells.Count - 1;
    }
}
