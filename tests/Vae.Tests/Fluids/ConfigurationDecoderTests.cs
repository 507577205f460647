using System.Text.Json.Nodes;
using MathNet.Numerics.LinearAlgebra;
using NUnit.Framework;
using TorchSharp;
using Vae.Core.Models;
using Vae.Fluids.Data;
using Vae.Fluids.Geometry;
using Vae.Fluids.Learning;
using Vae.Fluids.Sampling;
using static TorchSharp.torch;

namespace Vae.Tests.Fluids;

/// <summary>
/// The permutation-invariant configuration decoder (<see cref="FluidDecoder.Configuration"/>, docs/fluids.md §9): its
/// likelihood against the sorted pair distances written out directly and against finite differences, its invariances,
/// its outputs as exact planar distance matrices, training, persistence, and generation through the slides' pipeline.
/// </summary>
public sealed class ConfigurationDecoderTests
{
    private const int N = 6;
    private static readonly MetropolisOptions Physics = MetropolisOptions.Default with { Particles = 8, Box = 4, Gamma = 1, SweepsPerSample = 100, WarmupSweeps = 100, Seed = 7 };

    private static readonly FluidVaeOptions Small = FluidVaeOptions.Default with
    {
        LatentSize = 4, Convolutions = [new ConvolutionSpec(4, 3, 2, 1)], HiddenSizes = [32], ConfigurationHiddenSizes = [64, 64],
        Epochs = 60, BatchSize = 20, LearningRate = 3e-3, Seed = 1, Decoder = FluidDecoder.Configuration,
    };

    /// <summary>A normalisation with distinct, non-trivial offsets and scales per entry (so that a wrong entry shows).</summary>
    private static FluidInputNormalization Normalization()
    {
        var random = new Random(3);
        return FluidInputNormalization.FromOffsetScale(FluidInputScaling.Standardized, N,
            Enumerable.Range(0, N * N).Select(_ => 2 + random.NextDouble()).ToArray(), Enumerable.Range(0, N * N).Select(_ => 0.5 + random.NextDouble()).ToArray());
    }

    private static double[,] Points(int seed)
    {
        var random = new Random(seed);
        var p = new double[N, 2];
        for (int i = 0; i < N; i++) { p[i, 0] = 4 * random.NextDouble(); p[i, 1] = 4 * random.NextDouble(); }
        return p;
    }

    private static double Distance(double[,] p, int i, int j) => Math.Sqrt(Math.Pow(p[i, 0] - p[j, 0], 2) + Math.Pow(p[i, 1] - p[j, 1], 2));

    /// <summary>Normalised matrix [1, N²] of <paramref name="p"/> with its particles in the order <paramref name="order"/>.</summary>
    private static Tensor Normalised(double[,] p, FluidInputNormalization normalization, int[] order) =>
        tensor(Enumerable.Range(0, N * N).Select(e => normalization.ForwardEntry(Distance(p, order[e / N], order[e % N]), e)).ToArray(), [1, N * N], float64);

    private static double[] SortedDistances(double[,] p) =>
        Enumerable.Range(0, N).SelectMany(i => Enumerable.Range(i + 1, N - i - 1).Select(j => Distance(p, i, j))).Order().ToArray();

    [Test]
    public void Likelihood_is_a_gaussian_on_the_sorted_pair_distances_and_ignores_labels_and_rigid_motions()
    {
        var normalization = Normalization();
        var likelihood = new SortedDistanceLikelihood(normalization, Math.Log(0.5));
        var identity = Enumerable.Range(0, N).ToArray();
        double[,] x = Points(1), y = Points(2);
        // Direct: log N(d_(m)(x); d_(m)(y), ½) summed over the M sorted pairs.
        var dx = SortedDistances(x);
        var dy = SortedDistances(y);
        double expected = dx.Zip(dy, (a, b) => -(a - b) * (a - b) - 0.5 * Math.Log(Math.PI)).Sum();
        double value = likelihood.LogProbability(Normalised(x, normalization, identity), Normalised(y, normalization, identity)).item<double>();
        Assert.That(value, Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)));

        // Relabel x's particles, and rotate, reflect and translate y: nothing changes.
        int[] permutation = [3, 0, 5, 1, 4, 2];
        var moved = new double[N, 2];
        double c = Math.Cos(0.7), s = Math.Sin(0.7);
        for (int i = 0; i < N; i++) { moved[i, 0] = c * y[i, 0] - s * y[i, 1] + 5; moved[i, 1] = -(s * y[i, 0] + c * y[i, 1]) - 1; }
        double invariant = likelihood.LogProbability(Normalised(x, normalization, permutation), Normalised(moved, normalization, identity)).item<double>();
        Assert.That(invariant, Is.EqualTo(value).Within(1e-9 * Math.Abs(value)));
        Assert.That(likelihood.LogProbability(Normalised(x, normalization, identity), Normalised(x, normalization, permutation)).item<double>(),
            Is.EqualTo(-dx.Length / 2.0 * Math.Log(Math.PI)).Within(1e-9), "a relabelled copy is a perfect reconstruction");
    }

    [Test]
    public void Likelihood_gradient_matches_central_differences()
    {
        var normalization = Normalization();
        var likelihood = new SortedDistanceLikelihood(normalization, Math.Log(0.3));
        var identity = Enumerable.Range(0, N).ToArray();
        var x = Normalised(Points(4), normalization, identity);
        var y = Normalised(Points(5), normalization, identity).requires_grad_(true);
        likelihood.LogProbability(x, y).sum().backward();
        var gradient = y.grad!.data<double>().ToArray();
        var values = y.detach().data<double>().ToArray();
        const double h = 1e-6;
        double F(double[] v) => likelihood.LogProbability(x, tensor(v, [1, N * N], float64)).item<double>();
        for (int e = 0; e < N * N; e++)
        {
            var plus = (double[])values.Clone();
            var minus = (double[])values.Clone();
            plus[e] += h;
            minus[e] -= h;
            double numeric = (F(plus) - F(minus)) / (2 * h);
            Assert.That(gradient[e], Is.EqualTo(numeric).Within(1e-6 * (1 + Math.Abs(numeric))), $"entry {e}");
        }
        // Only the upper triangle enters (each pair once).
        Assert.That(Enumerable.Range(0, N * N).Where(e => e / N >= e % N).Select(e => gradient[e]), Is.All.EqualTo(0.0));
    }

    [Test]
    public void Decoded_matrices_are_the_exact_planar_distances_of_the_decoded_coordinates()
    {
        var normalization = Normalization();
        var decoder = new ConfigurationDecoder(3, [8], normalization);
        var z = randn(5, 3, dtype: float32, generator: new Generator(11));
        var coordinates = decoder.Coordinates(z).to(float64).data<double>().ToArray();
        var output = decoder.call(z).to(float64).data<double>().ToArray();
        Assert.That(decoder.call(z).shape, Is.EqualTo(new long[] { 5, 1, N, N }));
        for (int b = 0; b < 5; b++)
        {
            var distances = Matrix<double>.Build.Dense(N, N);
            for (int e = 0; e < N * N; e++)
            {
                int i = e / N, j = e % N;
                double dx = coordinates[(b * N + i) * 2] - coordinates[(b * N + j) * 2], dy = coordinates[(b * N + i) * 2 + 1] - coordinates[(b * N + j) * 2 + 1];
                double direct = i == j ? 0 : Math.Sqrt(dx * dx + dy * dy);
                double decoded = output[b * N * N + e] / normalization.Scale[e] + normalization.Offset[e];
                Assert.That(decoded, Is.EqualTo(direct).Within(1e-4 * (1 + direct)), $"sample {b}, entry ({i}, {j})");
                distances[i, j] = decoded;
            }
            // Symmetrised with a zero diagonal, as LatentGeneration.Rebuild does (the float32 normalisation round trip leaves ~1e-7).
            distances = Matrix<double>.Build.Dense(N, N, (i, j) => i == j ? 0 : 0.5 * (distances[i, j] + distances[j, i]));
            Assert.That(ClassicalMds.Embed(distances, 2, GramConvention.DoubleCentred).Stress, Is.LessThan(1e-6), "a 2-D Euclidean matrix has no Gram spectrum outside two dimensions");
        }
    }

    [Test]
    public void Trains_generates_valid_configurations_saves_and_loads()
    {
        var set = Metropolis.Sample(Physics, 400).Configurations;
        var (_, distances) = FluidDataSet.SortedArrays(set.Coordinates, set.Count, set.Particles);
        var normal = new DistanceMatrixSet(distances, set.Count, set.Particles);
        var train = normal.Slice(0, 300);
        var heldOut = normal.Slice(300, 100);
        var model = FluidVae.Train(train, Physics.Box, Small);
        Assert.That(model.LossWithoutConstant(model.Epochs[^1].TrainLoss), Is.LessThan(model.LossWithoutConstant(model.Epochs[0].TrainLoss) / 4));

        // Reconstruction error: the mean squared difference of the sorted pair distances, recomputed from Reconstruct.
        var errors = model.ReconstructionErrors(heldOut);
        var reconstruction = model.Reconstruct(heldOut);
        for (int k = 0; k < heldOut.Count; k += 9)
        {
            var a = heldOut.Matrix(k);
            var b = reconstruction.Matrix(k);
            var da = Enumerable.Range(0, 8).SelectMany(i => Enumerable.Range(i + 1, 7 - i).Select(j => a[i, j])).Order().ToArray();
            var db = Enumerable.Range(0, 8).SelectMany(i => Enumerable.Range(i + 1, 7 - i).Select(j => b[i, j])).Order().ToArray();
            Assert.That(errors[k], Is.EqualTo(da.Zip(db, (u, v) => (u - v) * (u - v)).Average()).Within(1e-6));
        }

        // The slides' pipeline (decode → classical MDS → rest) on this model's generations: the held-out data's own closest
        // pairs are ≥ 0.8σ in every configuration, and so must be ≥ 80 % of the generations (issue 14's target).
        var codes = model.LatentMeans(train);
        var generated = LatentGeneration.Generate(model, codes, 4, 200, Physics, 0.8, 3);
        Assert.That(LatentGeneration.Rebuild(heldOut, Physics).ValidFraction, Is.EqualTo(1.0));
        Assert.That(generated.MdsStresses, Is.All.LessThan(1e-6));
        Assert.That(generated.ValidFraction, Is.GreaterThanOrEqualTo(0.8));
        var matrixModel = FluidVae.Train(train, Physics.Box, Small with { Decoder = FluidDecoder.DistanceMatrix });
        var matrixGenerated = LatentGeneration.Generate(matrixModel, matrixModel.LatentMeans(train), 4, 200, Physics, 0.8, 3);
        Assert.That(matrixGenerated.ValidFraction, Is.LessThan(generated.ValidFraction - 0.3),
            "the check discriminates: the slides' matrix decoder on the same matrices and settings averages over height-order flips (0.11 here against 1.00)");

        // The diagnosis compares its reconstructions by sorted pair distances, and refuses the entry-wise error blend.
        var stages = GenerationDiagnosis.Run(model, heldOut, 4, 20, Physics);
        Assert.That(stages.Where(st => st.Name == "reconstruction").Select(st => st.DistanceMse), Is.All.EqualTo(errors.Average()).Within(1e-12));
        var refused = Assert.Throws<ArgumentException>(() => GenerationDiagnosis.ErrorScaling(model, heldOut, [0.5], Physics))!;
        Assert.That(refused.ParamName, Is.EqualTo("model"));

        var dir = Directory.CreateTempSubdirectory("vae-fluid-configuration-").FullName;
        try
        {
            model.Save(dir);
            var meta = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "fluid_vae.json")))!;
            Assert.That(meta["decoder"]!.GetValue<string>(), Is.EqualTo("configuration"));
            var loaded = FluidVaeModel.Load(dir);
            // Saved: the architecture, decoder, scaling, λ, epochs and seed (batch size and learning rate are not part of a model).
            Assert.That(loaded.Options, Is.EqualTo(Small with { BatchSize = FluidVaeOptions.Default.BatchSize, LearningRate = FluidVaeOptions.Default.LearningRate }));
            Assert.That(loaded.ReconstructionErrors(heldOut), Is.EqualTo(errors));
            Assert.That(loaded.LatentMeans(heldOut).Equals(model.LatentMeans(heldOut)), Is.True);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Test]
    public void Options_compare_the_decoder_and_reject_bad_hidden_sizes()
    {
        Assert.That(Small, Is.EqualTo(Small with { ConfigurationHiddenSizes = [64, 64] }));
        Assert.That(Small, Is.Not.EqualTo(Small with { ConfigurationHiddenSizes = [64] }));
        Assert.That(Small, Is.Not.EqualTo(Small with { Decoder = FluidDecoder.DistanceMatrix }));
        var matrices = new DistanceMatrixSet(new float[9 * 64], 9, 8);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => FluidVae.Train(matrices, 4, Small with { ConfigurationHiddenSizes = [64, 0] }))!;
        Assert.That(e.ParamName, Is.EqualTo("options.ConfigurationHiddenSizes"));
        Assert.That(e.Message, Does.Contain("[64, 0]"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FluidVae.Train(matrices, 4, Small with { Decoder = (FluidDecoder)7 }));
    }
}
