using NUnit.Framework;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class AnomalyFamiliesTests
{
    private static readonly MetropolisOptions Small = MetropolisOptions.Default with { Particles = 8, Box = 6, SweepsPerSample = 20, WarmupSweeps = 20, Seed = 3 };

    [Test]
    public void In_memory_distance_matrices_equal_the_written_data_set()
    {
        var samples = Metropolis.Sample(Small, 5);
        var directory = Directory.CreateTempSubdirectory("vae-fluids-").FullName;
        try
        {
            var files = FluidDataSet.Write(directory, "s", samples);
            var written = FluidDataSet.ReadDistances(Path.Combine(directory, files.DistancesFile));
            var inMemory = DistanceMatrixSet.FromConfigurations(samples.Configurations);
            Assert.That(inMemory.Count, Is.EqualTo(5));
            Assert.That(inMemory.Values.ToArray(), Is.EqualTo(written.Values.ToArray()));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void Families_follow_the_slides_definitions()
    {
        var options = AnomalyFamilyOptions.Default with { Count = 6, Moved = 3, MaxStep = 0.2, Seed = 11 };
        var families = AnomalyFamilies.Sample(Small, options);
        Assert.That(families.Select(f => f.Name), Is.EqualTo(new[] { "normal", "unseen_gamma", "fake_potential", "uniform", "corrupted" }));
        Assert.That(families.Select(f => f.Configurations.Count), Is.All.EqualTo(6));

        // Corrupted = normal with exactly `Moved` particles displaced by at most MaxStep.
        var normal = families[0].Configurations;
        var corrupted = families[4].Configurations;
        for (int c = 0; c < normal.Count; c++)
        {
            var a = normal.Configuration(c);
            var b = corrupted.Configuration(c);
            var steps = Enumerable.Range(0, a.Count).Select(i => Math.Sqrt(Math.Pow(a.X[i] - b.X[i], 2) + Math.Pow(a.Y[i] - b.Y[i], 2))).ToList();
            Assert.That(steps.Count(s => s > 0), Is.LessThanOrEqualTo(3), $"configuration {c}: moved particles");
            Assert.That(steps.Max(), Is.LessThanOrEqualTo(0.2 + 1e-12), $"configuration {c}: largest step");
        }

        var masked = AnomalyFamilies.Masked(DistanceMatrixSet.FromConfigurations(normal), options with { MaskBlock = 4 });
        Assert.That(masked.BlockSize, Is.EqualTo(4));
        var m0 = masked.Matrices.Matrix(0);
        Assert.That(m0[masked.BlockRows[0], masked.BlockColumns[0]], Is.EqualTo(0.0));
        Assert.That(m0, Is.EqualTo(m0.Transpose()), "masking keeps the matrix symmetric");
    }

    [Test]
    public void Bad_family_options_are_rejected()
    {
        Assert.That(() => AnomalyFamilies.Sample(Small, AnomalyFamilyOptions.Default with { Count = 0 }), Throws.InstanceOf<ArgumentOutOfRangeException>());
        Assert.That(() => AnomalyFamilies.Sample(Small, AnomalyFamilyOptions.Default with { UnseenGamma = double.NaN }), Throws.InstanceOf<ArgumentOutOfRangeException>());
    }

    /// <summary>Review finding 3: Moved and MaxStep were checked only by AnomalyData.Corrupt, after the normal, unseen-γ and
    /// fake-potential families had been sampled (as moved/maxStep), and MaskBlock not at all. Now every option is checked
    /// first, named options.Property, and a cancelled token shows that no sampling started.</summary>
    [TestCase("Moved", 0)]
    [TestCase("Moved", 9)]
    [TestCase("MaxStep", 0.0)]
    [TestCase("MaxStep", double.NaN)]
    [TestCase("MaskBlock", 0)]
    [TestCase("MaskBlock", 9)]
    public void Every_family_option_is_checked_before_any_sampling(string property, object value)
    {
        var options = property switch
        {
            "Moved" => AnomalyFamilyOptions.Default with { Moved = (int)value },
            "MaxStep" => AnomalyFamilyOptions.Default with { MaxStep = (double)value },
            _ => AnomalyFamilyOptions.Default with { MaskBlock = (int)value },
        };
        // Small has N = 8 particles. Sampling would throw OperationCanceledException first on this token.
        Assert.That(() => AnomalyFamilies.Sample(Small, options, cancellationToken: new CancellationToken(canceled: true)),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options." + property).And.Property("ActualValue").EqualTo(value));
        var distances = DistanceMatrixSet.FromConfigurations(Metropolis.Sample(Small, 1).Configurations);
        Assert.That(() => AnomalyFamilies.Masked(distances, options),
            Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options." + property));
    }
}
