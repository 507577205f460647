using NUnit.Framework;
using Vae.Core.IO;
using Vae.Fluids.Analysis;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class AnalysisTests
{
    /// <summary>AR(1) x_t = φ x_{t−1} + ε_t has ρ(t) = φ^t and τ_int = (1 + φ)/(1 − φ).</summary>
    [TestCase(0.0)]
    [TestCase(0.5)]
    [TestCase(0.9)]
    public void IntegratedTimeOfAnAutoregressiveProcess(double phi)
    {
        var rng = new Random(4);
        const int n = 200_000;
        var x = new double[n];
        for (int t = 1; t < n; t++)
        {
            double g = Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
            x[t] = phi * x[t - 1] + g;
        }
        var est = Autocorrelation.IntegratedTime(x);
        double exact = (1 + phi) / (1 - phi);
        Assert.That(est.IntegratedTime, Is.EqualTo(exact).Within(0.1 * exact));
        Assert.That(est.WindowConverged, Is.True);
        Assert.That(est.Variance, Is.EqualTo(1 / (1 - phi * phi)).Within(0.05 / (1 - phi * phi)));
        var rho = Autocorrelation.Function(x);
        Assert.That(rho[0], Is.EqualTo(1).Within(1e-12));
        Assert.That(rho[2], Is.EqualTo(phi * phi).Within(0.02));
        // Direct O(n) sum for one lag agrees with the FFT.
        double mean = x.Average(), c0 = x.Sum(v => (v - mean) * (v - mean)), c3 = 0;
        for (int t = 0; t + 3 < n; t++) c3 += (x[t] - mean) * (x[t + 3] - mean);
        Assert.That(rho[3], Is.EqualTo(c3 / c0).Within(1e-10));
    }

    [Test]
    public void AutocorrelationRejectsBadSeries()
    {
        Assert.Throws<ArgumentException>(() => Autocorrelation.IntegratedTime([1.0]));
        Assert.Throws<ArgumentException>(() => Autocorrelation.IntegratedTime([1.0, double.NaN, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Autocorrelation.IntegratedTime([1.0, 2.0], 0));
        Assert.That(Autocorrelation.IntegratedTime([2.0, 2.0, 2.0]).StandardError, Is.Zero);
    }

    [Test]
    public void EnergiesAndCappedHistogram()
    {
        var options = MetropolisOptions.Default with { Particles = 3, Box = 5, Gamma = 0.5 };
        var c = ParticleConfiguration.FromCoordinates([1.0, 2.0, 1.0], [1.0, 1.0, 1.9], 5);
        double u(double r) => 4 * (Math.Pow(r, -12) - Math.Pow(r, -6));
        double u01 = u(1), u02 = u(0.9), u12 = u(Math.Sqrt(1 + 0.81));
        double expected = u01 + u02 + u12 + 0.5 * (1 + 1 + 1.9);
        Assert.That(FluidEnergy.Total(c, options), Is.EqualTo(expected).Within(1e-12));
        Assert.That(FluidEnergy.PerParticle(c, options), Is.EqualTo(expected / 3).Within(1e-12));
        var per = FluidEnergy.ParticleEnergies(c, options);
        Assert.That(per[0], Is.EqualTo(u01 + u02 + 0.5).Within(1e-12));
        Assert.That(per.Sum(), Is.EqualTo(expected + u01 + u02 + u12).Within(1e-12));
        var h = FluidEnergy.PairEnergyHistogram([c], options, bins: 4);
        Assert.That(h.Total, Is.EqualTo(3));
        Assert.That(h.Capped, Is.EqualTo(1), "u(0.9) ≈ 1.42 > 1 is capped");
        Assert.That(h.Counts.Sum(), Is.EqualTo(3));
        Assert.That(h.BinEdges[^1], Is.EqualTo(1.0));
        Assert.That(h.Counts[^1], Is.EqualTo(1));
    }

    [Test]
    public void EquilibrationReportShowsEnergyFallingToTheReference()
    {
        var options = MetropolisOptions.Default with { Particles = 10, Box = 6, Gamma = 1, WarmupSweeps = 200, Seed = 8 };
        var report = Equilibration.Measure(options, EquilibrationOptions.Default with
        {
            Replicas = 16, Sweeps = 3000, ReferenceChains = 2, ReferenceBurnInSweeps = 3000, ReferenceSweeps = 10_000,
        });
        Assert.That(report.EnergyPerParticle[0], Is.GreaterThan(report.EquilibriumEnergyPerParticle + 0.5), "random starts are far above equilibrium");
        Assert.That(report.SweepsToEquilibrium, Is.InRange(2, 3000));
        Assert.That(report.EnergyPerParticle[^1], Is.EqualTo(report.EquilibriumEnergyPerParticle).Within(0.05 + 3 * (report.StandardError[^1] + report.EquilibriumStandardError)));
        // The replicas are the reset-per-sample samples: sweep S of replica k is sample k with S sweeps per sample.
        var samples = Metropolis.Sample(options with { SweepsPerSample = 100 }, 16);
        Assert.That(samples.MeanEnergyPerParticle, Is.EqualTo(report.EnergyPerParticle[99]).Within(1e-9));
    }

    [Test]
    public void DataSetFilesAreSortedAndConsistent()
    {
        var dir = Directory.CreateTempSubdirectory("vae-fluids-").FullName;
        try
        {
            var samples = Metropolis.Sample(MetropolisOptions.Default with { Particles = 7, Box = 5, WarmupSweeps = 50, SweepsPerSample = 20, Seed = 2 }, 9);
            var files = FluidDataSet.Write(dir, "g", samples);
            var coords = Npy.Read(Path.Combine(dir, files.CoordinatesFile));
            Assert.That(coords.Shape, Is.EqualTo(new[] { 9, 7, 2 }));
            var dist = FluidDataSet.ReadDistances(Path.Combine(dir, files.DistancesFile));
            Assert.That((dist.Count, dist.Particles), Is.EqualTo((9, 7)));
            var c = coords.ToArray<double>();
            for (int k = 0; k < 9; k++)
            {
                var sorted = DistanceMatrix.Sorted(samples.Configuration(k));
                var m = dist.Matrix(k);
                for (int i = 0; i < 7; i++)
                {
                    Assert.That(c[(k * 7 + i) * 2], Is.EqualTo(sorted.X[i]));
                    Assert.That(c[(k * 7 + i) * 2 + 1], Is.EqualTo(sorted.Y[i]));
                    for (int j = 0; j < 7; j++)
                        Assert.That(m[i, j], Is.EqualTo(Math.Sqrt(Math.Pow(sorted.X[i] - sorted.X[j], 2) + Math.Pow(sorted.Y[i] - sorted.Y[j], 2))).Within(1e-5));
                }
            }
            Assert.That(Directory.GetFiles(dir).Select(Path.GetFileName), Is.EquivalentTo(new[] { files.CoordinatesFile, files.DistancesFile }), "no temporary files left");
            var one = Metropolis.Sample(MetropolisOptions.Default with { Particles = 1 }, 1);
            Assert.Throws<ArgumentException>(() => FluidDataSet.Write(dir, "one", one));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }
}
