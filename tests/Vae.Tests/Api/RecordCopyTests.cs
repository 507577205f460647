using NUnit.Framework;
using Vae.Core.Models.Objectives;
using Vae.Plotting;
using Vae.Plotting.Plots;

namespace Vae.Tests.Api;

/// <summary>
/// The hand-written copy constructors of the options and plot records (F#'s copy-and-update, and what C#'s
/// <c>with</c> calls): a constructor that forgot a property would silently break <c>with</c>, so every one is checked
/// by reflection against every property and field of its record.
/// </summary>
[TestFixture]
public sealed class RecordCopyTests
{
    /// <summary>Records the copy test must find (it covers more: every public record with a public copy constructor).</summary>
    private static readonly string[] KnownCopyable =
    [
        "MetropolisOptions", "TrainingOptions", "AdamOptions", "MakeClassificationOptions", "ElboLoss", "RenyiBound",
        "BetaSchedule", "VaeArchitecture", "EquilibrationOptions", "PcaOptions", "LinearProbeOptions", "PsiNetworkOptions",
        "Figure2Options", "QuadratureOptions", "ValidationOptions", "InterpolationOptions", "GeodesicShootingOptions",
        "FluidVaeOptions", "AnomalyFamilyOptions", "Axis", "LinePlot", "ScatterPlot", "HistogramPlot", "BarChart",
        "Heatmap", "ImageGrid",
    ];

    [Test]
    public void CopyConstructorAndWithCopyEveryPropertyAndField()
    {
        var types = PublicRecords.All().Where(t => !t.IsAbstract && PublicRecords.PublicCopyConstructor(t) is not null).ToArray();
        Assert.That(types.Select(t => t.Name), Is.SupersetOf(KnownCopyable));
        var failures = new List<string>();
        var inheritedChecked = new HashSet<string>();
        foreach (var type in types)
        {
            var original = NonDefaultInstance(type, failures);
            if (original is null) continue;
            var copies = new[]
            {
                ("copy constructor", PublicRecords.PublicCopyConstructor(type)!.Invoke([original])),
                ("with (<Clone>$)", PublicRecords.CloneLikeWith(original)),
            };
            foreach (var (how, copy) in copies)
            {
                if (copy.GetType() != type) failures.Add($"{type.Name}: {how} made a {copy.GetType().Name}.");
                if (ReferenceEquals(copy, original)) failures.Add($"{type.Name}: {how} returned the original.");
                foreach (var property in PublicRecords.ReadableProperties(type))
                {
                    object? expected = property.GetValue(original), actual = property.GetValue(copy);
                    if (!SampleValues.ContentEquals(expected, actual))
                        failures.Add($"{type.Name}.{property.Name}: {how} gives {Describe(actual)} instead of {Describe(expected)}.");
                    if (property.DeclaringType != type) inheritedChecked.Add($"{property.DeclaringType!.Name}.{property.Name}");
                }
                foreach (var field in PublicRecords.InstanceFields(type))
                    if (!SampleValues.ContentEquals(field.GetValue(original), field.GetValue(copy)))
                        failures.Add($"{type.Name}: field {field.DeclaringType!.Name}.{field.Name} differs after {how}.");
            }
        }
        Assert.That(failures, Is.Empty, string.Join(Environment.NewLine, failures));
        // Derived records (plots, objectives) had their base-record properties set and compared too.
        Assert.That(inheritedChecked, Is.SupersetOf(new[] { "Plot.Title", "ChartPlot.Width", "ChartPlot.Height", "ChartPlot.Colors", "VaeObjective.Samples" }));
    }

    [Test]
    public void EveryRecordBuiltFromPropertiesHasAPublicCopyConstructor()
    {
        // A public record with a public parameterless constructor and settable properties is built by named
        // properties (options, plot descriptions); F# can copy-and-update it only through a public copy constructor.
        var propertyBuilt = PublicRecords.All()
            .Where(t => !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null && PublicRecords.SettableProperties(t).Count > 0)
            .ToArray();
        Assert.That(propertyBuilt.Select(t => t.Name), Is.SupersetOf(KnownCopyable));
        var missing = propertyBuilt.Where(t => PublicRecords.PublicCopyConstructor(t) is null).Select(t => t.FullName).ToArray();
        Assert.That(missing, Is.Empty, "These records need a public copy constructor X(X original) copying every property: " + string.Join(", ", missing));
        var settable = propertyBuilt.SelectMany(t => PublicRecords.SettableProperties(t).Where(p => !PublicRecords.IsInitOnly(p)).Select(p => $"{t.Name}.{p.Name}")).ToArray();
        Assert.That(settable, Is.Empty, "Record properties must be init-only, not settable: " + string.Join(", ", settable));
    }

    [Test]
    public void DerivedRecordCopiesKeepTheBaseRecordProperties()
    {
        var line = new LinePlot { Title = "loss", Width = 300, Height = 200, Colors = ["#000000"], ShowMarkers = false };
        var marked = line with { ShowMarkers = true };
        Assert.That((marked.Title, marked.Width, marked.Height, marked.Colors, marked.ShowMarkers),
            Is.EqualTo((line.Title, line.Width, line.Height, line.Colors, true)));
        var retitled = new LinePlot(line) { Title = "elbo" };
        Assert.That((retitled.Title, retitled.Width, retitled.Colors), Is.EqualTo(("elbo", 300.0, line.Colors)));

        var bound = RenyiBound.WithAlpha(0.5, 5);
        var iwae = bound with { Alpha = 0 };
        Assert.That((iwae.Alpha, iwae.Samples), Is.EqualTo((0.0, 5)));
        VaeObjective objective = new ElboLoss { Samples = 3, AnalyticKl = false };
        var copy = objective with { Samples = 4 };
        Assert.That(copy, Is.InstanceOf<ElboLoss>());
        Assert.That(((ElboLoss)copy).AnalyticKl, Is.False);
        Plot plot = new ImageGrid { Title = "digits", Gap = 9 };
        Assert.That(((ImageGrid)(plot with { Title = "codes" })).Gap, Is.EqualTo(9));
    }

    [Test]
    public void CopyConstructorRejectsNull()
    {
        var e = Assert.Throws<ArgumentNullException>(() => _ = new LinePlot(null!));
        Assert.That(e!.ParamName, Is.EqualTo("original"));
    }

    /// <summary>An instance with every settable property set to a value different from its default; null (and a
    /// failure) when a property cannot be given one.</summary>
    private static object? NonDefaultInstance(Type type, List<string> failures)
    {
        if (type.GetConstructor(Type.EmptyTypes) is not { } parameterless)
        {
            failures.Add($"{type.Name} has a public copy constructor but no public parameterless constructor; extend the test to build it.");
            return null;
        }
        var defaults = parameterless.Invoke(null);
        var instance = parameterless.Invoke(null);
        foreach (var property in PublicRecords.SettableProperties(type))
        {
            var current = property.GetValue(defaults);
            var value = Enumerable.Range(1, 4)
                .Select(k => SampleValues.Create(property.PropertyType, k, $"{type.Name}.{property.Name}"))
                .FirstOrDefault(v => !SampleValues.ContentEquals(v, current));
            if (value is null)
            {
                failures.Add($"{type.Name}.{property.Name}: no generated value differs from the default {Describe(current)}.");
                continue;
            }
            property.SetValue(instance, value);
        }
        return instance;
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        System.Collections.IEnumerable e => $"[{string.Join(", ", e.Cast<object?>().Select(Describe))}]",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
