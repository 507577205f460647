using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;
using NUnit.Framework;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Probes;

namespace Vae.Tests.InfoGeometry;

[TestFixture]
public sealed class LinearProbeTests
{
    private sealed record LogisticCase(double C, double[][] X, int[] Y, double[][] Coef, double[] Intercept, double Objective,
        double RefinedObjective, double TrainAccuracy);

    private sealed record LogisticFixture(string Sklearn, LogisticCase[] Cases);

    private static readonly Lazy<LogisticFixture> Reference = new(() => Fixtures.Load<LogisticFixture>("logistic.json"));

    [Test]
    public void RegularisedLossAtTheOptimumMatchesScikitLearn()
    {
        foreach (var c in Reference.Value.Cases)
        {
            var options = LinearProbeOptions.Default with { InverseRegularization = c.C, Standardize = false };
            var model = LinearProbe.Fit(Fixtures.Matrix(c.X), c.Y, options);
            Assert.That(model.Objective, Is.EqualTo(c.Objective).Within(1e-6 * c.Objective), $"C = {c.C}");
            Assert.That(model.Objective, Is.EqualTo(c.RefinedObjective).Within(1e-9 * c.Objective), $"C = {c.C}: the true minimum");
            Assert.That(model.Accuracy(Fixtures.Matrix(c.X), c.Y), Is.EqualTo(c.TrainAccuracy).Within(2.0 / c.Y.Length));
            var w = model.Weights;
            var reference = Fixtures.Matrix(c.Coef);
            Assert.That((w - reference).InfinityNorm(), Is.LessThan(1e-3 * (1 + reference.InfinityNorm())), "same optimum (W is unique)");
        }
    }

    [Test]
    public void AnalyticGradientMatchesFiniteDifferences()
    {
        var c = Reference.Value.Cases[0];
        var objective = new MultinomialLogisticObjective(Fixtures.Matrix(c.X), c.Y, 4, c.C);
        var rng = new Xoshiro256StarStar(41);
        var theta = Vector<double>.Build.Dense(objective.ParameterCount, _ => rng.NextDouble() - 0.5);
        var (_, gradient) = objective.Evaluate(theta);
        const double h = 1e-6;
        for (int q = 0; q < theta.Count; q++)
        {
            var plus = theta.Clone(); plus[q] += h;
            var minus = theta.Clone(); minus[q] -= h;
            double fd = (objective.Evaluate(plus).Value - objective.Evaluate(minus).Value) / (2 * h);
            Assert.That(gradient[q], Is.EqualTo(fd).Within(1e-8), $"parameter {q}");
        }
    }

    [Test]
    public void UnscaledObjectiveIsScikitLearnsFormula()
    {
        var c = Reference.Value.Cases[1];
        var x = Fixtures.Matrix(c.X);
        var w = Fixtures.Matrix(c.Coef);
        int k = w.RowCount, d = w.ColumnCount;
        var theta = Vector<double>.Build.Dense(k * (d + 1));
        for (int r = 0; r < k; r++)
        {
            for (int j = 0; j < d; j++) theta[r * d + j] = w[r, j];
            theta[k * d + r] = c.Intercept[r];
        }
        var objective = new MultinomialLogisticObjective(x, c.Y, k, c.C);
        Assert.That(objective.Unscaled(objective.Evaluate(theta).Value), Is.EqualTo(c.Objective).Within(1e-11 * c.Objective));
    }

    [Test]
    public void PredictionsAndProbabilitiesAreConsistent()
    {
        var c = Reference.Value.Cases[2];
        var x = Fixtures.Matrix(c.X);
        var model = LinearProbe.Fit(x, c.Y);
        var p = model.PredictProbabilities(x);
        var predicted = model.Predict(x);
        for (int i = 0; i < x.RowCount; i++)
        {
            Assert.That(p.Row(i).Sum(), Is.EqualTo(1.0).Within(1e-14));
            Assert.That(model.Classes[p.Row(i).MaximumIndex()], Is.EqualTo(predicted[i]));
        }
    }

    [Test]
    public void StandardisationDoesNotChangeAnUnregularisedSeparationMuch()
    {
        var c = Reference.Value.Cases[0];
        var x = Fixtures.Matrix(c.X);
        var raw = LinearProbe.Fit(x, c.Y, LinearProbeOptions.Default with { Standardize = false, InverseRegularization = 1e4 });
        var scaled = LinearProbe.Fit(x * 1000.0, c.Y, LinearProbeOptions.Default with { Standardize = true, InverseRegularization = 1e4 });
        Assert.That(scaled.Accuracy(x * 1000.0, c.Y), Is.EqualTo(raw.Accuracy(x, c.Y)).Within(0.01));
    }

    [Test]
    public void HeldOutEvaluationOnSeparableLatentsIsAccurateAndReproducible()
    {
        // Three well-separated Gaussian clusters of posterior means, with variances that encode the class as well.
        var rng = new Xoshiro256StarStar(42);
        int n = 600, k = 4;
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var means = Matrix<double>.Build.Dense(n, k, (i, j) => 3.0 * (labels[i] == j ? 1 : 0) + Normal(rng));
        var logVar = Matrix<double>.Build.Dense(n, k, (i, j) => -1.0 - 0.5 * labels[i] + 0.1 * Normal(rng));
        var posteriors = DiagonalNormalBatch.FromMeanLogVariance(means, logVar);
        var options = LinearProbeOptions.Default with { Seed = 5 };
        var result = LinearProbe.EvaluateFeatureSets(posteriors, labels, options);
        Assert.That(result.Mean.TestAccuracy, Is.GreaterThan(0.9));
        Assert.That(result.MeanVariance.TestAccuracy, Is.GreaterThanOrEqualTo(result.Mean.TestAccuracy), "variances carry the label too");
        Assert.That(result.MeanVariance.TestAccuracy, Is.GreaterThan(0.97));
        Assert.That(result.Sampled.TestAccuracy, Is.GreaterThan(0.8));
        Assert.That(result.Mean.TestCount, Is.EqualTo(120));
        Assert.That(result.Mean.TrainCount, Is.EqualTo(480));
        // Same seed, same split and draw: the same accuracies; objectives to rounding (MKL kernels may depend on alignment).
        var again = LinearProbe.EvaluateFeatureSets(posteriors, labels, options);
        foreach (var (first, second) in new[] { (result.Mean, again.Mean), (result.MeanVariance, again.MeanVariance), (result.Sampled, again.Sampled) })
        {
            Assert.That(second with { Objective = first.Objective }, Is.EqualTo(first));
            Assert.That(second.Objective, Is.EqualTo(first.Objective).Within(1e-12 * first.Objective));
        }
        Assert.That(ProbeFeatures.Build(posteriors, ProbeFeatureSet.MeanVariance).ColumnCount, Is.EqualTo(2 * k));
    }

    private static double Normal(Random rng) => MathNet.Numerics.Distributions.Normal.Sample(rng, 0, 1);

    [Test]
    public void BadInputIsRejected()
    {
        var x = Matrix<double>.Build.Dense(4, 2, 1.0);
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, new[] { 0, 1, 0 }));
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, new[] { 0, 0, 0, 0 }));
        Assert.Throws<ArgumentException>(() => LinearProbe.Fit(x, new[] { 0, 1, -1, 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => LinearProbe.Fit(x, new[] { 0, 1, 0, 1 }, LinearProbeOptions.Default with { InverseRegularization = 0 }));
        Assert.Throws<ArgumentException>(() => LinearProbe.Evaluate(x, new[] { 0, 1, 0, 1 }, ProbeFeatureSet.Mean, LinearProbeOptions.Default with { TestFraction = 0.05 }));
    }

    [Test]
    public void TrackerRecordsEpochsInOrderAndImprovesAsClassesSeparate()
    {
        var rng = new Xoshiro256StarStar(43);
        int n = 300;
        var labels = Enumerable.Range(0, n).Select(i => i % 3).ToArray();
        var noise = Matrix<double>.Build.Dense(n, 3, (_, _) => Normal(rng));
        var tracker = new ProbeTracker(labels, LinearProbeOptions.Default with { Seed = 1 });
        foreach (int epoch in new[] { 1, 2, 5 })
        {
            // As "training" proceeds the class signal in the means grows relative to the noise.
            var means = Matrix<double>.Build.Dense(n, 3, (i, j) => 0.4 * epoch * (labels[i] == j ? 1 : 0) + noise[i, j]);
            tracker.Observe(epoch, DiagonalNormalBatch.FromMeanStdDev(means, Matrix<double>.Build.Dense(n, 3, 0.5)));
        }
        var history = tracker.History;
        Assert.That(history.Select(h => h.Epoch), Is.EqualTo(new[] { 1, 2, 5 }));
        Assert.That(history[2].Accuracies.Mean.TestAccuracy, Is.GreaterThan(history[0].Accuracies.Mean.TestAccuracy));
        Assert.Throws<ArgumentException>(() => tracker.Observe(5, DiagonalNormalBatch.FromMeanStdDev(noise, Matrix<double>.Build.Dense(n, 3, 0.5))));
        var file = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"probe-{Guid.NewGuid():N}.csv");
        try
        {
            tracker.WriteCsv(file);
            var lines = File.ReadAllLines(file);
            Assert.That(lines[0], Is.EqualTo("epoch,mean,mean_var,sampled"));
            Assert.That(lines[3], Does.StartWith("5,"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}
