using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.Core.Decomposition;
using Vae.InfoGeometry.Decomposition;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class PcaTests
{
    private sealed record PcaFixture(
        double[][] X, double[] Mean, double[] ExplainedVariance, double[] ExplainedVarianceRatio, double[] SingularValues,
        double[][] Components, double[][] TransformFirstRows, double Epsilon, int ActiveUnitsPca, double[] DimensionVariances,
        int ActiveUnitsVariance);

    private static readonly Lazy<PcaFixture> Reference = new(() => Fixtures.Load<PcaFixture>("pca.json"));

    [Test]
    public void MatchesScikitLearn()
    {
        var f = Reference.Value;
        var model = Pca.Fit(Fixtures.Matrix(f.X));
        Assert.That(model.ComponentCount, Is.EqualTo(12));
        for (int c = 0; c < 12; c++)
        {
            Assert.That(model.ExplainedVariance[c], Is.EqualTo(f.ExplainedVariance[c]).Within(1e-10 * f.ExplainedVariance[c]), $"eigenvalue {c}");
            Assert.That(model.ExplainedVarianceRatio[c], Is.EqualTo(f.ExplainedVarianceRatio[c]).Within(1e-10 * f.ExplainedVarianceRatio[c]), $"ratio {c}");
            Assert.That(model.SingularValues[c], Is.EqualTo(f.SingularValues[c]).Within(1e-10 * f.SingularValues[c]), $"singular value {c}");
            var ours = model.Components.Row(c);
            var theirs = Vector<double>.Build.DenseOfArray(f.Components[c]);
            double sign = Math.Sign(ours * theirs);
            Assert.That((ours - sign * theirs).InfinityNorm(), Is.LessThan(1e-8), $"component {c} up to sign");
        }
        Assert.That((model.Mean - Vector<double>.Build.DenseOfArray(f.Mean)).InfinityNorm(), Is.LessThan(1e-13));
    }

    [Test]
    public void ComponentsFollowTheStatedSignConventionAndAreOrthonormal()
    {
        var model = Pca.Fit(Fixtures.Matrix(Reference.Value.X));
        var v = model.Components;
        Assert.That((v * v.Transpose() - Matrix<double>.Build.DenseIdentity(v.RowCount)).InfinityNorm(), Is.LessThan(1e-12));
        for (int c = 0; c < v.RowCount; c++)
        {
            var row = v.Row(c);
            Assert.That(row[row.AbsoluteMaximumIndex()], Is.GreaterThan(0), $"largest |entry| of component {c} is positive");
        }
    }

    [Test]
    public void TransformMatchesScikitLearnUpToComponentSignsAndInverts()
    {
        var f = Reference.Value;
        var x = Fixtures.Matrix(f.X);
        var model = Pca.Fit(x);
        var scores = model.Transform(x);
        var reference = Fixtures.Matrix(f.TransformFirstRows);
        for (int c = 0; c < 12; c++)
        {
            double sign = Math.Sign(model.Components.Row(c) * Vector<double>.Build.DenseOfArray(f.Components[c]));
            for (int i = 0; i < reference.RowCount; i++)
                Assert.That(scores[i, c], Is.EqualTo(sign * reference[i, c]).Within(1e-9 * (1 + Math.Abs(reference[i, c]))));
        }
        Assert.That((model.InverseTransform(scores) - x).InfinityNorm(), Is.LessThan(1e-11));
        // The scores have zero mean and variances equal to the eigenvalues.
        var covariance = scores.TransposeThisAndMultiply(scores) / (scores.RowCount - 1);
        for (int c = 0; c < 12; c++)
            Assert.That(covariance[c, c], Is.EqualTo(model.ExplainedVariance[c]).Within(1e-10 * model.ExplainedVariance[c] + 1e-15));
    }

    [Test]
    public void ActiveUnitsMatchTheFixtureCounts()
    {
        var f = Reference.Value;
        var report = ActiveUnits.Measure(Fixtures.Matrix(f.X), f.Epsilon);
        Assert.That(report.PcaCount, Is.EqualTo(f.ActiveUnitsPca));
        Assert.That(report.VarianceCount, Is.EqualTo(f.ActiveUnitsVariance));
        Assert.That(report.PcaCount, Is.Not.EqualTo(report.VarianceCount), "the fixture is built so that the two notions differ");
        for (int j = 0; j < f.DimensionVariances.Length; j++)
            Assert.That(report.DimensionVariances[j], Is.EqualTo(f.DimensionVariances[j]).Within(1e-12 * f.DimensionVariances[j]));
        Assert.That(report.PcaEigenvalues.Sum(), Is.EqualTo(f.DimensionVariances.Sum()).Within(1e-10), "trace of the covariance");
        var again = new ActiveUnitsReport(report.Epsilon, report.PcaCount, report.VarianceCount, report.PcaEigenvalues.ToArray(), report.DimensionVariances.ToArray());
        Assert.That(again, Is.EqualTo(report), "content equality: fresh lists with the same values");
        Assert.That(again.GetHashCode(), Is.EqualTo(report.GetHashCode()));
        Assert.That(again with { DimensionVariances = again.DimensionVariances.Select(v => v * 2).ToArray() }, Is.Not.EqualTo(report));
    }

    [Test]
    public void TruncatedFitKeepsTheLeadingComponentsAndTheTotalVariance()
    {
        var x = Fixtures.Matrix(Reference.Value.X);
        var full = Pca.Fit(x);
        var three = Pca.Fit(x, PcaOptions.Default with { ComponentCount = 3 });
        Assert.That(three.ComponentCount, Is.EqualTo(3));
        Assert.That(three.Transform(x).ColumnCount, Is.EqualTo(3));
        for (int c = 0; c < 3; c++)
            Assert.That(three.ExplainedVarianceRatio[c], Is.EqualTo(full.ExplainedVarianceRatio[c]).Within(1e-14));
        Assert.That(three.TotalVariance, Is.EqualTo(full.TotalVariance).Within(1e-12 * full.TotalVariance));
    }

    [Test]
    public void FewerSamplesThanFeatures()
    {
        var rng = new Xoshiro256StarStar(31);
        var x = Matrix<double>.Build.Random(5, 9, new MathNet.Numerics.Distributions.Normal(0, 1, rng));
        var model = Pca.Fit(x);
        Assert.That(model.ComponentCount, Is.EqualTo(5));
        Assert.That(model.ExplainedVariance[4], Is.LessThan(1e-12), "5 centred samples span at most 4 directions");
        var covariance = (x - Matrix<double>.Build.Dense(5, 9, (_, j) => model.Mean[j]));
        var eig = (covariance.TransposeThisAndMultiply(covariance) / 4).Evd().EigenValues.Select(e => e.Real).OrderDescending().ToArray();
        for (int c = 0; c < 4; c++)
            Assert.That(model.ExplainedVariance[c], Is.EqualTo(eig[c]).Within(1e-10 * eig[0]));
    }

    [Test]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>(() => Pca.Fit(Matrix<double>.Build.Dense(1, 3)));
        var nan = Matrix<double>.Build.Dense(3, 2);
        nan[1, 1] = double.NaN;
        Assert.Throws<ArgumentException>(() => Pca.Fit(nan));
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Pca.Fit(Matrix<double>.Build.Dense(4, 2), PcaOptions.Default with { ComponentCount = 3 }));
        Assert.That(e!.Message, Does.Contain("ComponentCount=3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ActiveUnits.Measure(Matrix<double>.Build.Dense(4, 2), -1));
        var model = Pca.Fit(Matrix<double>.Build.Dense(4, 2, (i, j) => i * (j + 1) + j));
        Assert.Throws<ArgumentException>(() => model.Transform(Matrix<double>.Build.Dense(2, 3)));
    }
}
