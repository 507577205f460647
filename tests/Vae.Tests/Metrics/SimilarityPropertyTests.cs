using FsCheck;
using FsCheck.Fluent;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary>Invariances of the degeneracy metrics, by FsCheck, and their input checks.</summary>
public sealed class SimilarityPropertyTests
{
    /// <summary>A latent matrix [n, k], n ∈ [12, 40], k ∈ [1, 6], from a seed: column j ~ N(0, s_j²), s_j ∈ [0.5, 2].</summary>
    private static Gen<Matrix<double>> Latent =>
        from n in Gen.Choose(12, 40)
        from k in Gen.Choose(1, 6)
        from seed in Gen.Choose(0, int.MaxValue)
        select RandomLatent(n, k, seed);

    private static Gen<(Matrix<double> X, Matrix<double> Y)> Pair =>
        from x in Latent
        from k in Gen.Choose(1, 6)
        from seed in Gen.Choose(0, int.MaxValue)
        select (x, RandomLatent(x.RowCount, k, seed) + 0.5 * x * RandomLatent(x.ColumnCount, k, seed ^ 0x5bd1e995));

    internal static Matrix<double> RandomLatent(int n, int k, int seed)
    {
        var random = new Random(seed);
        var scales = Enumerable.Range(0, k).Select(_ => 0.5 + 1.5 * random.NextDouble()).ToArray();
        return Matrix<double>.Build.Dense(n, k, (_, j) => scales[j] * Normal(random));
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    /// <summary>A random orthogonal k × k matrix (Q of a Gaussian matrix's QR).</summary>
    internal static Matrix<double> Orthogonal(int k, int seed) => RandomLatent(k, k, seed).QR().Q;

    private static bool Close(double a, double b, double tolerance) => Math.Abs(a - b) <= tolerance * Math.Max(1, Math.Abs(b));

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property CkaIsInTheUnitIntervalAndSymmetric() =>
        Prop.ForAll(Pair.ToArbitrary(), p =>
        {
            double cka = Similarity.LinearCka(p.X, p.Y);
            return cka >= 0 && cka <= 1 && Close(cka, Similarity.LinearCka(p.Y, p.X), 1e-12);
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property CkaIsInvariantToOrthogonalTransformsIsotropicScalingAndShifts() =>
        Prop.ForAll((from p in Pair from seed in Gen.Choose(0, int.MaxValue) from exponent in Gen.Choose(-30, 30) select (p.X, p.Y, seed, exponent)).ToArbitrary(), t =>
        {
            var (x, y, seed, exponent) = t;
            double scale = Math.Pow(10, exponent / 10.0);
            var qx = Orthogonal(x.ColumnCount, seed);
            var qy = Orthogonal(y.ColumnCount, seed + 1);
            var shift = Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => 3.0 * j - 1);
            double reference = Similarity.LinearCka(x, y);
            return Close(Similarity.LinearCka(x * qx, y * qy), reference, 1e-10)
                && Close(Similarity.LinearCka(scale * x, y / scale), reference, 1e-10)
                && Close(Similarity.LinearCka(x + shift, -y), reference, 1e-10)
                && Close(Similarity.LinearCka(x, scale * x * qx + shift), 1.0, 1e-12);
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property SignedPermutationIsMatchedPerfectly() =>
        Prop.ForAll(Gen.Zip(Latent, Gen.Choose(0, int.MaxValue)).ToArbitrary(), t =>
        {
            var (x, seed) = t;
            int k = x.ColumnCount;
            var random = new Random(seed);
            var perm = Enumerable.Range(0, k).OrderBy(_ => random.Next()).ToArray();
            var signs = Enumerable.Range(0, k).Select(_ => random.Next(2) == 0 ? -1 : 1).ToArray();
            // y[:, j] = signs[j] · x[:, perm[j]]
            var y = Matrix<double>.Build.Dense(x.RowCount, k, (i, j) => signs[j] * x[i, perm[j]]);
            var match = Similarity.MatchDimensions(x, y);
            bool recovered = Enumerable.Range(0, k).All(j => match.Permutation[perm[j]] == j && match.Signs[perm[j]] == signs[j]);
            return recovered && match.ActivePairs == k && Close(match.MeanMatchedAbsoluteCorrelation, 1.0, 1e-12)
                && match.MatchedCorrelations.All(c => Close(Math.Abs(c), 1.0, 1e-12))
                && Close(Similarity.LinearCka(x, y), 1.0, 1e-12)
                && Similarity.Procrustes(x, y).Residual < 1e-12;
        });

    [FsCheck.NUnit.Property(MaxTest = 200)]
    public Property ProcrustesResidualIsZeroForARotatedScaledShiftedCopy() =>
        Prop.ForAll((from x in Latent from seed in Gen.Choose(0, int.MaxValue) from exponent in Gen.Choose(-20, 20) select (x, seed, exponent)).ToArbitrary(), t =>
        {
            var (x, seed, exponent) = t;
            var q = Orthogonal(x.ColumnCount, seed);
            var y = Math.Pow(10, exponent / 10.0) * x * q + Matrix<double>.Build.Dense(x.RowCount, x.ColumnCount, (_, j) => j + 0.5);
            var fit = Similarity.Procrustes(x, y);
            return fit.Residual < 1e-12 && (fit.Rotation - q).Enumerate().All(v => Math.Abs(v) < 1e-8);
        });

    [Test]
    public void RotationKeepsNeighbourhoodsAndCkaButHidesFromRawCorrelation()
    {
        var x = RandomLatent(200, 6, 7);
        var y = 2.5 * x * Orthogonal(6, 8);
        Assert.That(Similarity.NearestNeighbourOverlap(x, y), Is.EqualTo(1.0));
        Assert.That(Similarity.LinearCka(x, y), Is.EqualTo(1.0).Within(1e-12));
        Assert.That(Similarity.Procrustes(x, y).Residual, Is.LessThan(1e-12));
        Assert.That(Similarity.RawCorrelation(x, y).MeanAbsoluteCorrelation, Is.LessThan(0.9));
        Assert.That(Similarity.MatchDimensions(x, y).MeanMatchedAbsoluteCorrelation, Is.LessThan(0.95));
    }

    [Test]
    public void UnequalWidthsPadProcrustesAndLeaveColumnsUnmatched()
    {
        var x = RandomLatent(50, 5, 1);
        var y = x.SubMatrix(0, 50, 0, 3);
        var fit = Similarity.Procrustes(x, y);
        Assert.That(fit.Rotation.RowCount, Is.EqualTo(5));
        var match = Similarity.MatchDimensions(x, y);
        Assert.That(match.Permutation.Take(3), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(match.Permutation.Skip(3), Is.EqualTo(new[] { -1, -1 }));
        Assert.That(match.Signs.Skip(3), Is.EqualTo(new[] { 0, 0 }));
        Assert.That(match.ActivePairs, Is.EqualTo(3));
        Assert.That(match.MeanMatchedAbsoluteCorrelation, Is.EqualTo(1.0).Within(1e-12));
        var swapped = Similarity.MatchDimensions(y, x);
        Assert.That(swapped.Permutation, Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(Similarity.RawCorrelation(x, y).Correlations, Has.Count.EqualTo(3));
    }

    [Test]
    public void ActiveUnitsFollowTheThreshold()
    {
        var x = RandomLatent(100, 3, 3);
        for (int i = 0; i < 100; i++) x[i, 2] *= 0.01;   // variance ~ 1e-4 · s² < ε
        var match = Similarity.MatchDimensions(x, x);
        Assert.That(match.ActivePairs, Is.EqualTo(2));
        Assert.That(match.Active, Is.EqualTo(new[] { true, true, false }));
        Assert.That(Similarity.MatchDimensions(x, x, epsilon: 0).ActivePairs, Is.EqualTo(3));
        Assert.That(Similarity.MatchDimensions(x, x, epsilon: 1e6).MeanMatchedAbsoluteCorrelation, Is.EqualTo(0));
    }

    private static readonly Matrix<double> Good = RandomLatent(10, 3, 11);

    private static IEnumerable<TestCaseData> Metrics()
    {
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>((x, y) => Similarity.LinearCka(x, y))).SetArgDisplayNames("LinearCka");
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>(Similarity.Procrustes)).SetArgDisplayNames("Procrustes");
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>((x, y) => Similarity.MatchDimensions(x, y))).SetArgDisplayNames("MatchDimensions");
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>(Similarity.RawCorrelation)).SetArgDisplayNames("RawCorrelation");
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>(Similarity.CorrelationMatrix)).SetArgDisplayNames("CorrelationMatrix");
        yield return new TestCaseData(new Func<Matrix<double>, Matrix<double>, object>((x, y) => Similarity.NearestNeighbourOverlap(x, y, 3))).SetArgDisplayNames("NearestNeighbourOverlap");
    }

    [TestCaseSource(nameof(Metrics))]
    public void BadInputIsAnArgumentExceptionNamingParameterAndValue(Func<Matrix<double>, Matrix<double>, object> metric)
    {
        var rows = Assert.Throws<ArgumentException>(() => metric(Good, RandomLatent(9, 3, 2)))!;
        Assert.That(rows.ParamName, Is.EqualTo("y"));
        Assert.That(rows.Message, Does.Contain("9 rows").And.Contain("10"));

        var one = Assert.Throws<ArgumentException>(() => metric(Good.SubMatrix(0, 1, 0, 3), Good.SubMatrix(0, 1, 0, 3)))!;
        Assert.That(one.ParamName, Is.EqualTo("x"));
        Assert.That(one.Message, Does.Contain("1 rows").And.Contain("at least 2"));

        var withNaN = Good.Clone();
        withNaN[4, 1] = double.NaN;
        var nan = Assert.Throws<ArgumentException>(() => metric(withNaN, Good))!;
        Assert.That(nan.ParamName, Is.EqualTo("x"));
        Assert.That(nan.Message, Does.Contain("x[4, 1] = NaN"));
        var infinite = Good.Clone();
        infinite[0, 2] = double.PositiveInfinity;
        var inf = Assert.Throws<ArgumentException>(() => metric(Good, infinite))!;
        Assert.That(inf.ParamName, Is.EqualTo("y"));
        Assert.That(inf.Message, Does.Contain("y[0, 2] = Infinity"));

        Assert.Throws<ArgumentNullException>(() => metric(null!, Good));
        Assert.Throws<ArgumentNullException>(() => metric(Good, null!));
    }

    [Test]
    public void ConstantRepresentationsAndBadParametersAreRejected()
    {
        var constant = Matrix<double>.Build.Dense(10, 3, 0.3);
        var cka = Assert.Throws<ArgumentException>(() => Similarity.LinearCka(constant, Good))!;
        Assert.That(cka.ParamName, Is.EqualTo("x"));
        Assert.That(cka.Message, Does.Contain("constant"));
        Assert.That(Assert.Throws<ArgumentException>(() => Similarity.Procrustes(Good, constant))!.ParamName, Is.EqualTo("y"));
        // Correlations with a constant column are 0, not NaN.
        Assert.That(Similarity.CorrelationMatrix(Good, constant).Enumerate(), Is.All.EqualTo(0.0));
        var epsilon = Assert.Throws<ArgumentOutOfRangeException>(() => Similarity.MatchDimensions(Good, Good, -0.5))!;
        Assert.That((epsilon.ParamName, epsilon.ActualValue), Is.EqualTo(("epsilon", (object)(-0.5))));
        Assert.Throws<ArgumentOutOfRangeException>(() => Similarity.MatchDimensions(Good, Good, double.NaN));
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => Similarity.NearestNeighbourOverlap(Good, Good, 0))!;
        Assert.That((k.ParamName, k.ActualValue), Is.EqualTo(("neighbours", (object)0)));
    }
}
