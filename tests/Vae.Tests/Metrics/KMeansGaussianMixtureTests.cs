using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;

namespace Vae.Tests.Metrics;

[TestFixture]
public sealed class KMeansGaussianMixtureTests
{
    private sealed record Case(string Name, int Clusters, double[][] X, int[] TrueLabels, int[] KmeansLabels, double KmeansInertia,
        double[][] KmeansCentres, int[] GmmLabels, double GmmScore, double[][] GmmMeans, double[] GmmWeights, double[][][] GmmCovariances);

    private sealed record FixtureFile(string Sklearn, Case[] Cases);

    private static Case[] Cases()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "metrics", "clustering.json");
        return JsonSerializer.Deserialize<FixtureFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!.Cases;
    }

    /// <summary>For each reference row, the row of <paramref name="actual"/> closest to it.</summary>
    private static int[] Match(Matrix<double> actual, double[][] reference) =>
        reference.Select(r => Enumerable.Range(0, actual.RowCount).MinBy(c => r.Select((v, j) => (v - actual[c, j]) * (v - actual[c, j])).Sum())).ToArray();

    [Test]
    public void KMeansReachesScikitLearnsOptimum()
    {
        foreach (var c in Cases())
        {
            var x = Matrix<double>.Build.DenseOfRowArrays(c.X);
            var model = KMeans.Fit(x, KMeansOptions.Default with { Clusters = c.Clusters, Seed = 1, Tolerance = 0 });
            Assert.That(model.Inertia, Is.EqualTo(c.KmeansInertia).Within(1e-9 * c.KmeansInertia), c.Name);
            Assert.That(Clustering.AdjustedRandIndex(c.KmeansLabels, model.Labels), Is.EqualTo(1.0), c.Name);
            var match = Match(model.Centres, c.KmeansCentres);
            for (var r = 0; r < c.Clusters; r++)
                for (var j = 0; j < x.ColumnCount; j++)
                    Assert.That(model.Centres[match[r], j], Is.EqualTo(c.KmeansCentres[r][j]).Within(1e-9), c.Name);
        }
    }

    [Test]
    public void GaussianMixtureReachesScikitLearnsFixedPoint()
    {
        foreach (var c in Cases())
        {
            var x = Matrix<double>.Build.DenseOfRowArrays(c.X);
            var model = GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = c.Clusters, Tolerance = 1e-10, MaxIterations = 1000, Restarts = 60 });
            Assert.That(model.Converged, Is.True, c.Name);
            Assert.That(model.MeanLogLikelihood, Is.EqualTo(c.GmmScore).Within(1e-8), c.Name);
            Assert.That(Clustering.AdjustedRandIndex(c.GmmLabels, model.Labels), Is.EqualTo(1.0), c.Name);
            // EM converges linearly: at a 1e-10 change of the mean log-likelihood the parameters still move at ~1e-6.
            var match = Match(model.Means, c.GmmMeans);
            Assert.That(match.Distinct().Count(), Is.EqualTo(c.Clusters));
            for (var r = 0; r < c.Clusters; r++)
            {
                Assert.That(model.Weights[match[r]], Is.EqualTo(c.GmmWeights[r]).Within(1e-5), c.Name);
                for (var j = 0; j < x.ColumnCount; j++)
                {
                    Assert.That(model.Means[match[r], j], Is.EqualTo(c.GmmMeans[r][j]).Within(1e-5), c.Name);
                    for (var t = 0; t < x.ColumnCount; t++)
                        Assert.That(model.Covariances[match[r]][j, t], Is.EqualTo(c.GmmCovariances[r][j][t]).Within(1e-5), c.Name);
                }
            }
        }
    }

    [Test]
    public void BadInputNamesTheParameter()
    {
        var x = Matrix<double>.Build.DenseOfRowArrays([0.0, 1.0], [1.0, 0.0], [2.0, 2.0]);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(x, KMeansOptions.Default with { Clusters = 4 }))!.ParamName, Is.EqualTo("Clusters"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = 0 }))!.ParamName, Is.EqualTo("Components"));
        var bad = x.Clone();
        bad[2, 1] = double.NaN;
        Assert.That(Assert.Throws<ArgumentException>(() => KMeans.Fit(bad))!.ParamName, Is.EqualTo("x"));
        Assert.That(Assert.Throws<ArgumentException>(() => GaussianMixture.Fit(Matrix<double>.Build.Dense(0, 2)))!.ParamName, Is.EqualTo("x"));
    }

    [Test]
    public void ACovarianceThatIsNotPositiveDefiniteIsTheDocumentedArithmeticException()
    {
        // Feature 1 is constantly 0: with Regularization = 0 the one component's covariance is exactly [[2/3, 0], [0, 0]]
        // (mean Σ 0 / nk = 0, so no rounding), singular. The Cholesky factorisation's ArgumentException (MathNet, naming no
        // parameter of Fit) was passed on.
        var x = Matrix<double>.Build.DenseOfRowArrays([0.0, 0.0], [1.0, 0.0], [2.0, 0.0]);
        var e = Assert.Throws<ArithmeticException>(() => GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = 1, Regularization = 0 }));
        Assert.That(e!.Message, Does.Contain("not positive definite").And.Contain("Regularization (now 0)"));
        Assert.DoesNotThrow(() => GaussianMixture.Fit(x, GaussianMixtureOptions.Default with { Components = 1, Regularization = 1e-6 }));
    }

    [Test]
    public void AnEmptiedComponentKeepsScikitLearnsWeight()
    {
        // scikit-learn's _estimate_gaussian_parameters: nk = resp.sum(axis=0) + 10 * np.finfo(resp.dtype).eps, weights =
        // nk / n. For a component with no responsibility among n = 100 samples that is 10 · 2⁻⁵² / 100 ≈ 2.2·10⁻¹⁷; with
        // 10·double.Epsilon (4.9·10⁻³²³) the weight underflowed to 0 and log 0 = −∞ barred the component for good.
        const int n = 100;
        var x = Matrix<double>.Build.Dense(n, 2, (i, j) => i + 0.5 * j);
        var resp = Matrix<double>.Build.Dense(n, 2, (i, c) => c == 0 ? 1.0 : 0.0);
        var (weights, means, _) = GaussianMixture.MStep(x, resp, 1e-6);
        Assert.That(weights[1], Is.EqualTo(10 * Math.Pow(2, -52) / n));
        Assert.That(weights[0], Is.EqualTo((n + 10 * Math.Pow(2, -52)) / n));
        Assert.That(means.Row(1).ToArray(), Is.EqualTo(new[] { 0.0, 0.0 }), "no data: the mean is Σ 0·x / nk = 0, as in scikit-learn");
    }
}
