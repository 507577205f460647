using System.Globalization;
using NUnit.Framework;
using Vae.Plotting.Axes;

namespace Vae.Tests.Plotting;

/// <summary>Nice ticks, checked against a brute-force search over every 1-2-5 step.</summary>
[TestFixture]
public sealed class TicksTests
{
    private static IEnumerable<TestCaseData> Ranges()
    {
        yield return new TestCaseData(0.0, 1.0, 6);
        yield return new TestCaseData(-3.7, 12.2, 6);
        yield return new TestCaseData(0.0, 100.0, 5);
        yield return new TestCaseData(1e-7, 3e-7, 6);
        yield return new TestCaseData(1e6, 1e6 + 5, 6);
        yield return new TestCaseData(-1.0, -0.999, 4);
        yield return new TestCaseData(87.3, 311.9, 6);
        yield return new TestCaseData(-1e9, 2.5e9, 8);
        yield return new TestCaseData(0.0, 0.3, 2);
        yield return new TestCaseData(149.2, 290.6, 20);
        var random = new Random(42);
        for (int i = 0; i < 200; i++)
        {
            double scale = Math.Pow(10, random.Next(-8, 9));
            double a = (random.NextDouble() * 2 - 1) * scale * 10, width = random.NextDouble() * scale * 10 + scale * 1e-3;
            yield return new TestCaseData(a, a + width, random.Next(2, 12));
        }
    }

    /// <summary>The definition: among steps m·10^k (m ∈ {1,2,5}) with ≥ 2 multiples in [lo, hi], the count closest to
    /// the target, ties to the larger step. Searched over every k in [−40, 40].</summary>
    private static double BruteForceStep(double lo, double hi, int target)
    {
        double best = double.NaN;
        long bestDistance = long.MaxValue;
        for (int k = -40; k <= 40; k++)
            foreach (int m in new[] { 1, 2, 5 })
            {
                double step = m * Math.Pow(10, k);
                double count = Math.Floor(hi / step + 1e-9) - Math.Ceiling(lo / step - 1e-9) + 1;
                if (count < 2) continue;
                long distance = (long)Math.Min(Math.Abs(count - target), long.MaxValue / 4);
                if (distance < bestDistance || (distance == bestDistance && step > best)) { best = step; bestDistance = distance; }
            }
        return best;
    }

    [TestCaseSource(nameof(Ranges))]
    public void StepIsTheBruteForceNiceStep(double lo, double hi, int target)
    {
        double step = Ticks.NiceStep(lo, hi, target);
        Assert.That(step, Is.EqualTo(BruteForceStep(lo, hi, target)).Within(1e-12).Percent);
    }

    [TestCaseSource(nameof(Ranges))]
    public void LinearTicksAreTheMultiplesOfTheStepInsideTheRange(double lo, double hi, int target)
    {
        double step = Ticks.NiceStep(lo, hi, target);
        var ticks = Ticks.Linear(lo, hi, target);
        Assert.That(ticks.Values, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(ticks.Labels, Has.Count.EqualTo(ticks.Values.Count));
        for (int i = 0; i < ticks.Values.Count; i++)
        {
            double v = ticks.Values[i];
            double multiple = v / step;
            Assert.That(multiple, Is.EqualTo(Math.Round(multiple)).Within(1e-6), $"{v} is a multiple of {step}");
            Assert.That(v, Is.InRange(lo - 1e-9 * step, hi + 1e-9 * step));
            if (i > 0) Assert.That(v - ticks.Values[i - 1], Is.EqualTo(step).Within(1e-6 * step));
            double parsed = double.Parse(ticks.Labels[i], CultureInfo.InvariantCulture);
            Assert.That(parsed, Is.EqualTo(v).Within(1e-6 * step), $"label '{ticks.Labels[i]}' shows {v}");
        }
        // Every multiple in range is present: one before the first and one after the last fall outside.
        Assert.That(ticks.Values[0] - step, Is.LessThan(lo - 1e-9 * step));
        Assert.That(ticks.Values[^1] + step, Is.GreaterThan(hi + 1e-9 * step));
        Assert.That(ticks.Labels.Distinct().Count(), Is.EqualTo(ticks.Labels.Count), "labels are distinct");
    }

    [Test]
    public void LabelsUseExactlyTheDecimalsOfTheStep()
    {
        Assert.That(Ticks.Linear(0, 1, 6).Labels, Is.EqualTo(new[] { "0", "0.2", "0.4", "0.6", "0.8", "1.0" }));
        Assert.That(Ticks.Linear(-3.7, 12.2, 6).Labels, Is.EqualTo(new[] { "-2", "0", "2", "4", "6", "8", "10", "12" }));
        Assert.That(Ticks.Linear(0, 0.3, 4).Labels, Is.EqualTo(new[] { "0", "0.1", "0.2", "0.3" }));
        Assert.That(Ticks.Linear(0, 0.3, 4).Values[2], Is.EqualTo(0.2), "0.2 exactly, not 2 × 0.1 accumulated");
        Assert.That(Ticks.Linear(1e-7, 3e-7, 3).Labels, Is.EqualTo(new[] { "1e-7", "2e-7", "3e-7" }));
        Assert.That(Ticks.Linear(0, 3e6, 4).Labels, Is.EqualTo(new[] { "0", "1e6", "2e6", "3e6" }));
    }

    [TestCase(1.0, 1000.0, 6, new[] { 1.0, 10, 100, 1000 })]
    [TestCase(0.001, 1e12, 6, new[] { 0.001, 1, 1e3, 1e6, 1e9, 1e12 })]
    [TestCase(1.5, 9.5, 6, new[] { 2.0, 5 })]
    [TestCase(0.8, 30.0, 6, new[] { 1.0, 2, 5, 10, 20 })]
    // One power of ten inside: all five 1-2-5 values, although 5 > target + 2 = 4 (the documented exception).
    [TestCase(1.5, 90.0, 2, new[] { 2.0, 5, 10, 20, 50 })]
    public void LogarithmicTicksArePowersOfTenOr125Mantissas(double lo, double hi, int target, double[] expected)
    {
        var ticks = Ticks.Logarithmic(lo, hi, target);
        Assert.That(ticks.Values, Is.EqualTo(expected).Within(1e-12).Percent);
        foreach (var (v, label) in ticks.Values.Zip(ticks.Labels))
            Assert.That(double.Parse(label, CultureInfo.InvariantCulture), Is.EqualTo(v).Within(1e-12).Percent);
    }

    [Test]
    public void LogarithmicTicksFallBackToLinearInsideOneMantissaGap()
    {
        var ticks = Ticks.Logarithmic(2.1, 4.9, 6);
        Assert.That(ticks.Values, Has.Count.GreaterThanOrEqualTo(2));
        Assert.That(ticks.Values.All(v => v >= 2.1 && v <= 4.9), Is.True);
    }

    [Test]
    public void BadIntervalsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.NiceStep(1, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.NiceStep(double.NaN, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.NiceStep(0, double.PositiveInfinity, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.NiceStep(0, 1, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.Logarithmic(0, 10, 5));
    }

    [Test]
    public void TargetCountsOutsideTwoToTwentyAreRejectedNamingIt()
    {
        // 1e9 would ask for step 1e-9 on [0, 1]: 10⁹ + 1 ticks (8 GB) before the bound.
        foreach (var target in new[] { 1, 21, 1_000_000_000 })
        {
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.Linear(0, 1, target));
            Assert.That(ex!.ParamName, Is.EqualTo("targetCount"));
            Assert.That(ex.ActualValue, Is.EqualTo(target));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.Logarithmic(1, 1e6, target))!.ParamName, Is.EqualTo("targetCount"));
            Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Ticks.NiceStep(0, 1, target))!.ParamName, Is.EqualTo("targetCount"));
        }
        Assert.That(Ticks.Linear(0, 1, 20).Values, Has.Count.EqualTo(21), "20 is allowed: step 0.05");
    }
}
