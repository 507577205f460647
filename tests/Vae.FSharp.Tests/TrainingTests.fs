/// Vae.Core.Models and Vae.Core.Training from F#: a tiny VAE trained for two epochs on real MNIST digits.
module Vae.FSharp.Tests.TrainingTests

open System
open System.IO
open NUnit.Framework
open Vae.Core.Data
open Vae.Core.Models
open Vae.Core.Models.Objectives
open Vae.Core.Training
open Vae.FSharp.Tests.TestSupport

let private split = lazy (Mnist.StandardSplit())
let private train () = split.Value.Train.Slice(0, 1000)
let private test () = split.Value.Test.Slice(0, 200)
let private architecture = VaeArchitecture.Mlp([| 1; 28; 28 |], [| 128 |], 8)
let private options = TrainingOptions(Epochs = 2, BatchSize = 50, Seed = 4, Optimizer = AdamOptions(LearningRate = 3e-3))

/// Trains once for the tests below (about a second on one core).
let private trained =
    lazy
        (let epochs = ResizeArray<EpochSummary>()
         let mutable reports = 0
         let progress = { new IProgress<TrainingProgress> with member _.Report _ = reports <- reports + 1 }
         let result =
             VaeTrainer.Train(architecture, train (), test (), options,
                              onEpoch = (fun summary _ -> epochs.Add summary), progress = progress)
         result, List.ofSeq epochs, reports)

[<Test>]
let ``two epochs lower the negative ELBO and every metric is finite`` () =
    let result, seen, reports = trained.Value
    let epochs = List.ofSeq result.Epochs
    Assert.That(epochs |> List.map (fun e -> e.Epoch), equalTo [ 1; 2 ])
    Assert.That(seen, equalTo epochs, "the F# onEpoch lambda saw every summary")
    Assert.That(reports, equalTo(2 * 1000 / 50), "one progress report per minibatch")
    for e in epochs do
        Assert.That([ e.TrainLoss; e.TrainNegativeElbo; e.TestNegativeElbo.Value ] |> List.forall Double.IsFinite, Is.True)
        TestContext.Out.WriteLine $"epoch {e.Epoch}: train −ELBO {e.TrainNegativeElbo:F2}, test −ELBO {e.TestNegativeElbo.Value:F2} nats"
    let first, second = epochs[0], epochs[1]
    Assert.That(second.TrainNegativeElbo, Is.LessThan first.TrainNegativeElbo)
    Assert.That(second.TestNegativeElbo.Value, Is.LessThan first.TestNegativeElbo.Value)
    // Plain ELBO: the minimised loss is the −ELBO (β = 1). The loss is the float32 sum reconstruction + KL (one rounding,
    // ≤ 2⁻²⁴ of its value per batch), the reported −ELBO the exact double sum of the same two float32 terms.
    TestContext.Out.WriteLine $"loss − (−ELBO) = {second.TrainLoss - second.TrainNegativeElbo:G3} nats"
    Assert.That(second.TrainLoss, equalTo(second.TrainNegativeElbo).Within(second.TrainLoss * Math.Pow(2.0, -24.0)))

[<Test>]
let ``an untrained VAE sits near 784·ln 2 nats and training drops far below it`` () =
    // An untrained decoder outputs logits near 0: −log p(x|z) ≈ 784·ln 2 = 543.4 nats per image, an upper anchor.
    let fresh = VariationalAutoencoder.Create(architecture, 4)
    let untrained = VaeTrainer.NegativeElbo(fresh, test (), 100, 0)
    Assert.That(untrained, equalTo(784.0 * log 2.0).Within(30.0))
    let result, _, _ = trained.Value
    Assert.That(result.Epochs[1].TestNegativeElbo.Value, Is.LessThan(untrained - 200.0))

[<Test>]
let ``the importance-sampled likelihood tightens the bound as K grows (Burda et al. 2016)`` () =
    let result, _, _ = trained.Value
    let one = ImportanceSampledLogLikelihood.Estimate(result.Model, test (), 1, 17)
    let many = ImportanceSampledLogLikelihood.Estimate(result.Model, test (), 64, 18)
    // Paired per-image difference log p̂₆₄ − log p̂₁ ≥ 0 in expectation; require it beyond 3 standard errors.
    let d = Seq.map2 (-) many.PerSample one.PerSample |> Array.ofSeq
    let mean, se = meanAndStandardError d
    TestContext.Out.WriteLine $"log p̂₁ {one.Mean:F2}, log p̂₆₄ {many.Mean:F2} ± {many.StandardError:F2} nats"
    Assert.That(mean, Is.GreaterThan(3.0 * se))
    Assert.That(many.Samples, equalTo 64)

[<Test>]
let ``training is bit-reproducible for a seed`` () =
    let result, _, _ = trained.Value
    let again = VaeTrainer.Train(architecture, train (), test (), options)
    Assert.That(again.Epochs |> Seq.map (fun e -> e.TrainLoss), equalTo(result.Epochs |> Seq.map (fun e -> e.TrainLoss)))

[<Test>]
let ``encode, decode, save and load from F#`` () =
    let result, _, _ = trained.Value
    let data = test().Slice(0, 5)
    let codes = result.Model.Encode data
    Assert.That((codes.Mean.RowCount, codes.Mean.ColumnCount, codes.LogVariance.ColumnCount), equalTo((5, 8, 8)))
    let decoded = result.Model.Decode codes.Mean
    Assert.That((decoded.RowCount, decoded.ColumnCount), equalTo((5, 784)))
    Assert.That(decoded.Enumerate() |> Seq.forall (fun p -> p > 0.0 && p < 1.0), Is.True, "Bernoulli means σ(logits)")
    let path = Path.Combine(Path.GetTempPath(), $"vae-fsharp-{Guid.NewGuid():N}.safetensors")
    try
        result.Model.Save path
        let loaded = VariationalAutoencoder.Load path
        Assert.That(loaded.Architecture, equalTo architecture)
        Assert.That((loaded.Encode data).Mean, equalTo codes.Mean)
    finally
        File.Delete path

[<Test>]
let ``objectives are options records too: Rényi α and an annealed β`` () =
    let renyi = TrainingOptions(Epochs = 1, BatchSize = 100, Objective = RenyiBound.WithAlpha(0.5, 3))
    let annealed = TrainingOptions(Epochs = 1, BatchSize = 100, Objective = ElboLoss(Beta = BetaSchedule.LinearAnnealing 20L))
    let small = train().Slice(0, 300)
    let r = VaeTrainer.Train(architecture, small, null, renyi)
    let a = VaeTrainer.Train(architecture, small, null, annealed)
    Assert.That(r.Epochs[0].TestNegativeElbo.HasValue, Is.False, "no test set, no test metric")
    Assert.That(Double.IsFinite r.Epochs[0].TrainLoss, Is.True)
    // β ramps linearly over 20 steps; the last of 3 minibatches is evaluated before step 3, at β = 2/20.
    Assert.That(a.Epochs[0].Beta, equalTo(2.0 / 20.0).Within(1e-12))
    Assert.That(a.Epochs[0].Step, equalTo 3L)

[<Test>]
let ``bad options name the property and the value`` () =
    let e = throws<ArgumentOutOfRangeException>(fun () ->
        VaeTrainer.Train(architecture, train (), null, TrainingOptions(Epochs = 0)) |> ignore)
    Assert.That((e.ParamName, e.ActualValue), equalTo(("Epochs", box 0)))
