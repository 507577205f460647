using FsCheck;
using FsCheck.Fluent;
using NUnit.Framework;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class SineMatrixElementsTests
{
    private const int Size = 40;

    /// <summary>Every singular t = (m ± n)/(2L) for m, n ≤ 40 (t = k/(2L), k = 0..80), each also shifted by ±1e-9 and ±1e-6.</summary>
    private static IEnumerable<double> SingularGrid(double length)
    {
        for (var k = 0; k <= 2 * Size; k++)
        {
            var t = k / (2.0 * length);
            foreach (var shift in new[] { 0.0, -1e-9, 1e-9, -1e-6, 1e-6 })
                yield return t + shift;
        }
    }

    [TestCase(1.0)]
    [TestCase(2.5)]
    public void AnalyticMatchesConvergedGaussLegendreOnEverySingularTAndNearIt(double length)
    {
        var box = new ParticleInBox(length, 1.0);
        var grid = SingularGrid(length).Concat(new[] { 0.1, 0.37, 1.23, 2.9, 7.77, 13.4, -0.6, -3.5, -19.5 }).ToArray();
        var worst = 0.0;
        foreach (var t in grid)
        {
            var v = Potential.Sine(t);
            var analytic = SineMatrixElements.Matrix(box, v, Size);
            var numeric = MatrixElementQuadrature.GaussLegendre(box, v, Size).Values;
            var diff = (analytic - numeric).Enumerate().Select(Math.Abs).Max();
            worst = Math.Max(worst, diff);
            Assert.That(diff, Is.LessThanOrEqualTo(1e-12), $"t = {t:R}");
        }
        TestContext.Out.WriteLine($"L = {length}: {grid.Length} t values, n, m <= {Size}: max |analytic - Gauss-Legendre| = {worst:E2}");
    }

    [Test]
    public void AnalyticMatchesAdaptiveGaussKronrodAtTheResonantPairs()
    {
        // For every singular t = k/2 (k = 0..80) on [0, 1], every pair (m, n ≤ 40) that makes it singular
        // (m + n = k or |m − n| = k), at t and at t ± 1e-9, t ± 1e-6: adaptive Gauss–Kronrod, absolute target 1e-13.
        var box = ParticleInBox.Unit;
        var worst = 0.0;
        var count = 0;
        for (var k = 0; k <= 2 * Size; k += 1)
        {
            foreach (var shift in new[] { 0.0, -1e-9, 1e-9, -1e-6, 1e-6 })
            {
                var v = Potential.Sine(k / 2.0 + shift);
                for (var m = 1; m <= Size; m += 3)
                {
                    foreach (var n in new[] { k - m, m - k, m + k })
                    {
                        if (n < 1 || n > Size) continue;
                        var analytic = SineMatrixElements.Value(box, v, m, n);
                        var numeric = MatrixElementQuadrature.GaussKronrod(box, v, m, n);
                        worst = Math.Max(worst, Math.Abs(analytic - numeric.Value));
                        count++;
                        Assert.That(analytic, Is.EqualTo(numeric.Value).Within(1e-12), $"t = {v.Minima:R}, m = {m}, n = {n}");
                    }
                }
            }
        }
        TestContext.Out.WriteLine($"{count} resonant elements: max |analytic - Gauss-Kronrod| = {worst:E2}");
        Assert.That(count, Is.GreaterThan(1000));
    }

    [Test]
    public void FirstOrderEnergyOnUnitBoxIsTheCheckedClosedForm()
    {
        // E_n¹ = (1 − cos 2πt) n² / (2πt (n² − t²)) on [0, 1] away from t = 0, ±n.
        var box = ParticleInBox.Unit;
        foreach (var t in new[] { 0.1, 0.25, 0.5, 1.3, 2.71, 4.5, 9.9, -0.7 })
        {
            for (var n = 1; n <= 30; n++)
            {
                var expected = (1 - Math.Cos(2 * Math.PI * t)) * n * n / (2 * Math.PI * t * (n * n - t * t));
                Assert.That(SineMatrixElements.FirstOrderEnergy(box, Potential.Sine(t), n), Is.EqualTo(expected).Within(1e-14 + 1e-12 * Math.Abs(expected)), $"t = {t}, n = {n}");
            }
        }
    }

    [Test]
    public void FirstOrderEnergyVanishesForIntegerT()
    {
        for (var t = -6; t <= 6; t++)
            for (var n = 1; n <= 30; n++)
                Assert.That(SineMatrixElements.FirstOrderEnergy(ParticleInBox.Unit, Potential.Sine(t), n), Is.EqualTo(0.0), $"t = {t}, n = {n}");
    }

    [Test]
    public void AwayFromSingularitiesTheFormEqualsTheRationalClosedForm()
    {
        // V_mn = −τ m n w / (π (τ² − d²/4)(τ² − s²/4)), w = sin²(πτ) (m − n even) or cos²(πτ) (m − n odd).
        foreach (var length in new[] { 1.0, 0.6, 3.0 })
        {
            var box = new ParticleInBox(length, 1.0);
            foreach (var t in new[] { 0.13, 0.71, 1.9, 4.444, 12.3 })
            {
                var tau = t * length;
                for (var m = 1; m <= 25; m++)
                    for (var n = 1; n <= 25; n++)
                    {
                        double d = m - n, s = m + n;
                        var w = (m - n) % 2 == 0 ? Math.Pow(Math.Sin(Math.PI * tau), 2) : Math.Pow(Math.Cos(Math.PI * tau), 2);
                        var rational = -tau * m * n * w / (Math.PI * (tau * tau - d * d / 4) * (tau * tau - s * s / 4));
                        Assert.That(SineMatrixElements.Value(box, Potential.Sine(t), m, n), Is.EqualTo(rational).Within(1e-15 + 1e-11 * Math.Abs(rational)), $"L = {length}, t = {t}, m = {m}, n = {n}");
                    }
            }
        }
    }

    [Test]
    public void AtSingularTTheValueIsTheExactLimitZeroAndNearItTheLinearTerm()
    {
        // At τ₀ = ±(m ± n)/2 every shifted argument of g is an integer, so V = 0 exactly, and
        // dV/dτ = (π/2)(#[τ₀ + d/2 = 0] + #[τ₀ − d/2 = 0] − #[τ₀ + s/2 = 0] − #[τ₀ − s/2 = 0]) since g′(0) = π, g′(k ≠ 0) = 0.
        // |V″| ≤ 2π, so |V(τ₀ + ε) − V′ε| ≤ π ε²: only a stable evaluation meets this at ε = 1e-9.
        var box = ParticleInBox.Unit;
        var checkedPoints = 0;
        for (var m = 1; m <= Size; m++)
        {
            for (var n = 1; n <= Size; n++)
            {
                int d = m - n, s = m + n;
                foreach (var twiceTau0 in new[] { d, -d, s, -s }.Distinct())
                {
                    var tau0 = twiceTau0 / 2.0;
                    Assert.That(SineMatrixElements.Value(box, Potential.Sine(tau0), m, n), Is.EqualTo(0.0), $"m = {m}, n = {n}, t = {tau0}");
                    var slope = 0.5 * Math.PI * (Count(tau0 + d / 2.0) + Count(tau0 - d / 2.0) - Count(tau0 + s / 2.0) - Count(tau0 - s / 2.0));
                    foreach (var offset in new[] { -1e-6, -1e-9, 1e-9, 1e-6 })
                    {
                        var t = tau0 + offset;
                        var epsilon = t - tau0;              // exact (Sterbenz)
                        var value = SineMatrixElements.Value(box, Potential.Sine(t), m, n);
                        Assert.That(Math.Abs(value - slope * epsilon), Is.LessThanOrEqualTo(Math.PI * epsilon * epsilon + 1e-15 * Math.Abs(epsilon)),
                            $"m = {m}, n = {n}, t = {tau0} + {epsilon:E3}: V = {value:R}, linear term {slope * epsilon:R}");
                        checkedPoints++;
                    }
                }
            }
        }
        Assert.That(checkedPoints, Is.GreaterThan(10000));

        static int Count(double y) => y == 0.0 ? 1 : 0;
    }

    [Test]
    public void MatrixAgreesBitForBitWithSingleElements()
    {
        var box = new ParticleInBox(1.3, 2.0);
        foreach (var t in new[] { 0.0, 0.77, 1.5 / 1.3, 6.1 })
        {
            var v = Potential.Sine(t);
            var matrix = SineMatrixElements.Matrix(box, v, 30);
            for (var m = 1; m <= 30; m++)
                for (var n = 1; n <= 30; n++)
                    Assert.That(matrix[m - 1, n - 1], Is.EqualTo(SineMatrixElements.Value(box, v, m, n)));
        }
    }

    [Test]
    public void ZeroMinimaIsTheZeroPotential()
    {
        var matrix = SineMatrixElements.Matrix(ParticleInBox.Unit, Potential.Sine(0.0), 40);
        Assert.That(matrix.Enumerate().All(x => x == 0.0), Is.True);
    }

    private static Gen<(int M, int N, double T, double L)> Cases() =>
        from m in Gen.Choose(1, 60)
        from n in Gen.Choose(1, 60)
        from tk in Gen.Choose(-200_000, 200_000)
        from singular in Gen.Elements(false, true)
        from lk in Gen.Choose(1, 50)
        let length = lk / 10.0
        let t = singular ? (m + n) / (2.0 * length) * Math.Sign(tk + 0.5) : tk / 1000.0
        select (m, n, t, length);

    [Test]
    public void PropertySymmetric()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var box = new ParticleInBox(c.L, 1.0);
            var v = Potential.Sine(c.T);
            return SineMatrixElements.Value(box, v, c.M, c.N) == SineMatrixElements.Value(box, v, c.N, c.M);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Test]
    public void PropertyBoundedBySupremumOfPotential()
    {
        // |⟨φ_m|V|φ_n⟩| ≤ sup|V| ‖φ_m‖ ‖φ_n‖ = sup|V| (Cauchy–Schwarz).
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var box = new ParticleInBox(c.L, 1.0);
            var v = Potential.Sine(c.T);
            return Math.Abs(SineMatrixElements.Value(box, v, c.M, c.N)) <= v.SupremumOnBox(c.L) + 1e-15;
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Test]
    public void PropertyOddInT()
    {
        Prop.ForAll(Cases().ToArbitrary(), c =>
        {
            var box = new ParticleInBox(c.L, 1.0);
            return SineMatrixElements.Value(box, Potential.Sine(-c.T), c.M, c.N) == -SineMatrixElements.Value(box, Potential.Sine(c.T), c.M, c.N);
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));
    }

    [Test]
    public void BadArgumentsAreRejected()
    {
        var box = ParticleInBox.Unit;
        var v = Potential.Sine(1.0);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SineMatrixElements.Value(box, v, 0, 1))!.ParamName, Is.EqualTo("m"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SineMatrixElements.Value(box, v, 1, -1))!.ParamName, Is.EqualTo("n"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SineMatrixElements.FirstOrderEnergy(box, v, 0))!.ParamName, Is.EqualTo("n"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SineMatrixElements.Matrix(box, v, 0))!.ParamName, Is.EqualTo("size"));
        Assert.Throws<ArgumentNullException>(() => SineMatrixElements.Value(null!, v, 1, 1));
    }
}
