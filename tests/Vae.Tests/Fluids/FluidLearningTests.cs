using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Models;
using Vae.Fluids.Analysis;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Potentials;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

/// <summary>Issue 14: input normalisation, the anomaly scores, missing-data imputation and generation, each against a
/// direct recomputation from their definitions (one tiny model trained once, N = 8, L = 4).</summary>
public sealed class FluidLearningTests
{
    private static readonly MetropolisOptions Physics = MetropolisOptions.Default with { Particles = 8, Box = 4, Gamma = 1, SweepsPerSample = 100, WarmupSweeps = 100, Seed = 5 };
    private DistanceMatrixSet _normal = null!;
    private ConfigurationSet _configurations = null!;
    private FluidVaeModel _model = null!;

    [OneTimeSetUp]
    public void Train()
    {
        var set = Metropolis.Sample(Physics, 200).Configurations;
        _configurations = set;
        var (_, distances) = FluidDataSet.SortedArrays(set.Coordinates, set.Count, set.Particles);
        _normal = new DistanceMatrixSet(distances, set.Count, set.Particles);
        _model = FluidVae.Train(_normal.Slice(0, 150), Physics.Box, FluidVaeOptions.Default with
        {
            LatentSize = 3, Convolutions = [new ConvolutionSpec(4, 3, 2, 1)], HiddenSizes = [16], Epochs = 4, BatchSize = 25, Seed = 2,
        });
    }

    [Test]
    public void PairEnergyScoreIsTheBoltzmannPairEnergyOfTheCoordinates()
    {
        // Independent source: FluidEnergy.Total on the coordinates with γ = 0 (pairs only, in the sampler's own code path).
        var pairsOnly = Physics with { Gamma = 0 };
        var energies = AnomalyScorer.PairEnergies(_normal, LennardJones.Untruncated);
        for (int k = 0; k < _normal.Count; k++)
        {
            double direct = FluidEnergy.Total(_configurations.Configuration(k), pairsOnly);
            Assert.That(energies[k], Is.EqualTo(direct).Within(1e-5 * (1 + Math.Abs(direct))), $"configuration {k} (single-precision distances)");
        }

        // A hand-made matrix: three particles at (0, 0), (2^{1/6}, 0), (0, 1.5): u = −1 at the minimum, plus the two other pairs
        // written out as 4(r⁻¹² − r⁻⁶).
        double rm = Math.Pow(2, 1.0 / 6), r13 = 1.5, r23 = Math.Sqrt(rm * rm + 1.5 * 1.5);
        double expected = -1 + 4 * (Math.Pow(r13, -12) - Math.Pow(r13, -6)) + 4 * (Math.Pow(r23, -12) - Math.Pow(r23, -6));
        var hand = ParticleConfiguration.FromCoordinates([0, rm, 0], [0, 0, 1.5], 4);
        Assert.That(FluidEnergy.Total(hand, pairsOnly), Is.EqualTo(expected).Within(1e-12));
        var handMatrix = new DistanceMatrixSet(new float[] { 0, (float)rm, (float)r13, (float)rm, 0, (float)r23, (float)r13, (float)r23, 0 }, 1, 3);
        Assert.That(AnomalyScorer.PairEnergies(handMatrix, LennardJones.Untruncated)[0], Is.EqualTo(expected).Within(1e-6));
        Assert.That(AnomalyScorer.PairEnergies(handMatrix, LennardJones.Truncated(1.6))[0], Is.EqualTo(-1 + 4 * (Math.Pow(r13, -12) - Math.Pow(r13, -6))).Within(1e-6), "the cutoff drops r₂₃ ≈ 1.9");

        // The score: |U − m|/s with m, s over the reference's directly computed energies.
        var reference = _normal.Slice(0, 100);
        var test = _normal.Slice(150, 50);
        var scorer = AnomalyScorer.Fit(_model, reference, AnomalyScoreOptions.Default with { ImportanceSamples = 2 });
        var u = Enumerable.Range(0, 100).Select(k => FluidEnergy.Total(_configurations.Configuration(k), pairsOnly)).ToArray();
        double m = u.Average(), sd = Math.Sqrt(u.Sum(v => (v - m) * (v - m)) / 99);
        Assert.That(scorer.PairEnergyMean, Is.EqualTo(m).Within(1e-5 * (1 + Math.Abs(m))));
        Assert.That(scorer.PairEnergyStdDev, Is.EqualTo(sd).Within(1e-4 * sd));
        var scores = scorer.Score(test).PairEnergy;
        for (int k = 0; k < test.Count; k++)
            Assert.That(scores[k], Is.EqualTo(Math.Abs(FluidEnergy.Total(_configurations.Configuration(150 + k), pairsOnly) - m) / sd).Within(1e-3 * (1 + scores[k])));

        // A pair at r = 0 (a 0-filled masked entry) is an infinite energy: the score stays finite and ranks above everything.
        var overlapping = _normal.Slice(150, 1).Values.ToArray();
        overlapping[1] = overlapping[8] = 0;
        var infinite = scorer.Score(new DistanceMatrixSet(overlapping, 1, 8)).PairEnergy[0];
        Assert.That(infinite, Is.EqualTo(double.MaxValue));

        // Bad input: a negative or NaN distance, and a reference with an overlap (no finite calibration).
        var negative = _normal.Slice(150, 1).Values.ToArray();
        negative[2] = negative[16] = -1;
        Assert.That(() => AnomalyScorer.PairEnergies(new DistanceMatrixSet(negative, 1, 8), LennardJones.Untruncated),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("matrices").And.Message.Contains("[0, 2]"));
        var nan = _normal.Slice(150, 1).Values.ToArray();
        nan[3] = float.NaN;
        Assert.That(() => scorer.Score(new DistanceMatrixSet(nan, 1, 8)), Throws.ArgumentException.With.Property("ParamName").EqualTo("matrices"));
        var badReference = reference.Values.ToArray();
        badReference[1] = badReference[8] = 0;
        Assert.That(() => AnomalyScorer.Fit(_model, new DistanceMatrixSet(badReference, 100, 8)), Throws.ArgumentException.With.Property("ParamName").EqualTo("reference"));
        // Review finding 15: the pair energies are checked first, so identical copies of a matrix with a pair at r = 0
        // report that pair, not "all reconstruct equally well" (which the log-MSE step said before).
        var copies = Enumerable.Repeat(badReference[..64], 6).SelectMany(v => v).ToArray();
        Assert.That(() => AnomalyScorer.Fit(_model, new DistanceMatrixSet(copies, 6, 8)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("reference").And.Message.Contains("reference matrix 0 has a non-finite pair energy"));
        var negativeReference = reference.Values.ToArray();
        negativeReference[64 + 2] = -1;
        Assert.That(() => AnomalyScorer.Fit(_model, new DistanceMatrixSet(negativeReference, 100, 8)),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("reference").And.Message.Contains("reference[1][0, 2] = -1"));
    }

    [Test]
    public void StandardizedNormalizationIsPerEntryMeanAndSampleStdDev()
    {
        // Two 2 × 2 matrices: off-diagonal entries 1 and 3 → mean 2, sample sd √2; the diagonal is constant → scale 1.
        var set = new DistanceMatrixSet(new float[] { 0, 1, 1, 0, 0, 3, 3, 0 }, 2, 2);
        var map = FluidInputNormalization.Fit(set, 5, FluidInputScaling.Standardized);
        Assert.That(map.Offset, Is.EqualTo(new[] { 0, 2, 2, 0 }).Within(1e-12));
        Assert.That(map.Scale, Is.EqualTo(new[] { 1, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 1 }).Within(1e-12));
        var box = FluidInputNormalization.Fit(set, 5, FluidInputScaling.BoxDiagonal);
        Assert.That(box.Scale, Is.All.EqualTo(1 / (5 * Math.Sqrt(2))).Within(1e-15));
        Assert.That(_model.Normalization.Scaling, Is.EqualTo(FluidInputScaling.Standardized), "the default");
        Assert.Throws<ArgumentException>(() => FluidInputNormalization.Fit(set.Slice(0, 1), 5, FluidInputScaling.Standardized));
        Assert.Throws<ArgumentException>(() => FluidInputNormalization.FromOffsetScale(FluidInputScaling.Standardized, 2, [0, 0, 0, 0], [1, 0, 1, 1]));
    }

    [Test]
    public void ScoresFollowTheirDefinitions()
    {
        var reference = _normal.Slice(0, 100);
        var test = _normal.Slice(150, 50);
        var scorer = AnomalyScorer.Fit(_model, reference, AnomalyScoreOptions.Default with { ImportanceSamples = 4, Seed = 3 });
        var scores = scorer.Score(test);

        var logMse = _model.ReconstructionErrors(reference).Select(v => Math.Log(v)).ToArray();
        double m = logMse.Average(), s = Math.Sqrt(logMse.Sum(v => (v - m) * (v - m)) / (logMse.Length - 1));
        var mse = _model.ReconstructionErrors(test);
        for (int i = 0; i < test.Count; i++) Assert.That(scores.TwoSidedReconstruction[i], Is.EqualTo(Math.Abs(Math.Log(mse[i]) - m) / s).Within(1e-9));

        // Mahalanobis through an explicit inverse of the sample covariance (the scorer uses Cholesky with a 1e-6 ridge).
        var codes = _model.LatentMeans(reference);
        var mean = codes.ColumnSums() / codes.RowCount;
        var centred = Matrix<double>.Build.Dense(codes.RowCount, codes.ColumnCount, (i, j) => codes[i, j] - mean[j]);
        var inverse = (centred.Transpose() * centred / (codes.RowCount - 1)).Inverse();
        var testCodes = _model.LatentMeans(test);
        for (int i = 0; i < test.Count; i++)
        {
            var r = testCodes.Row(i) - mean;
            Assert.That(scores.LatentMahalanobis[i], Is.EqualTo(Math.Sqrt(r * (inverse * r))).Within(1e-4 * (1 + scores.LatentMahalanobis[i])));
        }
        Assert.That(scores.NegativeLogLikelihood, Is.EqualTo(_model.LogLikelihoods(test, 4, 3).Select(v => -v)).Within(1e-12));
        Assert.Throws<ArgumentException>(() => AnomalyScorer.Fit(_model, _normal.Slice(0, 4)), "fewer than latent + 2 reference matrices");
    }

    [Test]
    public void MissingDataMatchesAManualImputation()
    {
        var complete = _normal.Slice(150, 20);
        var masked = AnomalyData.Mask(complete, 3, 7);
        var report = MissingData.Evaluate(_model, complete, masked, _normal.Slice(0, 150), MissingDataOptions.Default with { Iterations = 1 });
        int n = 8, d = n * n;
        var train = _normal.Slice(0, 150).Values;
        var mean = new double[d];
        for (int k = 0; k < 150; k++) for (int j = 0; j < d; j++) mean[j] += train[k * d + j] / 150.0;
        var filled = masked.Matrices.Values.ToArray();
        var isMasked = new bool[filled.Length];
        for (int k = 0; k < 20; k++)
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                {
                    int r = masked.BlockRows[k] + i, c = masked.BlockColumns[k] + j;
                    isMasked[k * d + r * n + c] = isMasked[k * d + c * n + r] = true;
                }
        for (int e = 0; e < filled.Length; e++) if (isMasked[e]) filled[e] = (float)mean[e % d];
        var decoded = _model.Reconstruct(new DistanceMatrixSet(filled, 20, n)).Values.ToArray();
        // One pass: the symmetrised, non-negative decoded value on the masked entries, 0 on a masked diagonal entry.
        var once = filled.ToArray();
        for (int e = 0; e < once.Length; e++)
        {
            if (!isMasked[e]) continue;
            int k = e / d, i = e % d / n, j = e % n;
            once[e] = i == j ? 0f : (float)Math.Max(0, 0.5 * ((double)decoded[e] + decoded[k * d + j * n + i]));
        }
        double meanSum = 0, vaeSum = 0;
        int entries = 0;
        for (int e = 0; e < filled.Length; e++)
        {
            if (!isMasked[e]) continue;
            double truth = complete.Values[e];
            meanSum += (truth - filled[e]) * (truth - filled[e]);
            vaeSum += (truth - once[e]) * (truth - once[e]);
            entries++;
        }
        Assert.That(report.MaskedEntries, Is.EqualTo(entries));
        Assert.That(report.MeanImputationMse, Is.EqualTo(meanSum / entries).Within(1e-9 * meanSum / entries));
        Assert.That(report.VaeImputationMse, Is.EqualTo(vaeSum / entries).Within(1e-6 * vaeSum / entries));
        Assert.That(report.OneShotImputationMse, Is.EqualTo(report.VaeImputationMse), "one pass: one-shot = iterated");
        Assert.That(report.Iterations, Is.EqualTo(1));
        Assert.That(report.RatioToMeanImputation, Is.EqualTo(report.VaeImputationMse / report.MeanImputationMse));
    }

    [Test]
    public void GeneratedConfigurationsAreRestedAndChecked()
    {
        var codes = _model.LatentMeans(_normal.Slice(0, 100));
        var report = LatentGeneration.Generate(_model, codes, 2, 12, Physics, 0.8, 4);
        Assert.That(report.Configurations, Has.Count.EqualTo(12));
        for (int s = 0; s < 12; s++)
        {
            var c = report.Configurations[s];
            Assert.That(c.Y.Min(), Is.EqualTo(0).Within(1e-9), "rests on y = 0");
            double closest = double.PositiveInfinity;
            for (int i = 0; i < c.Count; i++)
                for (int j = i + 1; j < c.Count; j++)
                    closest = Math.Min(closest, Math.Sqrt(Math.Pow(c.X[i] - c.X[j], 2) + Math.Pow(c.Y[i] - c.Y[j], 2)));
            Assert.That(report.MinimumPairDistances[s], Is.EqualTo(closest).Within(1e-12));
            Assert.That(report.EnergiesPerParticle[s], Is.EqualTo(FluidEnergy.PerParticle(c, Physics with { Box = c.Box })).Within(1e-12));
        }
        Assert.That(report.ValidFraction, Is.EqualTo(report.MinimumPairDistances.Count(v => v >= 0.8) / 12.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentGeneration.Generate(_model, codes, 4, 1, Physics));
    }
}
