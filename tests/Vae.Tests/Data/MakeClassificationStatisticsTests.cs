using System.Text.Json;
using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>
/// Distribution parity with scikit-learn: the statistics of tools/reference/sklearn_make_classification.py, averaged
/// over the same number of seeds, agree with the committed fixture within 4.5 combined standard errors.
/// </summary>
[TestFixture]
public sealed class MakeClassificationStatisticsTests
{
    private const double Sigmas = 4.5;

    private static JsonElement Fixture()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "data", "make_classification_stats.json");
        return JsonDocument.Parse(File.ReadAllText(path)).RootElement;
    }

    private static IEnumerable<string> ConfigNames() =>
        Fixture().GetProperty("configs").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray();

    [TestCaseSource(nameof(ConfigNames))]
    public void StatisticsMatchScikitLearn(string name)
    {
        var root = Fixture();
        int seeds = root.GetProperty("seeds").GetInt32();
        var config = root.GetProperty("configs").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);
        var options = OptionsFrom(config.GetProperty("params"));

        var perSeed = Enumerable.Range(0, seeds)
            .Select(seed => Statistics(MakeClassification.GenerateWithStructure(options with { Seed = seed }), options))
            .ToArray();

        var reference = config.GetProperty("stats");
        Assert.That(perSeed[0].Keys, Is.EquivalentTo(reference.EnumerateObject().Select(p => p.Name)), "same statistics as the script");
        Assert.Multiple(() =>
        {
            foreach (var stat in reference.EnumerateObject())
            {
                var values = perSeed.Select(s => s[stat.Name]).ToArray();
                double mean = values.Average();
                double sem = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (seeds - 1) / seeds);
                double refMean = stat.Value.GetProperty("mean").GetDouble();
                double refSem = stat.Value.GetProperty("sem").GetDouble();
                double tolerance = Math.Max(Sigmas * Math.Sqrt(sem * sem + refSem * refSem), 1e-9);
                TestContext.Out.WriteLine($"{name}.{stat.Name}: ours {mean:G6} ± {sem:G2}, sklearn {refMean:G6} ± {refSem:G2}, z = {(mean - refMean) / Math.Max(Math.Sqrt(sem * sem + refSem * refSem), 1e-300):F2}");
                Assert.That(mean, Is.EqualTo(refMean).Within(tolerance), $"{name}.{stat.Name}");
            }
        });
    }

    private static MakeClassificationOptions OptionsFrom(JsonElement p)
    {
        var weights = p.GetProperty("weights");
        var shift = p.GetProperty("shift");
        var scale = p.GetProperty("scale");
        return MakeClassificationOptions.Default with
        {
            SampleCount = p.GetProperty("n_samples").GetInt32(),
            FeatureCount = p.GetProperty("n_features").GetInt32(),
            InformativeCount = p.GetProperty("n_informative").GetInt32(),
            RedundantCount = p.GetProperty("n_redundant").GetInt32(),
            RepeatedCount = p.GetProperty("n_repeated").GetInt32(),
            ClassCount = p.GetProperty("n_classes").GetInt32(),
            ClustersPerClass = p.GetProperty("n_clusters_per_class").GetInt32(),
            Weights = weights.ValueKind == JsonValueKind.Null ? [] : weights.EnumerateArray().Select(w => w.GetDouble()).ToArray(),
            FlipY = p.GetProperty("flip_y").GetDouble(),
            ClassSep = p.GetProperty("class_sep").GetDouble(),
            Hypercube = p.GetProperty("hypercube").GetBoolean(),
            RandomShift = shift.ValueKind == JsonValueKind.Null,
            Shift = shift.ValueKind == JsonValueKind.Null ? 0 : shift.GetDouble(),
            RandomScale = scale.ValueKind == JsonValueKind.Null,
            Scale = scale.ValueKind == JsonValueKind.Null ? 1 : scale.GetDouble(),
            Shuffle = false,
        };
    }

    /// <summary>The statistics defined in tools/reference/sklearn_make_classification.py (population variances).</summary>
    private static Dictionary<string, double> Statistics(MakeClassificationResult result, MakeClassificationOptions o)
    {
        var data = result.Data;
        int n = data.Count, f = data.FeatureCount, d = o.InformativeCount, r = o.RedundantCount, q = o.RepeatedCount;
        var x = data.ToMatrix(); // [n, f] in double
        int[] clusters = [.. result.Clusters];
        int[] labels = [.. data.Labels];
        int clusterCount = o.ClassCount * o.ClustersPerClass;
        var all = Enumerable.Range(0, n).ToArray();
        int[][] Groups(int[] group, int count) => Enumerable.Range(0, count).Select(g => all.Where(i => group[i] == g).ToArray()).ToArray();
        var byCluster = Groups(clusters, clusterCount);
        var byClass = Groups(labels, o.ClassCount);

        double Mean(int[] rows, int j) { double sum = 0; foreach (var i in rows) sum += x[i, j]; return sum / rows.Length; }
        double Cov(int[] rows, int j, int l)
        {
            double mj = Mean(rows, j), ml = Mean(rows, l), sum = 0;
            foreach (var i in rows) sum += (x[i, j] - mj) * (x[i, l] - ml);
            return sum / rows.Length;
        }
        double MeanAbsOfMeans(int[][] groups) => groups.Average(g => Enumerable.Range(0, d).Average(j => Math.Abs(Mean(g, j))));
        double MeanVariance(int[][] groups) => groups.Average(g => Enumerable.Range(0, d).Average(j => Cov(g, j, j)));
        double ColumnsMean(int from, int count) => Enumerable.Range(from, count).Average(j => Mean(all, j));
        double ColumnsVariance(int from, int count) => Enumerable.Range(from, count).Average(j => Cov(all, j, j));

        var s = new Dictionary<string, double>
        {
            ["cluster_mean_abs"] = MeanAbsOfMeans(byCluster),
            ["within_cluster_var"] = MeanVariance(byCluster),
            ["class_mean_abs"] = MeanAbsOfMeans(byClass),
            ["class_var"] = MeanVariance(byClass),
            ["label_changed"] = all.Count(i => labels[i] != clusters[i] % o.ClassCount) / (double)n,
            ["feature_mean"] = ColumnsMean(0, f),
            ["feature_var"] = ColumnsVariance(0, f),
        };
        if (d >= 2)
        {
            var pairs = (from j in Enumerable.Range(0, d) from l in Enumerable.Range(j + 1, d - j - 1) select (j, l)).ToArray();
            s["within_cluster_cov"] = byCluster.Average(g => pairs.Average(p => Cov(g, p.j, p.l)));
        }
        if (r > 0) s["redundant_var"] = ColumnsVariance(d, r);
        if (q > 0) s["repeated_var"] = ColumnsVariance(d + r, q);
        if (f > d + r + q)
        {
            s["useless_mean"] = ColumnsMean(d + r + q, f - d - r - q);
            s["useless_var"] = ColumnsVariance(d + r + q, f - d - r - q);
        }
        for (int c = 0; c < o.ClassCount; c++)
            s[$"class_fraction_{c}"] = byClass[c].Length / (double)n;
        return s;
    }
}
