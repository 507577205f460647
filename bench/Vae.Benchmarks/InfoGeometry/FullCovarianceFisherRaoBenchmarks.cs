using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;

namespace Vae.Benchmarks.InfoGeometry;

/// <summary>
/// Exact Fisher–Rao distance by geodesic shooting for the dimension-5 pairs of the committed SciPy fixture
/// (issue 4: ≤ 1 ms per pair and ≥ 50× faster than scipy.integrate.solve_bvp on the same pairs; the peer is
/// tools/reference/infogeometry_bench_peer.py, both run by tools/bench/infogeometry.sh). Reported per pair.
/// </summary>
[MemoryDiagnoser]
public class FullCovarianceFisherRaoBenchmarks
{
    private const int Dimension = 5;
    private (MultivariateNormal A, MultivariateNormal B)[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });
        using var doc = JsonDocument.Parse(File.ReadAllText(FixturePath()));
        _pairs = doc.RootElement.GetProperty("cases").EnumerateArray()
            .Where(c => c.GetProperty("dimension").GetInt32() == Dimension)
            .Select(c => (Point(c, "mean1", "covariance1"), Point(c, "mean2", "covariance2")))
            .ToArray();
        if (_pairs.Length == 0)
            throw new InvalidDataException($"The fixture has no dimension-{Dimension} pairs.");
    }

    private int _next;

    /// <summary>Shooting distance of one pair; successive invocations cycle through the fixture's dimension-5 pairs, so the mean is the per-pair average.</summary>
    [Benchmark]
    public double ExactDistance()
    {
        var (a, b) = _pairs[_next++ % _pairs.Length];
        return FisherRao.Distance(a, b);
    }

    /// <summary>The Calvo–Oller lower bound of one pair (closed form, for scale), cycling like <see cref="ExactDistance"/>.</summary>
    [Benchmark]
    public double CalvoOllerBound()
    {
        var (a, b) = _pairs[_next++ % _pairs.Length];
        return FisherRao.CalvoOllerLowerBound(a, b);
    }

    private static MultivariateNormal Point(JsonElement c, string mean, string covariance) =>
        MultivariateNormal.FromMeanCovariance(
            Vector<double>.Build.DenseOfEnumerable(c.GetProperty(mean).EnumerateArray().Select(e => e.GetDouble())),
            Matrix<double>.Build.DenseOfRows(c.GetProperty(covariance).EnumerateArray().Select(r => r.EnumerateArray().Select(e => e.GetDouble()))));

    /// <summary>tests/Vae.Tests/Fixtures/infogeometry/fisher_rao_bvp.json, found by walking up from the benchmark binary (or $VAE_REPO).</summary>
    internal static string FixturePath()
    {
        const string relative = "tests/Vae.Tests/Fixtures/infogeometry/fisher_rao_bvp.json";
        var root = Environment.GetEnvironmentVariable("VAE_REPO");
        if (!string.IsNullOrEmpty(root) && File.Exists(Path.Combine(root, relative))) return Path.Combine(root, relative);
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException($"Cannot find {relative} above {AppContext.BaseDirectory}; set VAE_REPO to the repository root.");
    }
}
