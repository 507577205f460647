using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Models;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

/// <summary>The geometry of the generation pipeline on real matrices (against the original coordinates), the model's
/// normalisation round trip, and the iterative VAE imputation (observed entries fixed, symmetric, and better than the
/// mean on a synthetic two-parameter family a small VAE can learn).</summary>
public sealed class GenerationStagesAndImputationTests
{
    private const int SyntheticN = 8;
    private DistanceMatrixSet _synthetic = null!;
    private FluidVaeModel _syntheticModel = null!;

    /// <summary>Distance matrices of 8 fixed points stretched by s·(a x, y), s ~ U[1, 3], a ~ U[0.5, 2]: a two-parameter
    /// family, so the observed entries of a matrix determine its masked ones.</summary>
    [OneTimeSetUp]
    public void TrainOnASyntheticFamily()
    {
        var rng = new Random(3);
        var baseX = Enumerable.Range(0, SyntheticN).Select(_ => rng.NextDouble()).ToArray();
        var baseY = Enumerable.Range(0, SyntheticN).Select(_ => rng.NextDouble()).ToArray();
        const int count = 1200;
        var values = new float[count * SyntheticN * SyntheticN];
        for (int k = 0; k < count; k++)
        {
            double s = 1 + 2 * rng.NextDouble(), a = 0.5 + 1.5 * rng.NextDouble();
            for (int i = 0; i < SyntheticN; i++)
                for (int j = 0; j < SyntheticN; j++)
                {
                    double dx = s * a * (baseX[i] - baseX[j]), dy = s * (baseY[i] - baseY[j]);
                    values[(k * SyntheticN + i) * SyntheticN + j] = (float)Math.Sqrt(dx * dx + dy * dy);
                }
        }
        _synthetic = new DistanceMatrixSet(values, count, SyntheticN);
        _syntheticModel = FluidVae.Train(_synthetic.Slice(0, 1000), 10, FluidVaeOptions.Default with
        {
            LatentSize = 2, Convolutions = [new ConvolutionSpec(8, 3, 2, 1)], HiddenSizes = [32], Epochs = 30, BatchSize = 50, Lambda = 1e-3, Seed = 1,
        });
    }

    [Test]
    public void RealMatricesRebuildTheOriginalConfigurations()
    {
        // Stage (a) of the generation diagnosis: exact (single-precision) matrices of sampled configurations must come
        // back as the same configurations (up to a rigid motion and a mirror image), so with the same closest pairs.
        var options = MetropolisOptions.Default with { Seed = 4, WarmupSweeps = 100 };
        var sampled = Metropolis.Sample(options, 12);
        var matrices = DistanceMatrixSet.FromConfigurations(sampled.Configurations);
        var report = LatentGeneration.Rebuild(matrices, options);
        int validTruth = 0;
        for (int s = 0; s < matrices.Count; s++)
        {
            var truth = DistanceMatrix.Sorted(sampled.Configuration(s));
            double closest = double.PositiveInfinity;
            for (int i = 0; i < truth.Count; i++)
                for (int j = i + 1; j < truth.Count; j++)
                    closest = Math.Min(closest, Math.Sqrt(Math.Pow(truth.X[i] - truth.X[j], 2) + Math.Pow(truth.Y[i] - truth.Y[j], 2)));
            if (closest >= 0.8) validTruth++;
            Assert.That(report.MinimumPairDistances[s], Is.EqualTo(closest).Within(1e-4), $"configuration {s}");
            Assert.That(report.MatrixMinimumDistances[s], Is.EqualTo(closest).Within(1e-5), $"configuration {s}");
            Assert.That(report.MdsStresses[s], Is.LessThan(1e-6));
            var rebuilt = report.Configurations[s];
            var aligned = Procrustes.Align(
                Matrix<double>.Build.Dense(truth.Count, 2, (i, j) => j == 0 ? rebuilt.X[i] : rebuilt.Y[i]),
                Matrix<double>.Build.Dense(truth.Count, 2, (i, j) => j == 0 ? truth.X[i] : truth.Y[i]));
            Assert.That(aligned.MaxDeviation, Is.LessThan(1e-4), $"configuration {s}");
            Assert.That(rebuilt.Y.Min(), Is.EqualTo(0).Within(1e-12), "rests on y = 0");
        }
        Assert.That(validTruth, Is.EqualTo(matrices.Count), "sampled configurations have no pair closer than 0.8σ");
        Assert.That(report.ValidFraction, Is.EqualTo(1.0));
        Assert.That(report.Components, Is.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() => LatentGeneration.Rebuild(matrices, options, 0));
        Assert.Throws<ArgumentException>(() => LatentGeneration.Rebuild(new DistanceMatrixSet([float.NaN, 1, 1, 0], 1, 2), options));
    }

    [Test]
    public void NormalisationRoundTripKeepsTheMatricesAndDiagnosisNamesTheStages()
    {
        var heldOut = _synthetic.Slice(1000, 40);
        var back = GenerationDiagnosis.RoundTrip(_syntheticModel.Normalization, heldOut);
        var a = heldOut.Values;
        var b = back.Values;
        for (int e = 0; e < a.Length; e++) Assert.That(b[e], Is.EqualTo(a[e]).Within(1e-5 * (1 + a[e])));

        var physics = MetropolisOptions.Default with { Particles = SyntheticN, Box = 10 };
        var stages = GenerationDiagnosis.Run(_syntheticModel, heldOut, 2, 15, physics, 0.05, 1);
        Assert.That(stages.Select(s => s.Name), Is.EqualTo(new[] { "real", "normalisation round trip", "reconstruction", "generation", "reconstruction", "generation" }));
        Assert.That(stages.Select(s => s.Embedding), Is.EqualTo(Enumerable.Repeat(GenerationEmbedding.ClassicalMds, 4).Concat(Enumerable.Repeat(GenerationEmbedding.MetricMds, 2))));
        Assert.That(stages[4].Report.MatrixMinimumDistances, Is.EqualTo(stages[2].Report.MatrixMinimumDistances), "same matrices, another embedding");
        Assert.That(stages[0].Report.MinimumPairDistances, Is.EqualTo(LatentGeneration.Rebuild(heldOut, physics, 0.05).MinimumPairDistances));
        Assert.That(stages[1].DistanceMse, Is.LessThan(1e-10));
        Assert.That(stages[1].Report.MinimumPairDistances.ToArray(), Is.EqualTo(stages[0].Report.MinimumPairDistances.ToArray()).Within(1e-4));
        double direct = 0;
        var reconstructed = _syntheticModel.Reconstruct(heldOut).Values;
        for (int e = 0; e < a.Length; e++) direct += Math.Pow(reconstructed[e] - (double)a[e], 2);
        Assert.That(stages[2].DistanceMse, Is.EqualTo(direct / a.Length).Within(1e-9 * direct));
        Assert.That(stages[3].Report.MinimumPairDistances, Has.Count.EqualTo(15));
        Assert.That(double.IsNaN(stages[3].DistanceMse), Is.True);
        Assert.Throws<ArgumentException>(() => GenerationDiagnosis.Run(_syntheticModel, heldOut.Slice(0, 1), 2, 15, physics));

        // Error scaling: t = 0 is the real stage, t = 1 the reconstruction stage, and the MSE grows as t².
        var scaled = GenerationDiagnosis.ErrorScaling(_syntheticModel, heldOut, [0, 0.5, 1], physics, 0.05);
        Assert.That(scaled[0].Report.MinimumPairDistances, Is.EqualTo(stages[0].Report.MinimumPairDistances));
        Assert.That(scaled[2].Report.MinimumPairDistances, Is.EqualTo(stages[2].Report.MinimumPairDistances));
        Assert.That(scaled[0].DistanceMse, Is.Zero);
        Assert.That(scaled[1].DistanceMse, Is.EqualTo(0.25 * stages[2].DistanceMse).Within(1e-5 * stages[2].DistanceMse));
        Assert.That(scaled[2].DistanceMse, Is.EqualTo(stages[2].DistanceMse).Within(1e-12 * stages[2].DistanceMse));
        Assert.Throws<ArgumentOutOfRangeException>(() => GenerationDiagnosis.ErrorScaling(_syntheticModel, heldOut, [1.5], physics));
    }

    [Test]
    public void ImputationKeepsObservedEntriesAndStaysSymmetric()
    {
        var complete = _synthetic.Slice(1000, 60);
        var masked = AnomalyData.Mask(complete, 3, 5);
        var result = MissingData.Impute(_syntheticModel, masked, _synthetic.Slice(0, 1000), MissingDataOptions.Default with { Iterations = 5, Tolerance = 0 });
        Assert.That(result.Iterations, Is.EqualTo(5));
        Assert.That(result.ChangePerIteration, Has.Count.EqualTo(5));
        int n = SyntheticN, d = n * n;
        var input = masked.Matrices.Values;
        var output = result.Imputed.Values;
        for (int k = 0; k < complete.Count; k++)
        {
            var isMasked = MaskOf(masked, k, n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    int e = k * d + i * n + j;
                    if (!isMasked[i, j]) Assert.That(output[e], Is.EqualTo(input[e]), "observed entries are kept bit for bit");
                    Assert.That(output[e], Is.EqualTo(output[k * d + j * n + i]), "symmetric");
                    Assert.That(output[e], Is.GreaterThanOrEqualTo(0f));
                    if (i == j) Assert.That(output[e], Is.Zero);
                }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MissingData.Impute(_syntheticModel, masked, _synthetic, MissingDataOptions.Default with { Iterations = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MissingData.Impute(_syntheticModel, masked, _synthetic, MissingDataOptions.Default with { Tolerance = -1 }));
        Assert.Throws<ArgumentException>(() => MissingData.Impute(_syntheticModel, masked, _synthetic.Slice(0, 0)));
    }

    [Test]
    public void IterativeImputationBeatsTheMeanOnALowDimensionalFamily()
    {
        var complete = _synthetic.Slice(1000, 200);
        var masked = AnomalyData.Mask(complete, 3, 9);
        var reference = _synthetic.Slice(0, 1000);
        var options = MissingDataOptions.Default;
        var report = MissingData.Evaluate(_syntheticModel, complete, masked, reference, options);

        // Mean imputation and the imputation's error, recomputed directly from the imputed matrices.
        int n = SyntheticN, d = n * n;
        var mean = new double[d];
        for (int k = 0; k < 1000; k++) for (int j = 0; j < d; j++) mean[j] += reference.Values[k * d + j];
        for (int j = 0; j < d; j++) mean[j] /= 1000;
        var imputed = MissingData.Impute(_syntheticModel, masked, reference, options);
        double meanSum = 0, vaeSum = 0;
        long entries = 0;
        for (int k = 0; k < complete.Count; k++)
        {
            var isMasked = MaskOf(masked, k, n);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    if (!isMasked[i, j]) continue;
                    int e = k * d + i * n + j;
                    double truth = complete.Values[e];
                    meanSum += Math.Pow(truth - (float)mean[i * n + j], 2);
                    vaeSum += Math.Pow(truth - imputed.Imputed.Values[e], 2);
                    entries++;
                }
        }
        Assert.That(report.MaskedEntries, Is.EqualTo(entries));
        Assert.That(report.MeanImputationMse, Is.EqualTo(meanSum / entries).Within(1e-9 * meanSum / entries));
        Assert.That(report.VaeImputationMse, Is.EqualTo(vaeSum / entries).Within(1e-9 * vaeSum / entries));
        Assert.That(report.Iterations, Is.EqualTo(imputed.Iterations).And.InRange(1, options.Iterations));
        Assert.That(report.MsePerIteration, Has.Count.EqualTo(report.Iterations));
        Assert.That(report.MsePerIteration[0], Is.EqualTo(report.OneShotImputationMse));
        Assert.That(report.MsePerIteration[^1], Is.EqualTo(report.VaeImputationMse));
        TestContext.Out.WriteLine($"mean {report.MeanImputationMse:G4}, one-shot {report.OneShotImputationMse:G4}, iterated {report.VaeImputationMse:G4} ({report.Iterations} passes), " +
            $"unmasked {report.UnmaskedReconstructionMse:G4}, 0-filled {report.ZeroFilledReconstructionMse:G4}");
        // The masked entries are a function of the two parameters, which the observed entries fix: the VAE must do
        // far better than the per-entry mean (the bar is 0.5×).
        Assert.That(report.RatioToMeanImputation, Is.LessThan(0.5));
    }

    [Test]
    public void PlanarProjectionRowsMatchTheirImputationsAndRecoverThePlanarFamily()
    {
        // The synthetic matrices are exact distance matrices of 8 points in the plane. Where ≥ 3 particles lie outside the
        // masked rows and columns, their known distances fix the masked ones (two rigid groups sharing ≥ 3 points); with
        // only 2 outside, one group can be reflected across the line through them without changing an observed entry, so
        // the completion need not be the truth. From the mean SMACOF can also stop in a local minimum (then the observed
        // entries are not fitted either). So: every wrong completion of a determined matrix is an unfitted one. The report's
        // rows must equal the errors of the imputations recomputed here.
        var complete = _synthetic.Slice(1000, 100);
        var masked = AnomalyData.Mask(complete, 3, 13);
        var reference = _synthetic.Slice(0, 1000);
        var report = MissingData.Evaluate(_syntheticModel, complete, masked, reference);
        var geometric = MissingData.ImputeByGeometry(masked, reference);
        var projected = MissingData.Impute(_syntheticModel, masked, reference, MissingDataOptions.Default with { Projection = MissingDataProjection.PlanarDistances });
        int n = SyntheticN, d = n * n;
        double geometricSum = 0, projectedSum = 0;
        long entries = 0;
        int geometricWrong = 0, determinedWrong = 0;
        for (int k = 0; k < complete.Count; k++)
        {
            var isMasked = MaskOf(masked, k, n);
            double worst = 0;
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    int e = k * d + i * n + j;
                    if (!isMasked[i, j])
                    {
                        Assert.That(projected.Imputed.Values[e], Is.EqualTo(masked.Matrices.Values[e]), "observed entries bit for bit");
                        continue;
                    }
                    geometricSum += Math.Pow(complete.Values[e] - (double)geometric.Imputed.Values[e], 2);
                    worst = Math.Max(worst, Math.Abs(complete.Values[e] - (double)geometric.Imputed.Values[e]));
                    projectedSum += Math.Pow(complete.Values[e] - (double)projected.Imputed.Values[e], 2);
                    entries++;
                }
            int outside = Enumerable.Range(0, n).Count(i => Enumerable.Range(0, n).All(j => !isMasked[i, j]));
            if (worst > 1e-4) geometricWrong++;
            if (worst > 1e-4 && outside >= 3) determinedWrong++;
        }
        TestContext.Out.WriteLine($"mean {report.MeanImputationMse:G4}, VAE {report.VaeImputationMse:G4}, geometry from the mean {report.GeometricImputationMse:G4} " +
            $"({report.GeometricUnfittedMatrices} unfitted), VAE + projection {report.ProjectedImputationMse:G4} ({report.ProjectedIterations} passes, {report.ProjectedUnfittedMatrices} unfitted)");
        Assert.That(report.GeometricImputationMse, Is.EqualTo(geometricSum / entries).Within(1e-9 * geometricSum / entries + 1e-300));
        Assert.That(report.ProjectedImputationMse, Is.EqualTo(projectedSum / entries).Within(1e-9 * projectedSum / entries + 1e-300));
        Assert.That(report.ProjectedIterations, Is.EqualTo(projected.Iterations));
        Assert.That(report.ProjectedMsePerIteration, Has.Count.EqualTo(report.ProjectedIterations));
        TestContext.Out.WriteLine($"wrong geometric completions: {geometricWrong}, of determined matrices {determinedWrong}");
        Assert.That(report.GeometricUnfittedMatrices, Is.InRange(determinedWrong, geometricWrong), "unfitted ⇒ wrong; determined and wrong ⇒ unfitted");
        Assert.That(report.GeometricRatioToMeanImputation, Is.LessThan(0.5));
        Assert.That(report.ProjectedRatioToMeanImputation, Is.LessThan(1e-8));
        Assert.That(report.ProjectedUnfittedMatrices, Is.Zero);
    }

    /// <summary>The entries of matrix <paramref name="k"/> that <see cref="AnomalyData.Mask"/> blacked out (a block and its mirror).</summary>
    private static bool[,] MaskOf(MaskedMatrices masked, int k, int n)
    {
        var isMasked = new bool[n, n];
        for (int i = 0; i < masked.BlockSize; i++)
            for (int j = 0; j < masked.BlockSize; j++)
                isMasked[masked.BlockRows[k] + i, masked.BlockColumns[k] + j] = isMasked[masked.BlockColumns[k] + j, masked.BlockRows[k] + i] = true;
        return isMasked;
    }
}
