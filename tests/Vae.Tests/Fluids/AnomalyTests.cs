using NUnit.Framework;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class AnomalyTests
{
    [Test]
    public void UniformPositionsFillTheBoxUniformly()
    {
        var set = AnomalyData.UniformPositions(2000, 30, 10, seed: 1);
        var c = set.Coordinates.ToArray();
        Assert.That(c.All(v => v is >= 0 and < 10), Is.True);
        Assert.That(c.Average(), Is.EqualTo(5).Within(0.05));
        Assert.That(c.Select(v => (v - 5) * (v - 5)).Average(), Is.EqualTo(100.0 / 12).Within(0.1));
        var first = AnomalyData.UniformPositions(3, 4, 10, 1).Coordinates.ToArray();
        var again = AnomalyData.UniformPositions(3, 4, 10, 1).Coordinates.ToArray();
        Assert.That(again, Is.EqualTo(first), "deterministic for a seed");
        Assert.That(AnomalyData.UniformPositions(3, 4, 10, 2).Coordinates.ToArray(), Is.Not.EqualTo(first));
    }

    [Test]
    public void CorruptionMovesFourParticlesByAtMostTheStep()
    {
        var normal = ConfigurationSet.FromSamples(Metropolis.Sample(MetropolisOptions.Default with { SweepsPerSample = 20, WarmupSweeps = 50, Seed = 4 }, 200));
        var corrupted = AnomalyData.Corrupt(normal, 4, 0.2, seed: 9);
        int totalMoved = 0;
        double maxStep = 0;
        for (int k = 0; k < normal.Count; k++)
        {
            var a = normal.Configuration(k);
            var b = corrupted.Configuration(k);
            int moved = 0;
            for (int i = 0; i < a.Count; i++)
            {
                double d = Math.Sqrt(Math.Pow(a.X[i] - b.X[i], 2) + Math.Pow(a.Y[i] - b.Y[i], 2));
                if (d > 0) moved++;
                maxStep = Math.Max(maxStep, d);
            }
            Assert.That(moved, Is.InRange(3, 4), "4 distinct particles (a zero-length step is possible only with probability 0)");
            totalMoved += moved;
        }
        Assert.That(totalMoved, Is.EqualTo(4 * normal.Count));
        Assert.That(maxStep, Is.LessThanOrEqualTo(0.2 + 1e-12).And.GreaterThan(0.19));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyData.Corrupt(normal, 31));
        Assert.Throws<ArgumentOutOfRangeException>(() => AnomalyData.Corrupt(normal, 4, 0));
    }

    [Test]
    public void MaskingBlacksOutASymmetricBlock()
    {
        var c = Metropolis.Sample(MetropolisOptions.Default with { Particles = 10, SweepsPerSample = 5, WarmupSweeps = 20 }, 50);
        var dir = Directory.CreateTempSubdirectory("vae-mask-").FullName;
        try
        {
            var files = FluidDataSet.Write(dir, "x", c);
            var set = FluidDataSet.ReadDistances(Path.Combine(dir, files.DistancesFile));
            var masked = AnomalyData.Mask(set, 3, seed: 5);
            for (int k = 0; k < set.Count; k++)
            {
                var m = masked.Matrices.Matrix(k);
                var o = set.Matrix(k);
                int r = masked.BlockRows[k], col = masked.BlockColumns[k];
                Assert.That((m - m.Transpose()).Enumerate().All(v => v == 0), Is.True);
                for (int i = 0; i < 10; i++)
                    for (int j = 0; j < 10; j++)
                    {
                        bool inside = (i >= r && i < r + 3 && j >= col && j < col + 3) || (j >= r && j < r + 3 && i >= col && i < col + 3);
                        Assert.That(m[i, j], Is.EqualTo(inside ? 0 : o[i, j]));
                    }
            }
            Assert.That(masked.BlockRows.Distinct().Count(), Is.GreaterThan(3));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    /// <summary>Review finding 12: fill was written unchecked and onto the diagonal, so Mask(set, N, fill: 1) gave a
    /// matrix with 1 on the diagonal that FluidDataSet.ReadDistances rejects; NaN or negative fills went through.</summary>
    [Test]
    public void MaskFillIsADistanceAndTheDiagonalStaysZero()
    {
        var c = Metropolis.Sample(MetropolisOptions.Default with { Particles = 6, Box = 5, SweepsPerSample = 5, WarmupSweeps = 20 }, 3);
        var set = DistanceMatrixSet.FromConfigurations(c.Configurations);
        var masked = AnomalyData.Mask(set, 6, fill: 1f);
        for (int k = 0; k < set.Count; k++)
        {
            var m = masked.Matrices.Matrix(k);
            for (int i = 0; i < 6; i++)
                for (int j = 0; j < 6; j++)
                    Assert.That(m[i, j], Is.EqualTo(i == j ? 0.0 : 1.0), $"matrix {k} [{i}, {j}]");
            Assert.That(() => DistanceMatrix.Validate(m), Throws.Nothing);
        }
        foreach (float fill in new[] { float.NaN, -1f, float.PositiveInfinity })
            Assert.That(() => AnomalyData.Mask(set, 2, fill: fill),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("fill").And.Property("ActualValue").EqualTo(fill));
    }
}
