using MathNet.Numerics;
using NUnit.Framework;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class NumericsTests
{
    [Test]
    public void FiniteDifferenceWithoutPotentialHasTheDiscreteSineSpectrum()
    {
        var box = new ParticleInBox(1.5, 0.8);
        const int m = 40;
        var h = box.Length / (m + 1);
        var energies = FiniteDifferenceHamiltonian.Energies(box, Potential.Sine(0.0), 1.0, m, 10);
        for (var n = 1; n <= 10; n++)
        {
            var exact = 4 * box.Coefficient / (h * h) * Math.Pow(Math.Sin(Math.PI * n * h / (2 * box.Length)), 2);
            Assert.That(energies[n - 1], Is.EqualTo(exact).Within(1e-12 * exact));
        }
    }

    [TestCase(0.7, 1.0)]
    [TestCase(2.5, 1.0)]
    [TestCase(1.3, 5.0)]
    public void FiniteDifferencesConvergeToTheBasisResultWithOrderTwo(double t, double lambda)
    {
        var box = ParticleInBox.Unit;
        var v = Potential.Sine(t);
        var basis = BasisDiagonalization.Energies(PerturbationExpansion.ForSinePotential(box, v, 40), lambda);
        var grids = new[] { 31, 63, 127, 255 };
        for (var n = 1; n <= 3; n++)
        {
            var steps = grids.Select(m => 1.0 / (m + 1)).ToArray();
            var errors = grids.Select(m => Math.Abs(FiniteDifferenceHamiltonian.Energies(box, v, lambda, m, 3)[n - 1] - basis[n - 1])).ToArray();
            Assert.That(PowerLawFit.Fit(steps, errors).Order, Is.EqualTo(2.0).Within(0.05), $"n = {n}");
        }
    }

    [Test]
    public void BasisDiagonalisationAtZeroLambdaIsTheUnperturbedSpectrum()
    {
        var box = new ParticleInBox(0.5, 3.0);
        var energies = BasisDiagonalization.Energies(PerturbationExpansion.ForSinePotential(box, Potential.Sine(2.2), 15), 0.0);
        for (var n = 1; n <= 15; n++)
            Assert.That(energies[n - 1], Is.EqualTo(box.Energy(n)).Within(1e-15 * box.Energy(n)));
    }

    [Test]
    public void RayleighQuotientRefinementBeatsTheLargestEnergyRounding()
    {
        // With N = 60 the largest energy is 3.6e4; LAPACK's absolute error is ~1e-11 there, the refined ground state
        // must agree with a 10-state diagonalisation (where rounding is 1e-14) once the basis has converged.
        var v = Potential.Sine(0.3);
        var lambda = 1e-3;
        var big = BasisDiagonalization.Energies(PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, v, 60), lambda)[0];
        var ground = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, v, 60).Correction(1);
        Assert.That(Math.Abs(big - ground.ThroughThirdOrder(lambda)), Is.LessThan(1e-13));
    }

    [Test]
    public void PowerLawFitRecoversKnownExponentAndRejectsBadData()
    {
        var steps = new[] { 0.1, 0.05, 0.025, 0.0125 };
        var fit = PowerLawFit.Fit(steps, steps.Select(h => 3.5 * Math.Pow(h, 2.5)).ToArray());
        Assert.That(fit.Order, Is.EqualTo(2.5).Within(1e-12));
        Assert.That(fit.Prefactor, Is.EqualTo(3.5).Within(1e-10));
        Assert.That(fit.Points, Is.EqualTo(4));
        Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(steps, new[] { 1.0, 0.0, 1.0, 1.0 }));
        Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(new[] { 1.0 }, new[] { 1.0 }));
        Assert.Throws<ArgumentException>(() => PowerLawFit.Fit(steps, new[] { 1.0 }));
    }

    [Test]
    public void QuadratureThatCannotConvergeThrows()
    {
        var options = QuadratureOptions.Default with { InitialOrder = 4, MaximumOrder = 16 };
        var e = Assert.Throws<NonConvergenceException>(() => MatrixElementQuadrature.GaussLegendre(ParticleInBox.Unit, Potential.Sine(30), 30, options));
        Assert.That(e!.Message, Does.Contain("order 16"));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixElementQuadrature.GaussLegendre(ParticleInBox.Unit, Potential.Sine(1), 3, QuadratureOptions.Default with { Tolerance = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MatrixElementQuadrature.GaussKronrod(ParticleInBox.Unit, Potential.Sine(1), 1, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferenceHamiltonian.Matrix(ParticleInBox.Unit, Potential.Sine(1), 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => FiniteDifferenceHamiltonian.Energies(ParticleInBox.Unit, Potential.Sine(1), 1, 10, 11));
    }

    [Test]
    public void GaussKronrodHandlesAGeneralPotential()
    {
        // ⟨φ_1|z²|φ_1⟩ on [0, 1] = 1/3 − 1/(2π²).
        var value = MatrixElementQuadrature.GaussKronrod(ParticleInBox.Unit, Potential.FromFunction(z => z * z), 1, 1);
        Assert.That(value.Value, Is.EqualTo(1.0 / 3 - 1 / (2 * Math.PI * Math.PI)).Within(1e-13));
        Assert.That(value.ErrorEstimate, Is.LessThan(1e-12));
    }
}
