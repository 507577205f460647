using NUnit.Framework;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class DataSpectrumTests
{
    /// <summary>Three 1-D Gaussian blobs (centres −3, 0, 2.5; sd 0.35; 60 points each), deterministic.</summary>
    private static double[] Blobs()
    {
        var random = new Random(17);
        double[] centres = [-3.0, 0.0, 2.5];
        return Enumerable.Range(0, 180).Select(i =>
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return centres[i % 3] + 0.35 * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }).ToArray();
    }

    private static readonly DataSpectrumOptions Options = DataSpectrumOptions.Default with { Sigma = 0.5, BasisSize = 120, Levels = 6 };

    [Test]
    public void GroundStateIsTheParzenFunctionWithEnergyAOverSigmaSquared()
    {
        var result = DataSpectrum.Compute(Blobs(), Options);
        // H = (2A/σ²)[−(σ²/2)d² + V_data]: the Parzen ψ is its eigenfunction with eigenvalue ½, so E₁ = A/σ².
        var expected = result.Box.Coefficient / (result.Sigma * result.Sigma);
        Assert.That(result.Levels[0].Exact, Is.EqualTo(expected).Within(1e-9 * expected));
        // ψ₁ is the normalised Parzen function.
        var norm = Math.Sqrt(Enumerable.Range(0, 4001).Select(i => i / 4000.0).Sum(z => Math.Pow(result.Potential.WaveFunction([z]), 2)) / 4000.0);
        foreach (var z in new[] { 0.25, 0.4, 0.55, 0.7 })
            Assert.That(result.WaveFunction(1, z), Is.EqualTo(result.Potential.WaveFunction([z]) / norm).Within(1e-6));
        // One well per blob, each with its own level (n = 1 in one of them; the others' lowest levels need not be 2 and 3:
        // excited states of a deeper well can lie below the ground state of a shallower one).
        var blobs = result.Wells.Where(w => w.Samples >= 10).ToArray();
        TestContext.Progress.WriteLine(string.Join(" | ", result.Wells.Select(w => $"z={w.Minimum:F3} n={w.Level} N={w.Samples}")));
        Assert.That(blobs, Has.Length.EqualTo(3));
        Assert.That(blobs.Select(w => w.Level).Distinct().Count(), Is.EqualTo(3));
        Assert.That(blobs.Select(w => w.Level), Has.Member(1).And.All.GreaterThan(0));
        Assert.That(blobs.Select(w => w.Mass), Is.All.GreaterThanOrEqualTo(1.0 / 3));   // the largest share of three
        Assert.That(blobs.Sum(w => w.Samples), Is.GreaterThanOrEqualTo(175));
    }

    [Test]
    public void ExactDiagonalisationAgreesWithTheFiniteDifferenceHamiltonianAtSecondOrder()
    {
        var result = DataSpectrum.Compute(Blobs(), Options);
        var potential = Potential.FromFunction(result.PotentialValue, "V_data");
        int[] grid = [255, 511, 1023];
        var steps = grid.Select(m => result.Box.Length / (m + 1)).ToArray();
        for (var level = 0; level < 4; level++)
        {
            var errors = grid.Select(m => Math.Abs(FiniteDifferenceHamiltonian.Energies(result.Box, potential, result.Lambda, m, 4)[level] - result.Levels[level].Exact)).ToArray();
            var fit = PowerLawFit.Fit(steps, errors);
            TestContext.Progress.WriteLine($"level {level + 1}: errors {string.Join(", ", errors.Select(e => e.ToString("G3")))}, order {fit.Order:F4}");
            Assert.That(fit.Order, Is.EqualTo(2.0).Within(0.05), $"level {level + 1}");
        }
    }

    [Test]
    public void SecondOrderPerturbationTheoryErrorFallsAsLambdaCubed()
    {
        var result = DataSpectrum.Compute(Blobs(), Options);
        var expansion = result.Expansion;
        var lambdas = Enumerable.Range(0, 5).Select(i => 0.5 * Math.Pow(0.5, i)).ToArray();
        foreach (var n in new[] { 1, 2, 3 })
        {
            var errors = lambdas.Select(l => Math.Abs(BasisDiagonalization.Energies(expansion, l)[n - 1] - expansion.Correction(n).ThroughSecondOrder(l))).ToArray();
            var fit = PowerLawFit.Fit(lambdas, errors);
            Assert.That(fit.Order, Is.EqualTo(3.0).Within(0.1), $"level {n}");
        }
        // At the physical λ the data potential is no small perturbation: the first-order mixing exceeds 1.
        Assert.That(result.Levels[0].MaxMixing, Is.GreaterThan(1.0));
        Assert.That(result.Levels[0].SecondOrder, Is.EqualTo(expansion.Correction(1).ThroughSecondOrder(result.Lambda)));
    }

    [Test]
    public void BadInputNamesTheParameter()
    {
        var blobs = Blobs();
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DataSpectrum.Compute(blobs, Options with { Levels = 121 }))!.ParamName, Is.EqualTo("Levels"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DataSpectrum.Compute(blobs, Options with { Sigma = 0 }))!.ParamName, Is.EqualTo("Sigma"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DataSpectrum.Compute(blobs, Options with { Sigma = double.NaN }))!.ParamName, Is.EqualTo("Sigma"));
        Assert.That(Assert.Throws<ArgumentException>(() => DataSpectrum.Compute([1.0, double.NaN], Options))!.ParamName, Is.EqualTo("coordinate"));
        Assert.That(Assert.Throws<ArgumentException>(() => DataSpectrum.Compute([], Options))!.ParamName, Is.EqualTo("coordinate"));
        Assert.That(Assert.Throws<ArgumentException>(() => DataSpectrum.Compute([2.0, 2.0, 2.0], Options))!.ParamName, Is.EqualTo("coordinate"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DataSpectrum.Compute(blobs, Options with { Margin = 0.5 }))!.ParamName, Is.EqualTo("Margin"));
        // Without σ, the default K = 20 needs 21 values; three give a named option error, not one about an inner "points".
        var rule = Assert.Throws<ArgumentOutOfRangeException>(() => DataSpectrum.Compute([1.0, 2.0, 3.0], Options with { Sigma = null }))!;
        Assert.That((rule.ParamName, rule.ActualValue), Is.EqualTo(("Neighbours", (object)20)));
    }
}
