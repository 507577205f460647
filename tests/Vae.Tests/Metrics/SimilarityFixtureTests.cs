using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary>
/// The degeneracy metrics against NumPy/SciPy/scikit-learn (fixture from tools/reference/degeneracy_metrics.py):
/// random and degenerate latent spaces, the linear-assignment solver, and the n &lt; k + 1 error.
/// </summary>
public sealed class SimilarityFixtureTests
{
    /// <summary>|actual − expected| ≤ 1e-10·|expected| + 1e-12 (the absolute floor for values that are 0 up to rounding).</summary>
    private const double Relative = 1e-10, Floor = 1e-12;

    private static JsonElement Root()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "metrics", "degeneracy.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static Matrix<double> ReadMatrix(JsonElement rows) =>
        Matrix<double>.Build.DenseOfRowArrays(rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()));

    private static double[] ReadDoubles(JsonElement e) => e.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static int[] ReadInts(JsonElement e) => e.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    private static IEnumerable<(string Name, Matrix<double> X, Matrix<double> Y, JsonElement Case)> Cases()
    {
        foreach (var c in Root().GetProperty("cases").EnumerateArray())
            yield return (c.GetProperty("name").GetString()!, ReadMatrix(c.GetProperty("x")), ReadMatrix(c.GetProperty("y")), c);
    }

    /// <summary>Checks the tolerance and returns |actual − expected|.</summary>
    private static double Close(double actual, double expected, string what)
    {
        double deviation = Math.Abs(actual - expected);
        Assert.That(deviation, Is.LessThanOrEqualTo(Relative * Math.Abs(expected) + Floor), $"{what}: {actual:R} vs {expected:R}");
        return deviation;
    }

    private static void Report(string metric, double maxDeviation) =>
        TestContext.Out.WriteLine($"{metric}: max |C# − peer| = {maxDeviation:E2}");

    [Test]
    public void FixtureHasRandomAndDegenerateCases()
    {
        var names = Cases().Select(c => c.Name).ToArray();
        Assert.That(names, Is.SupersetOf(new[] { "random", "signed_permutation", "rotation_scale_shift", "duplicate_and_constant_columns" }));
        Assert.That(Root().GetProperty("epsilon").GetDouble(), Is.EqualTo(Similarity.DefaultEpsilon));
    }

    [Test]
    public void LinearCkaMatchesKornblithReferenceCode()
    {
        double max = 0;
        foreach (var (name, x, y, c) in Cases())
        {
            max = Math.Max(max, Close(Similarity.LinearCka(x, y), c.GetProperty("cka").GetDouble(), name));
            max = Math.Max(max, Close(Similarity.LinearCka(y, x), c.GetProperty("cka").GetDouble(), name + " (swapped)"));
        }
        Report("CKA", max);
    }

    [Test]
    public void ProcrustesMatchesScipyOrthogonalProcrustes()
    {
        double maxResidual = 0, maxRotation = 0;
        int rotations = 0;
        foreach (var (name, x, y, c) in Cases())
        {
            var expected = c.GetProperty("procrustes");
            var fit = Similarity.Procrustes(x, y);
            maxResidual = Math.Max(maxResidual, Close(fit.Residual, expected.GetProperty("residual").GetDouble(), name));
            int k = Math.Max(x.ColumnCount, y.ColumnCount);
            Assert.That(fit.Rotation.RowCount, Is.EqualTo(k), name);
            Assert.That(fit.Rotation.ColumnCount, Is.EqualTo(k), name);
            var identity = Matrix<double>.Build.DenseIdentity(k);
            Assert.That((fit.Rotation.TransposeThisAndMultiply(fit.Rotation) - identity).InfinityNorm(), Is.LessThan(1e-12), name + ": R orthogonal");
            if (!expected.GetProperty("rotation_unique").GetBoolean()) continue;
            var rotation = ReadMatrix(expected.GetProperty("rotation"));
            double deviation = (fit.Rotation - rotation).Enumerate().Max(Math.Abs);
            Assert.That(deviation, Is.LessThan(1e-9), name + ": rotation");
            maxRotation = Math.Max(maxRotation, deviation);
            rotations++;
        }
        Assert.That(rotations, Is.GreaterThanOrEqualTo(3));
        Report("Procrustes residual", maxResidual);
        Report("Procrustes rotation (entries)", maxRotation);
    }

    [Test]
    public void CorrelationMatrixAndRawCorrelationMatchNumpy()
    {
        double max = 0;
        foreach (var (name, x, y, c) in Cases())
        {
            var expected = ReadMatrix(c.GetProperty("correlation"));
            var actual = Similarity.CorrelationMatrix(x, y);
            Assert.That(actual.RowCount, Is.EqualTo(x.ColumnCount));
            Assert.That(actual.ColumnCount, Is.EqualTo(y.ColumnCount));
            for (int i = 0; i < actual.RowCount; i++)
                for (int j = 0; j < actual.ColumnCount; j++)
                    max = Math.Max(max, Close(actual[i, j], expected[i, j], $"{name} C[{i}, {j}]"));
            var raw = Similarity.RawCorrelation(x, y);
            var rawExpected = ReadDoubles(c.GetProperty("raw").GetProperty("correlations"));
            Assert.That(raw.Correlations, Has.Count.EqualTo(rawExpected.Length), name);
            for (int j = 0; j < rawExpected.Length; j++)
                max = Math.Max(max, Close(raw.Correlations[j], rawExpected[j], $"{name} raw[{j}]"));
            max = Math.Max(max, Close(raw.MeanAbsoluteCorrelation, c.GetProperty("raw").GetProperty("mean").GetDouble(), name + " raw mean"));
        }
        Report("correlations (matrix and raw)", max);
    }

    [Test]
    public void MatchingMatchesScipyLinearSumAssignment()
    {
        double max = 0;
        int unique = 0;
        foreach (var (name, x, y, c) in Cases())
        {
            var expected = c.GetProperty("matching");
            var match = Similarity.MatchDimensions(x, y);
            Assert.That(match.ActivePairs, Is.EqualTo(expected.GetProperty("active_pairs").GetInt32()), name);
            max = Math.Max(max, Close(match.MeanMatchedAbsoluteCorrelation, expected.GetProperty("mean").GetDouble(), name + " mean"));
            double total = match.MatchedCorrelations.Sum(Math.Abs);
            max = Math.Max(max, Close(total, expected.GetProperty("total").GetDouble(), name + " total"));
            Assert.That(match.Permutation.Count(j => j >= 0), Is.EqualTo(Math.Min(x.ColumnCount, y.ColumnCount)), name);
            if (!c.GetProperty("unique_matching").GetBoolean()) continue;
            unique++;
            Assert.That(match.Permutation, Is.EqualTo(ReadInts(expected.GetProperty("permutation"))), name);
            Assert.That(match.Signs, Is.EqualTo(ReadInts(expected.GetProperty("signs"))), name);
            Assert.That(match.Active, Is.EqualTo(expected.GetProperty("active").EnumerateArray().Select(v => v.GetBoolean())), name);
            var correlations = ReadDoubles(expected.GetProperty("correlations"));
            for (int i = 0; i < correlations.Length; i++)
                max = Math.Max(max, Close(match.MatchedCorrelations[i], correlations[i], $"{name} matched[{i}]"));
        }
        Assert.That(unique, Is.GreaterThanOrEqualTo(5));
        Report("matching", max);
    }

    [Test]
    public void LinearAssignmentMatchesScipy()
    {
        double max = 0;
        foreach (var a in Root().GetProperty("assignment").EnumerateArray())
        {
            var cost = ReadMatrix(a.GetProperty("cost")).ToArray();
            var assignment = LinearAssignment.Minimise(cost);
            Assert.That(assignment, Is.EqualTo(ReadInts(a.GetProperty("assignment"))), $"{cost.GetLength(0)}×{cost.GetLength(1)}");
            double total = assignment.Select((j, i) => j < 0 ? 0 : cost[i, j]).Sum();
            max = Math.Max(max, Close(total, a.GetProperty("total").GetDouble(), "total"));
        }
        Report("linear assignment total", max);
    }

    [Test]
    public void NearestNeighbourOverlapMatchesScikitLearn()
    {
        double max = 0;
        foreach (var (name, x, y, c) in Cases())
            foreach (var entry in c.GetProperty("knn").EnumerateObject())
            {
                int k = int.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture);
                max = Math.Max(max, Close(Similarity.NearestNeighbourOverlap(x, y, k), entry.Value.GetDouble(), $"{name} k = {k}"));
            }
        Report("k-NN overlap", max);
    }

    [Test]
    public void TooFewSamplesForTheNeighbourhoodIsAClearError()
    {
        var error = Root().GetProperty("knn_error");
        var x = ReadMatrix(error.GetProperty("x"));
        int k = error.GetProperty("k").GetInt32();
        Assert.That(error.GetProperty("sklearn_error").GetString(), Is.Not.Empty);
        var thrown = Assert.Throws<ArgumentOutOfRangeException>(() => Similarity.NearestNeighbourOverlap(x, x, k))!;
        Assert.That(thrown.ParamName, Is.EqualTo("neighbours"));
        Assert.That(thrown.ActualValue, Is.EqualTo(k));
        Assert.That(thrown.Message, Does.Contain($"neighbours = {k}").And.Contain($"{x.RowCount} samples"));
        Assert.That(Similarity.NearestNeighbourOverlap(x, x, x.RowCount - 1), Is.EqualTo(1.0));
    }
}
