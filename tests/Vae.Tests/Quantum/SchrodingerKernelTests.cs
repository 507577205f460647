using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

/// <summary>The Schrödinger potential of kernels with covariances of their own (variable widths, local shapes).</summary>
[TestFixture]
public sealed class SchrodingerKernelTests
{
    private sealed record FixtureCase(int Dimension, double Sigma, double[][] Points, double[][][] Covariances, double[][] Queries,
        double[] Value, double[][] Gradient, double[] Psi, double[] Abramson, int Neighbours, double[][][] LocalShapes,
        double[] AbramsonValue, double[][] AbramsonGradient, double[] AbramsonPsi);

    private sealed record FixtureFile(string Numpy, FixtureCase[] Cases);

    private static FixtureFile Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "quantum", "schrodinger_kernels.json");
        return JsonSerializer.Deserialize<FixtureFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
    }

    private static Matrix<double>[] Matrices(double[][][] blocks) => blocks.Select(Matrix<double>.Build.DenseOfRowArrays).ToArray();

    private static Matrix<double>[] RandomCovariances(Random random, int count, int d, double scale) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var a = Matrix<double>.Build.Dense(d, d, (_, _) => random.NextDouble() * 2 - 1);
            return (a * a.Transpose() / d + Matrix<double>.Build.DenseIdentity(d) * 0.2) * (scale * scale);
        }).ToArray();

    [Test]
    public void ValueGradientAndPsiMatchTheNumPyFixture()
    {
        var fixture = Load();
        Assert.That(fixture.Cases, Has.Length.EqualTo(3));
        foreach (var c in fixture.Cases)
        {
            var potential = SchrodingerPotential.Create(Matrix<double>.Build.DenseOfRowArrays(c.Points), c.Sigma, Matrices(c.Covariances));
            Assert.That(potential.IsIsotropic, Is.False);
            Assert.That(potential.HasScalarKernels, Is.EqualTo(c.Dimension == 1));   // 1×1 covariances are multiples of I
            SchrodingerPotentialTests.AssertMatchesReference(potential, c.Queries, c.Value, c.Gradient, c.Psi, psiTolerance: 1e-12);
        }
    }

    [Test]
    public void KernelsThatAreMultiplesOfTheIdentityMatchTheNumPyFixture()
    {
        // Abramson's kernels (σλ_i)²I take the sums' path without the d×d product; the fixture is the dense sum from the
        // definition with the same widths.
        foreach (var c in Load().Cases)
        {
            var points = Matrix<double>.Build.DenseOfRowArrays(c.Points);
            var covariances = KernelCovariances.For(points, c.Sigma, QuantumClusteringOptions.Default with { AdaptiveWidths = true })!;
            var potential = SchrodingerPotential.Create(points, c.Sigma, covariances);
            Assert.That(potential.HasScalarKernels, Is.True);
            Assert.That(covariances[3].ToArray(), Is.EqualTo(Matrix<double>.Build.DenseIdentity(c.Dimension).Multiply(Math.Pow(c.Sigma * c.Abramson[3], 2)).ToArray())
                .Within(1e-12));
            // ψ to 1e-11: the widths are ours, equal to the fixture's to 1e-12 (the test below), and ψ carries λ_i^(−d).
            SchrodingerPotentialTests.AssertMatchesReference(potential, c.Queries, c.AbramsonValue, c.AbramsonGradient, c.AbramsonPsi, psiTolerance: 1e-11);
        }
    }

    [Test]
    public void AbramsonWidthsAndLocalShapesMatchTheNumPyFixture()
    {
        foreach (var c in Load().Cases)
        {
            var points = Matrix<double>.Build.DenseOfRowArrays(c.Points);
            var widths = KernelCovariances.Abramson(points, c.Sigma);
            for (var i = 0; i < widths.Count; i++)
                Assert.That(widths[i], Is.EqualTo(c.Abramson[i]).Within(1e-12), $"d = {c.Dimension}, λ_{i}");
            Assert.That(widths.Average(Math.Log), Is.EqualTo(0.0).Within(1e-12));
            var shapes = KernelCovariances.LocalShapes(points, c.Neighbours);
            for (var i = 0; i < shapes.Count; i++)
            {
                var expected = Matrix<double>.Build.DenseOfRowArrays(c.LocalShapes[i]);
                Assert.That((shapes[i] - expected).L1Norm(), Is.LessThan(1e-11), $"d = {c.Dimension}, S_{i}");
                Assert.That(shapes[i].Determinant(), Is.EqualTo(1.0).Within(1e-12));
            }
        }
    }

    [Test]
    public void GradientMatchesCentralFiniteDifferences()
    {
        var random = new Random(17);
        foreach (var d in new[] { 1, 2, 3 })
        {
            var points = Matrix<double>.Build.Dense(40, d, (_, _) => random.NextDouble() * 4 - 2);
            var potential = SchrodingerPotential.Create(points, 0.45, RandomCovariances(random, 40, d, 0.45));
            for (var trial = 0; trial < 20; trial++)
            {
                var z = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 5 - 2.5).ToArray();
                SchrodingerPotentialTests.AssertGradientMatchesCentralDifferences(potential, z);
            }
        }
    }

    [Test]
    public void OneAnisotropicKernelGivesItsExactHarmonicPotential()
    {
        double[] centre = [0.5, -1.0];
        var covariance = Matrix<double>.Build.DenseOfRowArrays([0.8, 0.3], [0.3, 0.25]);
        var precision = covariance.Inverse();
        var potential = SchrodingerPotential.Create(Matrix<double>.Build.DenseOfRowArrays(centre), 0.6, [covariance]);
        var random = new Random(2);
        for (var trial = 0; trial < 30; trial++)
        {
            var z = centre.Select(c => c + 5 * (random.NextDouble() - 0.5)).ToArray();
            var diff = Vector<double>.Build.DenseOfArray(z.Zip(centre, (a, b) => a - b).ToArray());
            var mahalanobis = diff * (precision * diff);
            Assert.That(potential.Value(z), Is.EqualTo(mahalanobis / 2).Within(1e-13 * Math.Max(1, mahalanobis)));
            var expected = precision * diff;
            var gradient = potential.Gradient(z);
            for (var j = 0; j < 2; j++) Assert.That(gradient[j], Is.EqualTo(expected[j]).Within(1e-12 * Math.Max(1, Math.Abs(expected[j]))));
            // ψ = a exp(−m/2) with a = σ^d / √det Σ.
            Assert.That(potential.WaveFunction(z), Is.EqualTo(0.36 / Math.Sqrt(covariance.Determinant()) * Math.Exp(-mahalanobis / 2)).Within(1e-14));
        }
        Assert.That(potential.Value(centre), Is.EqualTo(0.0));
        var result = QuantumClustering.Fit(Matrix<double>.Build.DenseOfRowArrays(centre), QuantumClusteringOptions.Default with { Sigma = 0.6, LocalShapes = false, AdaptiveWidths = true });
        Assert.That(result.Centres.Row(0).ToArray(), Is.EqualTo(centre).Within(1e-12));
    }

    [Test]
    public void IsotropicCovariancesReproduceHornAndGottliebExactly()
    {
        var random = new Random(4);
        var points = Matrix<double>.Build.Dense(60, 2, (_, _) => random.NextDouble() * 3);
        const double sigma = 0.35;
        var isotropic = SchrodingerPotential.Create(points, sigma);
        var general = SchrodingerPotential.Create(points, sigma, Enumerable.Repeat(Matrix<double>.Build.DenseDiagonal(2, 2, sigma * sigma), 60).ToArray());
        Assert.That(isotropic.IsIsotropic, Is.True);
        Assert.That(isotropic.Covariances()[7].ToArray(), Is.EqualTo(general.Covariances()[7].ToArray()).Within(1e-15));
        for (var trial = 0; trial < 30; trial++)
        {
            double[] z = [random.NextDouble() * 4 - 0.5, random.NextDouble() * 4 - 0.5];
            Assert.That(general.Value(z), Is.EqualTo(isotropic.Value(z)).Within(1e-12 * Math.Max(1, isotropic.Value(z))));
            Assert.That(general.WaveFunction(z), Is.EqualTo(isotropic.WaveFunction(z)).Within(1e-12 * Math.Max(1, isotropic.WaveFunction(z))));
            var a = general.Gradient(z);
            var b = isotropic.Gradient(z);
            for (var j = 0; j < 2; j++) Assert.That(a[j], Is.EqualTo(b[j]).Within(1e-11 * Math.Max(1, Math.Abs(b[j]))));
        }
    }

    [Test]
    public void PointsAndCovariancesComeBackInTheOrderGiven()
    {
        // The potential stores its points grouped by grid cell; its accessors must still pair row i with the caller's
        // row i. Points on a descending diagonal and spread over many cells make the internal order differ from theirs.
        const int count = 50;
        var points = Matrix<double>.Build.Dense(count, 2, (i, j) => j == 0 ? count - i : 0.5 * (i % 7));
        var covariances = Enumerable.Range(0, count)
            .Select(i => Matrix<double>.Build.DenseOfArray(new[,] { { 0.01 + 0.001 * i, 0.002 }, { 0.002, 0.02 } })).ToArray();
        var general = SchrodingerPotential.Create(points, 0.2, covariances);
        var isotropic = SchrodingerPotential.Create(points, 0.2);
        Assert.That(general.Points().ToArray(), Is.EqualTo(points.ToArray()));
        Assert.That(isotropic.Points().ToArray(), Is.EqualTo(points.ToArray()));
        var returned = general.Covariances();
        for (var i = 0; i < count; i++)
            Assert.That(returned[i].ToArray(), Is.EqualTo(covariances[i].ToArray()).Within(1e-15), $"Σ_{i}");
    }

    [Test]
    public void WindowedEvaluationEqualsTheFullSum()
    {
        var random = new Random(13);
        var points = Matrix<double>.Build.Dense(2000, 3, (_, _) => random.NextDouble() * 10);
        var covariances = KernelCovariances.For(points, 0.25, QuantumClusteringOptions.Default with { AdaptiveWidths = true, LocalShapes = true })!;
        var potential = SchrodingerPotential.Create(points, 0.25, covariances);
        SchrodingerPotentialTests.AssertWindowedEqualsFullSums(potential, random);
    }

    [Test]
    public void AdaptiveWidthsKeepAWideSparseClusterWholeBesideANarrowDenseOne()
    {
        // 400 points in a blob of sd 0.1 and 100 points in a blob of sd 1, 6 apart: a σ that resolves the narrow blob
        // breaks the wide one into many wells; Abramson's widths widen the sparse blob's kernels about tenfold (adaptive:
        // 3 wells at σ = 0.15, exactly the two blobs for σ = 0.2–0.4).
        var random = new Random(8);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        var rows = new List<double[]>();
        var truth = new List<int>();
        for (var i = 0; i < 400; i++) { rows.Add([0.1 * normal.Sample(), 0.1 * normal.Sample()]); truth.Add(0); }
        for (var i = 0; i < 100; i++) { rows.Add([6 + normal.Sample(), normal.Sample()]); truth.Add(1); }
        var points = Matrix<double>.Build.DenseOfRowArrays(rows);
        var options = QuantumClusteringOptions.Default with { Sigma = 0.25 };
        var isotropic = QuantumClustering.Fit(points, options);
        var adaptive = QuantumClustering.Fit(points, options with { AdaptiveWidths = true });
        Assert.That(isotropic.ClusterCount, Is.GreaterThan(10), "one σ breaks the sparse blob into many wells");   // measured 33
        Assert.That(isotropic.SubstantialClusterCount, Is.EqualTo(1));
        Assert.That(adaptive.Potential.IsIsotropic, Is.False);
        Assert.That(adaptive.ClusterCount, Is.EqualTo(2));
        Assert.That(Clustering.AdjustedRandIndex(truth, adaptive.Labels), Is.GreaterThan(0.99));   // measured 1.000
        Assert.That(adaptive.Unconverged, Is.EqualTo(0));
    }

    [Test]
    public void LocalShapesFollowElongatedClustersAndRotateWithTheCodes()
    {
        // Two elongated Gaussian clusters (sd 1.5 along x, 0.15 across), 1.2 apart across.
        var random = new Random(9);
        var normal = new MathNet.Numerics.Distributions.Normal(0, 1, random);
        var rows = new List<double[]>();
        var truth = new List<int>();
        for (var c = 0; c < 2; c++)
            for (var i = 0; i < 300; i++) { rows.Add([1.5 * normal.Sample(), 1.2 * c + 0.15 * normal.Sample()]); truth.Add(c); }
        var points = Matrix<double>.Build.DenseOfRowArrays(rows);
        // σ given k = 2 (the Fig. 2 pipeline's rule), fragments assigned; shapes from K = ⌈n/12⌉ = 50 neighbours.
        var options = QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 2, AssignFragments = true, LocalShapes = true };
        var local = QuantumClustering.Fit(points, options);
        var isotropic = QuantumClustering.Fit(points, options with { LocalShapes = false });
        Assert.That(Clustering.AdjustedRandIndex(truth, local.Labels), Is.GreaterThan(0.95));       // measured 1.000
        Assert.That(isotropic.SubstantialClusterCount, Is.EqualTo(1), "no single σ gives two substantial isotropic wells");
        var shapes = KernelCovariances.LocalShapes(points, Bandwidth.DefaultNeighbours(600));
        Assert.That(shapes.Average(m => m[0, 0] / m[1, 1]), Is.GreaterThan(2), "kernels elongated along the clusters");
        // Rotating the codes (rows z ↦ zR) rotates every shape (S ↦ RᵀSR) and leaves the assignment unchanged.
        const double angle = 0.7;
        var rotation = Matrix<double>.Build.DenseOfRowArrays([Math.Cos(angle), -Math.Sin(angle)], [Math.Sin(angle), Math.Cos(angle)]);
        var rotatedShapes = KernelCovariances.LocalShapes(points * rotation, Bandwidth.DefaultNeighbours(600));
        for (var i = 0; i < 600; i += 37)
            Assert.That((rotatedShapes[i] - rotation.Transpose() * shapes[i] * rotation).L1Norm(), Is.LessThan(1e-9));
        var rotated = QuantumClustering.Fit(points * rotation, options);
        Assert.That(Clustering.AdjustedRandIndex(local.Labels, rotated.Labels), Is.EqualTo(1.0));
    }

    [Test]
    public void BadCovariancesAndKernelOptionsAreRejectedWithTheParameterName()
    {
        var points = Matrix<double>.Build.DenseOfRowArrays([0.0, 1.0], [1.0, 0.0]);
        var identity = Matrix<double>.Build.DenseIdentity(2);
        string Param(Action action) => ((ArgumentException)Assert.Throws(Is.InstanceOf<ArgumentException>(), () => action())!).ParamName!;
        Assert.That(Param(() => SchrodingerPotential.Create(points, 1.0, [identity])), Is.EqualTo("covariances"));                      // count
        Assert.That(Param(() => SchrodingerPotential.Create(points, 1.0, [identity, Matrix<double>.Build.DenseIdentity(3)])), Is.EqualTo("covariances"));
        Assert.That(Param(() => SchrodingerPotential.Create(points, 1.0, [identity, Matrix<double>.Build.DenseOfRowArrays([1.0, 0.5], [0.4, 1.0])])), Is.EqualTo("covariances"));
        Assert.That(Param(() => SchrodingerPotential.Create(points, 1.0, [identity, Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [2.0, 1.0])])), Is.EqualTo("covariances"));
        Assert.That(Param(() => SchrodingerPotential.Create(points, 1.0, [identity, Matrix<double>.Build.DenseOfRowArrays([1.0, double.NaN], [double.NaN, 1.0])])), Is.EqualTo("covariances"));
        Assert.That(Param(() => SchrodingerPotential.Create(points, 0.0, [identity, identity])), Is.EqualTo("sigma"));
        Assert.That(Param(() => KernelCovariances.LocalShapes(points, 0)), Is.EqualTo("neighbours"));
        Assert.That(Param(() => KernelCovariances.LocalShapes(points, 2)), Is.EqualTo("points"));
        Assert.That(Param(() => KernelCovariances.Abramson(points, double.NaN)), Is.EqualTo("sigma"));
        Assert.That(Param(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Sigma = 1, ShapeNeighbours = 0 })), Is.EqualTo("ShapeNeighbours"));
        Assert.That(Param(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Sigma = 1, LocalShapes = true, ShapeNeighbours = 2 })), Is.EqualTo("ShapeNeighbours"));
        Assert.That(Param(() => DynamicQuantumClustering.Fit(points, DynamicQuantumClusteringOptions.Default with
            { Clustering = QuantumClusteringOptions.Default with { Sigma = 1, AdaptiveWidths = true } })), Is.EqualTo("Clustering"));
    }
}
