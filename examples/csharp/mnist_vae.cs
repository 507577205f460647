// Trains a small VAE on real MNIST digits (the embedded official test set, standard split) and prints the per-epoch
// −ELBO, then trains it with an objective defined here: the ELBO with "free bits" (Kingma et al. 2016, Appendix C.8), a
// record deriving from VaeObjective. A .NET file-based app; run from the repository root:
//     dotnet run examples/csharp/mnist_vae.cs
// Exits with code 1 if a sanity check fails (non-finite metric, or the test −ELBO does not improve).
#:project ../../src/Vae.Core/Vae.Core.csproj

using Vae.Core.Data;
using Vae.Core.Models;
using Vae.Core.Models.Objectives;
using Vae.Core.Numerics;
using Vae.Core.Torch;
using TorchSharp;
using static TorchSharp.torch;
using Vae.Core.Training;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true }); // the application opts in (docs/numerics.md)
Console.WriteLine(VaeNumerics.Describe());
Console.WriteLine(TorchRuntime.Describe());

var split = Mnist.StandardSplit();
var train = split.Train.Slice(0, 2000);
var test = split.Test;
Console.WriteLine($"train: {train}\ntest:  {test}");

var architecture = VaeArchitecture.Mlp([1, 28, 28], [256], 10);
var options = TrainingOptions.Default with { Epochs = 3, BatchSize = 100, Seed = 1, Optimizer = AdamOptions.Default with { LearningRate = 2e-3 } };
Console.WriteLine($"{architecture}; {VariationalAutoencoder.Create(architecture, 0).ParameterCount} parameters");
Console.WriteLine("epoch   train −ELBO   test −ELBO   seconds   (nats per image)");
var result = VaeTrainer.Train(architecture, train, test, options,
    onEpoch: (summary, _) => Console.WriteLine($"{summary.Epoch,5}   {summary.TrainNegativeElbo,11:F2}   {summary.TestNegativeElbo,10:F2}   {summary.Seconds,7:F2}"));

// On 200 test images: the ELBO is a lower bound of log p(x); K = 100 importance samples tighten it (Burda et al. 2016).
var probe = test.Slice(0, 200);
double elbo = -VaeTrainer.NegativeElbo(result.Model, probe, 100, 7);
var ll = ImportanceSampledLogLikelihood.Estimate(result.Model, probe, 100, 8);
Console.WriteLine($"200 test images: ELBO {elbo:F2} nats ≤ log p(x) ≈ {ll.Mean:F2} ± {ll.StandardError:F2} nats (K = 100)");

var freeBits = VaeTrainer.Train(architecture, train, test, options with { Objective = new FreeBitsElbo { Lambda = 0.25 } });
var freeBitsLast = freeBits.Epochs[^1];
Console.WriteLine($"free bits λ = 0.25: train loss {freeBitsLast.TrainLoss:F2}, test −ELBO {freeBitsLast.TestNegativeElbo:F2} nats");

var testElbo = result.Epochs.Select(e => e.TestNegativeElbo ?? double.NaN).ToArray();
var failures = new List<string>();
if (!testElbo.All(double.IsFinite)) failures.Add("a test −ELBO is not finite");
if (!(testElbo[^1] < testElbo[0])) failures.Add($"the test −ELBO did not improve: {string.Join(", ", testElbo)}");
// 784·ln 2 ≈ 543 nats is what a decoder that knows nothing (p = ½ per pixel) pays.
if (!(testElbo[^1] < 784 * Math.Log(2) - 250)) failures.Add($"the test −ELBO {testElbo[^1]:F1} is not well below 784·ln 2");
if (!(ll.Mean > elbo)) failures.Add($"the importance-sampled log p(x) {ll.Mean:F2} is below the ELBO {elbo:F2}");
if (!(freeBitsLast.TestNegativeElbo < 784 * Math.Log(2) - 250)) failures.Add($"the free-bits run's test −ELBO {freeBitsLast.TestNegativeElbo:F1} is not well below 784·ln 2");
// With free bits the minimised loss is ≥ the −ELBO (each unit's KL counts at least λ), up to float32 rounding.
if (!(freeBitsLast.TrainLoss >= freeBitsLast.TrainNegativeElbo * (1 - Math.Pow(2, -23)))) failures.Add("the free-bits loss is below the −ELBO");
foreach (var f in failures) Console.Error.WriteLine($"mnist_vae.cs: {f}");
return failures.Count == 0 ? 0 : 1;

/// <summary>Free bits: each latent dimension's KL, averaged over the batch, counts at least <see cref="Lambda"/> nats.</summary>
sealed record FreeBitsElbo : VaeObjective
{
    /// <summary>λ ≥ 0, nats per latent dimension.</summary>
    public double Lambda { get; init; }

    public override Tensor Loss(VaePass pass, long step) =>
        pass.LogLikelihood.mean().neg() + pass.KlPerDimension.mean([0]).clamp_min(Lambda).sum();

    public override void Validate()
    {
        base.Validate();
        if (!(Lambda >= 0)) throw new ArgumentOutOfRangeException(nameof(Lambda), Lambda, "Lambda must be ≥ 0.");
    }
}
