// A fresh console project that consumes the Vae packages from a local feed (see tools/ci/package-smoke.sh).
using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;

VaeNumerics.UseBestAvailable();
var a = Matrix<double>.Build.DenseOfArray(new[,] { { 4.0, 1.0 }, { 1.0, 3.0 } });
var x = a.Cholesky().Solve(Matrix<double>.Build.DenseOfArray(new[,] { { 1.0 }, { 2.0 } }));
Console.WriteLine(VaeNumerics.Describe());
Console.WriteLine($"x = [{x[0, 0]:F6}, {x[1, 0]:F6}]");
if (Math.Abs(x[0, 0] - 1.0 / 11.0) > 1e-12 || Math.Abs(x[1, 0] - 7.0 / 11.0) > 1e-12)
    throw new InvalidOperationException("package smoke test: wrong solution");

// Training from the packed Vae.Core: the application references libtorch-cpu-linux-x64 itself (docs/core-training.md §6);
// Vae.Core's buildTransitive target patched the libstdc++ requirement of TorchSharp's shim if this host needs it.
var split = Vae.Core.Data.Mnist.StandardSplit();
Console.WriteLine(Vae.Core.Torch.TorchRuntime.Describe());
// The package's native asset guards TorchSharp's Scalars (docs/reliability.md); it must be found and bound.
if (!Vae.Core.Torch.TorchRuntime.IsScalarQuarantineActive)
    throw new InvalidOperationException($"package smoke test: Scalar quarantine {Vae.Core.Torch.TorchRuntime.ScalarQuarantineStatus}");
var result = Vae.Core.Training.VaeTrainer.Train(Vae.Core.Models.VaeArchitecture.Mlp([1, 28, 28], [32], 4), split.Train.Slice(0, 500), split.Test.Slice(0, 100),
    Vae.Core.Training.TrainingOptions.Default with { Epochs = 2, BatchSize = 50, Seed = 1 });
var epochs = result.Epochs;
Console.WriteLine($"tiny VAE: test -ELBO {epochs[0].TestNegativeElbo:F2} -> {epochs[1].TestNegativeElbo:F2} nats");
if (!(epochs[1].TestNegativeElbo < epochs[0].TestNegativeElbo) || !double.IsFinite(epochs[1].TrainLoss))
    throw new InvalidOperationException("package smoke test: the tiny VAE did not train");
