using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Reproduce.QuantumPaper;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Spectrum;
using Vae.Quantum.Systems;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class SpectrumTests
{
    [Test]
    public void LevelEnergyRejectsNonFiniteArgumentsByName()
    {
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => LevelEnergy.Value(double.NaN, 0.01, 4))!.ParamName, Is.EqualTo("n"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => LevelEnergy.Value(1, -0.01, 4))!.ParamName, Is.EqualTo("alpha"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => LevelEnergy.Derivative(1, 0.01, double.PositiveInfinity))!.ParamName, Is.EqualTo("minima"));
    }

    [Test]
    public void LevelEnergyAtIntegerNIsTheClosedFormAndItsDerivativeMatchesFiniteDifferences()
    {
        foreach (var t in new[] { 2.0, 3.5, 4.0, 0.7 })
        {
            for (var n = 1; n <= 8; n++)
                Assert.That(LevelEnergy.Value(n, 0.03, t), Is.EqualTo(0.03 * n * n + SineMatrixElements.FirstOrderEnergy(ParticleInBox.Unit, Potential.Sine(t), n)).Within(1e-14));
            foreach (var n in new[] { 0.01, 0.3, 1.7, t - 1e-3, t, t + 0.2, 6.4 })
            {
                const double h = 1e-6;
                var numeric = (LevelEnergy.Value(n + h, 0.03, t) - LevelEnergy.Value(n - h, 0.03, t)) / (2 * h);
                Assert.That(LevelEnergy.Derivative(n, 0.03, t), Is.EqualTo(numeric).Within(1e-7), $"t = {t}, n = {n}");
            }
        }
    }

    [Test]
    public void QuantumNumberOfTheNetworkIsThePaperRelationWithCorrectDerivative()
    {
        foreach (var domain in new[] { ArcsinDomain.Squash, ArcsinDomain.Clamp })
            foreach (var raw in new[] { -1.1, -0.3, 0.2, 0.9, 1.3 })
                foreach (var z in new[] { 0.05, 0.4, 1.0 })
                {
                    var (psi, n, dn) = PsiNetwork.QuantumNumber(raw, z, domain);
                    Assert.That(n, Is.EqualTo(PaperFormulas.QuantumNumber(psi, z, 1.0)).Within(1e-12));
                    const double h = 1e-6;
                    var numeric = (PsiNetwork.QuantumNumber(raw + h, z, domain).N - PsiNetwork.QuantumNumber(raw - h, z, domain).N) / (2 * h);
                    Assert.That(dn, Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Abs(numeric))), $"{domain}, r = {raw}, z = {z}");
                }
        // Clamp: outside the arcsin domain the argument is clipped and the gradient is zero.
        Assert.That(PsiNetwork.QuantumNumber(1.5, 0.5, ArcsinDomain.Clamp).DnDr, Is.EqualTo(0.0));
    }

    private static (Matrix<double> Latent, int[] Labels) Blobs(int seed)
    {
        var random = new Random(seed);
        var centres = new[] { (2.0, 0.0), (0.0, 0.5), (-1.0, -1.0) };
        var latent = Matrix<double>.Build.Dense(150, 2);
        var labels = new int[150];
        for (var i = 0; i < 150; i++)
        {
            labels[i] = i % 3;
            latent[i, 0] = centres[i % 3].Item1 + 0.2 * (random.NextDouble() - 0.5);
            latent[i, 1] = centres[i % 3].Item2 + 0.2 * (random.NextDouble() - 0.5);
        }
        return (latent, labels);
    }

    [TestCase(LatentCoordinate.Norm, ArcsinDomain.Squash)]
    [TestCase(LatentCoordinate.PerCoordinateMean, ArcsinDomain.Squash)]
    [TestCase(LatentCoordinate.Norm, ArcsinDomain.Clamp)]
    public void TrainingLowersTheLossAndIsDeterministic(LatentCoordinate coordinate, ArcsinDomain domain)
    {
        var (latent, labels) = Blobs(1);
        var options = PsiNetworkOptions.Default with { Coordinate = coordinate, Domain = domain, Epochs = 60, Minima = 3, Seed = 5 };
        var a = SpectrumAnalysis.Analyze(latent, labels, options);
        var b = SpectrumAnalysis.Analyze(latent, labels, options);
        Assert.That(a.TrainingLoss[^1], Is.LessThan(a.TrainingLoss[0]));
        Assert.That(a.Prediction.QuantumNumber, Is.EqualTo(b.Prediction.QuantumNumber));
        Assert.That(a.Clusters.Sum(c => c.Count), Is.EqualTo(150));
        Assert.That(a.AdjustedRandIndex, Is.InRange(-1.0, 1.0));
        for (var i = 0; i < 150; i++)
        {
            Assert.That(a.Prediction.Energy[i], Is.EqualTo(LevelEnergy.Value(a.Prediction.QuantumNumber[i], options.Alpha, options.Minima)).Within(1e-15));
            Assert.That(a.Prediction.Level[i], Is.EqualTo((int)Math.Floor(a.Prediction.QuantumNumber[i])));
        }
        // The energy the network reaches is at most the energy of its initial state (every sample at u₀).
        Assert.That(a.Prediction.Energy.Average(), Is.LessThanOrEqualTo(a.TrainingLoss[0] + 1e-9));
    }

    [Test]
    public void Figure2PipelineRunsEndToEnd()
    {
        var options = Figure2Options.Default with { Samples = 200, VaeEpochs = 3, Psi = PsiNetworkOptions.Default with { Epochs = 5 } };
        var report = Figure2.PsiNetwork(3, options);
        Assert.That(report.Clusters, Has.Count.EqualTo(3));
        Assert.That(report.Options.Minima, Is.EqualTo(3.0));
        Assert.That(report.Latent.RowCount, Is.EqualTo(200));
        Assert.That(report.Latent.ColumnCount, Is.EqualTo(2));
    }

    [Test]
    public void BadInputIsRejected()
    {
        var (latent, _) = Blobs(2);
        Assert.Throws<ArgumentException>(() => PsiNetwork.Fit(Matrix<double>.Build.Dense(3, 2)));
        var bad = latent.Clone();
        bad[0, 0] = double.NaN;
        Assert.Throws<ArgumentException>(() => PsiNetwork.Fit(bad));
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiNetwork.Fit(latent, PsiNetworkOptions.Default with { Minima = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiNetwork.Fit(latent, PsiNetworkOptions.Default with { InitialArcsinArgument = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => PsiNetwork.Fit(latent, PsiNetworkOptions.Default with { Epochs = 0 }));
        var model = PsiNetwork.Fit(latent, PsiNetworkOptions.Default with { Epochs = 1 });
        Assert.Throws<ArgumentException>(() => model.Predict(Matrix<double>.Build.Dense(4, 3)));
        Assert.Throws<ArgumentException>(() => SpectrumAnalysis.Analyze(latent, new[] { 1, 2 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => Figure2.PsiNetwork(1));
    }
}
