using System.Collections;
using NUnit.Framework;
using Vae.Core.Models;
using Vae.Core.Training;
using Vae.Tests.Api;

namespace Vae.Tests.Reliability;

/// <summary>
/// Records that say immutable are immutable (issue 15): every public record property of list type copies the list it is
/// given — through the constructor, <c>with</c> and F#'s copy-constructor form alike (all go through the <c>init</c>
/// accessor) — so a caller who later writes into their array changes neither the record nor its hash (records are
/// used as dictionary keys). Checked by reflection over every public record of the library assemblies.
/// </summary>
[TestFixture]
public sealed class RecordListCopyTests
{
    [Test]
    public void Every_list_property_of_every_public_record_copies_the_callers_list()
    {
        var failures = new List<string>();
        int checkedProperties = 0;
        var unsampled = new List<string>();
        foreach (var type in PublicRecords.All().Where(t => !t.IsAbstract && t != typeof(TrainingResult)))
        {
            var lists = PublicRecords.SettableProperties(type).Where(p => p.SetMethod!.DeclaringType == p.DeclaringType && IsList(p.PropertyType)).ToArray();
            if (lists.Length == 0) continue;
            object record;
            try { record = SampleValues.Create(type, 1, type.Name); }
            catch (Exception e) when (e is System.Reflection.TargetException or System.Reflection.TargetInvocationException or MemberAccessException)
            {
                unsampled.Add(type.Name);
                continue;
            }
            var clone = type.GetMethod("<Clone>$")!;
            foreach (var property in lists)
            {
                var copy = clone.Invoke(record, null)!;
                if (!property.DeclaringType!.IsInstanceOfType(copy)) throw new InvalidOperationException($"{type.Name}: sample is {record.GetType().Name}, clone {copy.GetType().Name}, property of {property.DeclaringType.Name}");
                var given = (Array)SampleValues.Create(property.PropertyType, 1, $"{type.Name}.{property.Name}");
                var snapshot = given.Cast<object?>().ToArray();
                property.SetValue(copy, given);
                int hash = copy.GetHashCode();
                given.SetValue(SampleValues.Create(given.GetType().GetElementType()!, 7, "changed"), 0); // the caller writes into its array
                checkedProperties++;
                var held = (IEnumerable)property.GetValue(copy)!;
                if (ReferenceEquals(held, given)) failures.Add($"{type.Name}.{property.Name} keeps the caller's array.");
                else if (!SampleValues.ContentEquals(held.Cast<object?>().ToArray(), snapshot)) failures.Add($"{type.Name}.{property.Name} changed when the caller's array changed.");
                else if (copy.GetHashCode() != hash) failures.Add($"{type.Name}: hash code changed when the caller's {property.Name} array changed.");
                if (held is IList { IsReadOnly: false }) failures.Add($"{type.Name}.{property.Name} hands out a writable list ({held.GetType().Name}).");
            }
        }
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        // Result records holding a matrix or a model that reflection cannot build; their list members are checked by hand below.
        Assert.That(unsampled, Is.SubsetOf(UnsampledResults), "a record this test cannot build: add it to the hand-written checks");
        Assert.That(checkedProperties, Is.GreaterThanOrEqualTo(30), "the reflection found the list properties");
        TestContext.Out.WriteLine($"{checkedProperties} list properties checked");
    }

    [Test]
    public void Training_results_copy_their_epoch_list()
    {
        using var model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([2], [4], 2), 0);
        var epochs = new[] { new EpochSummary(1, 2.0, 3.0, null, null, 0.5, 1.0, 10, "") };
        var result = new TrainingResult(model, epochs);
        epochs[0] = epochs[0] with { Epoch = 9 };
        Assert.That(result.Epochs[0].Epoch, Is.EqualTo(1));
        Assert.That(result.Epochs, Is.Not.SameAs(epochs));
    }

    private static readonly string[] UnsampledResults = ["SpectrumReport", "MaskedMatrices", "GaussianMixtureModel", "ReplicaInvarianceReport", "MissingDataImputation"];

    [Test]
    public void Spectrum_reports_and_masked_matrices_copy_their_lists()
    {
        int[] labels = [0, 1];
        var prediction = new Vae.Quantum.Spectrum.PsiPrediction([0.1, 0.2], [0.3, 0.4], [1.0, 2.0], [0.5, 0.6], [1, 2]);
        var report = new Vae.Quantum.Spectrum.SpectrumReport([], 0.5, labels, MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 1), prediction,
            [1.0], Vae.Quantum.Spectrum.PsiNetworkOptions.Default);
        labels[0] = 7;
        Assert.That(report.Labels[0], Is.EqualTo(0));

        int[] mixtureLabels = [0, 1];
        double[] weights = [0.25, 0.75];
        var mixture = new Vae.Core.Metrics.GaussianMixtureModel(mixtureLabels, weights, MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(2, 1),
            [MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(1)], -1.0, 3, true);
        mixtureLabels[0] = 5;
        weights[1] = 9;
        Assert.That((mixture.Labels[0], mixture.Weights[1]), Is.EqualTo((0, 0.75)), "GaussianMixtureModel copies its lists");

        double[] changes = [0.5, 0.25];
        var imputation = new Vae.Fluids.Learning.MissingDataImputation(new Vae.Fluids.Data.DistanceMatrixSet([0f, 1f, 1f, 0f], 1, 2), 2, changes);
        changes[1] = 9;
        Assert.That(imputation.ChangePerIteration, Is.EqualTo(new[] { 0.5, 0.25 }), "MissingDataImputation copies its list");
        Assert.That(imputation.ChangePerIteration, Is.Not.SameAs(changes));
    }

    private static bool IsList(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>);
}
