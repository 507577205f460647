// Samples a 2-D Lennard-Jones fluid under gravity (Metropolis), reconstructs every configuration from its distance
// matrix (Gram matrix → classical MDS), aligns it to the truth (Procrustes) and rests it on the hull side nearest its
// centre of mass. A .NET file-based app; run from the repository root:
//     dotnet run examples/csharp/fluids_gram.cs
// Exits with code 1 if a sanity check fails.
#:project ../../src/Vae.Fluids/Vae.Fluids.csproj

using MathNet.Numerics.LinearAlgebra;
using Vae.Core.Numerics;
using Vae.Fluids.Analysis;
using Vae.Fluids.Geometry;
using Vae.Fluids.Sampling;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true }); // the application opts in (docs/numerics.md)

// 30 particles in a 10σ box at T = 1 (reduced units), gravity γ = mgσ/ε = 1: the slides' set-up.
var options = MetropolisOptions.Default with { Particles = 30, Gamma = 1.0, Seed = 2024 };
var samples = Metropolis.Sample(options, 40);
var configurations = Enumerable.Range(0, samples.Count).Select(samples.Configuration).ToArray();
Console.WriteLine($"N = {options.Particles}, γ = {options.Gamma:F1}, T = {options.Temperature:F1}: δ = {samples.MaxDisplacement:F3} σ, acceptance {samples.Acceptance:F3}");
Console.WriteLine($"⟨U'/N⟩ = {samples.MeanEnergyPerParticle:F4} ε, ⟨y⟩ = {configurations.Average(c => c.Y.Average()):F3} σ over {samples.Count} configurations");

double energyMismatch = configurations.Select((c, k) => Math.Abs(FluidEnergy.Total(c, options) - samples.Energies[k])).Max();
var failures = new List<string>();
double maxRmsd = 0, maxStress = 0, restedSum = 0, sampledSum = 0;
foreach (var configuration in configurations)
{
    var sorted = DistanceMatrix.Sorted(configuration); // canonical particle order (by height), as in the data sets
    var truth = Matrix<double>.Build.Dense(sorted.Count, 2, (i, j) => j == 0 ? sorted.X[i] : sorted.Y[i]);
    var embedding = ClassicalMds.Embed(DistanceMatrix.Compute(sorted));
    var alignment = Procrustes.Align(embedding.Coordinates, truth);
    var rested = Resting.Rest(Enumerable.Range(0, sorted.Count).Select(i => new Point2(embedding.Coordinates[i, 0], embedding.Coordinates[i, 1])).ToArray());
    double sampled = sorted.Y.Average() - sorted.Y.Min();
    maxRmsd = Math.Max(maxRmsd, alignment.Rmsd);
    maxStress = Math.Max(maxStress, embedding.Stress);
    restedSum += rested.CentreOfMassHeight;
    sampledSum += sampled;
    // Resting minimises the centre-of-mass height over all supporting lines, so it never exceeds the sampled one.
    if (rested.CentreOfMassHeight > sampled + 1e-9)
        failures.Add($"a rested centre of mass ({rested.CentreOfMassHeight}) is higher than the sampled one ({sampled})");
}
Console.WriteLine($"reconstruction: max Procrustes RMSD {maxRmsd:0.00e0} σ, max stress {maxStress:0.00e0}");
Console.WriteLine($"centre of mass above the floor: resting {restedSum / configurations.Length:F3} σ vs sampled {sampledSum / configurations.Length:F3} σ (mean over configurations)");

if (energyMismatch > 1e-9) failures.Add($"recomputed energies differ by {energyMismatch}");
if (maxRmsd > 1e-8) failures.Add($"reconstruction RMSD {maxRmsd} is not at round-off level");
if (!(samples.Acceptance > 0.05 && samples.Acceptance < 0.95)) failures.Add($"acceptance {samples.Acceptance} is implausible");
foreach (var f in failures) Console.Error.WriteLine($"fluids_gram.cs: {f}");
return failures.Count == 0 ? 0 : 1;
