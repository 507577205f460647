using MathNet.Numerics;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Integration;
using NUnit.Framework;
using Vae.Fluids.Analysis;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

/// <summary>The sampler against exact Boltzmann distributions computed by quadrature.</summary>
public sealed class PhysicsAcceptanceTests
{
    /// <summary>One particle under gravity between hard walls: p(y) ∝ exp(−γy/T) on [0, L].</summary>
    [TestCase(0.1, 1.0)]
    [TestCase(0.4, 1.0)]
    [TestCase(1.0, 1.0)]
    [TestCase(1.0, 0.5)]
    [TestCase(3.0, 1.0)]
    public void OneParticleMeanHeightMatchesBoltzmann(double gamma, double temperature)
    {
        const double box = 10;
        var options = MetropolisOptions.Default with { Particles = 1, Box = box, Gamma = gamma, Temperature = temperature, Seed = 2024 };
        const int burnIn = 2000;
        var trace = Metropolis.Trace(options, burnIn + 200_000);
        var heights = trace.MeanHeight.Skip(burnIn).ToArray();
        var estimate = Autocorrelation.IntegratedTime(heights);

        // Exact ⟨y⟩ = ∫ y e^{−γy/T} dy / ∫ e^{−γy/T} dy on [0, L], by Gauss–Legendre quadrature.
        double z = GaussLegendreRule.Integrate(y => Math.Exp(-gamma * y / temperature), 0, box, 64);
        double exact = GaussLegendreRule.Integrate(y => y * Math.Exp(-gamma * y / temperature), 0, box, 64) / z;
        // The closed form T/γ − L/(e^{γL/T} − 1) agrees (a check on the quadrature itself).
        Assert.That(exact, Is.EqualTo(temperature / gamma - box / (Math.Exp(gamma * box / temperature) - 1)).Within(1e-10));

        TestContext.Out.WriteLine($"γ={gamma} T={temperature}: ⟨y⟩ = {estimate.Mean:F4} ± {estimate.StandardError:F4} (τ_int {estimate.IntegratedTime:F2}), exact {exact:F4}, δ {trace.MaxDisplacement:F3}");
        Assert.That(estimate.WindowConverged, Is.True);
        Assert.That(Math.Abs(estimate.Mean - exact), Is.LessThan(3 * estimate.StandardError),
            $"mean {estimate.Mean} vs exact {exact}, SE {estimate.StandardError} (τ_int {estimate.IntegratedTime:F2}, δ {trace.MaxDisplacement:F3})");
        // The standard error is meaningful: not inflated beyond 2 % of L.
        Assert.That(estimate.StandardError, Is.LessThan(0.02 * box));
    }

    /// <summary>
    /// Two Lennard-Jones particles in a box (γ = 0): the distance histogram against the Boltzmann distribution
    /// p(r) ∝ e^{−u(r)/T} · r ∫₀^{2π} (L − |r cos θ|)₊ (L − |r sin θ|)₊ dθ, integrated per bin by Gauss–Legendre.
    /// Pearson χ² test; the samples are thinned so that τ_int ≈ 1, and the test requires p ≥ 0.001.
    /// </summary>
    [TestCase(3.0, 1.0)]
    [TestCase(2.5, 0.6)]
    public void TwoParticleDistanceHistogramMatchesBoltzmann(double box, double temperature)
    {
        var options = MetropolisOptions.Default with
        {
            Particles = 2, Box = box, Gamma = 0, Temperature = temperature, Seed = 99,
            Scheme = SamplingScheme.Chained, Chains = 8, BurnInSweeps = 1000, DecorrelationSweeps = 25,
        };
        const int count = 40_000;
        var samples = Metropolis.Sample(options, count);
        var r = new double[count];
        for (int k = 0; k < count; k++)
        {
            var c = samples.Configuration(k);
            r[k] = Math.Sqrt(Math.Pow(c.X[0] - c.X[1], 2) + Math.Pow(c.Y[0] - c.Y[1], 2));
        }
        // Thinning check on the first chain's distance series.
        var tau = Autocorrelation.IntegratedTime(r.Take(count / 8).ToArray()).IntegratedTime;
        Assert.That(tau, Is.LessThan(1.5), "samples are close to independent");

        const int bins = 40;
        double rMax = box * Math.Sqrt(2);
        var expected = new double[bins];
        for (int b = 0; b < bins; b++)
        {
            double lo = rMax * b / bins, hi = rMax * (b + 1) / bins;
            expected[b] = lo < box && hi > box
                ? Density(lo, box, box, temperature) + Density(box, hi, box, temperature)
                : Density(lo, hi, box, temperature);
        }
        double norm = expected.Sum();
        var observed = new double[bins];
        foreach (var v in r) observed[Math.Min(bins - 1, (int)(v / rMax * bins))]++;

        // Merge sparse bins (expected < 5) into their neighbours, then χ².
        var (o, e) = (new List<double>(), new List<double>());
        double po = 0, pe = 0;
        for (int b = 0; b < bins; b++)
        {
            po += observed[b];
            pe += expected[b] / norm * count;
            if (pe >= 5) { o.Add(po); e.Add(pe); po = pe = 0; }
        }
        if (pe > 0) { o[^1] += po; e[^1] += pe; }
        double chi2 = o.Zip(e, (a, x) => (a - x) * (a - x) / x).Sum();
        int dof = o.Count - 1;
        double p = 1 - ChiSquared.CDF(dof, chi2);
        TestContext.Out.WriteLine($"L={box} T={temperature}: χ² = {chi2:F1}, dof {dof}, p = {p:F3}, τ_int {tau:F2}, δ {samples.MaxDisplacement:F3}");
        Assert.That(p, Is.GreaterThanOrEqualTo(1e-3), $"χ² = {chi2:F1} with {dof} degrees of freedom");
        // Power check: ignoring the interaction (uniform pair in a box) must be rejected.
        var ideal = new double[bins];
        for (int b = 0; b < bins; b++) ideal[b] = GaussLegendreRule.Integrate(x => BoxPairDensity(x, box), rMax * b / bins, rMax * (b + 1) / bins, 32);
        double idealNorm = ideal.Sum();
        double chi2Ideal = 0;
        for (int b = 0; b < bins; b++)
        {
            double x = ideal[b] / idealNorm * count;
            if (x > 5) chi2Ideal += (observed[b] - x) * (observed[b] - x) / x;
        }
        TestContext.Out.WriteLine($"  without the interaction: χ² = {chi2Ideal:F1}");
        Assert.That(chi2Ideal, Is.GreaterThan(10 * chi2));
    }

    private static double Density(double lo, double hi, double box, double temperature) =>
        GaussLegendreRule.Integrate(x => Math.Exp(-LennardJones.Untruncated.Energy(x * x) / temperature) * BoxPairDensity(x, box), lo, hi, 64);

    /// <summary>r ∫₀^{2π} (L − |r cos θ|)₊ (L − |r sin θ|)₊ dθ: the density of the distance between two uniform points in [0, L]² (unnormalised).</summary>
    private static double BoxPairDensity(double r, double box)
    {
        if (r <= 0) return 0;
        double lo = r > box ? Math.Acos(box / r) : 0, hi = r > box ? Math.Asin(Math.Min(1, box / r)) : Math.PI / 2;
        if (hi <= lo) return 0;
        return 4 * r * GaussLegendreRule.Integrate(t => (box - r * Math.Cos(t)) * (box - r * Math.Sin(t)), lo, hi, 16);
    }
}
