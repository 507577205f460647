using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

[TestFixture]
public sealed class SchrodingerPotentialTests
{
    private sealed record FixtureCase(int Dimension, double Sigma, double[][] Points, double[][] Queries, double[] Value,
        double[][] Gradient, double[] Psi, int[]? Labels, double[][]? Centres);

    private sealed record FixtureFile(string Numpy, FixtureCase[] Cases);

    private static FixtureFile Load()
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "quantum", "schrodinger_potential.json");
        return JsonSerializer.Deserialize<FixtureFile>(File.ReadAllText(path), new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower })!;
    }

    [Test]
    public void ValueGradientAndPsiMatchTheNumPyFixture()
    {
        var fixture = Load();
        Assert.That(fixture.Cases, Has.Length.EqualTo(4));
        foreach (var c in fixture.Cases)
        {
            var potential = SchrodingerPotential.Create(Matrix<double>.Build.DenseOfRowArrays(c.Points), c.Sigma);
            AssertMatchesReference(potential, c.Queries, c.Value, c.Gradient, c.Psi, psiTolerance: 1e-12);
        }
    }

    /// <summary>V (relative 1e-10), ψ (relative <paramref name="psiTolerance"/>, floor 1e-300 for a ψ that underflows) and
    /// ∇V (1e-9 of its largest component) of <paramref name="potential"/> at each query against a reference (a NumPy
    /// fixture); V and ∇V with floor 1 on their scales. ψ has no floor 1: the fixtures hold ψ as small as 1.3e-14,
    /// which an absolute 1e-12 would not test at all.</summary>
    internal static void AssertMatchesReference(SchrodingerPotential potential, double[][] queries, double[] value, double[][] gradient,
        double[] psi, double psiTolerance)
    {
        var d = potential.Dimension;
        for (var q = 0; q < queries.Length; q++)
        {
            var z = queries[q];
            Assert.That(potential.Value(z), Is.EqualTo(value[q]).Within(1e-10 * Math.Max(1, Math.Abs(value[q]))), $"d = {d}, query {q}");
            // Largest measured |ψ − ψ_ref| / ψ_ref over both NumPy fixtures (plain and Abramson kernels): 3.6e-15.
            Assert.That(potential.WaveFunction(z), Is.EqualTo(psi[q]).Within(psiTolerance * psi[q] + 1e-300), $"d = {d}, query {q}, ψ");
            var actual = potential.Gradient(z);
            var scale = Math.Max(1, gradient[q].Max(Math.Abs));
            for (var j = 0; j < d; j++)
                Assert.That(actual[j], Is.EqualTo(gradient[q][j]).Within(1e-9 * scale), $"d = {d}, query {q}, ∂{j}");
        }
    }

    [Test]
    public void GradientMatchesCentralFiniteDifferences()
    {
        var random = new Random(3);
        foreach (var d in new[] { 1, 2, 3 })
        {
            var points = Matrix<double>.Build.Dense(50, d, (_, _) => random.NextDouble() * 4 - 2);
            var potential = SchrodingerPotential.Create(points, 0.45);
            for (var trial = 0; trial < 20; trial++)
            {
                var z = Enumerable.Range(0, d).Select(_ => random.NextDouble() * 5 - 2.5).ToArray();
                AssertGradientMatchesCentralDifferences(potential, z);
            }
        }
    }

    [Test]
    public void OnePointGivesTheExactHarmonicPotentialWithItsMinimumAtTheCentre()
    {
        var centre = new[] { 0.3, -1.2, 2.0 };
        const double sigma = 0.7;
        var potential = SchrodingerPotential.Create(Matrix<double>.Build.DenseOfRowArrays(centre), sigma);
        Assert.That(potential.GroundStateEnergy, Is.EqualTo(1.5));
        var random = new Random(5);
        for (var trial = 0; trial < 50; trial++)
        {
            var z = centre.Select(c => c + 6 * (random.NextDouble() - 0.5)).ToArray();
            var squared = z.Zip(centre, (a, b) => (a - b) * (a - b)).Sum();
            Assert.That(potential.Value(z), Is.EqualTo(squared / (2 * sigma * sigma)).Within(1e-14 * Math.Max(1, squared)));
            var gradient = potential.Gradient(z);
            for (var j = 0; j < 3; j++) Assert.That(gradient[j], Is.EqualTo((z[j] - centre[j]) / (sigma * sigma)).Within(1e-13));
        }
        // Far from the point ψ underflows but V and ∇V stay exact (no NaN).
        var far = new[] { 300.0, 0.0, 0.0 };
        Assert.That(potential.WaveFunction(far), Is.EqualTo(0.0));
        Assert.That(potential.Value(far), Is.EqualTo(far.Zip(centre, (a, b) => (a - b) * (a - b)).Sum() / (2 * sigma * sigma)).Within(1e-9));
        // Gradient descent ends at the centre.
        var result = QuantumClustering.Fit(Matrix<double>.Build.DenseOfRowArrays(centre), QuantumClusteringOptions.Default with { Sigma = sigma });
        for (var j = 0; j < 3; j++) Assert.That(result.Centres[0, j], Is.EqualTo(centre[j]).Within(1e-12));
        // A symmetric pair of blobs far apart: two harmonic wells, minima at the blob centres.
        var pair = Matrix<double>.Build.DenseOfRowArrays([-5.0], [5.0]);
        var two = QuantumClustering.Fit(pair, QuantumClusteringOptions.Default with { Sigma = 1.0 });
        Assert.That(two.ClusterCount, Is.EqualTo(2));
        Assert.That(two.Centres.Column(0).OrderBy(x => x), Is.EqualTo(new[] { -5.0, 5.0 }).Within(1e-9));
    }

    [Test]
    public void DescentAssignmentMatchesTheNumPyPeer()
    {
        var c = Load().Cases.Single(x => x.Labels is not null);
        var result = QuantumClustering.Fit(Matrix<double>.Build.DenseOfRowArrays(c.Points), QuantumClusteringOptions.Default with { Sigma = c.Sigma, Tolerance = 1e-7 });
        Assert.That(Clustering.AdjustedRandIndex(c.Labels!, result.Labels), Is.EqualTo(1.0));
        Assert.That(result.ClusterCount, Is.EqualTo(c.Centres!.Length));
        foreach (var centre in c.Centres!)
        {
            var nearest = Enumerable.Range(0, result.ClusterCount).Min(k => Math.Sqrt(Enumerable.Range(0, 2).Sum(j => Math.Pow(result.Centres[k, j] - centre[j], 2))));
            Assert.That(nearest, Is.LessThan(1e-4 * c.Sigma));
        }
        Assert.That(result.Unconverged, Is.EqualTo(0));
        // V at each centre is a local minimum: the gradient vanishes there.
        for (var k = 0; k < result.ClusterCount; k++)
            Assert.That(c.Sigma * Math.Sqrt(result.Potential.Gradient([result.Centres[k, 0], result.Centres[k, 1]]).Sum(g => g * g)), Is.LessThan(1e-4));
    }

    [Test]
    public void WindowedEvaluationEqualsTheFullSum()
    {
        var random = new Random(11);
        var points = Matrix<double>.Build.Dense(3000, 3, (_, _) => random.NextDouble() * 10);
        var potential = SchrodingerPotential.Create(points, 0.2);
        AssertWindowedEqualsFullSums(potential, random);
    }

    /// <summary>∇V at <paramref name="z"/> against central differences of V (h = 1e-5, relative 1e-6), every coordinate.</summary>
    internal static void AssertGradientMatchesCentralDifferences(SchrodingerPotential potential, double[] z)
    {
        var gradient = potential.Gradient(z);
        for (var j = 0; j < z.Length; j++)
        {
            const double h = 1e-5;
            var plus = (double[])z.Clone();
            var minus = (double[])z.Clone();
            plus[j] += h;
            minus[j] -= h;
            var numeric = (potential.Value(plus) - potential.Value(minus)) / (2 * h);
            Assert.That(gradient[j], Is.EqualTo(numeric).Within(1e-6 * Math.Max(1, Math.Abs(numeric))), $"d = {z.Length}, z = [{string.Join(", ", z)}], ∂{j}");
        }
    }

    /// <summary>The windowed V and ∇V of a 3-D potential of points in [0, 10]³ equal the full sums (relative 1e-8) at 200
    /// random points of [−1, 11] × [0, 10]²: each omitted point weighs less than e^(−24) relative, times at most D/2σ² ≥ 32.</summary>
    internal static void AssertWindowedEqualsFullSums(SchrodingerPotential potential, Random random)
    {
        Span<double> full = stackalloc double[3];
        Span<double> windowed = stackalloc double[3];
        for (var trial = 0; trial < 200; trial++)
        {
            double[] z = [random.NextDouble() * 12 - 1, random.NextDouble() * 10, random.NextDouble() * 10];
            var a = potential.Evaluate(z, full, windowed: false).Value;
            var b = potential.Evaluate(z, windowed, windowed: true).Value;
            Assert.That(b, Is.EqualTo(a).Within(1e-8 * Math.Max(1, a)));
            for (var j = 0; j < 3; j++) Assert.That(windowed[j], Is.EqualTo(full[j]).Within(1e-8 * Math.Max(1, Math.Abs(full[j]))));
        }
    }

    [Test]
    public void NearestNeighbourBandwidthMatchesABruteForceSort()
    {
        var random = new Random(5);
        // 301 points (every row a query, odd median) and 4500 points (stride 3: 1500 queries, even median), with a few
        // duplicated rows so that distances tie.
        foreach (var (count, d) in new[] { (301, 2), (4500, 3) })
        {
            var points = Matrix<double>.Build.Dense(count, d, (_, _) => random.NextDouble() * 4);
            for (var i = 0; i < 20; i++) points.SetRow(count - 1 - i, points.Row(i));
            var stride = (count + 1999) / 2000;
            foreach (var k in new[] { 1, 7, Bandwidth.DefaultNeighbours(count) })
            {
                var kth = Enumerable.Range(0, count).Where(i => i % stride == 0).Select(i => Enumerable.Range(0, count).Where(j => j != i)
                    .Select(j => Math.Sqrt(Enumerable.Range(0, d).Sum(t => Math.Pow(points[i, t] - points[j, t], 2)))).Order().ElementAt(k - 1)).Order().ToArray();
                var n = kth.Length;
                var expected = n % 2 == 1 ? kth[n / 2] : 0.5 * (kth[n / 2 - 1] + kth[n / 2]);
                Assert.That(Bandwidth.FromNearestNeighbours(points, k), Is.EqualTo(expected).Within(1e-12 * expected), $"n = {count}, K = {k}");
                Assert.That(Bandwidth.FromNearestNeighbours(points, k, 2.5), Is.EqualTo(2.5 * expected).Within(1e-12 * expected), $"n = {count}, K = {k}, scale 2.5");
            }
        }
        Assert.That(Bandwidth.DefaultNeighbours(1), Is.EqualTo(1));
        Assert.That(Bandwidth.DefaultNeighbours(12), Is.EqualTo(1));
        Assert.That(Bandwidth.DefaultNeighbours(13), Is.EqualTo(2));
        Assert.That(Bandwidth.DefaultNeighbours(1000), Is.EqualTo(84));
    }

    [Test]
    public void BadInputIsRejectedWithTheParameterName()
    {
        var points = Matrix<double>.Build.DenseOfRowArrays([0.0, 1.0], [1.0, 0.0]);
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SchrodingerPotential.Create(points, 0.0))!.ParamName, Is.EqualTo("sigma"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SchrodingerPotential.Create(points, -1.0))!.ParamName, Is.EqualTo("sigma"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => SchrodingerPotential.Create(points, double.NaN))!.ParamName, Is.EqualTo("sigma"));
        Assert.That(Assert.Throws<ArgumentException>(() => SchrodingerPotential.Create(Matrix<double>.Build.Dense(0, 2), 1.0))!.ParamName, Is.EqualTo("points"));
        var bad = points.Clone();
        bad[1, 0] = double.NaN;
        Assert.That(Assert.Throws<ArgumentException>(() => SchrodingerPotential.Create(bad, 1.0))!.ParamName, Is.EqualTo("points"));
        bad[1, 0] = double.PositiveInfinity;
        Assert.That(Assert.Throws<ArgumentException>(() => QuantumClustering.Fit(bad))!.ParamName, Is.EqualTo("codes"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Sigma = double.NaN }))!.ParamName, Is.EqualTo("Sigma"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Sigma = -0.1 }))!.ParamName, Is.EqualTo("Sigma"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Sigma = 1, PcaComponents = 3 }))!.ParamName, Is.EqualTo("PcaComponents"));
        // The σ rule's K is checked against n − 1 up front and named as the option, before any PCA (PcaComponents = 1 is valid).
        var tooMany = Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Neighbours = 2, PcaComponents = 1 }))!;   // 2 points, K = 2
        Assert.That((tooMany.ParamName, tooMany.ActualValue), Is.EqualTo(("Neighbours", (object)2)));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points.SubMatrix(0, 1, 0, 2)))!.ParamName, Is.EqualTo("Neighbours"));   // 1 point, default K = ⌈1/12⌉ = 1
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points.SubMatrix(0, 1, 0, 2), QuantumClusteringOptions.Default with { Selection = BandwidthSelection.Lifetime }))!.ActualValue, Is.EqualTo(10));
        Assert.That(QuantumClustering.Fit(points.SubMatrix(0, 1, 0, 2), QuantumClusteringOptions.Default with { Sigma = 1 }).Labels, Is.EqualTo(new[] { 0 }));   // σ given: one point is one cluster
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => DynamicQuantumClustering.Fit(points, DynamicQuantumClusteringOptions.Default with { Clustering = QuantumClusteringOptions.Default with { Neighbours = 5 } }))!.ParamName, Is.EqualTo("Neighbours"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => QuantumClustering.Fit(points, QuantumClusteringOptions.Default with { Neighbours = 0 }))!.ParamName, Is.EqualTo("Neighbours"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => Bandwidth.DefaultNeighbours(0))!.ParamName, Is.EqualTo("samples"));
        var potential = SchrodingerPotential.Create(points, 1.0);
        Assert.That(Assert.Throws<ArgumentException>(() => potential.Value([0.0]))!.ParamName, Is.EqualTo("point"));
        Assert.That(Assert.Throws<ArgumentException>(() => potential.Gradient([0.0, double.NaN]))!.ParamName, Is.EqualTo("point"));
        // Far away V stays finite (ψ underflows, the log-sum-exp does not) until the squared distances themselves overflow.
        Assert.That(potential.Value([1e100, 0.0]), Is.EqualTo(0.5e200).Within(1e-12 * 0.5e200));
        Assert.That(potential.Gradient([1e100, 0.0]).All(double.IsFinite), Is.True);
        Assert.That(potential.WaveFunction([1e200, 0.0]), Is.EqualTo(0.0));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => potential.Value([1e200, 0.0]))!.ParamName, Is.EqualTo("point"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => potential.Gradient([1e200, 0.0]))!.ParamName, Is.EqualTo("point"));
        Assert.That(Assert.Throws<ArgumentOutOfRangeException>(() => potential.Gradient([1e150, 0.0]))!.ParamName, Is.EqualTo("point"));   // m u ≈ 1e450
        Assert.That(Assert.Throws<ArgumentException>(() => Bandwidth.FromNearestNeighbours(Matrix<double>.Build.DenseOfRowArrays([1.0], [1.0], [1.0]), 1))!.ParamName, Is.EqualTo("points"));
    }

    [Test]
    public void AKernelWhoseExponentOverflowsWeighsExactlyZero()
    {
        // The second kernel lies 1e160 σ away: m = 1e320 overflows to ∞ and its weight exp(−m/2) is exactly 0, so at the
        // first point V = 0 and ∇V = 0, the one-point harmonic potential at its minimum (not 0 · ∞ = NaN).
        var potential = SchrodingerPotential.Create(Matrix<double>.Build.DenseOfRowArrays([0.0, 0.0], [1e160, 0.0]), 1.0);
        Assert.That(potential.Value([0.0, 0.0]), Is.EqualTo(0.0));
        Assert.That(potential.Gradient([0.0, 0.0]), Is.EqualTo(new[] { 0.0, 0.0 }));
        Assert.That(potential.Value([1.0, 2.0]), Is.EqualTo(2.5));   // ‖z‖²/2σ² of the first kernel alone
    }

    [Test]
    public void UnconvergedEndPointsAreAssignedWithoutMovingTheMinima()
    {
        // End points in d = 1: an unconverged point first in order, then two converged points at the minimum x = 0 and one
        // at x = 10, merge radius 1. The centres are the converged means 0 and 10; the unconverged point at 4 joins the
        // nearest (0) and counts in its size, without pulling it towards 4 or opening a centre of its own.
        var (labels, centres, sizes) = QuantumClustering.Merge([4.0, 0.0, 0.0, 10.0], [false, true, true, true], 1, 1.0);
        Assert.That(centres.Select(c => c[0]), Is.EqualTo(new[] { 0.0, 10.0 }));
        Assert.That(labels, Is.EqualTo(new[] { 0, 0, 0, 1 }));
        Assert.That(sizes, Is.EqualTo(new[] { 3, 1 }));
        // With no converged point at all, the end points merge among themselves by the radius rule.
        var (alone, aloneCentres, _) = QuantumClustering.Merge([4.0, 4.5, 10.0], [false, false, false], 1, 1.0);
        Assert.That(alone, Is.EqualTo(new[] { 0, 0, 1 }));
        Assert.That(aloneCentres.Select(c => c[0]), Is.EqualTo(new[] { 4.25, 10.0 }));
    }
}
