using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>scikit-learn's parameter conditions (sklearn 1.3+ validate_params plus the checks inside make_classification).</summary>
[TestFixture]
public sealed class MakeClassificationValidationTests
{
    private static IEnumerable<TestCaseData> OutOfRange()
    {
        var d = MakeClassificationOptions.Default;
        yield return new TestCaseData(d with { SampleCount = 0 }, "SampleCount = 0").SetName("n_samples < 1");
        yield return new TestCaseData(d with { FeatureCount = 0 }, "FeatureCount = 0").SetName("n_features < 1");
        yield return new TestCaseData(d with { InformativeCount = 0, ClassCount = 1, ClustersPerClass = 1 }, "InformativeCount = 0").SetName("n_informative < 1");
        yield return new TestCaseData(d with { RedundantCount = -1 }, "RedundantCount = -1").SetName("n_redundant < 0");
        yield return new TestCaseData(d with { RepeatedCount = -2 }, "RepeatedCount = -2").SetName("n_repeated < 0");
        yield return new TestCaseData(d with { ClassCount = 0 }, "ClassCount = 0").SetName("n_classes < 1");
        yield return new TestCaseData(d with { ClustersPerClass = 0 }, "ClustersPerClass = 0").SetName("n_clusters_per_class < 1");
        yield return new TestCaseData(d with { FlipY = 1.5 }, "FlipY = 1.5").SetName("flip_y > 1");
        yield return new TestCaseData(d with { FlipY = double.NaN }, "FlipY = NaN").SetName("flip_y NaN");
        yield return new TestCaseData(d with { ClassSep = 0 }, "ClassSep = 0").SetName("class_sep = 0");
        yield return new TestCaseData(d with { ClassSep = double.PositiveInfinity }, "ClassSep = Infinity").SetName("class_sep infinite");
        yield return new TestCaseData(d with { Scale = -1 }, "Scale = -1").SetName("scale <= 0");
        yield return new TestCaseData(d with { Shift = double.NaN }, "Shift = NaN").SetName("shift NaN");
        // Finite and valid on their own, but beyond float32 (max 3.40282e38) once the features are computed: Scale alone,
        // Shift alone (|x + 1e39| > 3.4e38 for any sample), and ClassSep (the hypercube vertices ±1e39). These were an
        // ArgumentException for "features" from Dataset.Create, a parameter the caller never passed.
        yield return new TestCaseData(d with { Scale = 1e39 }, "Scale = 1E+39").SetName("scale overflows float32");
        yield return new TestCaseData(d with { Shift = -1e39 }, "Shift = -1E+39").SetName("shift overflows float32");
        yield return new TestCaseData(d with { ClassSep = 1e39 }, "ClassSep = 1E+39").SetName("class_sep overflows float32");
    }

    [TestCaseSource(nameof(OutOfRange))]
    public void OutOfRangeParametersAreRejected(MakeClassificationOptions options, string expected)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => MakeClassification.Generate(options));
        Assert.That(ex!.ParamName, Is.EqualTo("options"));
        Assert.That(ex.Message, Does.Contain(expected));
    }

    [Test]
    public void TooManyUsefulFeaturesAreRejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => MakeClassification.Generate(MakeClassificationOptions.Default with
        {
            FeatureCount = 5, InformativeCount = 3, RedundantCount = 2, RepeatedCount = 1,
        }));
        Assert.That(ex!.Message, Does.Contain("= 6 must be ≤ FeatureCount (5)"));
    }

    [Test]
    public void MoreClustersThanHypercubeVerticesAreRejected()
    {
        // 3 classes · 2 clusters = 6 > 2^2 = 4 (scikit-learn: "n_classes(3) * n_clusters_per_class(2) must be smaller or equal 2**n_informative(2)=4").
        var ex = Assert.Throws<ArgumentException>(() => MakeClassification.Generate(MakeClassificationOptions.Default with { ClassCount = 3 }));
        Assert.That(ex!.Message, Does.Contain("= 6 must be ≤ 2^InformativeCount = 4"));
        // The boundary 2·2 = 2^2 is allowed.
        Assert.DoesNotThrow(() => MakeClassification.Generate(MakeClassificationOptions.Default with { ClassCount = 2, ClustersPerClass = 2 }));
    }

    [TestCase(new[] { 0.5 }, "Weights has 1 entries")]
    [TestCase(new[] { 0.5, -0.1, 0.6 }, "Weights[1] = -0.1")]
    [TestCase(new[] { 0.7, 0.6 }, "Weights [0.7, 0.6] sum to 1.29")]
    [TestCase(new[] { 0.6, 0.6, 0.1 }, "Weights [0.6, 0.6, 0.1] sum to 1.3")]
    public void BadWeightsAreRejected(double[] weights, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => MakeClassification.Generate(MakeClassificationOptions.Default with
        {
            ClassCount = 3, ClustersPerClass = 1, Weights = weights,
        }));
        Assert.That(ex!.Message, Does.Contain(expected));
    }
}
