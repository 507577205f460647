using NUnit.Framework;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class ParticleInBoxTests
{
    [TestCase(1.0, 1.0)]
    [TestCase(2.5, 0.3)]
    [TestCase(0.4, 7.0)]
    public void EnergiesAreAPiOverLSquaredNSquared(double length, double coefficient)
    {
        var box = new ParticleInBox(length, coefficient);
        for (var n = 1; n <= 10; n++)
            Assert.That(box.Energy(n), Is.EqualTo(coefficient * Math.Pow(Math.PI * n / length, 2)).Within(1e-13).Percent);
    }

    [TestCase(1.0, 1.0)]
    [TestCase(2.5, 0.3)]
    public void EigenfunctionsAreOrthonormalByQuadrature(double length, double coefficient)
    {
        var box = new ParticleInBox(length, coefficient);
        var overlap = MatrixElementQuadrature.Overlap(box, 25).Values;
        for (var i = 0; i < 25; i++)
            for (var j = 0; j < 25; j++)
                Assert.That(overlap[i, j], Is.EqualTo(i == j ? 1.0 : 0.0).Within(1e-13), $"<phi_{i + 1}|phi_{j + 1}>");
    }

    [TestCase(1.0, 1.0)]
    [TestCase(2.5, 0.3)]
    public void KineticMatrixByQuadratureIsDiagonalUnperturbedEnergies(double length, double coefficient)
    {
        // A ∫ φ_m′ φ_n′ dz uses the derivative formula, so this checks E⁰ and φ′ together.
        var box = new ParticleInBox(length, coefficient);
        var kinetic = MatrixElementQuadrature.Kinetic(box, 20).Values;
        for (var i = 0; i < 20; i++)
            for (var j = 0; j < 20; j++)
            {
                var expected = i == j ? box.Energy(i + 1) : 0.0;
                Assert.That(kinetic[i, j], Is.EqualTo(expected).Within(1e-12 * box.Energy(20)), $"<phi_{i + 1}|H0|phi_{j + 1}>");
            }
    }

    [Test]
    public void DerivativesMatchCentralDifferences()
    {
        var box = new ParticleInBox(1.7, 0.9);
        const double h = 1e-5;
        for (var n = 1; n <= 6; n++)
        {
            foreach (var z in new[] { 0.1, 0.55, 0.9, 1.3, 1.69 })
            {
                var first = (box.Eigenfunction(n, z + h) - box.Eigenfunction(n, z - h)) / (2 * h);
                var second = (box.EigenfunctionDerivative(n, z + h) - box.EigenfunctionDerivative(n, z - h)) / (2 * h);
                var scale = box.Normalization * Math.Pow(box.WaveNumber(n), 2);
                Assert.That(box.EigenfunctionDerivative(n, z), Is.EqualTo(first).Within(1e-8 * scale));
                Assert.That(box.EigenfunctionSecondDerivative(n, z), Is.EqualTo(second).Within(1e-7 * scale * box.WaveNumber(n)));
            }
        }
    }

    [Test]
    public void EigenfunctionVanishesAtTheWallsAndOutside()
    {
        var box = new ParticleInBox(2.0, 1.0);
        for (var n = 1; n <= 8; n++)
        {
            Assert.That(box.Eigenfunction(n, 0.0), Is.EqualTo(0.0));
            Assert.That(box.Eigenfunction(n, 2.0), Is.EqualTo(0.0).Within(1e-15));
            Assert.That(box.Eigenfunction(n, -0.1), Is.EqualTo(0.0));
            Assert.That(box.Eigenfunction(n, 2.1), Is.EqualTo(0.0));
            Assert.That(box.EigenfunctionDerivative(n, 3.0), Is.EqualTo(0.0));
        }
        Assert.That(box.Eigenfunction(1, 1.0), Is.EqualTo(1.0).Within(1e-15));   // √(2/2) sin(π/2)
    }

    [TestCase(0.0)]
    [TestCase(-1.0)]
    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void InvalidLengthIsRejected(double length)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ParticleInBox(length, 1.0));
        Assert.That(e!.ParamName, Is.EqualTo("length"));
        Assert.That(e.Message, Does.Contain("L must be positive"));
    }

    [TestCase(0.0)]
    [TestCase(-2.0)]
    [TestCase(double.NaN)]
    [TestCase(double.NegativeInfinity)]
    public void InvalidCoefficientIsRejected(double coefficient)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => _ = new ParticleInBox(1.0, coefficient));
        Assert.That(e!.ParamName, Is.EqualTo("coefficient"));
        Assert.That(e.ActualValue, Is.EqualTo(coefficient));
    }

    [TestCase(0)]
    [TestCase(-3)]
    public void QuantumNumberBelowOneIsRejected(int n)
    {
        var box = ParticleInBox.Unit;
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => box.Energy(n))!.ParamName, Is.EqualTo("n"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => box.Eigenfunction(n, 0.5))!.ActualValue, Is.EqualTo(n));
            Assert.Throws<ArgumentOutOfRangeException>(() => box.EigenfunctionDerivative(n, 0.5));
            Assert.Throws<ArgumentOutOfRangeException>(() => box.EigenfunctionSecondDerivative(n, 0.5));
        });
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    public void NonFinitePositionIsRejected(double z)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => ParticleInBox.Unit.Eigenfunction(1, z));
        Assert.That(e!.ParamName, Is.EqualTo("z"));
    }

    [TestCase(double.NaN)]
    [TestCase(double.PositiveInfinity)]
    [TestCase(double.NegativeInfinity)]
    public void NonFiniteMinimaAreRejected(double t)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Potential.Sine(t));
        Assert.That(e!.ParamName, Is.EqualTo("minima"));
        Assert.That(e.Message, Does.Contain("t must be finite"));
    }

    [Test]
    public void SinePotentialEvaluatesSin2PiTz()
    {
        foreach (var t in new[] { -2.3, 0.0, 0.7, 3.0, 11.25 })
        {
            var v = Potential.Sine(t);
            foreach (var z in new[] { 0.0, 0.13, 0.5, 0.77, 1.0 })
                Assert.That(v.Evaluate(z), Is.EqualTo(Math.Sin(2 * Math.PI * t * z)).Within(1e-14));
        }
        Assert.That(Potential.Sine(3.0).Evaluate(0.5), Is.EqualTo(0.0));   // exactly, via sinπ
    }

    [Test]
    public void SineSupremumOnBox()
    {
        Assert.That(Potential.Sine(0.1).SupremumOnBox(1.0), Is.EqualTo(Math.Sin(2 * Math.PI * 0.1)).Within(1e-15));
        Assert.That(Potential.Sine(-0.1).SupremumOnBox(1.0), Is.EqualTo(Math.Sin(2 * Math.PI * 0.1)).Within(1e-15));
        Assert.That(Potential.Sine(0.3).SupremumOnBox(1.0), Is.EqualTo(1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Potential.Sine(1).SupremumOnBox(0.0));
    }

    [Test]
    public void FunctionPotentialWrapsAndRejectsNonFiniteValues()
    {
        var v = Potential.FromFunction(z => z * z, "z^2");
        Assert.That(v.Evaluate(3.0), Is.EqualTo(9.0));
        Assert.That(v.ToString(), Is.EqualTo("z^2"));
        var bad = Potential.FromFunction(z => 1.0 / (z - 0.5), "pole");
        Assert.Throws<ArithmeticException>(() => bad.Evaluate(0.5));
        Assert.Throws<ArgumentNullException>(() => Potential.FromFunction(null!));
    }

    [Test]
    public void QuadratureOfANullBoxThrowsArgumentNullExceptionNamingTheBox()
    {
        Assert.That(Assert.Throws<ArgumentNullException>(() => MatrixElementQuadrature.GaussLegendre(null!, Potential.Sine(2), 3))!.ParamName, Is.EqualTo("box"));
        Assert.That(Assert.Throws<ArgumentNullException>(() => PerturbationExpansion.ForPotential(null!, Potential.Sine(2), 3))!.ParamName, Is.EqualTo("box"));
    }
}
