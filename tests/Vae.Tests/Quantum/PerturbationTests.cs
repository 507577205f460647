using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;
using Vae.Quantum.Validation;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class PerturbationTests
{
    [Test]
    public void SecondOrderAndCoefficientsAgreeWithQuadratureBasedExpansion()
    {
        var box = new ParticleInBox(1.4, 0.7);
        foreach (var t in new[] { 0.3, 1.0 / 1.4, 2.15, 4.9 })
        {
            var v = Potential.Sine(t);
            var analytic = PerturbationExpansion.ForSinePotential(box, v, 30);
            var numeric = PerturbationExpansion.ForPotential(box, v, 30);
            for (var n = 1; n <= 30; n++)
            {
                Assert.That(analytic.SecondOrderEnergy(n), Is.EqualTo(numeric.SecondOrderEnergy(n)).Within(1e-14));
                Assert.That(analytic.ThirdOrderEnergy(n), Is.EqualTo(numeric.ThirdOrderEnergy(n)).Within(1e-14));
                for (var m = 1; m <= 30; m++)
                {
                    if (m == n) continue;
                    Assert.That(analytic.Coefficient(m, n, CoefficientConvention.Paper), Is.EqualTo(numeric.MatrixElement(m, n)).Within(1e-13));
                    Assert.That(analytic.Coefficient(m, n, CoefficientConvention.RayleighSchrodinger),
                        Is.EqualTo(numeric.MatrixElement(m, n) / (box.Energy(n) - box.Energy(m))).Within(1e-14));
                }
            }
        }
    }

    [Test]
    public void SecondOrderTruncationIsStatedAndConverges()
    {
        var v = Potential.Sine(1.3);
        var small = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, v, 10).Correction(1);
        var large = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, v, 200).Correction(1);
        Assert.That(small.Truncation, Is.EqualTo(10));
        Assert.That(large.Truncation, Is.EqualTo(200));
        // |V_m1| ~ 1/m³ and E_m⁰ ~ m², so the tail beyond N falls like N⁻⁷.
        Assert.That(Math.Abs(small.SecondOrder - large.SecondOrder), Is.LessThan(1e-7));
        Assert.That(small.SecondOrder, Is.Not.EqualTo(large.SecondOrder));
    }

    [TestCase(0.3)]
    [TestCase(0.75)]
    [TestCase(1.5)]
    [TestCase(2.3)]
    [TestCase(4.45)]
    public void ExactDiagonalisationErrorShrinksAsLambdaCubedWithCoefficientE3(double t)
    {
        var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(t), 30);
        for (var n = 1; n <= 6; n++)
        {
            var correction = expansion.Correction(n);
            var lambdas = Enumerable.Range(2, 5).Select(k => LambdaMax(n) * Math.Pow(2, -k)).ToArray();
            var errors = lambdas.Select(l => Math.Abs(BasisDiagonalization.Energies(expansion, l)[n - 1] - correction.ThroughSecondOrder(l))).ToArray();
            var fit = PowerLawFit.Fit(lambdas, errors);
            Assert.That(fit.Order, Is.EqualTo(3.0).Within(0.2), $"t = {t}, n = {n}");
            // The error divided by λ³ tends to the analytic third-order energy.
            var smallest = lambdas[^1];
            var exact = BasisDiagonalization.Energies(expansion, smallest)[n - 1];
            Assert.That((exact - correction.ThroughSecondOrder(smallest)) / Math.Pow(smallest, 3),
                Is.EqualTo(correction.ThirdOrder).Within(0.05 * Math.Abs(correction.ThirdOrder)), $"t = {t}, n = {n}");
            Assert.That(Math.Abs(exact - correction.ThroughThirdOrder(smallest)), Is.LessThan(0.1 * errors[^1]));
        }
    }

    [TestCase(1.0)]
    [TestCase(3.0)]
    public void AtIntegerTOddOrdersVanishAndTheErrorIsFourthOrder(double t)
    {
        var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(t), 30);
        for (var n = 1; n <= 5; n++)
        {
            var correction = expansion.Correction(n);
            Assert.That(correction.FirstOrder, Is.EqualTo(0.0));
            Assert.That(correction.ThirdOrder, Is.EqualTo(0.0));
            var lambdas = Enumerable.Range(0, 4).Select(k => LambdaMax(n) * Math.Pow(2, -k)).ToArray();
            var errors = lambdas.Select(l => Math.Abs(BasisDiagonalization.Energies(expansion, l)[n - 1] - correction.ThroughSecondOrder(l))).ToArray();
            Assert.That(PowerLawFit.Fit(lambdas, errors).Order, Is.EqualTo(4.0).Within(0.2), $"t = {t}, n = {n}");
        }
    }

    /// <summary>λ_max = 0.05 × the smallest spacing of level n on the unit box (as in the validation report).</summary>
    private static double LambdaMax(int n) => 0.05 * Math.PI * Math.PI * (n == 1 ? 3 : 2 * n - 1);

    [Test]
    public void FirstOrderStateMatchesEigenvectorToOrderLambdaSquared()
    {
        // The eigenvector of diag(E⁰) + λV for level n, normalised to component 1 on φ_n, is φ_n + λ Σ c_mn φ_m + O(λ²)
        // with the Rayleigh–Schrödinger c_mn; the paper's c_mn = V_mn is not the first-order coefficient.
        var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(1.7), 20);
        const int n = 2;
        var deviations = new List<double>();
        var lambdas = new[] { 0.2, 0.1, 0.05, 0.025 };
        foreach (var lambda in lambdas)
        {
            var evd = BasisDiagonalization.Hamiltonian(expansion, lambda).Evd(Symmetricity.Symmetric);
            var order = evd.EigenValues.Select((c, i) => (c.Real, i)).OrderBy(p => p.Real).ToArray();
            var vector = evd.EigenVectors.Column(order[n - 1].i);
            vector /= vector[n - 1];
            var state = expansion.FirstOrderState(n, CoefficientConvention.RayleighSchrodinger, lambda);
            deviations.Add((vector - Vector<double>.Build.DenseOfEnumerable(state)).InfinityNorm());
            var paper = expansion.FirstOrderState(n, CoefficientConvention.Paper, lambda);
            Assert.That((vector - Vector<double>.Build.DenseOfEnumerable(paper)).InfinityNorm(), Is.GreaterThan(10 * deviations[^1]));
        }
        Assert.That(PowerLawFit.Fit(lambdas, deviations).Order, Is.EqualTo(2.0).Within(0.2));
    }

    [Test]
    public void FirstOrderWavefunctionSumsTheBasis()
    {
        var box = new ParticleInBox(2.0, 1.0);
        var expansion = PerturbationExpansion.ForSinePotential(box, Potential.Sine(0.9), 12);
        var c = expansion.FirstOrderState(3, CoefficientConvention.RayleighSchrodinger, 0.5);
        foreach (var z in new[] { 0.0, 0.3, 1.1, 1.97 })
        {
            var expected = Enumerable.Range(1, 12).Sum(m => c[m - 1] * box.Eigenfunction(m, z));
            Assert.That(expansion.FirstOrderWavefunction(3, z, CoefficientConvention.RayleighSchrodinger, 0.5), Is.EqualTo(expected).Within(1e-14));
        }
        Assert.That(c[2], Is.EqualTo(1.0));
    }

    [Test]
    public void FunctionPotentialUsesQuadratureAndMatchesTheSineClosedForm()
    {
        var t = 1.37;
        var viaFunction = PerturbationExpansion.ForPotential(ParticleInBox.Unit, Potential.FromFunction(z => Math.Sin(2 * Math.PI * t * z)), 15);
        var analytic = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(t), 15);
        Assert.That((viaFunction.MatrixElements() - analytic.MatrixElements()).Enumerate().Max(Math.Abs), Is.LessThan(1e-13));
        Assert.That(viaFunction.Source, Does.Contain("quadrature"));
    }

    [Test]
    public void LinearPotentialSecondOrderMatchesExactDiagonalisation()
    {
        // A potential without a closed form here: V(z) = z − 1/2. Second-order PT vs the basis eigenvalues at small λ.
        var expansion = PerturbationExpansion.ForPotential(ParticleInBox.Unit, Potential.FromFunction(z => z - 0.5), 25);
        var lambda = 1e-2;
        var exact = BasisDiagonalization.Energies(expansion, lambda);
        for (var n = 1; n <= 5; n++)
        {
            Assert.That(expansion.FirstOrderEnergy(n), Is.EqualTo(0.0).Within(1e-14));   // ⟨φ_n|z − ½|φ_n⟩ = 0 by symmetry
            Assert.That(exact[n - 1], Is.EqualTo(expansion.Correction(n).ThroughSecondOrder(lambda)).Within(1e-10));
        }
    }

    [Test]
    public void MatrixElementsAccessorReturnsACopy()
    {
        var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(0.4), 5);
        var copy = expansion.MatrixElements();
        copy[0, 0] = 123.0;
        Assert.That(expansion.MatrixElement(1, 1), Is.Not.EqualTo(123.0));
    }

    [Test]
    public void BadInputIsRejected()
    {
        var expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(0.4), 5);
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => expansion.FirstOrderEnergy(0))!.ParamName, Is.EqualTo("n"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => expansion.SecondOrderEnergy(6))!.Message, Does.Contain("N = 5"));
            Assert.That(Assert.Throws<ArgumentException>(() => expansion.Coefficient(2, 2, CoefficientConvention.Paper))!.ParamName, Is.EqualTo("m"));
            Assert.Throws<ArgumentOutOfRangeException>(() => expansion.Coefficient(1, 2, (CoefficientConvention)7));
            Assert.Throws<ArgumentOutOfRangeException>(() => PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, Potential.Sine(1), 0));
            Assert.Throws<ArgumentOutOfRangeException>(() => BasisDiagonalization.Energies(expansion, double.NaN));
            Assert.Throws<ArgumentException>(() => PerturbationExpansion.FromMatrixElements(ParticleInBox.Unit, Matrix<double>.Build.Dense(2, 3)));
            Assert.Throws<ArgumentException>(() => PerturbationExpansion.FromMatrixElements(ParticleInBox.Unit, Matrix<double>.Build.DenseOfArray(new[,] { { 0.0, 1.0 }, { 0.5, 0.0 } })));
            Assert.Throws<ArgumentException>(() => PerturbationExpansion.FromMatrixElements(ParticleInBox.Unit, Matrix<double>.Build.DenseOfArray(new[,] { { double.NaN } })));
            Assert.Throws<ArgumentOutOfRangeException>(() => QuantumValidation.Run(ValidationOptions.Default with { MaxLevel = 1 }));
            Assert.Throws<ArgumentOutOfRangeException>(() => QuantumValidation.Run(ValidationOptions.Default with { Minima = new[] { double.NaN } }));
        });
    }
}
