using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Learning;

namespace Vae.Tests.Fluids;

/// <summary>Distance-matrix completion (weighted SMACOF) against configurations with known coordinates: masked entries
/// of planar configurations come back as the true distances; a particle with only two known distances is not determined
/// (its mirror image fits equally well); bad input is rejected.</summary>
public sealed class DistanceCompletionTests
{
    /// <summary>N random points in [0, L]² with no pair closer than <paramref name="minimum"/> (rejection sampling).</summary>
    private static Matrix<double> NonOverlappingPoints(int n, double box, double minimum, int seed)
    {
        var rng = new Random(seed);
        var points = Matrix<double>.Build.Dense(n, 2);
        for (int i = 0; i < n; i++)
        {
            bool ok;
            do
            {
                points[i, 0] = box * rng.NextDouble();
                points[i, 1] = box * rng.NextDouble();
                ok = true;
                for (int j = 0; j < i && ok; j++)
                    ok = Math.Sqrt(Math.Pow(points[i, 0] - points[j, 0], 2) + Math.Pow(points[i, 1] - points[j, 1], 2)) >= minimum;
            }
            while (!ok);
        }
        return points;
    }

    /// <summary>Observed = everything but the block [r, r+s) × [c, c+s) and its mirror.</summary>
    private static bool[,] Observed(int n, int r, int c, int s)
    {
        var observed = new bool[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) observed[i, j] = true;
        for (int i = 0; i < s; i++)
            for (int j = 0; j < s; j++) observed[r + i, c + j] = observed[c + j, r + i] = false;
        return observed;
    }

    [TestCase(1, 3, 17)]
    [TestCase(2, 0, 22)]
    [TestCase(3, 10, 10)]
    [TestCase(4, 5, 9)]
    [TestCase(5, 22, 2)]
    public void MaskedDistancesOfAPlanarConfigurationAreRecovered(int seed, int row, int column)
    {
        // 30 particles in a 10σ box, one 8 × 8 block (and its mirror) unknown, filled with a poor guess (the mean of the
        // known entries): every masked particle still has ≥ 14 known distances, so the plane fixes the masked ones.
        const int n = 30, s = 8;
        var truth = DistanceMatrix.Compute(NonOverlappingPoints(n, 10, 0.9, seed));
        var observed = Observed(n, row, column, s);
        double guess = 0;
        int known = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (i != j && observed[i, j]) { guess += truth[i, j]; known++; }
        guess /= known;
        var start = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0 : observed[i, j] ? truth[i, j] : guess);
        var result = DistanceCompletion.Complete(start, observed);
        double worst = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
            {
                if (observed[i, j]) Assert.That(result.Completed[i, j], Is.EqualTo(start[i, j]), "known entries bit for bit");
                else worst = Math.Max(worst, Math.Abs(result.Completed[i, j] - truth[i, j]));
            }
        TestContext.Out.WriteLine($"seed {seed}: largest error {worst:G3} σ, {result.Embedding.Iterations} transforms, stress {result.Embedding.RawStress:G3}");
        Assert.That(worst, Is.LessThan(1e-5), "masked distances equal the true ones");
        Assert.That(result.Completed.Equals(result.Completed.Transpose()), Is.True);
        double initialError = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (!observed[i, j] && i != j) initialError = Math.Max(initialError, Math.Abs(guess - truth[i, j]));
        Assert.That(initialError, Is.GreaterThan(1), "the guess was far off");
    }

    [Test]
    public void ImputeByGeometryRecoversMaskedSinglePrecisionMatrices()
    {
        // The fluids path: float matrices, AnomalyData.Mask's random blocks, mean of a reference set as the start.
        const int n = 30, count = 12;
        var values = new float[count * n * n];
        for (int k = 0; k < count; k++)
        {
            var d = DistanceMatrix.Compute(NonOverlappingPoints(n, 10, 0.9, 100 + k));
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++) values[(k * n + i) * n + j] = (float)d[i, j];
        }
        var complete = new DistanceMatrixSet(values, count, n);
        var masked = AnomalyData.Mask(complete, 8, seed: 3);
        var result = MissingData.ImputeByGeometry(masked, complete);
        double worst = 0;
        for (int k = 0; k < count; k++)
        {
            var observed = Observed(n, masked.BlockRows[k], masked.BlockColumns[k], 8);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    int e = (k * n + i) * n + j;
                    if (observed[i, j]) Assert.That(result.Imputed.Values[e], Is.EqualTo(masked.Matrices.Values[e]), "observed entries bit for bit");
                    else worst = Math.Max(worst, Math.Abs(result.Imputed.Values[e] - values[e]));
                }
        }
        TestContext.Out.WriteLine($"largest error {worst:G3} σ; RMS change from the mean {result.ChangePerIteration[0]:G3} σ");
        // Single-precision inputs (relative 6·10⁻⁸ of ≤ 14σ) bound the accuracy.
        Assert.That(worst, Is.LessThan(1e-4));
        Assert.That(result.ChangePerIteration[0], Is.GreaterThan(0.5), "the mean imputation was far off");
    }

    [Test]
    public void AParticleWithTwoKnownDistancesIsNotDetermined()
    {
        // Particle 5 knows only its distances to 0 and 1: reflecting it across the line through 0 and 1 changes none
        // of the known entries, so the completion fits both configurations equally and can be exact for at most one.
        const int n = 6;
        var points = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 0 }, { 4, 0 }, { 1, 3 }, { 3, 2.5 }, { 2, -2 }, { 2, 1.5 } });
        var mirrored = points.Clone();
        mirrored[5, 1] = -points[5, 1];
        var truth = DistanceMatrix.Compute(points);
        var other = DistanceMatrix.Compute(mirrored);
        var observed = new bool[n, n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) observed[i, j] = i == j || (i != 5 && j != 5) || i + j - 5 <= 1;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                if (observed[i, j]) Assert.That(other[i, j], Is.EqualTo(truth[i, j]).Within(1e-12), "the mirror image has the same known entries");
        Assert.That(Math.Abs(other[5, 2] - truth[5, 2]), Is.GreaterThan(1), "…but different unknown ones");
        var start = Matrix<double>.Build.Dense(n, n, (i, j) => i == j ? 0 : observed[i, j] ? truth[i, j] : 3.0);
        var result = DistanceCompletion.Complete(start, observed, 2, 5000, 1e-14);
        Assert.That(result.Embedding.RawStress, Is.LessThan(1e-12), "the known entries are fitted exactly");
        double toTruth = 0, toMirror = 0;
        for (int j = 2; j < 5; j++)
        {
            toTruth = Math.Max(toTruth, Math.Abs(result.Completed[5, j] - truth[5, j]));
            toMirror = Math.Max(toMirror, Math.Abs(result.Completed[5, j] - other[5, j]));
        }
        TestContext.Out.WriteLine($"largest error to the truth {toTruth:G3}, to its mirror image {toMirror:G3}");
        Assert.That(Math.Min(toTruth, toMirror), Is.LessThan(1e-5), "the completion is one of the two planar solutions");
        Assert.That(Math.Max(toTruth, toMirror), Is.GreaterThan(1), "and therefore not the other");
    }

    [Test]
    public void UnitWeightsGiveTheUnweightedFit()
    {
        var points = NonOverlappingPoints(12, 10, 0.9, 7);
        var noisy = DistanceMatrix.Compute(points);
        var rng = new Random(8);
        for (int i = 0; i < 12; i++)
            for (int j = i + 1; j < 12; j++) noisy[i, j] = noisy[j, i] = noisy[i, j] * (1 + 0.3 * (rng.NextDouble() - 0.5));
        var start = ClassicalMds.Embed(noisy).Coordinates;
        // 100 transforms, all of which still lower the stress. With tolerance 0 a run stops at the first transform that
        // does not, and near the minimum round-off decides which one that is (transform 132 or later here, differently
        // for the two arithmetic paths), so the comparison is made transform for transform before that point.
        var plain = MetricMds.Embed(noisy, start, 100, 0);
        var weighted = MetricMds.Embed(noisy, start, Matrix<double>.Build.Dense(12, 12, 1.0), 100, 0);
        Assert.That((plain.Iterations, plain.Converged, weighted.Iterations, weighted.Converged), Is.EqualTo((100, false, 100, false)));
        Assert.That((weighted.Coordinates - plain.Coordinates).Enumerate().Max(Math.Abs), Is.LessThan(1e-9));
        Assert.That(weighted.RawStress, Is.EqualTo(plain.RawStress).Within(1e-9 * plain.RawStress));
    }

    [Test]
    public void BadInputIsRejected()
    {
        var d = DistanceMatrix.Compute(NonOverlappingPoints(5, 10, 0.9, 9));
        var all = Observed(5, 0, 0, 0);
        var wrongShape = new bool[4, 4];
        var asymmetric = Observed(5, 0, 0, 0);
        asymmetric[0, 1] = false;
        var isolated = Observed(5, 0, 0, 0);
        for (int j = 0; j < 5; j++) isolated[3, j] = isolated[j, 3] = false;
        Assert.That(() => DistanceCompletion.Complete(d, wrongShape), Throws.ArgumentException.With.Property("ParamName").EqualTo("observed"));
        Assert.That(() => DistanceCompletion.Complete(d, asymmetric), Throws.ArgumentException.With.Property("ParamName").EqualTo("observed"));
        Assert.That(() => DistanceCompletion.Complete(d, isolated), Throws.ArgumentException.With.Property("ParamName").EqualTo("observed").And.Message.Contains("point 3"));
        Assert.That(() => DistanceCompletion.Complete(d, all, 2, 0), Throws.InstanceOf<ArgumentOutOfRangeException>());
        var negative = Matrix<double>.Build.Dense(5, 5, 1.0);
        negative[1, 2] = negative[2, 1] = -1;
        Assert.That(() => MetricMds.Embed(d, ClassicalMds.Embed(d).Coordinates, negative), Throws.ArgumentException.With.Property("ParamName").EqualTo("weights"));
        var masked = AnomalyData.Mask(new DistanceMatrixSet(d.ToColumnMajorArray().Select(v => (float)v).ToArray(), 1, 5), 2, 1);
        var reference = masked.Matrices;
        Assert.That(() => MissingData.ImputeByGeometry(masked, reference, MissingDataOptions.Default with { ProjectionIterations = 0 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.ProjectionIterations"));
        Assert.That(() => MissingData.ImputeByGeometry(masked, reference, MissingDataOptions.Default with { ProjectionTolerance = double.NaN }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.ProjectionTolerance"));
        Assert.That(() => MissingData.ImputeByGeometry(masked, reference, MissingDataOptions.Default with { Projection = (MissingDataProjection)7 }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.Projection"));
    }

    /// <summary>Review finding 4: a block that cuts the observed pairs into two components (s = N masks every pair; N = 30,
    /// s = 15 at corner (0, 15) separates {0..14} from {15..29}) reached DistanceCompletion inside Parallel.For and escaped
    /// as an AggregateException. Now it is an ArgumentException on masked, raised before any work.</summary>
    [Test]
    public void ImputeByGeometryRejectsABlockThatDisconnectsThePoints()
    {
        const int n = 30;
        var d = DistanceMatrix.Compute(NonOverlappingPoints(n, 10, 0.9, 7));
        var set = new DistanceMatrixSet(d.ToRowMajorArray().Select(v => (float)v).ToArray(), 1, n);
        var everything = AnomalyData.Mask(set, n, seed: 1);
        Assert.That(() => MissingData.ImputeByGeometry(everything, set),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("masked").And.Message.Contains("block 0 at (0, 0) of side 30 disconnects point 1"));
        var halves = new MaskedMatrices(set, [0], [15], 15);
        Assert.That(() => MissingData.ImputeByGeometry(halves, set),
            Throws.ArgumentException.With.Property("ParamName").EqualTo("masked").And.Message.Contains("disconnects point 15"));
        // Side 14 at (0, 15) masks rows 0..13 × columns 15..28 only: points 14 and 29 still link both halves, so it is accepted.
        Assert.That(MissingData.ImputeByGeometry(new MaskedMatrices(set, [0], [15], 14), set).Imputed.Count, Is.EqualTo(1));
    }
}
