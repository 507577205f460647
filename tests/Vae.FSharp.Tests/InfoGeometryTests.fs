/// Vae.InfoGeometry from F#: Fisher–Rao distances and geodesics against closed forms, latent interpolation,
/// PCA and active units on data built with known variances, and a linear probe on separable data.
module Vae.FSharp.Tests.InfoGeometryTests

open System
open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open Vae.InfoGeometry
open Vae.InfoGeometry.Decomposition
open Vae.Core.Decomposition
open Vae.InfoGeometry.Gaussians
open Vae.InfoGeometry.Interpolation
open Vae.InfoGeometry.Probes
open Vae.FSharp.Tests.TestSupport

/// Univariate Fisher–Rao distance: √2 times the Poincaré half-plane distance between (μ/√2, σ) points,
/// √2·arccosh(1 + ((μ₁ − μ₂)²/2 + (σ₁ − σ₂)²)/(2σ₁σ₂)).
let fisherRao (m1: float) (s1: float) (m2: float) (s2: float) =
    sqrt 2.0 * Math.Acosh(1.0 + ((m1 - m2) ** 2.0 / 2.0 + (s1 - s2) ** 2.0) / (2.0 * s1 * s2))

[<TestCase(0.0, 1.0, 0.0, 3.0)>]
[<TestCase(-1.0, 0.5, 2.0, 0.5)>]
[<TestCase(0.3, 2.0, -4.0, 0.1)>]
let ``univariate Fisher–Rao distance is the half-plane closed form`` (m1: float, s1: float, m2: float, s2: float) =
    let a, b = UnivariateNormal.FromMeanStdDev(m1, s1), UnivariateNormal.FromMeanStdDev(m2, s2)
    assertClose "d" 1e-12 (fisherRao m1 s1 m2 s2) (FisherRao.Distance(a, b))
    assertClose "symmetry" 1e-12 (FisherRao.Distance(a, b)) (FisherRao.Distance(b, a))
    if m1 = m2 then assertClose "same mean: √2|ln σ₂/σ₁|" 1e-12 (sqrt 2.0 * abs (log (s2 / s1))) (FisherRao.Distance(a, b))

[<Test>]
let ``the diagonal distance is the root sum of squares of the coordinates'`` () =
    let a = DiagonalNormal.FromMeanStdDev([ 0.0; 1.0; -2.0 ], [ 1.0; 0.5; 2.0 ])
    let b = DiagonalNormal.FromMeanLogVariance([| 1.0; 1.0; 0.0 |], [| 0.0; log 4.0; log 0.25 |])
    Assert.That(List.ofSeq b.StdDev, equalTo([ 1.0; 2.0; 0.5 ]).Within(1e-15), "σ = exp(log σ²/2)")
    let expected = sqrt ((fisherRao 0.0 1.0 1.0 1.0) ** 2.0 + (fisherRao 1.0 0.5 1.0 2.0) ** 2.0 + (fisherRao -2.0 2.0 0.0 0.5) ** 2.0)
    assertClose "d" 1e-12 expected (FisherRao.Distance(a, b))

[<Test>]
let ``geodesics hit their endpoints and run at constant speed`` () =
    let a = UnivariateNormal.FromMeanStdDev(-1.0, 0.5)
    let b = UnivariateNormal.FromMeanStdDev(2.0, 1.5)
    let geodesic = FisherRao.Geodesic(a, b)
    Assert.That((geodesic.At 0.0, geodesic.At 1.0), equalTo((a, b)))
    for t in [ 0.1; 0.5; 0.8 ] do
        assertClose $"d(γ(0), γ({t}))" 1e-9 (t * geodesic.Distance) (FisherRao.Distance(a, geodesic.At t))
        assertClose $"d(γ({t}), γ(1))" 1e-9 ((1.0 - t) * geodesic.Distance) (FisherRao.Distance(geodesic.At t, b))
    // Equal means: a vertical line with σ(½) the geometric mean.
    let vertical = FisherRao.Geodesic(UnivariateNormal.FromMeanStdDev(0.0, 1.0), UnivariateNormal.FromMeanStdDev(0.0, 9.0))
    let middle = vertical.At 0.5
    Assert.That((middle.Mean, middle.StdDev), equalTo((0.0, 3.0)).Within(1e-12))

[<Test>]
let ``latent paths: the mean line is linear and the geodesic path samples the geodesic`` () =
    let a = DiagonalNormal.FromMeanStdDev([ 0.0; 1.0 ], [ 1.0; 0.2 ])
    let b = DiagonalNormal.FromMeanStdDev([ 2.0; -1.0 ], [ 0.5; 0.4 ])
    let line = LatentInterpolation.Path(a, b, InterpolationMethod.MeanLine, 5)
    Assert.That(List.ofSeq line.Times, equalTo [ 0.0; 0.25; 0.5; 0.75; 1.0 ])
    let codes = line.MeanCodes()
    Assert.That(codes.Row(1).ToArray(), equalTo([| 0.5; 0.5 |]).Within(1e-15))
    let geodesicPath = LatentInterpolation.Path(a, b, InterpolationMethod.FisherRaoGeodesic, 5)
    let geodesic = FisherRao.Geodesic(a, b)
    for k in 0 .. 4 do
        assertClose $"point {k}" 1e-12 0.0 (FisherRao.Distance(geodesicPath.Points[k], geodesic.At(float k / 4.0)))
    // The decoder is any F# function of the [steps, k] code matrix.
    let decoded = geodesicPath.Decode(fun z -> z * 2.0)
    Assert.That((decoded - geodesicPath.MeanCodes() * 2.0).InfinityNorm(), equalTo 0.0)

/// n × k matrix whose columns are centred, mutually orthogonal and have sample variances (divisor n − 1) exactly v.
let private columnsWithVariances (n: int) (v: float list) (seed: int) =
    let k = v.Length
    let random = Matrix<float>.Build.Random(n, k, seed)
    let centred = random - Matrix<float>.Build.Dense(n, k, fun _ j -> random.Column(j).Sum() / float n)
    let q = centred.QR().Q.SubMatrix(0, n, 0, k)
    Matrix<float>.Build.Dense(n, k, fun i j -> q[i, j] * sqrt (float (n - 1) * v[j]))

[<Test>]
let ``PCA recovers the variances that were built in and transforms round-trip`` () =
    let x = columnsWithVariances 200 [ 4.0; 1.0; 0.25 ] 3 + Matrix<float>.Build.Dense(200, 3, fun _ j -> float j)
    let model = Pca.Fit x
    Assert.That(List.ofSeq model.ExplainedVariance, equalTo([ 4.0; 1.0; 0.25 ]).Within(1e-10))
    Assert.That(List.ofSeq model.ExplainedVarianceRatio, equalTo([ 4.0 / 5.25; 1.0 / 5.25; 0.25 / 5.25 ]).Within(1e-12))
    Assert.That(model.Mean.ToArray(), equalTo([| 0.0; 1.0; 2.0 |]).Within(1e-12))
    Assert.That((model.InverseTransform(model.Transform x) - x).InfinityNorm(), Is.LessThan 1e-10)
    let two = Pca.Fit(x, PcaOptions(ComponentCount = 2))
    Assert.That((two.ComponentCount, two.CountAbove 0.5), equalTo((2, 2)))

[<Test>]
let ``active units count the latent variances above ε = 0.01`` () =
    let means = columnsWithVariances 300 [ 1.0; 0.005; 0.5; 0.0001 ] 8
    let report = ActiveUnits.Measure means
    Assert.That((report.Epsilon, report.VarianceCount, report.PcaCount), equalTo((0.01, 2, 2)))
    Assert.That(List.ofSeq report.DimensionVariances, equalTo([ 1.0; 0.005; 0.5; 0.0001 ]).Within(1e-12))

[<Test>]
let ``a linear probe separates separable classes perfectly`` () =
    // Class = sign of x₀ − x₁, with a margin of 0.5.
    let n = 200
    let random = MathNet.Numerics.Random.Xoshiro256StarStar(4, false)
    let rows = [| for _ in 1 .. n -> let a, b = random.NextDouble() * 4.0 - 2.0, random.NextDouble() * 4.0 - 2.0 in [| a; b |] |]
                |> Array.filter (fun r -> abs (r[0] - r[1]) > 0.5)
    let labels = rows |> Array.map (fun r -> if r[0] > r[1] then 1 else 0)
    let x = Matrix<float>.Build.DenseOfRowArrays rows
    let model = LinearProbe.Fit(x, labels, LinearProbeOptions(InverseRegularization = 100.0))
    Assert.That(List.ofSeq model.Classes, equalTo [ 0; 1 ])
    Assert.That(model.Accuracy(x, labels), equalTo 1.0)
