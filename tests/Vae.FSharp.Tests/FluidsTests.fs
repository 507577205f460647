/// Vae.Fluids from F#: the Metropolis sampler against the Boltzmann closed form, Gram/classical-MDS reconstruction of
/// known polygons, convex hull and resting, energies and ROC AUC.
module Vae.FSharp.Tests.FluidsTests

open System
open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open Vae.Core.Metrics
open Vae.Fluids.Analysis
open Vae.Fluids.Anomalies
open Vae.Fluids.Geometry
open Vae.Fluids.Sampling
open Vae.FSharp.Tests.TestSupport

/// ⟨y⟩ of one particle with p(y) ∝ exp(−γy/T) on [0, L]: T/γ − L/(e^{γL/T} − 1).
let meanHeight gamma temperature box = temperature / gamma - box / (exp (gamma * box / temperature) - 1.0)

[<TestCase(0.4, 1.0)>]
[<TestCase(1.0, 0.5)>]
let ``one particle under gravity: a traced chain's mean height is the Boltzmann mean within 3 SE`` (gamma: float, temperature: float) =
    let options = MetropolisOptions(Particles = 1, Box = 10.0, Gamma = gamma, Temperature = temperature, Seed = 77L)
    let trace = Metropolis.Trace(options, 1000 + 100_000)
    let estimate = trace.MeanHeight |> Seq.skip 1000 |> Array.ofSeq |> Autocorrelation.IntegratedTime
    let exact = meanHeight gamma temperature 10.0
    TestContext.Out.WriteLine $"γ={gamma} T={temperature}: ⟨y⟩ = {estimate.Mean:F4} ± {estimate.StandardError:F4}, exact {exact:F4}"
    Assert.That(estimate.WindowConverged, Is.True)
    Assert.That(abs (estimate.Mean - exact), Is.LessThan(3.0 * estimate.StandardError))
    Assert.That(estimate.StandardError, Is.LessThan 0.05)

[<Test>]
let ``one particle under gravity: independent samples agree with the closed form within 3 SE`` () =
    let options = MetropolisOptions(Particles = 1, Gamma = 0.4, SweepsPerSample = 200, Seed = 5L)
    let samples = Metropolis.Sample(options, 4000)
    let heights = [| for k in 0 .. samples.Count - 1 -> (samples.Configuration k).Y[0] |]
    let mean, se = meanAndStandardError heights
    let exact = meanHeight 0.4 1.0 10.0
    Assert.That(abs (mean - exact), Is.LessThan(3.0 * se), $"mean {mean} vs {exact} (SE {se})")
    // For one particle U' = γy, so the energies are the heights times γ.
    Assert.That(samples.Energies |> Seq.map (fun e -> e / 0.4), equalTo(heights).Within(1e-9))
    Assert.That(samples.MaxDisplacement, Is.InRange(0.0, 10.0), "δ is tuned within (0, L]")

/// A regular n-gon of circumradius r centred at (cx, cy).
let regularPolygon n r (cx: float) (cy: float) =
    let angle k = 2.0 * Math.PI * float k / float n
    [| for k in 0 .. n - 1 -> cx + r * cos (angle k) |], [| for k in 0 .. n - 1 -> cy + r * sin (angle k) |]

[<Test>]
let ``classical MDS of a regular pentagon has eigenvalues nR²/2 and reconstructs it up to a rigid motion`` () =
    let x, y = regularPolygon 5 2.0 5.0 4.0
    let configuration = ParticleConfiguration.FromCoordinates(x, y, 10.0)
    let distances = DistanceMatrix.Compute configuration
    Assert.That(distances[0, 1], equalTo(2.0 * 2.0 * sin (Math.PI / 5.0)).Within(1e-12), "side 2R sin(π/n)")
    let embedding = ClassicalMds.Embed distances
    // The centred Gram matrix of a regular n-gon is X Xᵀ with XᵀX = (nR²/2)·I: two eigenvalues 5·4/2 = 10.
    Assert.That(embedding.Eigenvalues |> Seq.take 2 |> List.ofSeq, equalTo([ 10.0; 10.0 ]).Within(1e-9))
    Assert.That(embedding.Eigenvalues |> Seq.skip 2 |> Seq.forall (fun v -> abs v < 1e-9), Is.True)
    Assert.That(embedding.Stress, Is.LessThan 1e-12)
    let original = Matrix<float>.Build.Dense(5, 2, fun i j -> if j = 0 then x[i] else y[i])
    let alignment = Procrustes.Align(embedding.Coordinates, original)
    Assert.That(alignment.Rmsd, Is.LessThan 1e-9)
    // The first-particle Gram convention reconstructs the same shape.
    let fromFirst = ClassicalMds.Embed(distances, convention = GramConvention.FirstParticle)
    Assert.That(Procrustes.Align(fromFirst.Coordinates, original).Rmsd, Is.LessThan 1e-9)

[<Test>]
let ``Gram matrices of an irregular polygon are the inner products of its coordinates`` () =
    let points = Matrix<float>.Build.DenseOfRowArrays([| [| 0.0; 0.0 |]; [| 3.0; 0.5 |]; [| 1.0; 2.0 |]; [| -1.0; 4.0 |] |])
    let distances = DistanceMatrix.Compute points
    // First-particle Gram G_ij = (x_i − x_0)·(x_j − x_0); point 0 is the origin, so G = P Pᵀ.
    let gram = GramMatrix.FromFirstParticle distances
    Assert.That((gram - points * points.Transpose()).InfinityNorm(), Is.LessThan 1e-12)
    let centred = points - Matrix<float>.Build.Dense(4, 2, fun _ j -> points.Column(j).Sum() / 4.0)
    Assert.That((GramMatrix.DoubleCentred distances - centred * centred.Transpose()).InfinityNorm(), Is.LessThan 1e-12)

[<Test>]
let ``the convex hull of a square with inner and edge points is its corners, counter-clockwise`` () =
    let points =
        [| (1.0, 1.0); (0.0, 0.0); (4.0, 0.0); (2.0, 0.0); (2.0, 3.0); (4.0, 4.0); (0.0, 4.0); (3.0, 2.0) |]
        |> Array.map Point2
    let hull = ConvexHull.Of points
    Assert.That(hull.Indices, equalTo [ 1; 2; 5; 6 ])
    // Shoelace: positive signed area 16 means counter-clockwise.
    let v = hull.Vertices
    let area = 0.5 * Seq.sum (seq { for k in 0 .. v.Count - 1 -> v[k].X * v[(k + 1) % v.Count].Y - v[(k + 1) % v.Count].X * v[k].Y })
    Assert.That(area, equalTo 16.0)

[<Test>]
let ``a 3-4-5 triangle rests on its hypotenuse with the centroid 0.8 above it`` () =
    // Centroid heights above the sides are a third of the altitudes 2A/side = 12/3, 12/4, 12/5: 4/3, 1, 0.8.
    let rested = Resting.Rest [| Point2(0.0, 0.0); Point2(3.0, 0.0); Point2(0.0, 4.0) |]
    Assert.That(rested.CentreOfMassHeight, equalTo(0.8).Within(1e-12))
    Assert.That(Set.ofList [ rested.SideStart; rested.SideEnd ], equalTo(Set.ofList [ 1; 2 ]))
    Assert.That(rested.Points |> Seq.map (fun p -> p.Y) |> Seq.min, equalTo(0.0).Within(1e-12))
    // Rotation keeps the side lengths.
    let p = rested.Points
    Assert.That(sqrt ((p[1].X - p[2].X) ** 2.0 + (p[1].Y - p[2].Y) ** 2.0), equalTo(5.0).Within(1e-12))

[<Test>]
let ``the energy of a Lennard-Jones pair at its minimum plus gravity is closed-form`` () =
    let r = 2.0 ** (1.0 / 6.0)
    let pair = ParticleConfiguration.FromCoordinates([| 1.0; 1.0 + r |], [| 0.5; 0.5 |], 10.0)
    let options = MetropolisOptions(Particles = 2, Gamma = 0.4)
    Assert.That(FluidEnergy.Total(pair, options), equalTo(-1.0 + 0.4 * 1.0).Within(1e-12))
    Assert.That(FluidEnergy.ParticleEnergies(pair, options), equalTo([ -1.0 + 0.2; -1.0 + 0.2 ]).Within(1e-12))

[<Test>]
let ``ROC AUC is the Mann–Whitney probability`` () =
    // Anomalies 2.5 and 4 beat 2 and 3 of the 3 normal scores respectively: (2 + 3)/6.
    Assert.That(RocCurve.AreaUnderCurve([| 1.0; 2.0; 3.0 |], [| 2.5; 4.0 |]), equalTo(5.0 / 6.0).Within(1e-15))
    let curve = RocCurve.Of([| 0.1; 0.9; 0.5; 0.5 |], [| false; true; true; false |])
    // One tie between classes counts a half: (1 + 1 + 1 + 0.5)/4.
    Assert.That(curve.Area, equalTo(0.875).Within(1e-15))
    Assert.That((curve.FalsePositiveRates[0], Seq.last curve.TruePositiveRates), equalTo((0.0, 1.0)))

[<Test>]
let ``uniform anomaly configurations fill the box uniformly`` () =
    let set = AnomalyData.UniformPositions(2000, 5, 10.0, 3L)
    let ys = [| for k in 0 .. set.Count - 1 do yield! (set.Configuration k).Y |]
    // U[0, 10]: mean 5, standard error √(100/12)/√n.
    Assert.That(abs (Array.average ys - 5.0), Is.LessThan(3.0 * sqrt (100.0 / 12.0 / float ys.Length)))

/// No pair interaction, written in F# as the struct the sampler is specialised for.
[<Struct>]
type NoInteraction =
    interface Vae.Fluids.Potentials.IPairPotential with
        member _.Energy(_: float) = 0.0
        member _.Energy(_: System.Runtime.Intrinsics.Vector256<float>) = System.Runtime.Intrinsics.Vector256<float>.Zero

[<Test>]
let ``an ideal gas under gravity, with an F# struct potential, has the one-particle mean height`` () =
    // Without interactions the particles are independent, each with p(y) ∝ exp(−γy/T) on [0, L].
    let options = MetropolisOptions(Particles = 6, Gamma = 0.5, SweepsPerSample = 100, WarmupSweeps = 100, Seed = 12L)
    let samples = Metropolis.SampleWithPotential(options, NoInteraction(), 1500)
    let means = [| for k in 0 .. samples.Count - 1 -> Seq.average (samples.Configuration k).Y |]
    let mean, se = meanAndStandardError means
    Assert.That(abs (mean - meanHeight 0.5 1.0 10.0), Is.LessThan(3.0 * se), $"⟨y⟩ = {mean} ± {se}")

[<Test>]
let ``bad sampler options raise ArgumentOutOfRangeException naming the value`` () =
    let e = throws<ArgumentOutOfRangeException>(fun () -> Metropolis.Sample(MetropolisOptions(Temperature = -1.0), 1) |> ignore)
    Assert.That(e.ActualValue, equalTo -1.0)
