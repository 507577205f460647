using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.Reproduce.Figures;

namespace Vae.Tests.Report;

/// <summary>The energy histogram of the fluids section (<see cref="FluidFigures.EnergyDensities"/>): its axis follows the
/// reference series, not a series of broken configurations, and its densities are normalised.</summary>
public sealed class FluidFiguresTests
{
    [Test]
    public void A_series_of_broken_configurations_does_not_set_the_axis()
    {
        var random = new MersenneTwister(1);
        double[] metropolis = Normal.Samples(random, 0.66, 0.3).Take(4000).ToArray();
        double[] generated = Normal.Samples(random, 1.5, 0.5).Take(4000).ToArray();
        double[] broken = Enumerable.Range(0, 1000).Select(i => 1e11 * (1 + i)).ToArray();
        var plot = FluidFigures.EnergyDensities("t", [("broken", broken), ("generated", generated), ("Metropolis", metropolis)]);

        var x = plot.Series[2].X;
        double width = x[1] - x[0], lo = x[0] - width / 2, hi = x[^1] + width / 2;
        double refLo = metropolis.Order().ElementAt((int)(0.005 * 3999)), refHi = metropolis.Order().ElementAt((int)(0.995 * 3999));
        Assert.That(lo, Is.GreaterThanOrEqualTo(refLo - 2 * (refHi - refLo) - 1e-9));
        Assert.That(hi, Is.LessThanOrEqualTo(refHi + 2 * (refHi - refLo) + 1e-9).And.GreaterThan(generated.Order().ElementAt((int)(0.9 * 3999))),
            "widened to the generated series' bulk, not to the broken one");
        Assert.That(plot.Series[0].Name, Does.StartWith("broken (100").And.EndWith("off axis)"));
        Assert.That(plot.Series[0].Y, Is.All.EqualTo(0.0));
        // Densities: Σ density × width = the share of the series on the axis.
        foreach (var (series, values) in new[] { (plot.Series[1], generated), (plot.Series[2], metropolis) })
        {
            double inside = values.Count(v => v >= lo && v < hi) / (double)values.Length;
            Assert.That(series.Y.Sum() * width, Is.EqualTo(inside).Within(1e-9), series.Name);
        }
        Assert.That(plot.ToSvg(), Does.Contain("Metropolis"), "the long legend fits the figure");
        Assert.Throws<ArgumentException>(() => FluidFigures.EnergyDensities("t", [("a", generated), ("reference", [double.NaN])]));
    }
}
