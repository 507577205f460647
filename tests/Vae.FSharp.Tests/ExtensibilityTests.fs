/// Vae.Core's extension points from F#, through the public API only: an encoder defined here (a residual MLP deriving
/// from GaussianEncoder), a decoder built here as an nn.Sequential, and an objective defined here (the free-bits ELBO as
/// an object expression implementing IVaeObjective) train on real MNIST digits through VaeTrainer, save, reload into a
/// fresh instance of the same modules, and feed Vae.InfoGeometry.
module Vae.FSharp.Tests.ExtensibilityTests

open System
open System.IO
open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.Statistics
open TorchSharp
open Vae.Core.Data
open Vae.Core.Models
open Vae.Core.Models.Objectives
open Vae.Core.Torch
open Vae.Core.Training
open Vae.InfoGeometry
open Vae.InfoGeometry.Decomposition
open Vae.InfoGeometry.Gaussians
open Vae.FSharp.Tests.TestSupport

/// A residual MLP encoder written in F#: h₀ = relu(W₀x + b₀), h₁ = h₀ + relu(W₁h₀ + b₁), μ = W_μh₁ + b_μ and
/// log σ² = W_s h₁ + b_s. The sub-modules are registered by name, so the state_dict names are encoder.input.weight,
/// encoder.block.weight, encoder.mu.weight and encoder.log_variance.weight (and the biases).
type ResidualEncoder(inputSize: int, hiddenSize: int, latentSize: int) as this =
    inherit GaussianEncoder("ResidualEncoder", latentSize)
    let input = torch.nn.Linear(int64 inputSize, int64 hiddenSize)
    let block = torch.nn.Linear(int64 hiddenSize, int64 hiddenSize)
    let mean = torch.nn.Linear(int64 hiddenSize, int64 latentSize)
    let logVariance = torch.nn.Linear(int64 hiddenSize, int64 latentSize)
    do
        this.register_module("input", input)
        this.register_module("block", block)
        this.register_module("mu", mean)
        this.register_module("log_variance", logVariance)

    override _.forward(x: torch.Tensor) =
        let h = torch.nn.functional.relu(input.call(x.flatten(1L)))
        let h = h + torch.nn.functional.relu(block.call h)
        GaussianPosterior(mean.call h, logVariance.call h)

/// Free bits (Kingma et al. 2016, Appendix C.8): the KL of each latent dimension, averaged over the batch, counts at
/// least λ nats: loss = −mean log p(x|z) + Σⱼ max(λ, mean_b KLⱼ). An F# object expression implementing IVaeObjective.
let freeBits (lambda: float) =
    { new IVaeObjective with
        member _.Samples = 1
        member _.Loss(pass, _) =
            let reconstruction = pass.LogLikelihood.mean().neg()
            reconstruction.add(pass.KlPerDimension.mean([| 0L |]).clamp_min(lambda.ToScalar()).sum())
        member _.BetaAt _ = 1.0
        member _.Validate() = if not (lambda >= 0.0) then invalidArg "lambda" $"lambda = {lambda} must be ≥ 0" }

/// Univariate Fisher–Rao distance in its textbook form (Costa, Santos & Strapasson 2015, eq. 11):
/// √2·arccosh(1 + ((μ₁ − μ₂)²/2 + (σ₁ − σ₂)²)/(2σ₁σ₂)); the library evaluates it through asinh instead.
let private fisherRao (m1: float) (s1: float) (m2: float) (s2: float) =
    sqrt 2.0 * Math.Acosh(1.0 + ((m1 - m2) ** 2.0 / 2.0 + (s1 - s2) ** 2.0) / (2.0 * s1 * s2))

let private latent = 8
let private hidden = 128
let private lambda = 0.5

/// The VAE of this file: residual encoder 784 → 128 (+ residual block) → 8, decoder 8 → 128 → 784 (logits), Bernoulli
/// likelihood; weights drawn from libtorch's generator seeded with `seed`.
let private buildModel (seed: int) =
    TorchRuntime.CreateSeeded(seed, fun () ->
        let decoder = torch.nn.Sequential(torch.nn.Linear(int64 latent, int64 hidden), torch.nn.ReLU(), torch.nn.Linear(int64 hidden, 784L))
        VariationalAutoencoder.Create(new ResidualEncoder(784, hidden, latent), decoder, new BernoulliLikelihood(), [| 1; 28; 28 |]))

let private split = lazy (Mnist.StandardSplit())
let private train () = split.Value.Train.Slice(0, 1000)
let private test () = split.Value.Test.Slice(0, 200)
let private options =
    TrainingOptions(Epochs = 2, BatchSize = 50, Seed = 3, Objective = freeBits lambda, Optimizer = AdamOptions(LearningRate = 3e-3))

/// Trains once for the tests below: the model, its test −ELBO before training, and the training result.
let private trained =
    lazy
        (let model = buildModel 11
         let untrained = VaeTrainer.NegativeElbo(model, test (), 100, 0)
         model, untrained, VaeTrainer.Train(model, train (), test (), options))

/// A parameter's values as float32 bit patterns (bit-exact comparison, −0 ≠ +0).
let private bits (p: torch.Tensor) =
    p.detach().contiguous().data<float32>().ToArray() |> Array.map BitConverter.SingleToInt32Bits

[<Test>]
let ``an F# residual encoder and an F# free-bits objective train through VaeTrainer`` () =
    let model, untrained, result = trained.Value
    Assert.That(Object.ReferenceEquals(result.Model, model), Is.True, "the trainer trains the instance it is given")
    Assert.That(model.HasArchitecture, Is.False)
    Assert.That(string model, Does.Contain "ResidualEncoder")
    let epochs = List.ofSeq result.Epochs
    Assert.That(epochs |> List.map (fun e -> e.Epoch), equalTo [ 1; 2 ])
    for e in epochs do
        TestContext.Out.WriteLine
            $"epoch {e.Epoch}: free-bits loss {e.TrainLoss:F3}, train −ELBO {e.TrainNegativeElbo:F3}, test −ELBO {e.TestNegativeElbo.Value:F3} nats"
        Assert.That([ e.TrainLoss; e.TrainNegativeElbo; e.TestNegativeElbo.Value ] |> List.forall Double.IsFinite, Is.True)
        // Σⱼ max(λ, m̄ⱼ) ≥ Σⱼ m̄ⱼ, so the free-bits loss is at least the −ELBO. Both come from the same float32 terms;
        // the loss is one float32 sum (rounding ≤ 2⁻²⁴ of its value), the −ELBO the exact double sum of the terms.
        Assert.That(e.TrainLoss, Is.GreaterThanOrEqualTo(e.TrainNegativeElbo - e.TrainLoss * Math.Pow(2.0, -24.0)))
    TestContext.Out.WriteLine $"untrained test −ELBO {untrained:F3} nats"
    Assert.That(epochs[1].TestNegativeElbo.Value, Is.LessThan epochs[0].TestNegativeElbo.Value)
    Assert.That(epochs[1].TrainNegativeElbo, Is.LessThan epochs[0].TrainNegativeElbo)
    Assert.That(epochs[0].TestNegativeElbo.Value, Is.LessThan untrained)

[<Test>]
let ``on a batch the F# objective is the reconstruction plus Σ max(λ, mean KL) recomputed here from Encode`` () =
    let model, _, _ = trained.Value
    let data = test().Slice(0, 64)
    use x = torch.tensor(data.CopyFeatures(), 64L, 1L, 28L, 28L)
    use noise = new torch.Generator(5UL)
    let value = ObjectiveEvaluation.Evaluate(freeBits lambda, model, x, noise, 0L, false)
    // KL(N(μ, σ²) ‖ N(0, 1)) = ½(μ² + σ² − 1 − log σ²) per dimension, in double from the encoder's heads.
    let codes = model.Encode data
    let meanKl =
        [| for j in 0 .. latent - 1 ->
               Seq.map2 (fun m s -> 0.5 * (m * m + exp s - 1.0 - s)) (codes.Mean.Column j) (codes.LogVariance.Column j) |> Seq.average |]
    TestContext.Out.WriteLine $"""mean KL per dimension: {String.Join(", ", meanKl |> Array.map (sprintf "%.4f"))} nats; λ = {lambda}"""
    TestContext.Out.WriteLine $"loss {value.Loss:F6}, reconstruction {value.Reconstruction:F6}, KL {value.Kl:F6}"
    // float32 forward pass against a double recomputation: relative agreement to a few float32 roundings (measured
    // 4·10⁻⁹ for the KL and 2·10⁻⁸ for the loss).
    let expected = value.Reconstruction + (meanKl |> Array.sumBy (max lambda))
    TestContext.Out.WriteLine $"relative differences: KL {(value.Kl - Array.sum meanKl) / Array.sum meanKl:G3}, loss {(value.Loss - expected) / expected:G3}"
    assertClose "KL" (1e-6 * Array.sum meanKl) (Array.sum meanKl) value.Kl
    assertClose "free-bits loss" (1e-6 * expected) expected value.Loss
    assertClose "−ELBO = reconstruction + KL" 1e-9 (value.Reconstruction + value.Kl) value.NegativeElbo

[<Test>]
let ``the custom model saves, reloads bit for bit into fresh modules, and Load without an architecture refuses`` () =
    let model, _, _ = trained.Value
    let data = test().Slice(0, 20)
    let codes = model.Encode data
    let path = Path.Combine(Path.GetTempPath(), $"vae-fsharp-custom-{Guid.NewGuid():N}.safetensors")
    try
        model.Save path
        let fresh = buildModel 12
        let parameters (m: VariationalAutoencoder) = m.named_parameters() |> Seq.map (fun struct (name, p) -> name, p) |> List.ofSeq
        let names = parameters model |> List.map fst
        Assert.That(names, equalTo [ for m in [ "input"; "block"; "mu"; "log_variance" ] do
                                         for p in [ "weight"; "bias" ] -> $"encoder.{m}.{p}"
                                     for m in [ "0"; "2" ] do
                                         for p in [ "weight"; "bias" ] -> $"decoder.{m}.{p}" ])
        Assert.That(parameters fresh |> List.map fst, equalTo names)
        // Another seed: before loading, the fresh modules differ from the trained ones.
        Assert.That(List.forall2 (fun (_, a) (_, b) -> bits a = bits b) (parameters model) (parameters fresh), Is.False)
        fresh.LoadParameters path
        for (name, a), (_, b) in List.zip (parameters model) (parameters fresh) do
            Assert.That(bits b, equalTo (bits a), name)
        let reloaded = fresh.Encode data
        Assert.That(reloaded.Mean.ToRowMajorArray(), equalTo (codes.Mean.ToRowMajorArray()))
        Assert.That(reloaded.LogVariance.ToRowMajorArray(), equalTo (codes.LogVariance.ToRowMajorArray()))
        let e = throws<InvalidDataException>(fun () -> VariationalAutoencoder.Load path |> ignore)
        Assert.That(e.Message, Does.Contain "LoadParameters")
    finally
        File.Delete path

[<Test>]
let ``the custom model's posteriors feed Fisher–Rao distances and active units`` () =
    let model, _, _ = trained.Value
    let codes = model.Encode(test ())
    let all = DiagonalNormalBatch.FromPosteriorCodes codes
    Assert.That((all.Count, all.Dimension), equalTo((200, latent)))
    let half start = DiagonalNormalBatch.FromMeanLogVariance(codes.Mean.SubMatrix(start, 100, 0, latent), codes.LogVariance.SubMatrix(start, 100, 0, latent))
    let a, b = half 0, half 100
    let distances = FisherRao.Distances(a, b)
    let sigma (i: int) (j: int) = exp (0.5 * codes.LogVariance[i, j])
    for i in 0 .. 99 do
        // The diagonal family is the product of univariate ones: d = √(Σⱼ dⱼ²) (Costa, Santos & Strapasson 2015, §4).
        let expected = sqrt (Seq.sum [ for j in 0 .. latent - 1 -> (fisherRao codes.Mean[i, j] (sigma i j) codes.Mean[100 + i, j] (sigma (100 + i) j)) ** 2.0 ])
        assertClose $"d(q(z|x{i}), q(z|x{100 + i}))" (1e-9 * max 1.0 expected) expected distances[i]
        assertClose "the scalar API" (1e-12 * max 1.0 expected) distances[i] (FisherRao.Distance(all[i], all[100 + i]))
    Assert.That(FisherRao.Distances(b, a), equalTo(distances).Within(1e-12), "symmetry")
    Assert.That(FisherRao.Distances(a, a) |> Array.forall ((=) 0.0), Is.True, "d(q, q) = 0")
    TestContext.Out.WriteLine $"Fisher–Rao distances between test posteriors: mean {Array.average distances:F3}, min {Array.min distances:F3}, max {Array.max distances:F3}"
    // Active units: per-dimension sample variances of E_q[z|x] against MathNet's Statistics.Variance (divisor n − 1);
    // the PCA eigenvalues sum to the trace of the covariance, i.e. to the same variances.
    let report = ActiveUnits.Measure codes.Mean
    let variances = [ for j in 0 .. latent - 1 -> Statistics.Variance(codes.Mean.Column j) ]
    Assert.That(List.ofSeq report.DimensionVariances, equalTo(variances).Within(1e-12 * List.max variances))
    Assert.That(report.VarianceCount, equalTo (variances |> List.filter (fun v -> v > ActiveUnits.DefaultEpsilon) |> List.length))
    assertClose "Σ eigenvalues = trace" (1e-10 * List.sum variances) (List.sum variances) (Seq.sum report.PcaEigenvalues)
    TestContext.Out.WriteLine $"""active units: {report.VarianceCount} (variance), {report.PcaCount} (PCA) of {latent}; variances {String.Join(", ", variances |> List.map (sprintf "%.4f"))}"""
    Assert.That(report.VarianceCount, Is.GreaterThanOrEqualTo 1, "a trained encoder uses its latent space")

[<Test>]
let ``the F# objective's gradient is autograd's: central differences in float64`` () =
    // A small model of the same F# modules, in float64: x ∈ [0, 1]⁶, residual encoder 6 → 5 → 2, decoder 2 → 5 → 6.
    let small =
        TorchRuntime.CreateSeeded(2, fun () ->
            let decoder = torch.nn.Sequential(torch.nn.Linear(2L, 5L), torch.nn.Tanh(), torch.nn.Linear(5L, 6L))
            VariationalAutoencoder.Create(new ResidualEncoder(6, 5, 2), decoder, new BernoulliLikelihood(), [| 6 |]))
    small.``to``(torch.float64) |> ignore
    Assert.That(small.DType, equalTo torch.float64)
    use x = torch.tensor([| for i in 0 .. 23 -> float ((7 * i) % 11) / 10.0 |], 4L, 6L, dtype = torch.float64)
    use epsilon = torch.tensor([| 0.3; -1.1; 0.8; 0.2; -0.5; 1.4; 0.05; -0.7 |], 1L, 4L, 2L, dtype = torch.float64)
    // λ between the two dimensions' batch-mean KLs: one dimension is clamped (gradient-free KL), the other is not.
    let meanKl =
        use _ = torch.no_grad()
        use scope = torch.NewDisposeScope()
        small.Forward(x, epsilon).KlPerDimension.mean([| 0L |]).data<float>().ToArray()
    TestContext.Out.WriteLine $"mean KL per dimension: {meanKl[0]:G6}, {meanKl[1]:G6} nats"
    Assert.That(abs (meanKl[0] - meanKl[1]), Is.GreaterThan 1e-3, "λ must sit well away from both KLs")
    let objective = freeBits ((meanKl[0] + meanKl[1]) / 2.0)
    let clamped, free = if meanKl[0] < meanKl[1] then 0, 1 else 1, 0
    let parameter name = small.named_parameters() |> Seq.pick (fun struct (n, p) -> if n = name then Some p else None)
    let gradientOf (o: IVaeObjective) name =
        ObjectiveEvaluation.Evaluate(o, small, x, epsilon, 0L, true) |> ignore
        match (parameter name).grad with
        | null -> failwith $"{name} has no gradient"
        | g -> g.contiguous().data<float>().ToArray()
    let loss () = ObjectiveEvaluation.Evaluate(objective, small, x, epsilon, 0L, false).Loss
    let h = 1e-5
    for name in [ "encoder.block.weight"; "encoder.mu.weight"; "encoder.log_variance.bias"; "decoder.0.weight" ] do
        let analytic = gradientOf objective name
        use scope = torch.NewDisposeScope()
        let flat = (parameter name).detach().view(-1L)
        use _ = torch.no_grad()
        for k in 0 .. analytic.Length - 1 do
            let saved = flat[int64 k].item<float>()
            flat[int64 k] <- torch.tensor(saved + h, dtype = torch.float64)
            let up = loss ()
            flat[int64 k] <- torch.tensor(saved - h, dtype = torch.float64)
            let down = loss ()
            flat[int64 k] <- torch.tensor(saved, dtype = torch.float64)
            assertClose $"∂loss/∂{name}[{k}]" (1e-8 + 1e-6 * abs analytic[k]) ((up - down) / (2.0 * h)) analytic[k]
    // Row j of W_μ moves only μⱼ: for the unclamped dimension the free-bits gradient is the ELBO's, for the clamped
    // one it lacks ∂ mean KLⱼ/∂W_μ[j, ·] = mean_b μ_bj·h_b·, which is not zero.
    let freeBitsRow = gradientOf objective "encoder.mu.weight"
    let elboRow = gradientOf ElboLoss.Default "encoder.mu.weight"
    let row j (g: float[]) = g[5 * j .. 5 * j + 4]
    Assert.That(row free freeBitsRow, equalTo(row free elboRow).Within(1e-12))
    let difference = Array.map2 (-) (row clamped freeBitsRow) (row clamped elboRow) |> Array.map abs |> Array.max
    TestContext.Out.WriteLine $"clamped dimension {clamped}: max |∂free bits − ∂ELBO| over W_μ[{clamped}, ·] = {difference:G4}"
    Assert.That(difference, Is.GreaterThan 1e-4)
