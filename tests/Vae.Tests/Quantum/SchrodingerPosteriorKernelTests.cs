using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Decomposition;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Quantum.Schrodinger;

namespace Vae.Tests.Quantum;

/// <summary>Kernels from the encoder's posterior covariances (<see cref="QuantumClustering.Fit(PosteriorCodes, QuantumClusteringOptions?, CancellationToken)"/>).</summary>
[TestFixture]
public sealed class SchrodingerPosteriorKernelTests
{
    private static PosteriorCodes RandomPosterior(int seed, int count, int d)
    {
        var random = new Random(seed);
        return new PosteriorCodes(Matrix<double>.Build.Dense(count, d, (_, _) => 4 * random.NextDouble() - 2),
            Matrix<double>.Build.Dense(count, d, (_, _) => -4 * random.NextDouble()));
    }

    [Test]
    public void AtTheEncodersOwnScaleTheWaveFunctionIsTheAggregatePosterior()
    {
        // ψ(z) = Σ_i a_i exp(−m_i/2) with a_i = σ^d / √det Σ_i, so at σ² = g (Σ_i = diag σ²_i) ψ = n σ^d (2π)^(d/2) q(z),
        // q the aggregate posterior (1/n) Σ_i Π_j N(z_j; μ_ij, σ_ij), summed here from MathNet's normal densities.
        const int count = 30, d = 2;
        var posterior = RandomPosterior(3, count, d);
        var sigma = Math.Exp(0.5 * posterior.LogVariance.Enumerate().Average());
        var result = QuantumClustering.Fit(posterior, QuantumClusteringOptions.Default with { Sigma = sigma });
        var covariances = result.Potential.Covariances();
        Assert.That(result.Potential.Points().ToArray(), Is.EqualTo(posterior.Mean.ToArray()), "row i is code i");
        for (var i = 0; i < count; i++)
        {
            var expected = Matrix<double>.Build.DenseOfDiagonalVector(posterior.LogVariance.Row(i).Map(Math.Exp));
            Assert.That((covariances[i] - expected).L1Norm(), Is.LessThan(1e-13 * expected.L1Norm()), $"Σ_{i}");
        }
        var random = new Random(4);
        for (var q = 0; q < 20; q++)
        {
            double[] z = [3 * random.NextDouble() - 1.5, 3 * random.NextDouble() - 1.5];
            var aggregate = Enumerable.Range(0, count).Average(i => Enumerable.Range(0, d)
                .Aggregate(1.0, (p, j) => p * Normal.PDF(posterior.Mean[i, j], Math.Exp(0.5 * posterior.LogVariance[i, j]), z[j])));
            var expected = count * Math.Pow(sigma, d) * Math.Pow(2 * Math.PI, d / 2.0) * aggregate;
            Assert.That(result.Potential.WaveFunction(z), Is.EqualTo(expected).Within(1e-10).Percent,
                $"z = ({z[0]}, {z[1]})");
        }
    }

    [Test]
    public void PosteriorCovariancesAreProjectedWithTheMeansAndScaledToUnitGeometricMean()
    {
        var posterior = RandomPosterior(5, 25, 3);
        var pca = Pca.Fit(posterior.Mean, PcaOptions.Default with { ComponentCount = 2 });
        var projected = KernelCovariances.Posterior(posterior.LogVariance, pca);
        var plain = KernelCovariances.Posterior(posterior.LogVariance);
        var w = pca.Components;     // [2, 3]
        var raw = Enumerable.Range(0, 25).Select(i => Matrix<double>.Build.Dense(2, 2, (a, b) =>
            Enumerable.Range(0, 3).Sum(j => w[a, j] * w[b, j] * Math.Exp(posterior.LogVariance[i, j])))).ToArray();
        var scale = Math.Exp(raw.Average(c => Math.Log(c.Determinant()) / 2));
        for (var i = 0; i < 25; i++)
        {
            Assert.That((projected[i] - raw[i] / scale).L1Norm(), Is.LessThan(1e-12 * projected[i].L1Norm()), $"P C_{i} Pᵀ");
            var diagonal = posterior.LogVariance.Row(i).Map(Math.Exp) / Math.Exp(posterior.LogVariance.Enumerate().Average());
            Assert.That((plain[i] - Matrix<double>.Build.DenseOfDiagonalVector(diagonal)).L1Norm(), Is.LessThan(1e-12 * diagonal.L1Norm()), $"C_{i}");
        }
        Assert.That(projected.Average(c => Math.Log(c.Determinant()) / 2), Is.EqualTo(0).Within(1e-12));
        Assert.That(plain.Average(c => Math.Log(c.Determinant()) / 3), Is.EqualTo(0).Within(1e-12));
    }

    [Test]
    public void WithAbramsonWidthsTheKernelsKeepThePosteriorShapeAndTakeAbramsonsSize()
    {
        var posterior = RandomPosterior(6, 40, 2);
        const double sigma = 0.4;
        var posteriorCovariances = KernelCovariances.Posterior(posterior.LogVariance);
        var kernels = KernelCovariances.For(posterior.Mean, sigma,
            QuantumClusteringOptions.Default with { AdaptiveWidths = true, PosteriorCovariances = posteriorCovariances })!;
        var widths = KernelCovariances.Abramson(posterior.Mean, sigma);
        for (var i = 0; i < 40; i++)
        {
            var size = Math.Pow(kernels[i].Determinant(), 1 / 4.0);     // det^(1/2d) = σλ_i
            Assert.That(size, Is.EqualTo(sigma * widths[i]).Within(1e-10).Percent, $"size of Σ_{i}");
            var shape = posteriorCovariances[i] / Math.Sqrt(posteriorCovariances[i].Determinant());
            Assert.That((kernels[i] / (size * size) - shape).L1Norm(), Is.LessThan(1e-12 * shape.L1Norm()), $"shape of Σ_{i}");
        }
    }

    [Test]
    public void TheClusterCountSearchOnASubsampleUsesThatSamplesPosteriors()
    {
        // 1500 codes, more than the search's sample of 1000: the sample's V must take the sampled points' covariances.
        // Three blobs of sd 0.3, 4 apart, whose posterior sds (0.05–0.2) differ per point and per axis.
        var random = new Random(9);
        var normal = new Normal(0, 1, random);
        var truth = Enumerable.Range(0, 1500).Select(i => i % 3).ToArray();
        var mean = Matrix<double>.Build.Dense(1500, 2, (i, j) => 4 * (j == 0 ? truth[i] : truth[i] % 2) + 0.3 * normal.Sample());
        var logVariance = Matrix<double>.Build.Dense(1500, 2, (_, _) => 2 * Math.Log(0.05 + 0.15 * random.NextDouble()));
        var result = QuantumClustering.Fit(new PosteriorCodes(mean, logVariance),
            QuantumClusteringOptions.Default with { Selection = BandwidthSelection.ClusterCount, Clusters = 3, AssignFragments = true });
        Assert.That(result.Potential.IsIsotropic, Is.False);
        Assert.That(result.ClusterCount, Is.EqualTo(3));
        Assert.That(Clustering.AdjustedRandIndex(truth, result.Labels), Is.EqualTo(1.0));
    }

    [Test]
    public void BadPosteriorsAreRejectedWithTheParameterName()
    {
        var mean = Matrix<double>.Build.DenseOfRowArrays([0.0, 1.0], [1.0, 0.0], [2.0, 2.0]);
        var logVariance = Matrix<double>.Build.Dense(3, 2, -1.0);
        string Param(Action action) => ((ArgumentException)Assert.Throws(Is.InstanceOf<ArgumentException>(), () => action())!).ParamName!;
        var options = QuantumClusteringOptions.Default with { Sigma = 1 };
        Assert.That(Param(() => QuantumClustering.Fit((PosteriorCodes)null!, options)), Is.EqualTo("posterior"));
        Assert.That(Param(() => QuantumClustering.Fit(new PosteriorCodes(mean, Matrix<double>.Build.Dense(2, 2, -1.0)), options)), Is.EqualTo("posterior"));
        var nan = logVariance.Clone();
        nan[1, 1] = double.NaN;
        Assert.That(Param(() => QuantumClustering.Fit(new PosteriorCodes(mean, nan), options)), Is.EqualTo("posterior"));
        var infinite = mean.Clone();
        infinite[0, 0] = double.PositiveInfinity;
        Assert.That(Param(() => QuantumClustering.Fit(new PosteriorCodes(infinite, logVariance), options)), Is.EqualTo("posterior"));
        Assert.That(Param(() => QuantumClustering.Fit(new PosteriorCodes(mean, logVariance), options with { LocalShapes = true })), Is.EqualTo("LocalShapes"));
        Assert.That(Param(() => QuantumClustering.Fit(new PosteriorCodes(mean, logVariance), options with { Sigma = -1 })), Is.EqualTo("Sigma"));
        var far = logVariance.Clone();
        far[0, 0] = -800;
        far[2, 1] = 700;
        Assert.That(Param(() => KernelCovariances.Posterior(far)), Is.EqualTo("logVariances"));
        Assert.That(Param(() => KernelCovariances.Posterior(logVariance, Pca.Fit(Matrix<double>.Build.Dense(4, 3, (i, j) => i * j + j), PcaOptions.Default with { ComponentCount = 2 }))),
            Is.EqualTo("projection"));
    }

    [Test]
    public void FitsAreBitIdenticalWhateverTheThreadCount()
    {
        // Every descent is independent, so the result must not depend on which thread ran which point.
        var posterior = RandomPosterior(11, 300, 8);
        var options = QuantumClusteringOptions.Default with { Sigma = 1.2, AdaptiveWidths = true };
        var reference = QuantumClustering.Fit(posterior, options with { MaxDegreeOfParallelism = 1 });
        Assert.That(reference.Iterations.Sum(), Is.GreaterThan(2 * 300), "the descents take steps");
        foreach (var threads in new[] { 2, -1 })
        {
            var result = QuantumClustering.Fit(posterior, options with { MaxDegreeOfParallelism = threads });
            Assert.That(result.Labels, Is.EqualTo(reference.Labels));
            Assert.That(result.Iterations, Is.EqualTo(reference.Iterations));
            Assert.That(result.Centres.ToRowMajorArray(), Is.EqualTo(reference.Centres.ToRowMajorArray()), "centres, to the bit");
        }
    }

    [Test]
    public unsafe void EveryThreadsBlockBufferStartsOnA64ByteBoundary()
    {
        // TensorPrimitives adds a span's terms in an order set by the span's address modulo the vector size. With buffers
        // at arbitrary addresses a d = 8 posterior fit gave centres that differed in the last bits from one process to the
        // next (docs/quantum.md §10); the sums' buffers therefore start on a 64-byte boundary on every thread.
        var misaligned = 0;
        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            _ = new double[1 + i % 7];       // move the heap on between buffers
            var buffer = SchrodingerPotential.BlockBuffer(100 + 997 * i);
            if ((nuint)Unsafe.AsPointer(ref MemoryMarshal.GetReference(buffer)) % 64 != 0 || buffer.Length != 100 + 997 * i)
                Interlocked.Increment(ref misaligned);
        });
        Assert.That(misaligned, Is.EqualTo(0));
    }
}
