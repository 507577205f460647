/// Vae.Core.Engine from F#: a Linear layer against MathNet, its gradients against finite differences, Adam's first step.
module Vae.FSharp.Tests.EngineTests

open System
open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.Random
open Vae.Core.Engine
open Vae.FSharp.Tests.TestSupport

/// A [rows, columns] MathNet matrix from a row-major tensor.
let private toMatrix (t: Tensor<float>) =
    let rows, columns = t.Dimension 0, t.Dimension 1
    let values = t.ToArray()
    Matrix<float>.Build.Dense(rows, columns, fun i j -> values[i * columns + j])

[<Test>]
let ``Linear computes x·Wᵀ + b as MathNet does`` () =
    let layer = Linear<float>(4, 3, Xoshiro256StarStar(7, false))
    let input = Tensor<float>.FromArray([| for i in 0 .. 7 -> float i / 3.0 - 1.0 |], 2, 4)
    let y = layer.Forward input |> toMatrix
    let w = toMatrix layer.Weight.Value
    let b = Vector<float>.Build.DenseOfArray(layer.Bias.Value.ToArray())
    let expected = (toMatrix input) * w.Transpose() + Matrix<float>.Build.Dense(2, 3, fun _ j -> b[j])
    Assert.That((y - expected).InfinityNorm(), Is.LessThan 1e-12)
    // PyTorch's initialisation bound 1/√fan_in.
    Assert.That(w.Enumerate() |> Seq.forall (fun v -> abs v <= 0.5), Is.True)
    Assert.That(layer.Describe(), equalTo "Linear(4 → 3)")

[<Test>]
let ``a Sequential network's weight gradient matches central differences`` () =
    let random = Xoshiro256StarStar(3, false)
    let net = Sequential<float>([| Linear<float>(3, 5, random) :> Layer<float>; Tanh<float>(5); Linear<float>(5, 1, random) |])
    let input = Tensor<float>.FromArray([| 0.3; -1.2; 0.8; 1.5; 0.1; -0.4 |], 2, 3)
    // loss = Σ outputs, so ∂loss/∂output = 1.
    let loss () = net.Forward(input).ToArray() |> Array.sum
    net.ZeroGradients()
    net.Forward input |> ignore
    net.Backward(Tensor<float>.FromArray([| 1.0; 1.0 |], 2, 1)) |> ignore
    let weight = net.Parameters |> Seq.find (fun p -> p.Name = "0.weight")
    let analytic = weight.Gradient.ToArray()
    let h = 1e-6
    for k in 0 .. analytic.Length - 1 do
        let index = [| k / 3; k % 3 |]
        let saved = weight.Value[index]
        weight.Value[index] <- saved + h
        let up = loss ()
        weight.Value[index] <- saved - h
        let down = loss ()
        weight.Value[index] <- saved
        assertClose $"∂loss/∂w[{k}]" 1e-8 ((up - down) / (2.0 * h)) analytic[k]

[<Test>]
let ``Adam's first step moves each parameter by the learning rate against its gradient sign`` () =
    // Step 1: m̂ = g, v̂ = g², so θ ← θ − η·g/(|g| + ε).
    let layer = Linear<float>(2, 2, Xoshiro256StarStar(1, false))
    let adam = Adam<float>(layer.Parameters, AdamOptions(LearningRate = 0.01))
    let before = layer.Weight.Value.ToArray()
    layer.ZeroGradients()
    layer.Forward(Tensor<float>.FromArray([| 1.0; -2.0 |], 1, 2)) |> ignore
    layer.Backward(Tensor<float>.FromArray([| 1.0; 1.0 |], 1, 2)) |> ignore
    let gradient = layer.Weight.Gradient.ToArray()
    adam.Step() |> ignore
    let after = layer.Weight.Value.ToArray()
    for k in 0 .. 3 do
        assertClose "Adam step" 1e-9 (before[k] - 0.01 * gradient[k] / (abs gradient[k] + 1e-8)) after[k]
    Assert.That(adam.StepCount, equalTo 1L)

[<Test>]
let ``a shape mismatch names the argument`` () =
    let layer = Linear<float32>(4, 2, Random 0)
    let e = throws<ArgumentException>(fun () -> layer.Forward(Tensor<float32>.Zeros(2, 3)) |> ignore)
    Assert.That(e.ParamName, equalTo "input")
