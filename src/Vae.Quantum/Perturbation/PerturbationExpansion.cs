using MathNet.Numerics.LinearAlgebra;
using Vae.Quantum.Numerics;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Quantum.Perturbation;

/// <summary>
/// Non-degenerate Rayleigh–Schrödinger perturbation theory for H = H⁰ + λ V in the first N particle-in-a-box states:
/// the matrix elements V_mn (m, n ≤ N), first-, second- and third-order energies and the mixing coefficients c_mn.
/// </summary>
/// <remarks>
/// Every sum over intermediate states runs over m ≠ n, m ≤ N (the truncation <see cref="BasisSize"/>); within the
/// N-state basis the series is exactly the Taylor series in λ of the eigenvalues of diag(E⁰) + λ V, which is what
/// <see cref="BasisDiagonalization"/> diagonalises. The box spectrum is non-degenerate, so all denominators
/// E_n⁰ − E_m⁰ (m ≠ n) are non-zero. Immutable and thread-safe; the matrix is never handed out (see
/// <see cref="MatrixElements"/>). Source: Andrés-Terré &amp; Lió §1.2; Griffiths ch. 7.
/// </remarks>
public sealed class PerturbationExpansion
{
    private readonly Matrix<double> _v;
    private readonly double[] _unperturbed;

    private PerturbationExpansion(ParticleInBox box, Matrix<double> v, string source)
    {
        Box = box;
        _v = v;
        Source = source;
        _unperturbed = new double[v.RowCount];
        for (var n = 1; n <= v.RowCount; n++) _unperturbed[n - 1] = box.Energy(n);
    }

    /// <summary>Expansion for the paper's sine potential with the closed-form matrix elements of <see cref="SineMatrixElements"/>.</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="potential">V(z) = sin(2π t z).</param>
    /// <param name="basisSize">N ≥ 1: states φ_1..φ_N are kept (truncation of every sum).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="basisSize"/> &lt; 1.</exception>
    public static PerturbationExpansion ForSinePotential(ParticleInBox box, SinePotential potential, int basisSize) =>
        new(box, SineMatrixElements.Matrix(box, potential, basisSize), "analytic");

    /// <summary>Expansion for any potential, matrix elements by Gauss–Legendre quadrature (order raised until converged).</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="potential">V(z), finite on [0, L].</param>
    /// <param name="basisSize">N ≥ 1.</param>
    /// <param name="options">Quadrature options; <see cref="QuadratureOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="box"/> or <paramref name="potential"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="basisSize"/> &lt; 1.</exception>
    /// <exception cref="MathNet.Numerics.NonConvergenceException">The quadrature did not converge.</exception>
    public static PerturbationExpansion ForPotential(ParticleInBox box, Potential potential, int basisSize, QuadratureOptions? options = null) =>
        new(box, MatrixElementQuadrature.GaussLegendre(box, potential, basisSize, options).Values, "Gauss-Legendre quadrature");

    /// <summary>Expansion from matrix elements computed elsewhere; the matrix is copied (independent of the argument).</summary>
    /// <param name="box">The unperturbed box.</param>
    /// <param name="matrixElements">V[m − 1, n − 1] = V_mn, shape [N, N], finite and symmetric to 1e-10 · max(1, max|V|).</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The matrix is empty, not square, has a non-finite entry or is not symmetric.</exception>
    public static PerturbationExpansion FromMatrixElements(ParticleInBox box, Matrix<double> matrixElements)
    {
        ArgumentNullException.ThrowIfNull(box);
        ArgumentNullException.ThrowIfNull(matrixElements);
        var n = matrixElements.RowCount;
        if (n < 1 || matrixElements.ColumnCount != n)
            throw new ArgumentException($"The matrix elements must form a non-empty square matrix; got {matrixElements.RowCount}×{matrixElements.ColumnCount}.", nameof(matrixElements));
        var scale = Math.Max(1.0, matrixElements.Enumerate().Select(Math.Abs).Max());
        if (!matrixElements.Enumerate().All(double.IsFinite))
            throw new ArgumentException("The matrix elements contain NaN or an infinity.", nameof(matrixElements));
        var copy = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            for (var j = i; j < n; j++)
            {
                double a = matrixElements[i, j], b = matrixElements[j, i];
                if (Math.Abs(a - b) > 1e-10 * scale)
                    throw new ArgumentException($"The matrix elements are not symmetric: V[{i},{j}] = {a:R} but V[{j},{i}] = {b:R}.", nameof(matrixElements));
                copy[i, j] = copy[j, i] = 0.5 * (a + b);
            }
        }
        return new PerturbationExpansion(box, copy, "user-supplied");
    }

    /// <summary>The unperturbed box.</summary>
    public ParticleInBox Box { get; }

    /// <summary>N, the number of basis states kept; every sum over intermediate states is truncated at m ≤ N.</summary>
    public int BasisSize => _v.RowCount;

    /// <summary>Where the matrix elements came from ("analytic", "Gauss-Legendre quadrature", "user-supplied").</summary>
    public string Source { get; }

    /// <summary>V_mn = ⟨φ_m|V|φ_n⟩ (energy units).</summary>
    /// <param name="m">1 ≤ m ≤ N.</param>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 1..N.</exception>
    public double MatrixElement(int m, int n)
    {
        CheckIndex(m, nameof(m));
        CheckIndex(n, nameof(n));
        return _v[m - 1, n - 1];
    }

    /// <summary>A copy of the matrix V, shape [N, N], V[m − 1, n − 1] = V_mn (independent of this object).</summary>
    public Matrix<double> MatrixElements() => _v.Clone();

    /// <summary>E_n⁰ = A (π/L)² n² (energy units).</summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1..N.</exception>
    public double UnperturbedEnergy(int n)
    {
        CheckIndex(n, nameof(n));
        return _unperturbed[n - 1];
    }

    /// <summary>E_n¹ = ⟨φ_n|V|φ_n⟩ = V_nn (energy units).</summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1..N.</exception>
    public double FirstOrderEnergy(int n)
    {
        CheckIndex(n, nameof(n));
        return _v[n - 1, n - 1];
    }

    /// <summary>The first-order mixing coefficient c_mn (m ≠ n) of φ_m in ψ_n, in the chosen convention.</summary>
    /// <param name="m">1 ≤ m ≤ N, m ≠ n.</param>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <param name="convention"><see cref="CoefficientConvention.Paper"/>: V_mn (energy units);
    /// <see cref="CoefficientConvention.RayleighSchrodinger"/>: V_mn / (E_n⁰ − E_m⁰) (dimensionless).</param>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside 1..N or <paramref name="convention"/> is not defined.</exception>
    /// <exception cref="ArgumentException"><paramref name="m"/> = <paramref name="n"/> (the sum runs over m ≠ n).</exception>
    public double Coefficient(int m, int n, CoefficientConvention convention)
    {
        var v = MatrixElement(m, n);
        if (m == n)
            throw new ArgumentException($"c_mn is defined for m ≠ n only; got m = n = {n}.", nameof(m));
        return convention switch
        {
            CoefficientConvention.Paper => v,
            CoefficientConvention.RayleighSchrodinger => v / (_unperturbed[n - 1] - _unperturbed[m - 1]),
            _ => throw new ArgumentOutOfRangeException(nameof(convention), convention, "Unknown coefficient convention."),
        };
    }

    /// <summary>
    /// The first-order state ψ_n = φ_n + λ Σ_{m≠n} c_mn φ_m as coefficients on φ_1..φ_N (entry n − 1 is 1); a fresh list.
    /// </summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <param name="convention">Coefficient convention.</param>
    /// <param name="lambda">Perturbation strength λ (finite).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> outside 1..N, undefined convention, or non-finite λ.</exception>
    public IReadOnlyList<double> FirstOrderState(int n, CoefficientConvention convention, double lambda = 1.0)
    {
        CheckIndex(n, nameof(n));
        CheckLambda(lambda);
        var c = new double[BasisSize];
        for (var m = 1; m <= BasisSize; m++)
            c[m - 1] = m == n ? 1.0 : lambda * Coefficient(m, n, convention);
        return Array.AsReadOnly(c);
    }

    /// <summary>E_n² = Σ_{m≠n, m≤N} |V_mn|² / (E_n⁰ − E_m⁰) (energy units), truncated at N = <see cref="BasisSize"/>.</summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1..N.</exception>
    public double SecondOrderEnergy(int n)
    {
        CheckIndex(n, nameof(n));
        var e = _unperturbed[n - 1];
        var sum = 0.0;
        for (var m = 1; m <= BasisSize; m++)
        {
            if (m == n) continue;
            var v = _v[m - 1, n - 1];
            sum += v * v / (e - _unperturbed[m - 1]);
        }
        return sum;
    }

    /// <summary>
    /// E_n³ = Σ_{k,m≠n} V_nk V_km V_mn / ((E_n⁰ − E_k⁰)(E_n⁰ − E_m⁰)) − V_nn Σ_{m≠n} |V_nm|² / (E_n⁰ − E_m⁰)²
    /// (energy units), truncated at N.
    /// </summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1..N.</exception>
    public double ThirdOrderEnergy(int n)
    {
        CheckIndex(n, nameof(n));
        var e = _unperturbed[n - 1];
        var u = new double[BasisSize];               // u_m = V_mn / (E_n⁰ − E_m⁰), u_n = 0
        for (var m = 1; m <= BasisSize; m++)
            u[m - 1] = m == n ? 0.0 : _v[m - 1, n - 1] / (e - _unperturbed[m - 1]);
        double quadratic = 0.0, norm = 0.0;
        for (var k = 0; k < BasisSize; k++)
        {
            if (u[k] == 0.0) continue;
            var row = 0.0;
            for (var m = 0; m < BasisSize; m++) row += _v[k, m] * u[m];
            quadratic += u[k] * row;
            norm += u[k] * u[k];
        }
        return quadratic - _v[n - 1, n - 1] * norm;
    }

    /// <summary>All corrections of level n through third order, with the truncation N.</summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="n"/> is outside 1..N.</exception>
    public EnergyCorrection Correction(int n) =>
        new(n, UnperturbedEnergy(n), FirstOrderEnergy(n), SecondOrderEnergy(n), ThirdOrderEnergy(n), BasisSize);

    /// <summary>Corrections of levels 1..N (a fresh list).</summary>
    public IReadOnlyList<EnergyCorrection> Corrections() =>
        Enumerable.Range(1, BasisSize).Select(Correction).ToArray();

    /// <summary>
    /// The first-order wavefunction ψ_n(z) = φ_n(z) + λ Σ_{m≠n, m≤N} c_mn φ_m(z) (length^−1/2, not renormalised).
    /// </summary>
    /// <param name="n">1 ≤ n ≤ N.</param>
    /// <param name="z">Position (length units), finite; ψ is 0 outside [0, L].</param>
    /// <param name="convention">Coefficient convention.</param>
    /// <param name="lambda">Perturbation strength λ (finite).</param>
    /// <exception cref="ArgumentOutOfRangeException">Invalid level, position, convention or λ.</exception>
    public double FirstOrderWavefunction(int n, double z, CoefficientConvention convention, double lambda = 1.0)
    {
        var c = FirstOrderState(n, convention, lambda);
        var psi = 0.0;
        for (var m = 1; m <= BasisSize; m++) psi += c[m - 1] * Box.Eigenfunction(m, z);
        return psi;
    }

    /// <inheritdoc />
    public override string ToString() => $"PerturbationExpansion({Box}, N = {BasisSize}, {Source})";

    internal static void CheckLambda(double lambda)
    {
        if (!double.IsFinite(lambda))
            throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "The perturbation strength λ must be finite.");
    }

    private void CheckIndex(int n, string name)
    {
        ParticleInBox.CheckLevel(n, name);
        if (n > BasisSize)
            throw new ArgumentOutOfRangeException(name, n, $"The quantum number must be at most the basis size N = {BasisSize}.");
    }
}
