using NUnit.Framework;
using Vae.Quantum.Validation;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class ValidationTests
{
    [Test]
    public void DefaultTableMeetsTheAcceptanceCriteria()
    {
        var report = QuantumValidation.Run();
        foreach (var row in report.Errors)
            TestContext.Out.WriteLine(row);
        foreach (var row in report.Orders)
            TestContext.Out.WriteLine(row);
        var analytic = report.Errors.Where(e => !e.Quantity.Contains("finite differences") && !e.Quantity.StartsWith("E⁰")).ToArray();
        Assert.That(analytic, Has.Length.EqualTo(5));
        foreach (var row in analytic)
            Assert.That(row.MaxAbsoluteError, Is.LessThanOrEqualTo(1e-12), row.ToString());
        Assert.That(report.Errors.Single(e => e.Quantity.StartsWith("E⁰")).MaxAbsoluteError, Is.LessThan(1e-14 * Math.Pow(30 * Math.PI, 2)));
        Assert.That(report.Errors.Single(e => e.Quantity.StartsWith("V_mn")).Comparisons, Is.EqualTo(50 * 30 * 30));

        var cubic = report.Orders.Single(o => o.Expected == 3.0);
        Assert.That(cubic.Median, Is.EqualTo(3.0).Within(0.01));
        Assert.That(cubic.WithinTolerance, Is.GreaterThanOrEqualTo(0.99 * cubic.Fits), cubic.ToString());
        var quartic = report.Orders.Single(o => o.Expected == 4.0);
        Assert.That(quartic.Fits, Is.GreaterThan(0));
        Assert.That(quartic.WithinTolerance, Is.EqualTo(quartic.Fits), quartic.ToString());
        var grid = report.Orders.Single(o => o.Expected == 2.0);
        Assert.That(grid.Fits, Is.EqualTo(150));
        Assert.That(grid.Minimum, Is.GreaterThan(1.95));
        Assert.That(grid.Maximum, Is.LessThan(2.05));
    }

    [Test]
    public void ReportIsDeterministic()
    {
        var options = ValidationOptions.Default with { Minima = new[] { 0.35, 2.0 }, MaxLevel = 8 };
        var a = QuantumValidation.Run(options);
        var b = QuantumValidation.Run(options);
        Assert.That(a.Errors, Is.EqualTo(b.Errors));
        Assert.That(a.Orders, Is.EqualTo(b.Orders));
    }
}
