using System.Numerics;
using NUnit.Framework;
using Vae.Reproduce.QuantumPaper;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Spectrum;
using Vae.Quantum.Systems;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class PaperFormulasTests
{
    private static readonly double[] Grid = Enumerable.Range(1, 50).Select(k => k / 10.0).ToArray();

    [Test]
    public void WithNEqualTAndNoSignFactorThePrintedFormulaIsTheHalfFrequencyUnnormalisedIntegral()
    {
        // ∫₀¹ sin²(πnz) sin(πtz) dz: the integral the printed bracket was derived from (sympy, docs/quantum.md).
        foreach (var t in Grid)
            for (var n = 1; n <= 10; n++)
            {
                if (Math.Abs(t) == 2 * n) continue;
                var printed = PaperFormulas.FirstOrderEnergy(n, t, t, PaperSignFactor.Omitted);
                Assert.That(printed.Imaginary, Is.EqualTo(0.0));
                Assert.That(printed.Real, Is.EqualTo(PaperFormulas.ExactFirstOrderEnergy(PaperConvention.HalfFrequencyUnnormalized, n, t)).Within(1e-13), $"n = {n}, t = {t}");
                // … which is half the normalised E¹ of this library at τ = t/2.
                var viaLibrary = 0.5 * SineMatrixElements.FirstOrderEnergy(ParticleInBox.Unit, Potential.Sine(t / 2), n);
                Assert.That(printed.Real, Is.EqualTo(viaLibrary).Within(1e-13));
            }
    }

    [Test]
    public void VerbatimFormulaIsComplexForNonIntegerTAndZeroForIntegerT()
    {
        // (−1)^t = e^{iπt}: Im E¹ = sin(πt) cos(πt) [4n² + t² − N²] / (2πt(t² − 4n²)) for integer n.
        var e = PaperFormulas.FirstOrderEnergy(1, 0.25, 0.25);
        var expectedImaginary = Math.Sin(Math.PI * 0.25) * Math.Cos(Math.PI * 0.25) * 4 / (2 * Math.PI * 0.25 * (0.0625 - 4));
        Assert.That(e.Imaginary, Is.EqualTo(expectedImaginary).Within(1e-15));
        for (var t = 1; t <= 5; t++)
            for (var n = 1; n <= 10; n++)
            {
                if (t == 2 * n) continue;
                var printed = PaperFormulas.FirstOrderEnergy(n, t, t);
                Assert.That(printed.Magnitude, Is.LessThan(1e-15), $"n = {n}, t = {t}");
                Assert.That(PaperFormulas.ExactFirstOrderEnergy(PaperConvention.UnitBox, n, t), Is.EqualTo(0.0).Within(1e-15));
            }
    }

    [Test]
    public void OnTheUnitBoxTheVerbatimFormulaDisagreesOffIntegerTAndWithOtherN()
    {
        var rows = PaperComparison.Run(10, Grid);
        var unit = rows.Single(r => r is { Convention: PaperConvention.UnitBox, SignFactor: PaperSignFactor.PrincipalBranch, CapitalN: "t" });
        Assert.That(unit.MaxDeviationIntegerT, Is.LessThan(1e-14));
        Assert.That(unit.MaxDeviationNonIntegerT, Is.GreaterThan(0.4));
        Assert.That(unit.MaxImaginaryPart, Is.GreaterThan(0.4));
        var otherN = rows.Single(r => r is { Convention: PaperConvention.UnitBox, SignFactor: PaperSignFactor.PrincipalBranch, CapitalN: "0" });
        Assert.That(otherN.MaxDeviationIntegerT, Is.GreaterThan(0.05));
        // Only one candidate reconciles the formula everywhere.
        var reconciling = rows.Where(r => Math.Max(r.MaxDeviationIntegerT, r.MaxDeviationNonIntegerT) < 1e-12).ToArray();
        Assert.That(reconciling, Has.Length.EqualTo(1));
        Assert.That(reconciling[0], Is.EqualTo(rows.Single(r => r is { Convention: PaperConvention.HalfFrequencyUnnormalized, SignFactor: PaperSignFactor.Omitted, CapitalN: "t" })));
    }

    [Test]
    public void CenteredBoxFirstOrderVanishes()
    {
        foreach (var t in new[] { 0.3, 1.7, 4.2 })
            for (var n = 1; n <= 6; n++)
                Assert.That(PaperFormulas.ExactFirstOrderEnergy(PaperConvention.CenteredBox, n, t), Is.EqualTo(0.0).Within(1e-14));
    }

    [Test]
    public void QuantumNumberInvertsPsiSquaredEqualsTwoOverLSineOnThePrincipalBranch()
    {
        foreach (var length in new[] { 1.0, 2.0 })
            foreach (var n in new[] { 0.5, 1.0, 2.0 })
                foreach (var z in new[] { 0.05, 0.1, 0.2 })
                {
                    var psi = Math.Sqrt(2 / length * Math.Sin(Math.PI * n * z / length));
                    Assert.That(PaperFormulas.QuantumNumber(psi, z, length), Is.EqualTo(n).Within(1e-12));
                }
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.QuantumNumber(2.0, 0.3, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.QuantumNumber(0.5, 0.0, 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.QuantumNumber(0.5, 0.3, -1.0));
    }

    [Test]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.FirstOrderEnergy(1, 0.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.FirstOrderEnergy(1, 2.0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.FirstOrderEnergy(1, double.NaN, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.ZeroOrderEnergy(double.PositiveInfinity, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PaperFormulas.ExactFirstOrderEnergy(PaperConvention.UnitBox, 0, 1));
        Assert.That(PaperFormulas.ZeroOrderEnergy(Math.PI * Math.PI, 3), Is.EqualTo(ParticleInBox.Unit.Energy(3)).Within(1e-12));
    }
}
