module Vae.FSharp.Tests.NumericsTests

open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open Vae.Core.Numerics

[<Test>]
let ``the best backend multiplies matrices from F#`` () =
    let backend = VaeNumerics.UseBestAvailable()
    let a = Matrix<float>.Build.DenseOfRowArrays([| [| 1.0; 2.0 |]; [| 3.0; 4.0 |] |])
    let b = Matrix<float>.Build.DenseOfRowArrays([| [| 5.0; 6.0 |]; [| 7.0; 8.0 |] |])
    let c : Matrix<float> = a * b
    Assert.That(c.ToArray(), Is.EqualTo(array2D [ [ 19.0; 22.0 ]; [ 43.0; 50.0 ] ]))
    let expected = if backend = NumericsBackend.Mkl then "backend: MKL" else "backend: managed"
    Assert.That(VaeNumerics.Describe(), Does.StartWith(expected))
