using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

/// <summary>Dynamic quantum clustering (<see cref="DynamicQuantumClustering"/>) and its Gaussian basis.</summary>
[TestFixture]
public sealed class DynamicQuantumClusteringTests
{
    /// <summary>
    /// With a Gaussian on every point and m = 1, the Parzen ψ = Σ_b g_b lies in the span and is an exact eigenfunction of
    /// H with E = d/2 (Horn &amp; Gottlieb), so the lowest eigenvalue of the restricted H is d/2 and its state is ψ; the
    /// only error is the grid quadrature of the matrix elements, which must vanish as the grid is refined.
    /// </summary>
    [Test]
    public void WithTheFullBasisTheGroundStateIsTheParzenWaveFunctionAtEnergyHalfD()
    {
        var random = new Random(5);
        double Gauss() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var codes = Matrix<double>.Build.Dense(80, 2, (_, _) => 0.7 * Gauss());
        var potential = SchrodingerPotential.Create(codes, 0.6);
        var spacings = new[] { 1.0, 0.5, 1.0 / 3.0, 0.25 };
        var errors = new List<double>();
        foreach (var spacing in spacings)
        {
            var basis = CoherentStateBasis.Create(codes, potential, mass: 1.0, spacing, overlapCutoff: 1e-10, -1, CancellationToken.None);
            errors.Add(Math.Abs(basis.Energies[0] - 1.0));
            if (spacing == 0.25)
            {
                // The ground state as a function, on the points: proportional to ψ.
                var states = basis.States.Column(0);
                var ratios = Enumerable.Range(0, codes.RowCount).Select(i =>
                {
                    var (state, psi) = (0.0, 0.0);
                    for (var b = 0; b < codes.RowCount; b++)
                    {
                        var g = Math.Exp(-(codes.Row(i) - codes.Row(b)).L2Norm() * (codes.Row(i) - codes.Row(b)).L2Norm() / (2 * 0.36));
                        state += states[b] * g;
                        psi += g;
                    }
                    return state / psi;
                }).ToArray();
                Assert.That(ratios.Max() / ratios.Min() - 1, Is.LessThan(1e-6), "ground state ∝ ψ");
            }
        }
        TestContext.Out.WriteLine($"|E0 − d/2| for grid spacings 1, 1/2, 1/3, 1/4 σ: {string.Join(", ", errors.Select(e => e.ToString("E2")))}");
        Assert.That(errors[1], Is.LessThan(1e-10), "spacing σ/2");
        Assert.That(errors[3], Is.LessThan(1e-10), "the default spacing, σ/4");
        Assert.That(errors[0], Is.GreaterThan(100 * errors[2]), "the error falls as the grid is refined");
    }

    /// <summary>
    /// One data point makes V = x²/2σ² exactly, a harmonic well with ω = 1/√m; by Ehrenfest ⟨x⟩(t) = y cos(ωt) for a
    /// packet released at rest at y, whatever its width. A basis on a grid of spacing σ/2 must reproduce it.
    /// </summary>
    [TestCase(1.0, 0.7)]
    [TestCase(0.25, 0.4)]
    [TestCase(0.5, 1.5)]
    public void InAHarmonicWellThePacketFollowsTheClassicalTrajectory(double mass, double time)
    {
        const double sigma = 0.8;
        var potential = SchrodingerPotential.Create(Matrix<double>.Build.Dense(1, 1, 0.0), sigma);
        var grid = Matrix<double>.Build.Dense(41, 1, (b, _) => (b - 20) * sigma / 2);
        var basis = CoherentStateBasis.Create(grid, potential, mass, spacing: 0.25, overlapCutoff: 1e-13, -1, CancellationToken.None);
        var starts = Matrix<double>.Build.DenseOfColumnArrays(new[] { 1.3 * sigma, -0.4 * sigma, 2.1 * sigma });
        var (positions, norms) = basis.Evolve(starts, time);
        for (var i = 0; i < starts.RowCount; i++)
        {
            var exact = starts[i, 0] * Math.Cos(time / Math.Sqrt(mass));
            TestContext.Out.WriteLine($"m {mass}, y {starts[i, 0]:F3}: ⟨x⟩ {positions[i, 0]:F9}, exact {exact:F9}, captured {norms[i]:F12}");
            Assert.That(positions[i, 0], Is.EqualTo(exact).Within(1e-6 * sigma));
            Assert.That(norms[i], Is.EqualTo(1.0).Within(1e-9));
        }
    }

    [TestCase(2)]
    [TestCase(3)]
    [TestCase(4)]
    public void SeparatesWellSeparatedBlobsAndComesToRestNearTheMinimaOfV(int k)
    {
        var (codes, labels) = SchrodingerClusterCountTests.Blobs(k, perBlob: 60);
        var options = DynamicQuantumClusteringOptions.Default with { Clustering = QuantumClusteringOptions.Default with { Sigma = 1.0 } };
        var result = DynamicQuantumClustering.Fit(codes, options);
        var stat = QuantumClustering.Fit(codes, options.Clustering);
        TestContext.Out.WriteLine($"k {k}: clusters {result.ClusterCount}, unconverged {result.Unconverged}, steps ≤ {result.Steps.Max()}, E0 {result.Energies[0]:F6}, captured ≥ {result.MinimumCapturedNorm:F6}");
        Assert.That(Clustering.AdjustedRandIndex(labels, result.Labels.ToArray()), Is.EqualTo(1.0));
        Assert.That(result.Unconverged, Is.Zero);
        // Each blob's rest point lies near the minimum of V that static clustering finds for the same blob.
        for (var c = 0; c < k; c++)
        {
            var member = Array.IndexOf(labels, c);
            var dynamicCentre = result.Centres.Row(result.Labels[member]);
            var staticCentre = stat.Centres.Row(stat.Labels[member]);
            Assert.That((dynamicCentre - staticCentre).L2Norm(), Is.LessThan(0.25), $"blob {c}");
        }
    }

    /// <summary>Given k, σ is searched with the flow's own rest clusters: k blobs give k substantial clusters.</summary>
    [TestCase(2)]
    [TestCase(3)]
    public void GivenKTheSigmaSearchCountsTheFlowsOwnClusters(int k)
    {
        var (codes, labels) = SchrodingerClusterCountTests.Blobs(k, perBlob: 60);
        var clustering = QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = k, AssignFragments = true };
        var result = DynamicQuantumClustering.Fit(codes, DynamicQuantumClusteringOptions.Default with { Clustering = clustering });
        TestContext.Out.WriteLine($"k {k}: σ {result.Sigma:F3}, clusters {result.ClusterCount}, substantial {result.SubstantialClusterCount}");
        Assert.That(result.SubstantialClusterCount, Is.EqualTo(k));
        Assert.That(result.ClusterCount, Is.EqualTo(k));
        var blobs = Enumerable.Range(0, labels.Length).Where(i => labels[i] < k).ToArray();
        Assert.That(Clustering.AdjustedRandIndex(blobs.Select(i => labels[i]).ToArray(), blobs.Select(i => result.Labels[i]).ToArray()), Is.EqualTo(1.0));
    }

    /// <summary>Asked for more clusters than the data hold, the σ search descends towards σ the quadrature grid cannot
    /// resolve; it stops at the smallest σ the grid allows instead of failing there, and the result reports the count it
    /// found (the documented fallback of the search).</summary>
    [Test]
    public void TheSigmaSearchStaysWithinWhatTheGridResolves()
    {
        var (codes, _) = SchrodingerClusterCountTests.Blobs(2, perBlob: 60);
        var clustering = QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 12 };
        var options = DynamicQuantumClusteringOptions.Default with { Clustering = clustering };
        var result = DynamicQuantumClustering.Fit(codes, options);
        var smallest = CoherentStateBasis.SmallestSigma(codes, Math.Min(codes.RowCount, options.BasisSize), options.GridSpacing);
        TestContext.Out.WriteLine($"σ {result.Sigma:F4} (smallest the grid resolves {smallest:F4}), substantial {result.SubstantialClusterCount}");
        Assert.That(result.Sigma, Is.GreaterThanOrEqualTo(smallest));
        Assert.That(result.SubstantialClusterCount, Is.LessThan(12));
        Assert.That(result.Labels, Has.Count.EqualTo(codes.RowCount));
    }

    /// <summary>The bound is tight: at it the grid (bounding box + 2·6σ, spacing·σ) times the basis fits 3·10⁷ entries, 1 %
    /// below it does not; with 300 Gaussians in 3-D no σ fits ((12/0.25 + 1)³·300 ≈ 3.5·10⁷).</summary>
    [Test]
    public void TheSmallestResolvableSigmaIsTight()
    {
        var codes = SchrodingerClusterCountTests.Blobs(3, perBlob: 40).Codes;
        double Entries(double sigma)
        {
            var nodes = 1.0;
            for (var j = 0; j < 2; j++)
                nodes *= Math.Ceiling((codes.Column(j).Maximum() - codes.Column(j).Minimum() + 12 * sigma) / (0.25 * sigma)) + 1;
            return nodes * 100;
        }
        var smallest = CoherentStateBasis.SmallestSigma(codes, 100, 0.25);
        Assert.That(Entries(smallest), Is.LessThanOrEqualTo(3e7));
        Assert.That(Entries(0.99 * smallest), Is.GreaterThan(3e7));
        var cube = Matrix<double>.Build.Dense(50, 3, (i, j) => Math.Sin(i * (j + 1)));
        Assert.That(CoherentStateBasis.SmallestSigma(cube, 300, 0.25), Is.EqualTo(double.PositiveInfinity));
        Assert.That(double.IsFinite(CoherentStateBasis.SmallestSigma(cube, 200, 0.25)), Is.True);
        var clustering = QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 2 };
        Assert.That(() => DynamicQuantumClustering.Fit(Matrix<double>.Build.Dense(400, 3, (i, j) => Math.Sin(i * (j + 1))),
                DynamicQuantumClusteringOptions.Default with { Clustering = clustering }),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("GridSpacing"));
    }

    [Test]
    public void AssignmentsAreInvariantUnderARigidMotionOfTheCodes()
    {
        var (codes, _) = SchrodingerClusterCountTests.Blobs(3, perBlob: 50);
        var angle = 0.9;
        var rotation = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(angle), -Math.Sin(angle) }, { Math.Sin(angle), Math.Cos(angle) } });
        var moved = codes * rotation;
        for (var i = 0; i < moved.RowCount; i++) { moved[i, 0] += 3.5; moved[i, 1] -= 7.25; }
        var options = DynamicQuantumClusteringOptions.Default with { Clustering = QuantumClusteringOptions.Default with { Clusters = 3, Selection = BandwidthSelection.ClusterCount } };
        var a = DynamicQuantumClustering.Fit(codes, options);
        var b = DynamicQuantumClustering.Fit(moved, options);
        Assert.That(b.Sigma, Is.EqualTo(a.Sigma).Within(1e-9 * a.Sigma));
        Assert.That(Clustering.AdjustedRandIndex(a.Labels.ToArray(), b.Labels.ToArray()), Is.EqualTo(1.0));
        for (var k = 0; k < 5; k++) Assert.That(b.Energies[k], Is.EqualTo(a.Energies[k]).Within(1e-7 * Math.Abs(a.Energies[k])));
    }

    [Test]
    public void BadInputNamesTheParameter()
    {
        var codes = SchrodingerClusterCountTests.Blobs(2, perBlob: 10).Codes;
        void Refused<T>(DynamicQuantumClusteringOptions options, string name) where T : ArgumentException =>
            Assert.That(() => DynamicQuantumClustering.Fit(codes, options), NUnit.Framework.Throws.InstanceOf<T>().With.Property("ParamName").EqualTo(name));
        var d = DynamicQuantumClusteringOptions.Default;
        Refused<ArgumentOutOfRangeException>(d with { Mass = 0 }, "Mass");
        Refused<ArgumentOutOfRangeException>(d with { Mass = double.NaN }, "Mass");
        Refused<ArgumentOutOfRangeException>(d with { TimeStep = -1 }, "TimeStep");
        Refused<ArgumentOutOfRangeException>(d with { TimeStep = double.PositiveInfinity }, "TimeStep");
        Refused<ArgumentOutOfRangeException>(d with { MaxSteps = 0 }, "MaxSteps");
        Refused<ArgumentOutOfRangeException>(d with { Tolerance = double.NaN }, "Tolerance");
        Refused<ArgumentOutOfRangeException>(d with { BasisSize = 0 }, "BasisSize");
        Refused<ArgumentOutOfRangeException>(d with { OverlapCutoff = 1 }, "OverlapCutoff");
        Refused<ArgumentOutOfRangeException>(d with { GridSpacing = 0 }, "GridSpacing");
        Refused<ArgumentOutOfRangeException>(d with { GridSpacing = 1.5 }, "GridSpacing");
        Refused<ArgumentOutOfRangeException>(d with { Clustering = QuantumClusteringOptions.Default with { Sigma = -1 } }, "Sigma");
        Refused<ArgumentNullException>(d with { Clustering = null! }, "Clustering");
        var wide = Matrix<double>.Build.Dense(30, 5, (i, j) => i * 0.1 + j);
        Assert.That(() => DynamicQuantumClustering.Fit(wide, d),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("GridSpacing"));
        var bad = codes.Clone();
        bad[3, 1] = double.NaN;
        Assert.That(() => DynamicQuantumClustering.Fit(bad), Throws.ArgumentException.With.Property("ParamName").EqualTo("codes"));
    }
}
