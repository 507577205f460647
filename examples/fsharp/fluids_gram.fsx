// Samples a 2-D Lennard-Jones fluid under gravity (Metropolis), reconstructs every configuration from its
// distance matrix (Gram matrix → classical MDS), aligns it to the truth (Procrustes) and rests it on the hull side
// nearest its centre of mass. Run from the repository root after `dotnet build Vae.sln -c Release`:
//     dotnet fsi examples/fsharp/fluids_gram.fsx
// Exits with code 1 if a sanity check fails.
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: System.Numerics.Tensors, 10.0.0"
#r "../../src/Vae.Core/bin/Release/net10.0/Vae.Core.dll"
#r "../../src/Vae.Fluids/bin/Release/net10.0/Vae.Fluids.dll"

open MathNet.Numerics.LinearAlgebra
open Vae.Core.Numerics
open Vae.Fluids.Analysis
open Vae.Fluids.Geometry
open Vae.Fluids.Sampling

VaeNumerics.UseBestAvailable(NumericsOptions(PassiveOpenMpWait = true)) |> ignore // the application opts in (docs/numerics.md)

// 30 particles in a 10σ box at T = 1 (reduced units), gravity γ = mgσ/ε = 1: the slides' set-up.
let options = MetropolisOptions(Particles = 30, Gamma = 1.0, Seed = 2024L)
let samples = Metropolis.Sample(options, 40)
let configurations = [ for k in 0 .. samples.Count - 1 -> samples.Configuration k ]
let meanHeight = configurations |> List.averageBy (fun c -> Seq.average c.Y)
printfn "N = %d, γ = %.1f, T = %.1f: δ = %.3f σ, acceptance %.3f" options.Particles options.Gamma options.Temperature samples.MaxDisplacement samples.Acceptance
printfn "⟨U'/N⟩ = %.4f ε, ⟨y⟩ = %.3f σ over %d configurations" samples.MeanEnergyPerParticle meanHeight samples.Count

let energyMismatch =
    configurations |> List.mapi (fun k c -> abs (FluidEnergy.Total(c, options) - samples.Energies[k])) |> List.max

/// Reconstruct one configuration from its distance matrix alone.
let reconstruct (configuration: ParticleConfiguration) =
    let sorted = DistanceMatrix.Sorted configuration // canonical particle order (by height), as in the data sets
    let truth = Matrix<float>.Build.Dense(sorted.Count, 2, fun i j -> if j = 0 then sorted.X[i] else sorted.Y[i])
    let distances = DistanceMatrix.Compute sorted
    let embedding = ClassicalMds.Embed distances
    let alignment = Procrustes.Align(embedding.Coordinates, truth)
    let rested = Resting.Rest [| for i in 0 .. sorted.Count - 1 -> Point2(embedding.Coordinates[i, 0], embedding.Coordinates[i, 1]) |]
    let heightAboveLowest = Seq.average sorted.Y - Seq.min sorted.Y
    alignment.Rmsd, embedding.Stress, rested.CentreOfMassHeight, heightAboveLowest

let results = configurations |> List.map reconstruct
let maxRmsd = results |> List.map (fun (r, _, _, _) -> r) |> List.max
let maxStress = results |> List.map (fun (_, s, _, _) -> s) |> List.max
let sci (x: float) = x.ToString("0.00e0", System.Globalization.CultureInfo.InvariantCulture)
printfn "reconstruction: max Procrustes RMSD %s σ, max stress %s" (sci maxRmsd) (sci maxStress)
let restedHeights = results |> List.map (fun (_, _, h, _) -> h)
let originalHeights = results |> List.map (fun (_, _, _, h) -> h)
printfn "centre of mass above the floor: resting %.3f σ vs sampled %.3f σ (mean over configurations)"
    (List.average restedHeights) (List.average originalHeights)

let failures =
    [ if energyMismatch > 1e-9 then $"recomputed energies differ by {energyMismatch}"
      if maxRmsd > 1e-8 then $"reconstruction RMSD {maxRmsd} is not at round-off level"
      // Resting minimises the centre-of-mass height over all supporting lines, so it never exceeds the sampled one.
      if List.exists2 (fun rested original -> rested > original + 1e-9) restedHeights originalHeights then "a rested centre of mass is higher than the sampled one"
      if not (samples.Acceptance > 0.05 && samples.Acceptance < 0.95) then $"acceptance {samples.Acceptance} is implausible" ]
for f in failures do eprintfn "fluids_gram.fsx: %s" f
if not failures.IsEmpty then exit 1
