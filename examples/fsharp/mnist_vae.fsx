// Trains a small VAE on real MNIST digits (the embedded official test set, standard split) and prints the
// per-epoch −ELBO, then trains the same VAE with an objective written here: the ELBO with "free bits" (Kingma et al.
// 2016, Appendix C.8), as an F# object expression implementing IVaeObjective. Run from the repository root after
// `dotnet build Vae.sln -c Release`:
//     dotnet fsi examples/fsharp/mnist_vae.fsx
// Exits with code 1 if a sanity check fails (non-finite metric, or the test −ELBO does not improve).
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: System.Numerics.Tensors, 10.0.0"
#r "nuget: TorchSharp, 0.107.0"
#r "nuget: libtorch-cpu-linux-x64, 2.10.0"
#r "../../src/Vae.Core/bin/Release/net10.0/Vae.Core.dll"

open System
open Vae.Core.Data
open Vae.Core.Models
open Vae.Core.Models.Objectives
open Vae.Core.Numerics
open Vae.Core.Torch
open TorchSharp
open Vae.Core.Training

VaeNumerics.UseBestAvailable(NumericsOptions(PassiveOpenMpWait = true)) |> ignore // the application opts in (docs/numerics.md)
printfn "%s" (VaeNumerics.Describe())
// First use of libtorch: loads it (on Debian 12 through Vae's libstdc++ workaround, docs/numerics.md) and says how.
printfn "%s" (TorchRuntime.Describe())

let split = Mnist.StandardSplit()
let train = split.Train.Slice(0, 2000)
let test = split.Test
printfn "train: %O\ntest:  %O" train test

// Options records from F#: named properties on the constructor (F# has no `with` for C# records).
let architecture = VaeArchitecture.Mlp([| 1; 28; 28 |], [| 256 |], 10)
let options = TrainingOptions(Epochs = 3, BatchSize = 100, Seed = 1, Optimizer = AdamOptions(LearningRate = 2e-3))

printfn "%O; %d parameters" architecture (VariationalAutoencoder.Create(architecture, 0).ParameterCount)
printfn "epoch   train −ELBO   test −ELBO   seconds   (nats per image)"
let result =
    VaeTrainer.Train(architecture, train, test, options,
        onEpoch = fun summary _ ->
            printfn "%5d   %11.2f   %10.2f   %7.2f" summary.Epoch summary.TrainNegativeElbo summary.TestNegativeElbo.Value summary.Seconds)

let testElbo = result.Epochs |> Seq.map (fun e -> e.TestNegativeElbo.Value) |> List.ofSeq
// On 200 test images: the ELBO is a lower bound of log p(x); K = 100 importance samples tighten it (Burda et al. 2016).
let probe = test.Slice(0, 200)
let elbo = -VaeTrainer.NegativeElbo(result.Model, probe, 100, 7)
let ll = Vae.Core.Models.Objectives.ImportanceSampledLogLikelihood.Estimate(result.Model, probe, 100, 8)
printfn "200 test images: ELBO %.2f nats ≤ log p(x) ≈ %.2f ± %.2f nats (K = 100)" elbo ll.Mean ll.StandardError

/// Free bits: each latent dimension's KL, averaged over the batch, is counted as at least λ nats, so the optimiser has
/// no reason to push a unit below λ into the prior (Kingma et al. 2016, eq. in Appendix C.8).
let freeBits (lambda: float) =
    { new IVaeObjective with
        member _.Samples = 1
        member _.Loss(pass, _) =
            let reconstruction = pass.LogLikelihood.mean().neg()
            reconstruction.add(pass.KlPerDimension.mean([| 0L |]).clamp_min(lambda.ToScalar()).sum())
        member _.BetaAt _ = 1.0
        member _.Validate() = if not (lambda >= 0.0) then invalidArg "lambda" $"lambda = {lambda} must be ≥ 0" }

let freeBitsResult = VaeTrainer.Train(architecture, train, test, TrainingOptions(options, Objective = freeBits 0.25))
let freeBitsElbo = freeBitsResult.Epochs |> Seq.last
printfn "free bits λ = 0.25: train loss %.2f, test −ELBO %.2f nats" freeBitsElbo.TrainLoss freeBitsElbo.TestNegativeElbo.Value

let failures =
    [ if not (Double.IsFinite freeBitsElbo.TestNegativeElbo.Value && freeBitsElbo.TestNegativeElbo.Value < 784.0 * log 2.0 - 250.0) then
          $"the free-bits run's test −ELBO {freeBitsElbo.TestNegativeElbo.Value:F1} is not well below 784·ln 2"
      // With free bits the minimised loss is ≥ the −ELBO (each unit's KL counts at least λ), up to float32 rounding.
      if not (freeBitsElbo.TrainLoss >= freeBitsElbo.TrainNegativeElbo * (1.0 - 2.0 ** -23.0)) then "the free-bits loss is below the −ELBO"
      if not (testElbo |> List.forall Double.IsFinite) then "a test −ELBO is not finite"
      if not (List.last testElbo < List.head testElbo) then $"the test −ELBO did not improve: {testElbo}"
      // 784·ln 2 ≈ 543 nats is what a decoder that knows nothing (p = ½ per pixel) pays.
      if not (List.last testElbo < 784.0 * log 2.0 - 250.0) then $"the test −ELBO {List.last testElbo:F1} is not well below 784·ln 2"
      if not (ll.Mean > elbo) then $"the importance-sampled log p(x) {ll.Mean:F2} is below the ELBO {elbo:F2}" ]
for f in failures do eprintfn "mnist_vae.fsx: %s" f
if not failures.IsEmpty then exit 1
