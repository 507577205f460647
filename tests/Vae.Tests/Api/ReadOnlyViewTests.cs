using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Training;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Spectrum;

namespace Vae.Tests.Api;

/// <summary>
/// Lists the library creates and hands out behind <see cref="IReadOnlyList{T}"/> are read-only views, not raw arrays
/// or <see cref="List{T}"/>s a caller could downcast and mutate (changing a result or options record others share).
/// </summary>
[TestFixture]
public sealed class ReadOnlyViewTests
{
    [Test]
    public void HistogramCountsCannotBeDowncastToArrays()
    {
        foreach (var plot in new[]
                 {
                     new HistogramPlot { Values = [0.1, 0.4, 0.5, 0.9, 1.3] },
                     new HistogramPlot { Values = [0.1, 0.4, 0.5], Bins = HistogramBins.FromEdges([0, 0.5, 1]) },
                 })
        {
            var counts = plot.Compute();
            AssertReadOnly(counts.Edges, "HistogramCounts.Edges");
            AssertReadOnly(counts.Counts, "HistogramCounts.Counts");
            Assert.That(counts.Counts.Sum(), Is.EqualTo(plot.Values.Count), "the view shows the counts");
        }
        AssertReadOnly(HistogramBins.FromEdges([0, 1, 2]).Edges, "HistogramBins.Edges");
    }

    [TestCase(0.0, 10.0, 6)]
    [TestCase(-0.003, 0.0041, 5)]
    public void LinearTicksCannotBeDowncast(double minimum, double maximum, int target)
    {
        var ticks = Ticks.Linear(minimum, maximum, target);
        AssertReadOnly(ticks.Values, "TickSet.Values");
        AssertReadOnly(ticks.Labels, "TickSet.Labels");
        Assert.That(ticks.Values, Is.Ordered.Ascending);
    }

    [TestCase(1.0, 1e6, 4)]
    [TestCase(2.0, 30.0, 6)]
    public void LogarithmicTicksCannotBeDowncast(double minimum, double maximum, int target)
    {
        var ticks = Ticks.Logarithmic(minimum, maximum, target);
        AssertReadOnly(ticks.Values, "TickSet.Values");
        AssertReadOnly(ticks.Labels, "TickSet.Labels");
        Assert.That(ticks.Labels, Has.Count.EqualTo(ticks.Values.Count));
    }

    [Test]
    public void PlotFactoriesHandOutReadOnlyLists()
    {
        var heatmap = Heatmap.FromArray(new double[,] { { 0, 1 }, { 2, 3 } });
        AssertReadOnly(heatmap.Values, "Heatmap.Values");
        foreach (var row in heatmap.Values) AssertReadOnly(row, "Heatmap.Values[i]");
        Assert.That(heatmap.Values[1], Is.EqualTo(new[] { 2.0, 3.0 }));
        var series = LineSeries.FromValues("loss", [3.0, 2.0]);
        AssertReadOnly(series.X, "LineSeries.X");
        AssertReadOnly(series.Y, "LineSeries.Y");
    }

    [Test]
    public void ArchitecturesFromFactoriesAndJsonHoldReadOnlyLists()
    {
        var mlp = VaeArchitecture.Mlp([1, 4, 4], [8], 2);
        var convolutional = VaeArchitecture.Convolutional([1, 8, 8], [new ConvolutionSpec(4, 3, 2, 1)], [6], 2);
        foreach (var architecture in new[] { mlp, convolutional, VaeArchitecture.FromJson(convolutional.ToJson()) })
        {
            AssertReadOnly(architecture.InputShape, "VaeArchitecture.InputShape");
            AssertReadOnly(architecture.HiddenSizes, "VaeArchitecture.HiddenSizes");
            AssertReadOnly(architecture.Convolutions, "VaeArchitecture.Convolutions");
        }
        Assert.That(VaeArchitecture.FromJson(convolutional.ToJson()), Is.EqualTo(convolutional));
    }

    [Test]
    public void TrainingAndLikelihoodResultsHoldReadOnlyLists()
    {
        var random = new Random(4);
        var features = Enumerable.Range(0, 40 * 6).Select(_ => (float)random.NextDouble()).ToArray();
        var data = Dataset.Create("uniform", features, new int[40], [6]);
        var result = VaeTrainer.Train(VaeArchitecture.Mlp([6], [5], 2), data, null,
            TrainingOptions.Default with { Epochs = 2, BatchSize = 10, Seed = 1 });
        AssertReadOnly(result.Epochs, "TrainingResult.Epochs");
        Assert.That(result.Epochs, Has.Count.EqualTo(2));
        var estimate = ImportanceSampledLogLikelihood.Estimate(result.Model, data, samples: 4, seed: 2);
        AssertReadOnly(estimate.PerSample, "LogLikelihoodEstimate.PerSample");
        Assert.That(estimate.PerSample.Average(), Is.EqualTo(estimate.Mean).Within(1e-12));
    }

    [Test]
    public void ModelInputShapeIsAReadOnlyCopy()
    {
        using var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([1, 2, 3], [4], 2), 0);
        var shape = model.InputShape;
        AssertReadOnly(shape, "VariationalAutoencoder.InputShape");
        Assert.That(shape, Is.EqualTo(new[] { 1, 2, 3 }));
        Assert.That(model.InputShape, Is.Not.SameAs(shape), "a fresh copy each time");
        AssertReadOnly(model.Architecture.InputShape, "VariationalAutoencoder.Architecture.InputShape");
    }

    [Test]
    public void SpectrumReportHoldsReadOnlyLists()
    {
        var latent = Matrix<double>.Build.Dense(30, 2, (i, j) => (i % 2 == 0 ? 1.5 : -1.5) + 0.01 * (i + j));
        var labels = Enumerable.Range(0, 30).Select(i => i % 2).ToArray();
        var report = SpectrumAnalysis.Analyze(latent, labels, PsiNetworkOptions.Default with { Epochs = 2, Minima = 2 });
        AssertReadOnly(report.Clusters, "SpectrumReport.Clusters");
        AssertReadOnly(report.Labels, "SpectrumReport.Labels");
        AssertReadOnly(report.TrainingLoss, "SpectrumReport.TrainingLoss");
        Assert.That(report.Labels, Is.EqualTo(labels));
    }

    /// <summary>The downcast a caller could try fails: neither a (non-empty) array nor a List, and read-only as a
    /// collection. An empty array (C#'s <c>[]</c> for an <see cref="IReadOnlyList{T}"/>) has nothing to write.</summary>
    private static void AssertReadOnly<T>(IReadOnlyList<T> list, string what)
    {
        Assert.That(list is T[] { Length: > 0 }, Is.False, $"{what} is a raw array");
        Assert.That(list, Is.Not.InstanceOf<List<T>>(), $"{what} is a List");
        Assert.That(list is ICollection<T> { IsReadOnly: false, Count: > 0 }, Is.False, $"{what} is a writable collection");
    }
}
