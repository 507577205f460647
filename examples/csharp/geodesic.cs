// Fisher–Rao geodesic vs linear interpolation between two encoder posteriors of real MNIST digits (Peşte, Malagò &
// Sârbu): trains a small VAE briefly, measures each path's Fisher–Rao length, decodes the paths and writes an SVG
// image grid. A .NET file-based app; run from the repository root:
//     dotnet run examples/csharp/geodesic.cs
// Exits with code 1 if a sanity check fails.
#:project ../../src/Vae.InfoGeometry/Vae.InfoGeometry.csproj
#:project ../../src/Vae.Plotting/Vae.Plotting.csproj

using System.Xml.Linq;
using Vae.Core.Data;
using Vae.Core.IO;
using Vae.Core.Models;
using Vae.Core.Numerics;
using Vae.Core.Training;
using Vae.InfoGeometry;
using Vae.InfoGeometry.Gaussians;
using Vae.InfoGeometry.Interpolation;
using Vae.Plotting.Plots;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true }); // the application opts in (docs/numerics.md)

var split = Mnist.StandardSplit();
var architecture = VaeArchitecture.Mlp([1, 28, 28], [256], 8);
var options = TrainingOptions.Default with { Epochs = 5, Seed = 3, Optimizer = AdamOptions.Default with { LearningRate = 3e-3 } };
var trained = VaeTrainer.Train(architecture, split.Train.Slice(0, 3000), null, options);
var model = trained.Model;
Console.WriteLine($"{architecture} trained for {trained.Epochs.Count} epochs: train −ELBO {trained.Epochs[^1].TrainNegativeElbo:F2} nats");

// The posteriors N(μ, diag σ²) of the first test "1" and the first test "7".
int FirstOf(int digit) => split.Test.Labels.Select((label, i) => (label, i)).First(p => p.label == digit).i;
var pair = split.Test.Select([FirstOf(1), FirstOf(7)]);
var codes = model.Encode(pair);
DiagonalNormal Posterior(int i) => DiagonalNormal.FromMeanLogVariance(codes.Mean.Row(i).ToArray(), codes.LogVariance.Row(i).ToArray());
var (start, finish) = (Posterior(0), Posterior(1));
double distance = FisherRao.Distance(start, finish);
Console.WriteLine($"Fisher–Rao distance between the two posteriors: {distance:F4}");

// Length of a path as the sum of Fisher–Rao distances between consecutive points.
static double PathLength(LatentPath path) => path.Points.Zip(path.Points.Skip(1), FisherRao.Distance).Sum();
const int steps = 9;
var linear = LatentInterpolation.Path(start, finish, InterpolationMethod.MeanStdDevLine, steps);
var geodesic = LatentInterpolation.Path(start, finish, InterpolationMethod.FisherRaoGeodesic, steps);
foreach (var path in new[] { linear, geodesic })
    Console.WriteLine($"{path.Method,-18} Fisher–Rao length {PathLength(path):F4} over {path.Count} steps");

// Decode the mean codes along each path and draw them.
var decoded = new[] { linear, geodesic }.Select(p => (p.Method, Pixels: p.Decode(model.Decode))).ToArray();
var grid = new ImageGrid
{
    Title = "1 → 7: linear vs Fisher–Rao geodesic",
    Rows = decoded.Select(d => new ImageGridRow(d.Method.ToString(),
        Enumerable.Range(0, steps).Select(i => GrayImage.FromPixels(28, 28, d.Pixels.Row(i).ToArray())).ToArray())).ToArray(),
    ColumnLabels = Enumerable.Range(0, steps).Select(i => $"t = {i / (double)(steps - 1):0.###}").ToArray(),
};
var directory = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "vae-examples")).FullName;
var svgPath = Path.Combine(directory, "geodesic-csharp.svg");
AtomicFile.WriteAllText(svgPath, grid.ToSvg());
Console.WriteLine($"wrote {svgPath}");

var failures = new List<string>();
if (!(double.IsFinite(distance) && distance > 0)) failures.Add($"the distance {distance} is not positive");
if (FisherRao.Distance(geodesic.Points[0], start) > 1e-9 || FisherRao.Distance(geodesic.Points[^1], finish) > 1e-9) failures.Add("the geodesic misses an endpoint");
// A constant-speed geodesic's polyline length is the distance; any other path is at least as long.
if (Math.Abs(PathLength(geodesic) - distance) > 1e-9 * Math.Max(1, distance)) failures.Add($"the geodesic's length {PathLength(geodesic)} is not the distance {distance}");
if (PathLength(linear) < distance - 1e-9) failures.Add("the linear path is shorter than the geodesic");
foreach (var (method, pixels) in decoded)
    if (!pixels.Enumerate().All(p => p > 0 && p < 1)) failures.Add($"{method}: decoded pixels outside (0, 1)");
// The decoded endpoints look like their own digit: closer (mean squared error) to it than to the other one.
var originals = pair.CopyFeatures();
double Mse(MathNet.Numerics.LinearAlgebra.Matrix<double> pixels, int row, int digit) =>
    Enumerable.Range(0, 784).Average(j => Math.Pow(pixels[row, j] - originals[digit * 784 + j], 2));
var ends = decoded[1].Pixels;
if (!(Mse(ends, 0, 0) < Mse(ends, 0, 1) && Mse(ends, steps - 1, 1) < Mse(ends, steps - 1, 0)))
    failures.Add("a decoded endpoint does not resemble its own digit (the VAE is undertrained)");
if (!XDocument.Parse(File.ReadAllText(svgPath)).Descendants().Any(e => e.Name.LocalName == "image")) failures.Add("the SVG has no images");
foreach (var f in failures) Console.Error.WriteLine($"geodesic.cs: {f}");
return failures.Count == 0 ? 0 : 1;
