/// Vae.Core.Numerics from F#: the MKL-backed MathNet provider and the thin SVD.
module Vae.FSharp.Tests.NumericsTests

open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open MathNet.Numerics.LinearAlgebra.Factorization
open Vae.Core.Numerics
open Vae.FSharp.Tests.TestSupport

[<Test>]
let ``the best backend multiplies matrices from F#`` () =
    let backend = VaeNumerics.UseBestAvailable()
    let a = Matrix<float>.Build.DenseOfRowArrays([| [| 1.0; 2.0 |]; [| 3.0; 4.0 |] |])
    let b = Matrix<float>.Build.DenseOfRowArrays([| [| 5.0; 6.0 |]; [| 7.0; 8.0 |] |])
    let c : Matrix<float> = a * b
    Assert.That(c.ToArray(), equalTo(array2D [ [ 19.0; 22.0 ]; [ 43.0; 50.0 ] ]))
    let expected = if backend = NumericsBackend.Mkl then "backend: MKL" else "backend: managed"
    Assert.That(VaeNumerics.Describe(), Does.StartWith(expected))

[<Test>]
let ``the provider solves a symmetric eigenproblem with a closed form`` () =
    // The n×n second-difference matrix tridiag(−1, 2, −1) has eigenvalues 2 − 2cos(kπ/(n+1)), k = 1..n.
    let n = 12
    let m = Matrix<float>.Build.Dense(n, n, fun i j -> if i = j then 2.0 elif abs (i - j) = 1 then -1.0 else 0.0)
    let eigenvalues =
        m.Evd(Symmetricity.Symmetric).EigenValues
        |> Seq.map (fun z -> z.Real)
        |> Seq.sort
        |> Array.ofSeq
    let expected = [| for k in 1..n -> 2.0 - 2.0 * cos (float k * System.Math.PI / float (n + 1)) |]
    Array.iter2 (assertClose "eigenvalue" 1e-12) expected eigenvalues

[<Test>]
let ``the provider solves a linear system whose solution is known`` () =
    let a = Matrix<float>.Build.Random(8, 8, 42) + Matrix<float>.Build.DenseIdentity(8) * 8.0
    let x = Vector<float>.Build.Dense(8, fun i -> float i - 3.5)
    let solved = a.Solve(a * x)
    Assert.That((solved - x).InfinityNorm(), Is.LessThan(1e-12))

[<Test>]
let ``ThinSvd recovers singular values that were put in`` () =
    // A = Q1 · diag(s) · Q2ᵀ with orthonormal Q1 [40, 5], Q2 [5, 5]: its singular values are s.
    let s = [| 9.0; 4.0; 2.5; 1.0; 0.125 |]
    let q1 = Matrix<float>.Build.Random(40, 5, 1).QR().Q.SubMatrix(0, 40, 0, 5)
    let q2 = Matrix<float>.Build.Random(5, 5, 2).QR().Q
    let a = q1 * Matrix<float>.Build.DenseOfDiagonalArray s * q2.Transpose()
    let svd = ThinSvd.Of a
    Assert.That((svd.U.RowCount, svd.U.ColumnCount, svd.S.Count, svd.VT.RowCount, svd.VT.ColumnCount),
                equalTo((40, 5, 5, 5, 5)))
    Array.iter2 (assertClose "singular value" 1e-12) s (svd.S.ToArray())
    let identity = Matrix<float>.Build.DenseIdentity 5
    Assert.That((svd.U.TransposeThisAndMultiply svd.U - identity).InfinityNorm(), Is.LessThan(1e-12))
    Assert.That((svd.VT * svd.VT.Transpose() - identity).InfinityNorm(), Is.LessThan(1e-12))
    let rebuilt = svd.U * Matrix<float>.Build.DenseOfDiagonalVector svd.S * svd.VT
    Assert.That((rebuilt - a).InfinityNorm(), Is.LessThan(1e-12))

[<Test>]
let ``ThinSvd in single precision agrees with double precision`` () =
    let a = Matrix<float>.Build.Random(30, 4, 7)
    let single = ThinSvd.Of(a.Map(fun v -> float32 v))
    let double = ThinSvd.Of a
    Array.iter2 (fun (d: float) (f: float32) -> assertClose "σ" 1e-4 d (float f)) (double.S.ToArray()) (single.S.ToArray())

[<Test>]
let ``ThinSvd rejects a non-finite matrix with ArgumentException`` () =
    let a = Matrix<float>.Build.Dense(3, 3, 1.0)
    a[1, 2] <- nan
    let e = throws<System.ArgumentException>(fun () -> ThinSvd.Of a |> ignore)
    Assert.That(e.ParamName, equalTo "a")
