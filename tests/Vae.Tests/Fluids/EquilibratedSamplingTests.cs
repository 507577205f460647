using NUnit.Framework;
using Vae.Fluids.Analysis;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

/// <summary>Issue 14: equilibrated data sets and their evidence.</summary>
public sealed class EquilibratedSamplingTests
{
    [Test]
    public void OneParticleUnderGravityMatchesTheBarometricMean()
    {
        // N = 1 in [0, 10]², γ = T = 1: ⟨y⟩ = T/γ − L/(e^{γL/T} − 1) (closed form of ∫y e^{−y} / ∫e^{−y} on [0, 10]); U'/N = γ⟨y⟩.
        double exact = 1 - 10 / (Math.Exp(10) - 1);
        var options = MetropolisOptions.Equilibrated with { Particles = 1, Seed = 9 };
        var settings = EquilibratedSamplingOptions.Default with { ReferenceBurnInSweeps = 200, ReferenceSweeps = 40_000 };
        var result = EquilibratedSampling.Sample(options, 2000, settings);
        var e = result.Evidence;
        Assert.That(e.ReferenceEnergyPerParticle, Is.EqualTo(exact).Within(4 * e.ReferenceStandardError));
        Assert.That(e.SampleEnergyPerParticle, Is.EqualTo(exact).Within(4 * e.SampleStandardError));
        Assert.That(e.IntegratedTime, Is.EqualTo(e.IntegratedTimes.Average()));
        Assert.That(result.Options.DecorrelationSweeps, Is.EqualTo((int)Math.Ceiling(2 * e.IntegratedTime)));
        Assert.That(e.SweepsBetweenSamples, Is.EqualTo(result.Options.DecorrelationSweeps));
        Assert.That(e.SpacingInIntegratedTimes, Is.GreaterThanOrEqualTo(2));
        Assert.That(result.Options.BurnInSweeps, Is.EqualTo(MetropolisOptions.Equilibrated.BurnInSweeps), "max(options, reference) burn-in");
        Assert.That(e.SampleIntegratedTime, Is.LessThan(1.5), "samples 2 τ_int apart are nearly independent");
        Assert.That(e.Equilibrated, Is.True);

        // The reference chains are trace replicas max(count, chains) + c on the production δ.
        var trace = Metropolis.Trace(options, 200 + 40_000, 2000);
        var first = Autocorrelation.IntegratedTime(trace.EnergyPerParticle.Skip(200).ToArray());
        Assert.That(e.IntegratedTimes[0], Is.EqualTo(first.IntegratedTime));
        Assert.That(result.Samples.Acceptance, Is.EqualTo(e.Acceptance));
    }

    [Test]
    public void TheSlidesSchemeIsFlaggedAsNotEquilibrated()
    {
        // 20 sweeps from a random start (the slides use 200, also too few, docs/fluids.md §4) leave the fluid sedimenting.
        var options = MetropolisOptions.Slides with { SweepsPerSample = 20, Seed = 4 };
        var settings = EquilibratedSamplingOptions.Default with { ReferenceChains = 2, ReferenceBurnInSweeps = 3000, ReferenceSweeps = 3000 };
        var result = EquilibratedSampling.Sample(options, 16, settings);
        Assert.That(result.Options, Is.EqualTo(options), "the reset scheme is sampled as given");
        Assert.That(result.Evidence.Scheme, Is.EqualTo(SamplingScheme.ResetPerSample));
        Assert.That(result.Evidence.SweepsBetweenSamples, Is.EqualTo(20));
        Assert.That(result.Evidence.Deviation, Is.GreaterThan(1.0), "far above the equilibrium energy");
        Assert.That(result.Evidence.Equilibrated, Is.False);
    }

    [Test]
    public void BadSettingsAreRejected()
    {
        var options = MetropolisOptions.Equilibrated with { Particles = 2 };
        Assert.Throws<ArgumentOutOfRangeException>(() => EquilibratedSampling.Sample(options, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquilibratedSampling.Sample(options, 10, EquilibratedSamplingOptions.Default with { DecorrelationFactor = 0.5 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => EquilibratedSampling.Sample(options, 10, EquilibratedSamplingOptions.Default with { ReferenceSweeps = 10 }));
    }
}
