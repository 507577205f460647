using System.Collections.ObjectModel;
using NUnit.Framework;
using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Fluids.Sampling;
using Vae.Plotting.Axes;
using Vae.Plotting.Plots;
using Vae.Quantum.Spectrum;
using Vae.Quantum.Validation;
using Vae.Reproduce.QuantumPaper;

namespace Vae.Tests.Api;

/// <summary>
/// Option and data records are equal when their content is: list members compare element by element (a record
/// alone compares a list by reference). Checked by reflection for every options/plot record and the data records
/// they hold, property by property.
/// </summary>
[TestFixture]
public sealed class RecordEqualityTests
{
    /// <summary>Data records whose identity is their content (besides every record with a public copy constructor).</summary>
    private static readonly Type[] DataRecords =
    [
        typeof(LineSeries), typeof(BarSeries), typeof(ImageGridRow), typeof(GrayImage), typeof(HistogramBins),
        typeof(HistogramCounts), typeof(TickSet), typeof(AxisRange), typeof(ParticleConfiguration), typeof(ConvolutionSpec),
    ];

    private static IEnumerable<Type> ContentRecords() =>
        PublicRecords.All().Where(t => !t.IsAbstract && PublicRecords.PublicCopyConstructor(t) is not null).Concat(DataRecords);

    [Test]
    public void RecordsBuiltFromEqualContentInFreshListsAreEqualWithEqualHashes()
    {
        var failures = new List<string>();
        foreach (var type in ContentRecords())
        {
            object a = SampleValues.Create(type, 1, type.Name), b = SampleValues.Create(type, 1, type.Name);
            if (!a.Equals(b) || !b.Equals(a)) failures.Add($"{type.Name}: two instances with the same content are not equal.");
            else if (a.GetHashCode() != b.GetHashCode()) failures.Add($"{type.Name}: equal instances have different hash codes.");
            if (a.Equals(SampleValues.Create(type, 2, type.Name))) failures.Add($"{type.Name}: instances with different content are equal.");
            if (a.Equals(null)) failures.Add($"{type.Name}: equals null.");
        }
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
    }

    [Test]
    public void ChangingAnyOnePropertyBreaksEquality()
    {
        var failures = new List<string>();
        int checkedProperties = 0;
        foreach (var type in ContentRecords())
        {
            var original = SampleValues.Create(type, 1, type.Name);
            var same = PublicRecords.CloneLikeWith(original);
            if (!original.Equals(same) || original.GetHashCode() != same.GetHashCode())
                failures.Add($"{type.Name}: a copy is not equal to its original, or hashes differently.");
            foreach (var property in PublicRecords.SettableProperties(type))
            {
                var current = property.GetValue(original);
                var other = Enumerable.Range(1, 4)
                    .Select(k => SampleValues.Create(property.PropertyType, k, $"{type.Name}.{property.Name}"))
                    .First(v => !SampleValues.ContentEquals(v, current));
                var changed = PublicRecords.CloneLikeWith(original);
                property.SetValue(changed, other);
                checkedProperties++;
                if (original.Equals(changed) || changed.Equals(original))
                    failures.Add($"{type.Name}.{property.Name}: changing it leaves the record equal (Equals ignores it).");
            }
        }
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        Assert.That(checkedProperties, Is.GreaterThan(150));
    }

    [Test]
    public void ListMembersCompareByContentWhateverTheListType()
    {
        var fromArray = new MakeClassificationOptions { Weights = [0.25, 0.75] };
        var fromList = new MakeClassificationOptions { Weights = new List<double> { 0.25, 0.75 } };
        Assert.That(fromArray, Is.EqualTo(fromList));
        Assert.That(fromArray.GetHashCode(), Is.EqualTo(fromList.GetHashCode()));
        Assert.That(fromArray == (fromList with { Weights = new ReadOnlyCollection<double>([0.25, 0.75]) }), Is.True);
        Assert.That(fromArray, Is.Not.EqualTo(fromArray with { Weights = [0.75, 0.25] }));

        // Defaults with non-empty lists: two default instances hold different list objects but are equal.
        Assert.That(new PsiNetworkOptions(), Is.EqualTo(PsiNetworkOptions.Default));
        Assert.That(new ValidationOptions(), Is.EqualTo(ValidationOptions.Default));
        Assert.That(new Figure2Options { Psi = new PsiNetworkOptions() }, Is.EqualTo(Figure2Options.Default));
        Assert.That(new HashSet<ValidationOptions> { new(), new(), ValidationOptions.Default }, Has.Count.EqualTo(1));
    }

    [Test]
    public void PlotDescriptionsWithTheSameDataAreEqual()
    {
        static LinePlot Loss() => new()
        {
            Title = "loss",
            Series = [LineSeries.FromValues("train", [3.0, 2.0, 1.5]), new LineSeries("test", [0, 1, 2], [3.5, 2.5, 2.0])],
        };
        LinePlot first = Loss(), second = Loss();
        Assert.That(first, Is.EqualTo(second));
        Assert.That(Loss() with { Colors = ["#000000"] }, Is.Not.EqualTo(Loss()));
        Assert.That(Loss() with { Title = "elbo" }, Is.Not.EqualTo(Loss()));
        var values = new double[,] { { 0, 1 }, { 1, 0 } };
        Heatmap heatmap = Heatmap.FromArray(values), again = Heatmap.FromArray(values);
        Assert.That(heatmap, Is.EqualTo(again));
        Assert.That(Heatmap.FromArray(values), Is.Not.EqualTo(Heatmap.FromArray(new double[,] { { 0, 1 }, { 1, 1 } })));
        Assert.That(HistogramBins.FromEdges([0, 1, 2]), Is.EqualTo(HistogramBins.FromEdges([0.0, 1.0, 2.0])));
        // Different kinds of plot never compare equal, even with equal shared members.
        Assert.That(new LinePlot().Equals(new ScatterPlot()), Is.False);
    }
}
