using System.Text.Json;
using System.Runtime.Intrinsics;
using NUnit.Framework;
using Vae.Fluids.Analysis;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class MetropolisTests
{
    private static readonly MetropolisOptions Small = MetropolisOptions.Default with
    {
        Particles = 12, Box = 7, WarmupSweeps = 200, SweepsPerSample = 50, Seed = 11,
    };

    [Test]
    public void FollowsTheCppReferenceTrajectoryStepForStep()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "fluids", "metropolis_ref_trace.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var options = MetropolisOptions.Default with
            {
                Particles = c.GetProperty("particles").GetInt32(),
                Box = c.GetProperty("box").GetDouble(),
                Gamma = c.GetProperty("gamma").GetDouble(),
                Temperature = c.GetProperty("temperature").GetDouble(),
                MaxDisplacement = c.GetProperty("delta").GetDouble(),
                TuneMaxDisplacement = false,
                Seed = c.GetProperty("seed").GetInt64(),
            };
            int sweeps = c.GetProperty("sweeps").GetInt32();
            var trace = Metropolis.Trace(options, sweeps, c.GetProperty("stream").GetInt32() - 1);
            var x = c.GetProperty("x").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var y = c.GetProperty("y").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.That(trace.Final.X, Is.EqualTo(x), "x after the same moves as the C++ reference");
            Assert.That(trace.Final.Y, Is.EqualTo(y));
            Assert.That(trace.Acceptance, Is.EqualTo(c.GetProperty("accepted").GetDouble() / c.GetProperty("proposed").GetDouble()));
            double energy = c.GetProperty("energy").GetDouble();
            Assert.That(FluidEnergy.Total(trace.Final, options), Is.EqualTo(energy).Within(1e-9 * Math.Abs(energy)));
            // The incremental running total agrees with the exact recomputation.
            Assert.That(trace.EnergyPerParticle[^1] * options.Particles, Is.EqualTo(energy).Within(1e-9 * Math.Abs(energy)));
            cases++;
        }
        Assert.That(cases, Is.EqualTo(3));
    }

    [TestCase(SamplingScheme.ResetPerSample)]
    [TestCase(SamplingScheme.Chained)]
    public void OutputIsIdenticalWhateverTheThreadCount(SamplingScheme scheme)
    {
        var options = Small with { Scheme = scheme, Chains = 5, BurnInSweeps = 20, DecorrelationSweeps = 3 };
        var one = Metropolis.Sample(options with { MaxDegreeOfParallelism = 1 }, 23);
        var many = Metropolis.Sample(options with { MaxDegreeOfParallelism = 4 }, 23);
        Assert.That(many.Coordinates.ToArray(), Is.EqualTo(one.Coordinates.ToArray()));
        Assert.That(many.Energies, Is.EqualTo(one.Energies));
        Assert.That(many.Acceptance, Is.EqualTo(one.Acceptance));
        Assert.That(many.MaxDisplacement, Is.EqualTo(one.MaxDisplacement));
        var other = Metropolis.Sample(options with { Seed = 12 }, 23);
        Assert.That(other.Coordinates.ToArray(), Is.Not.EqualTo(one.Coordinates.ToArray()));
    }

    [Test]
    public void ResetPerSampleIsIndependentOfChainCountAndMatchesTraceReplicas()
    {
        var a = Metropolis.Sample(Small with { Chains = 1 }, 6);
        var b = Metropolis.Sample(Small with { Chains = 7 }, 6);
        Assert.That(b.Coordinates.ToArray(), Is.EqualTo(a.Coordinates.ToArray()));
        var trace = Metropolis.Trace(Small, Small.SweepsPerSample, 4);
        Assert.That(a.Configuration(4).X, Is.EqualTo(trace.Final.X));
        Assert.That(a.Configuration(4).Y, Is.EqualTo(trace.Final.Y));
        Assert.That(a.Energies[4], Is.EqualTo(FluidEnergy.Total(trace.Final, Small)).Within(1e-9));
        Assert.That(a.MeanEnergyPerParticle, Is.EqualTo(a.Energies.Average() / Small.Particles).Within(1e-12));
    }

    [Test]
    public void SamplesRespectWallsAndTunedDisplacementHitsTarget()
    {
        var s = Metropolis.Sample(Small with { WarmupSweeps = 2000, Scheme = SamplingScheme.Chained, Chains = 2, BurnInSweeps = 500, DecorrelationSweeps = 10 }, 200);
        var c = s.Coordinates.ToArray();
        Assert.That(c.All(v => v >= 0 && v <= Small.Box), Is.True);
        Assert.That(s.MaxDisplacement, Is.Not.EqualTo(Small.MaxDisplacement));
        Assert.That(s.Acceptance, Is.EqualTo(0.5).Within(0.1), "acceptance with the frozen tuned δ");
        Assert.That(s.Proposals, Is.EqualTo(200L * 10 * Small.Particles));
    }

    [Test]
    public void FakePotentialAndCutShiftAreUsed()
    {
        var lj = Metropolis.Sample(Small, 4);
        var fake = Metropolis.Sample(Small with { Potential = PairPotentialKind.Fake }, 4);
        Assert.That(fake.Coordinates.ToArray(), Is.Not.EqualTo(lj.Coordinates.ToArray()));
        Assert.That(fake.Energies[0], Is.EqualTo(FluidEnergy.Total(fake.Configuration(0), Small with { Potential = PairPotentialKind.Fake })).Within(1e-9));
        var cut = Small with { Cutoff = 2.5, ShiftAtCutoff = true };
        var sc = Metropolis.Sample(cut, 3);
        Assert.That(sc.Energies[2], Is.EqualTo(FluidEnergy.Total(sc.Configuration(2), cut)).Within(1e-9));
    }

    [Test]
    public void PotentialsMatchTheirFormulas()
    {
        foreach (var r in new[] { 0.9, 1.0, Math.Pow(2, 1.0 / 6), 1.7, 2.5, 3.3 })
        {
            double lj = 4 * (Math.Pow(r, -12) - Math.Pow(r, -6));
            Assert.That(LennardJones.Untruncated.Energy(r * r), Is.EqualTo(lj).Within(1e-12));
            Assert.That(default(LennardJones).Energy(r * r), Is.EqualTo(lj).Within(1e-12));
            Assert.That(new FakeLennardJones().Energy(r * r), Is.EqualTo(4 * (Math.Pow(r, -4) - Math.Pow(r, -2))).Within(1e-12));
            double rc = 2.5, uc = 4 * (Math.Pow(rc, -12) - Math.Pow(rc, -6));
            Assert.That(LennardJones.TruncatedShifted(rc).Energy(r * r), Is.EqualTo(r < rc ? lj - uc : 0).Within(1e-12));
            Assert.That(LennardJones.Truncated(rc).Energy(r * r), Is.EqualTo(r < rc ? lj : 0).Within(1e-12));
            var v = LennardJones.TruncatedShifted(rc).Energy(Vector256.Create(r * r));
            Assert.That(v.GetElement(3), Is.EqualTo(LennardJones.TruncatedShifted(rc).Energy(r * r)));
        }
        Assert.That(LennardJones.Untruncated.Energy(0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(new FakeLennardJones().Energy(0), Is.EqualTo(double.PositiveInfinity));
        Assert.That(LennardJones.Untruncated.Cutoff, Is.EqualTo(double.PositiveInfinity));
        Assert.That(LennardJones.TruncatedShifted(2.5).Cutoff, Is.EqualTo(2.5).Within(1e-15));
    }

    [Test]
    public void BadInputGivesClearExceptions()
    {
        var o = MetropolisOptions.Default;
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { Box = 0 }, 1))!.ParamName, Is.EqualTo("options.Box"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { Box = -3 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { Particles = 0 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { Temperature = double.NaN }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { Gamma = -1 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { MaxDisplacement = 0 }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o with { ShiftAtCutoff = true }, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Metropolis.Sample(o, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParticleConfiguration.FromCoordinates([1.0], [1.0], 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParticleConfiguration.FromCoordinates([1.0], [double.NaN], 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParticleConfiguration.FromCoordinates([6.0], [1.0], 5));
        // Overlapping start: r → 0.
        var two = o with { Particles = 2, Box = 5 };
        var overlap = ParticleConfiguration.FromCoordinates([1.0, 1.0], [2.0, 2.0], 5);
        var e = Assert.Throws<ArgumentException>(() => Metropolis.Trace(two, overlap, 10));
        Assert.That(e!.Message, Does.Contain("overlap"));
        var close = ParticleConfiguration.FromCoordinates([1.0, 1.0 + 1e-9], [2.0, 2.0], 5);
        Assert.Throws<ArgumentException>(() => Metropolis.Trace(two, close, 10));
        // Too crowded to place a random start.
        Assert.Throws<InvalidOperationException>(() => Metropolis.Sample(o with { Particles = 200, Box = 5, TuneMaxDisplacement = false }, 1));
    }
}
