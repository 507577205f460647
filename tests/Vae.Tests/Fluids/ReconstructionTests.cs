using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class ReconstructionTests
{
    private static Matrix<double> RandomPoints(int n, int seed, double scale = 10)
    {
        var rng = new Random(seed);
        return Matrix<double>.Build.Dense(n, 2, (_, _) => scale * rng.NextDouble());
    }

    [TestCase(GramConvention.DoubleCentred)]
    [TestCase(GramConvention.FirstParticle)]
    public void ExactDistanceMatricesRecoverCoordinatesUpToRigidMotion(GramConvention convention)
    {
        var sampled = Metropolis.Sample(MetropolisOptions.Default with { SweepsPerSample = 20, WarmupSweeps = 50, Seed = 5 }, 5);
        var sets = Enumerable.Range(0, 5).Select(k =>
        {
            var c = DistanceMatrix.Sorted(sampled.Configuration(k));
            return Matrix<double>.Build.Dense(c.Count, 2, (i, j) => j == 0 ? c.X[i] : c.Y[i]);
        }).Concat(new[] { RandomPoints(3, 1), RandomPoints(30, 2), RandomPoints(100, 3, 1000) });
        foreach (var truth in sets)
        {
            var d = DistanceMatrix.Compute(truth);
            var mds = ClassicalMds.Embed(d, 2, convention);
            var fit = Procrustes.Align(mds.Coordinates, truth);
            double scale = truth.Enumerate().Max(Math.Abs);
            Assert.That(fit.MaxDeviation, Is.LessThan(1e-9 * Math.Max(1, scale / 10)), $"N = {truth.RowCount}");
            Assert.That(mds.Stress, Is.LessThan(1e-12));
            Assert.That(mds.ClippedEigenvalues, Is.Zero);
            Assert.That(DistanceMatrix.Compute(mds.Coordinates).Subtract(d).Enumerate().Max(Math.Abs), Is.LessThan(1e-9 * Math.Max(1, scale / 10)));
            if (convention == GramConvention.FirstParticle)
                Assert.That(Math.Abs(mds.Coordinates[0, 0]) + Math.Abs(mds.Coordinates[0, 1]), Is.LessThan(1e-9), "particle 0 at the origin");
        }
    }

    [Test]
    public void GramFormulaMatchesTheDotProductsOfTheShiftedPoints()
    {
        var x = RandomPoints(7, 9);
        var shifted = x - Matrix<double>.Build.Dense(7, 2, (_, j) => x[0, j]);
        var g = GramMatrix.FromFirstParticle(DistanceMatrix.Compute(x));
        Assert.That((g - shifted * shifted.Transpose()).Enumerate().Max(Math.Abs), Is.LessThan(1e-12));
        var centred = x - Matrix<double>.Build.Dense(7, 2, (_, j) => x.Column(j).Average());
        var b = GramMatrix.DoubleCentred(DistanceMatrix.Compute(x));
        Assert.That((b - centred * centred.Transpose()).Enumerate().Max(Math.Abs), Is.LessThan(1e-12));
    }

    [Test]
    public void NonEuclideanMatricesClipNegativeEigenvaluesAndReportStress()
    {
        // Triangle inequality violated: d02 = 3 > d01 + d12 = 2.
        var d = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, 3 }, { 1, 0, 1 }, { 3, 1, 0 } });
        var mds = ClassicalMds.Embed(d, 2);
        Assert.That(mds.Eigenvalues[^1], Is.LessThan(0));
        Assert.That(mds.ClippedEigenvalues, Is.EqualTo(1));
        Assert.That(mds.DiscardedEnergy, Is.EqualTo(-mds.Eigenvalues[^1]).Within(1e-12));
        Assert.That(mds.Stress, Is.GreaterThan(0).And.LessThan(1));
        Assert.That(mds.Coordinates.Column(1).Enumerate().All(v => v == 0), Is.True, "clipped component is zero");

        var truth = RandomPoints(30, 4);
        var noisy = DistanceMatrix.Compute(truth);
        var rng = new Random(1);
        for (int i = 0; i < 30; i++)
            for (int j = i + 1; j < 30; j++)
                noisy[i, j] = noisy[j, i] = noisy[i, j] * (1 + 0.02 * (rng.NextDouble() - 0.5));
        var fit = ClassicalMds.Embed(noisy, 2);
        Assert.That(fit.Stress, Is.GreaterThan(1e-6).And.LessThan(0.2));
        Assert.That(Procrustes.Align(fit.Coordinates, truth).Rmsd, Is.LessThan(0.2));
    }

    /// <summary>Review finding 8: an eigenvalue among the top k that is clipped as round-off may be slightly positive; it
    /// was subtracted (−λ) from DiscardedEnergy, documented as Σ|λ| over the dropped eigenvalues. Collinear points in
    /// k = 2: the second eigenvalue is round-off of either sign, so over 40 random lines both signs occur.</summary>
    [Test]
    public void DiscardedEnergyIsTheSumOfAbsoluteDroppedEigenvalues()
    {
        int positive = 0;
        for (int seed = 0; seed < 40; seed++)
        {
            var rng = new Random(seed);
            double angle = 2 * Math.PI * rng.NextDouble();
            var points = Matrix<double>.Build.Dense(12, 2);
            for (int i = 0; i < 12; i++)
            {
                double t = 10 * rng.NextDouble();
                points[i, 0] = 1 + t * Math.Cos(angle);
                points[i, 1] = 2 + t * Math.Sin(angle);
            }
            var mds = ClassicalMds.Embed(DistanceMatrix.Compute(points), 2);
            Assert.That(mds.ClippedEigenvalues, Is.EqualTo(1), $"seed {seed}: the second direction is round-off");
            if (mds.Eigenvalues[1] > 0) positive++;
            double dropped = mds.Eigenvalues.Skip(1).Sum(Math.Abs);
            Assert.That(mds.DiscardedEnergy, Is.EqualTo(dropped).Within(1e-13 * dropped), $"seed {seed}");
            Assert.That(mds.Stress, Is.GreaterThanOrEqualTo(0).And.LessThanOrEqualTo(1));
        }
        Assert.That(positive, Is.GreaterThan(0), "some clipped eigenvalue was positive");
    }

    /// <summary>Review finding 9: a NaN tolerance made every comparison false, so any matrix passed; a negative one called
    /// positive entries negative.</summary>
    [Test]
    public void ToleranceMustBeFiniteAndNonNegative()
    {
        var asymmetric = Matrix<double>.Build.DenseOfArray(new double[,] { { 0, 1, -2 }, { 5, 0, 1 }, { 2, 1, 0 } });
        foreach (double tolerance in new[] { double.NaN, -1e-9, double.PositiveInfinity })
        {
            Assert.That(() => DistanceMatrix.Validate(asymmetric, tolerance),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("tolerance").And.Property("ActualValue").EqualTo(tolerance));
            Assert.That(() => ClassicalMds.Embed(asymmetric, 2, tolerance: tolerance),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("tolerance"));
            Assert.That(() => GramMatrix.FromFirstParticle(asymmetric, tolerance),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("tolerance"));
        }
        Assert.That(() => DistanceMatrix.Validate(asymmetric, 0), Throws.ArgumentException.With.Property("ParamName").EqualTo("distances"), "a valid tolerance reaches the entry checks");
    }

    [Test]
    public void ProcrustesRecoversAKnownMotionIncludingReflection()
    {
        var x = RandomPoints(12, 7);
        double a = 0.7;
        var rotation = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(a), Math.Sin(a) }, { -Math.Sin(a), Math.Cos(a) } });
        var mirror = Matrix<double>.Build.DenseOfArray(new double[,] { { -1, 0 }, { 0, 1 } });
        var moved = x * mirror * rotation + Matrix<double>.Build.Dense(12, 2, (_, j) => j == 0 ? 3.0 : -2.0);
        var fit = Procrustes.Align(x, moved);
        Assert.That(fit.IsReflection, Is.True);
        Assert.That(fit.Rmsd, Is.LessThan(1e-12));
        Assert.That((fit.Rotation - mirror * rotation).Enumerate().Max(Math.Abs), Is.LessThan(1e-12));
        var proper = Procrustes.Align(x, moved, allowReflection: false);
        Assert.That(proper.IsReflection, Is.False);
        Assert.That(proper.Rmsd, Is.GreaterThan(0.1));
        Assert.That(proper.Rotation.Determinant(), Is.EqualTo(1).Within(1e-12));
    }

    [Test]
    public void BadDistanceMatricesGiveClearExceptions()
    {
        var good = DistanceMatrix.Compute(RandomPoints(4, 3));
        void Bad(Matrix<double> m, string part)
        {
            var e = Assert.Throws<ArgumentException>(() => ClassicalMds.Embed(m));
            Assert.That(e!.Message, Does.Contain(part));
            Assert.That(e.ParamName, Is.EqualTo("distances"));
        }
        Bad(Matrix<double>.Build.Dense(3, 4), "square");
        Bad(Matrix<double>.Build.Dense(1, 1), "N ≥ 2");
        var asym = good.Clone(); asym[0, 1] += 0.1; Bad(asym, "symmetric");
        var neg = good.Clone(); neg[0, 1] = neg[1, 0] = -0.5; Bad(neg, "negative");
        var nan = good.Clone(); nan[2, 3] = nan[3, 2] = double.NaN; Bad(nan, "not finite");
        var diag = good.Clone(); diag[1, 1] = 0.3; Bad(diag, "diagonal");
        Assert.Throws<ArgumentOutOfRangeException>(() => ClassicalMds.Embed(good, 5));
        Assert.Throws<ArgumentException>(() => Procrustes.Align(RandomPoints(3, 1), RandomPoints(4, 1)));
        var withNan = RandomPoints(3, 1); withNan[0, 0] = double.NaN;
        Assert.Throws<ArgumentException>(() => DistanceMatrix.Compute(withNan));
    }

    [Test]
    public void CanonicalOrderMakesTheMatrixPermutationStable()
    {
        var c = Metropolis.Sample(MetropolisOptions.Default with { SweepsPerSample = 10, WarmupSweeps = 20, Seed = 3 }, 1).Configuration(0);
        var perm = Enumerable.Range(0, c.Count).Reverse().ToArray();
        var shuffled = ParticleConfiguration.FromCoordinates(perm.Select(i => c.X[i]).ToArray(), perm.Select(i => c.Y[i]).ToArray(), c.Box);
        var a = DistanceMatrix.Compute(DistanceMatrix.Sorted(c));
        var b = DistanceMatrix.Compute(DistanceMatrix.Sorted(shuffled));
        Assert.That(b.Enumerate(), Is.EqualTo(a.Enumerate()));
        var sorted = DistanceMatrix.Sorted(c);
        for (int i = 1; i < sorted.Count; i++) Assert.That(sorted.Y[i], Is.GreaterThanOrEqualTo(sorted.Y[i - 1]));
    }
}
