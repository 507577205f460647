using System.Text.Json;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

/// <summary>Adjusted Rand index against scikit-learn (fixture from tools/reference/metrics_ari.py).</summary>
public sealed class ClusteringTests
{
    [Test]
    public void AdjustedRandIndexMatchesScikitLearnFixture()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "metrics", "ari.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = document.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.That(cases, Has.Length.GreaterThan(20));
        foreach (var c in cases)
        {
            var truth = c.GetProperty("true").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            var predicted = c.GetProperty("pred").EnumerateArray().Select(v => v.GetInt32()).ToArray();
            Assert.That(Clustering.AdjustedRandIndex(truth, predicted), Is.EqualTo(c.GetProperty("ari").GetDouble()).Within(1e-12), $"{truth.Length} samples");
        }
        Assert.Throws<ArgumentException>(() => Clustering.AdjustedRandIndex(new[] { 1, 2 }, new[] { 1 }));
        Assert.Throws<ArgumentException>(() => Clustering.AdjustedRandIndex(Array.Empty<int>(), Array.Empty<int>()));
    }

    [Test]
    public void OneSampleIsAPerfectMatchAsInScikitLearn()
    {
        // scikit-learn's adjusted_rand_score computes the pair confusion matrix and returns 1.0 when it has no
        // off-diagonal pairs ("Special cases: empty data or full agreement", `if fn == 0 and fp == 0: return 1.0`); one
        // sample has no pairs at all, so adjusted_rand_score([0], [0]) = adjusted_rand_score([3], [7]) = 1.0.
        // Here C(1, 2) = 0 made the expected index 0/0 = NaN.
        Assert.That(Clustering.AdjustedRandIndex([0], [0]), Is.EqualTo(1.0));
        Assert.That(Clustering.AdjustedRandIndex([3], [7]), Is.EqualTo(1.0));
    }
}
