// Fisher–Rao geodesic vs linear interpolation between two encoder posteriors of real MNIST digits (Peşte, Malagò &
// Sârbu): trains a small VAE briefly, measures each path's Fisher–Rao length, decodes the paths and writes an SVG
// image grid. Run from the repository root after `dotnet build Vae.sln -c Release`:
//     dotnet fsi examples/fsharp/geodesic.fsx
// Exits with code 1 if a sanity check fails.
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: System.Numerics.Tensors, 10.0.0"
#r "nuget: TorchSharp, 0.107.0"
#r "nuget: libtorch-cpu-linux-x64, 2.10.0"
#r "../../src/Vae.Core/bin/Release/net10.0/Vae.Core.dll"
#r "../../src/Vae.InfoGeometry/bin/Release/net10.0/Vae.InfoGeometry.dll"
#r "../../src/Vae.Plotting/bin/Release/net10.0/Vae.Plotting.dll"

open System
open System.IO
open Vae.Core.Data
open Vae.Core.IO
open Vae.Core.Models
open Vae.Core.Numerics
open Vae.Core.Training
open Vae.InfoGeometry
open Vae.InfoGeometry.Gaussians
open Vae.InfoGeometry.Interpolation
open Vae.Plotting.Plots

VaeNumerics.UseBestAvailable(NumericsOptions(PassiveOpenMpWait = true)) |> ignore // the application opts in (docs/numerics.md)

let split = Mnist.StandardSplit()
let architecture = VaeArchitecture.Mlp([| 1; 28; 28 |], [| 256 |], 8)
let options = TrainingOptions(Epochs = 5, Seed = 3, Optimizer = AdamOptions(LearningRate = 3e-3))
let trained = VaeTrainer.Train(architecture, split.Train.Slice(0, 3000), null, options)
let model = trained.Model
printfn "%O trained for %d epochs: train −ELBO %.2f nats" architecture trained.Epochs.Count (Seq.last trained.Epochs).TrainNegativeElbo

// The posteriors N(μ, diag σ²) of the first test "1" and the first test "7".
let firstOf digit = split.Test.Labels |> Seq.findIndex ((=) digit)
let pair = split.Test.Select [| firstOf 1; firstOf 7 |]
let codes = model.Encode pair
let posterior i = DiagonalNormal.FromMeanLogVariance(codes.Mean.Row(i).ToArray(), codes.LogVariance.Row(i).ToArray())
let start, finish = posterior 0, posterior 1
let distance = FisherRao.Distance(start, finish)
printfn "Fisher–Rao distance between the two posteriors: %.4f" distance

/// Length of a path as the sum of Fisher–Rao distances between consecutive points.
let pathLength (path: LatentPath) = path.Points |> Seq.pairwise |> Seq.sumBy (fun (a, b) -> FisherRao.Distance(a, b))
let steps = 9
let paths =
    [ InterpolationMethod.MeanStdDevLine; InterpolationMethod.FisherRaoGeodesic ]
    |> List.map (fun method -> method, LatentInterpolation.Path(start, finish, method, steps))
for method, path in paths do
    printfn "%-18O Fisher–Rao length %.4f over %d steps" method (pathLength path) path.Count

// Decode the mean codes along each path (the decoder is any function of the [steps, k] code matrix) and draw them.
let image (row: float[]) = GrayImage.FromPixels(28, 28, row)
let decoded = paths |> List.map (fun (method, path) -> method, path.Decode(fun z -> model.Decode z))
let grid =
    ImageGrid(Title = "1 → 7: linear vs Fisher–Rao geodesic",
              Rows = [| for method, pixels in decoded -> ImageGridRow(string method, [| for i in 0 .. steps - 1 -> image (pixels.Row(i).ToArray()) |]) |],
              ColumnLabels = [| for i in 0 .. steps - 1 -> sprintf "t = %g" (float i / float (steps - 1)) |])
let directory = Path.Combine(Path.GetTempPath(), "vae-examples")
Directory.CreateDirectory directory |> ignore
let svgPath = Path.Combine(directory, "geodesic-fsharp.svg")
AtomicFile.WriteAllText(svgPath, grid.ToSvg())
printfn "wrote %s" svgPath

let geodesicPath = snd paths[1]
// The decoded endpoints look like their own digit: closer (mean squared error) to it than to the other one.
let originals = pair.CopyFeatures()
let mse (pixels: MathNet.Numerics.LinearAlgebra.Matrix<float>) row digit =
    Seq.init 784 (fun j -> (pixels[row, j] - float originals[digit * 784 + j]) ** 2.0) |> Seq.average
let ends = snd decoded[1]
let failures =
    [ if not (Double.IsFinite distance && distance > 0.0) then $"the distance {distance} is not positive"
      if FisherRao.Distance(geodesicPath.Points[0], start) > 1e-9 || FisherRao.Distance(geodesicPath.Points[steps - 1], finish) > 1e-9 then "the geodesic misses an endpoint"
      // A constant-speed geodesic's polyline length is the distance; any other path is at least as long.
      if abs (pathLength geodesicPath - distance) > 1e-9 * max 1.0 distance then $"the geodesic's length {pathLength geodesicPath} is not the distance {distance}"
      if pathLength (snd paths[0]) < distance - 1e-9 then "the linear path is shorter than the geodesic"
      for method, pixels in decoded do
          if not (pixels.Enumerate() |> Seq.forall (fun p -> p > 0.0 && p < 1.0)) then $"{method}: decoded pixels outside (0, 1)"
      if not (mse ends 0 0 < mse ends 0 1 && mse ends (steps - 1) 1 < mse ends (steps - 1) 0) then "a decoded endpoint does not resemble its own digit (the VAE is undertrained)"
      if not ((Xml.Linq.XDocument.Parse(File.ReadAllText svgPath)).Descendants() |> Seq.exists (fun e -> e.Name.LocalName = "image")) then "the SVG has no images" ]
for f in failures do eprintfn "geodesic.fsx: %s" f
if not failures.IsEmpty then exit 1
