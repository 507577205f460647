// Perturbation theory for a particle in the unit box with V(z) = sin(2πtz) (Andrés-Terré & Lió): analytic
// first-order energies against quadrature of a C# lambda, second and third order against exact diagonalisation.
// A .NET file-based app; run from the repository root:
//     dotnet run examples/csharp/perturbation.cs
// Exits with code 1 if a sanity check fails.
#:project ../../src/Vae.Quantum/Vae.Quantum.csproj

using Vae.Core.Numerics;
using Vae.Quantum.Numerics;
using Vae.Quantum.Perturbation;
using Vae.Quantum.Potentials;
using Vae.Quantum.Systems;

VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true }); // the application opts in (docs/numerics.md)

const double t = 1.3, lambda = 0.2;
const int basis = 24;
var box = ParticleInBox.Unit;
var analytic = PerturbationExpansion.ForSinePotential(box, new SinePotential(t), basis);
// The same potential as a C# lambda: its matrix elements come from Gauss–Legendre quadrature.
var numeric = PerturbationExpansion.ForPotential(box, Potential.FromFunction(z => Math.Sin(2 * Math.PI * t * z), "sin(2πtz)"), basis);
var exact = BasisDiagonalization.Energies(analytic, lambda);
var exactHalf = BasisDiagonalization.Energies(analytic, lambda / 2);

Console.WriteLine($"unit box, V(z) = sin(2π·{t}·z), λ = {lambda}, basis N = {basis} (energies in units of A/L²)");
Console.WriteLine("  n        E⁰         E¹ (closed)  E¹ (quadrature)   E²          E³          exact E(λ)   |exact − 2nd|  ratio λ→λ/2");
var failures = new List<string>();
for (int n = 1; n <= 5; n++)
{
    var c = analytic.Correction(n);
    double second = Math.Abs(exact[n - 1] - c.ThroughSecondOrder(lambda));
    double secondHalf = Math.Abs(exactHalf[n - 1] - c.ThroughSecondOrder(lambda / 2));
    double third = Math.Abs(exact[n - 1] - c.ThroughThirdOrder(lambda));
    double quadrature = Math.Abs(c.FirstOrder - numeric.FirstOrderEnergy(n));
    double ratio = second / secondHalf;
    Console.WriteLine($"{n,3}  {c.Unperturbed,11:F5}  {c.FirstOrder,12:F8}  {numeric.FirstOrderEnergy(n),15:F8}  {c.SecondOrder,10:F6}  {c.ThirdOrder,10:F6}  {exact[n - 1],12:F6}  {second,12:0.000e0}  {ratio,10:F2}");
    if (quadrature > 1e-10) failures.Add($"level {n}: closed-form and quadrature E¹ differ by {quadrature}");
    if (!(third < second)) failures.Add($"level {n}: third order ({third}) is not closer than second order ({second})");
    // The second-order error is O(λ³): halving λ divides it by about 8.
    if (!(ratio > 6 && ratio < 10)) failures.Add($"level {n}: error ratio {ratio} is not ≈ 8");
}
foreach (var f in failures) Console.Error.WriteLine($"perturbation.cs: {f}");
return failures.Count == 0 ? 0 : 1;
