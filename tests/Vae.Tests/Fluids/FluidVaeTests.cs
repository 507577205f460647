using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Metrics;
using Vae.Core.Models;
using Vae.Fluids.Anomalies;
using Vae.Fluids.Data;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;

namespace Vae.Tests.Fluids;

public sealed class FluidVaeTests
{
    private static readonly FluidVaeOptions Tiny = FluidVaeOptions.Default with
    {
        LatentSize = 4, Convolutions = [new ConvolutionSpec(4, 3, 2, 1)], HiddenSizes = [32], Epochs = 15, BatchSize = 20, LearningRate = 3e-3, Seed = 1,
        InputScaling = FluidInputScaling.BoxDiagonal,
    };

    private static DistanceMatrixSet Matrices(ConfigurationSet set)
    {
        var (_, distances) = FluidDataSet.SortedArrays(set.Coordinates, set.Count, set.Particles);
        return new DistanceMatrixSet(distances, set.Count, set.Particles);
    }

    [Test]
    public void TrainsScoresSavesAndLoads()
    {
        var options = MetropolisOptions.Default with { Particles = 8, Box = 4, Gamma = 1, SweepsPerSample = 100, WarmupSweeps = 100, Seed = 3 };
        var normal = Matrices(Metropolis.Sample(options, 300).Configurations);
        var model = FluidVae.Train(normal.Slice(0, 240), options.Box, Tiny);
        Assert.That(model.Epochs, Has.Count.EqualTo(15));
        Assert.That(model.LossWithoutConstant(model.Epochs[^1].TrainLoss), Is.LessThan(model.LossWithoutConstant(model.Epochs[0].TrainLoss)));
        Assert.That(model.Normalization.Scale, Is.All.EqualTo(1 / (4 * Math.Sqrt(2))).Within(1e-15));
        Assert.That(model.Normalization.Offset, Is.All.EqualTo(0.0));

        var heldOut = normal.Slice(240, 60);
        var errors = model.ReconstructionErrors(heldOut);
        var reconstruction = model.Reconstruct(heldOut);
        for (int k = 0; k < 60; k += 7)
        {
            double sum = 0;
            for (int i = 0; i < 64; i++)
            {
                double r = (heldOut.Values[k * 64 + i] - reconstruction.Values[k * 64 + i]) * model.Normalization.Scale[i];
                sum += r * r;
            }
            Assert.That(errors[k], Is.EqualTo(sum / 64).Within(1e-6 * sum / 64 + 1e-9));
        }

        var uniform = Matrices(AnomalyData.UniformPositions(60, 8, 4, 5));
        var scorer = AnomalyScorer.Fit(model, normal.Slice(0, 120));
        var report = AnomalyEvaluation.Evaluate(scorer, heldOut, [KeyValuePair.Create("uniform", uniform)]);
        Assert.That(report.Families[0].RocAuc, Is.EqualTo(RocCurve.AreaUnderCurve(errors, model.ReconstructionErrors(uniform))));
        Assert.That(report.Families[0].RocAuc, Is.GreaterThan(0.6), "random positions score higher than held-out normal data (60 vs 60 samples: chance is 0.5 ± 0.05)");
        Assert.That(report.LatentVarianceRatios.Sum(), Is.EqualTo(1).Within(1e-12));
        Assert.That(report.FirstTwoComponentsShare, Is.EqualTo(report.LatentVarianceRatios[0] + report.LatentVarianceRatios[1]));

        var dir = Directory.CreateTempSubdirectory("vae-fluid-vae-").FullName;
        try
        {
            model.Save(dir);
            var loaded = FluidVaeModel.Load(dir);
            Assert.That(loaded.ReconstructionErrors(heldOut), Is.EqualTo(errors));
            Assert.That(loaded.Normalization.Scale, Is.EqualTo(model.Normalization.Scale));
            Assert.That(loaded.Options.InputScaling, Is.EqualTo(FluidInputScaling.BoxDiagonal));
            Assert.That(loaded.Options.Lambda, Is.EqualTo(Tiny.Lambda));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
        Assert.Throws<ArgumentException>(() => model.ReconstructionErrors(Matrices(AnomalyData.UniformPositions(2, 5, 4, 1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => FluidVae.Train(normal, 4, Tiny with { Lambda = -1 }));
    }

    /// <summary>Review findings 13 and 14: Load read a missing scaling, lambda, epochs or seed as 0 and truncated
    /// "scaling": 1.7 to 1; and Save replaced its three files one by one, so an interrupted save over an older model left
    /// new weights or normalisation beside the old metadata, which Load accepted. Now fluid_vae.json is written last
    /// with the SHA-256 of the other two files, and every key is required.</summary>
    [Test]
    public void Load_rejects_missing_or_non_integral_metadata_and_files_from_different_saves()
    {
        var options = MetropolisOptions.Default with { Particles = 8, Box = 4, Gamma = 1, SweepsPerSample = 20, WarmupSweeps = 50, Seed = 4 };
        var model = FluidVae.Train(Matrices(Metropolis.Sample(options, 40).Configurations), options.Box, Tiny with { Epochs = 1 });
        var dir = Directory.CreateTempSubdirectory("vae-fluid-vae-meta-").FullName;
        try
        {
            model.Save(dir);
            var metaFile = Path.Combine(dir, "fluid_vae.json");
            string original = File.ReadAllText(metaFile);
            Assert.That(FluidVaeModel.Load(dir).Options.Seed, Is.EqualTo(Tiny.Seed));
            foreach (var key in new[] { "scaling", "lambda", "epochs", "seed" })
            {
                var meta = System.Text.Json.Nodes.JsonNode.Parse(original)!.AsObject();
                meta.Remove(key);
                File.WriteAllText(metaFile, meta.ToJsonString());
                Assert.That(() => FluidVaeModel.Load(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contains($"no '{key}'"));
            }
            var garbled = System.Text.Json.Nodes.JsonNode.Parse(original)!.AsObject();
            garbled["scaling"] = 1.7;
            File.WriteAllText(metaFile, garbled.ToJsonString());
            Assert.That(() => FluidVaeModel.Load(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("'scaling' = 1.7"));
            File.WriteAllText(metaFile, original);
            // A save interrupted after writing a new normalisation: same shape, other values.
            var normalization = Path.Combine(dir, "normalization.npy");
            var values = Vae.Core.IO.Npy.Read(normalization).ToDoubleArray();
            values[^1] *= 2;
            Vae.Core.IO.Npy.Write<double>(normalization, values, [2, 64]);
            Assert.That(() => FluidVaeModel.Load(dir), Throws.InstanceOf<InvalidDataException>().With.Message.Contains("different saves"));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void LatentPcaRatiosOfOrthogonalColumns()
    {
        // Columns ±1 patterns (orthogonal, zero mean) scaled by 3, 2, 1: covariance diag(9, 4, 1)·n/(n − 1).
        int n = 8;
        var codes = Matrix<double>.Build.Dense(n, 3, (i, j) => (j == 0 ? 3 : j == 1 ? 2 : 1) * ((i >> j & 1) == 0 ? 1 : -1));
        var ratios = LatentPca.ExplainedVarianceRatios(codes);
        Assert.That(ratios[0], Is.EqualTo(9.0 / 14).Within(1e-12));
        Assert.That(ratios[1], Is.EqualTo(4.0 / 14).Within(1e-12));
        Assert.That(ratios[2], Is.EqualTo(1.0 / 14).Within(1e-12));
        // Invariant under rotation of the latent space.
        double a = 0.3;
        var rotation = Matrix<double>.Build.DenseOfArray(new[,] { { Math.Cos(a), Math.Sin(a), 0 }, { -Math.Sin(a), Math.Cos(a), 0 }, { 0, 0, 1 } });
        Assert.That(LatentPca.ExplainedVarianceRatios(codes * rotation), Is.EqualTo(ratios).Within(1e-12));
        Assert.Throws<ArgumentException>(() => LatentPca.ExplainedVarianceRatios(Matrix<double>.Build.Dense(1, 3)));
    }
}
