using System.Text.Json;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary>ROC curve and AUC against scikit-learn (fixture from tools/reference/metrics_roc.py).</summary>
public sealed class ClassificationTests
{
    [Test]
    public void RocCurveAndAucMatchScikitLearn()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "metrics", "roc_sklearn.json");
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        int cases = 0;
        foreach (var c in doc.RootElement.GetProperty("cases").EnumerateArray())
        {
            var scores = c.GetProperty("scores").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            var labels = c.GetProperty("labels").EnumerateArray().Select(e => e.GetInt32() == 1).ToArray();
            var roc = RocCurve.Of(scores, labels);
            Assert.That(Classification.RocAuc(scores, labels), Is.EqualTo(roc.Area));
            string name = c.GetProperty("name").GetString()!;
            Assert.That(roc.Area, Is.EqualTo(c.GetProperty("auc").GetDouble()).Within(1e-12), name);
            Assert.That(roc.FalsePositiveRates, Is.EqualTo(c.GetProperty("fpr").EnumerateArray().Select(e => e.GetDouble())).Within(1e-12), name);
            Assert.That(roc.TruePositiveRates, Is.EqualTo(c.GetProperty("tpr").EnumerateArray().Select(e => e.GetDouble())).Within(1e-12), name);
            Assert.That(roc.Thresholds.Skip(1), Is.EqualTo(c.GetProperty("thresholds").EnumerateArray().Select(e => e.GetDouble())), name);
            var normal = scores.Where((_, i) => !labels[i]).ToArray();
            var anomalous = scores.Where((_, i) => labels[i]).ToArray();
            Assert.That(RocCurve.AreaUnderCurve(normal, anomalous), Is.EqualTo(roc.Area));
            cases++;
        }
        Assert.That(cases, Is.EqualTo(5));
        Assert.Throws<ArgumentException>(() => RocCurve.Of([1.0, 2.0], [true, true]));
        Assert.Throws<ArgumentException>(() => RocCurve.Of([1.0, double.NaN], [true, false]));
        Assert.Throws<ArgumentException>(() => RocCurve.Of([1.0], [true, false]));
    }
}
