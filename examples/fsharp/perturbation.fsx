// Perturbation theory for a particle in the unit box with V(z) = sin(2πtz) (Andrés-Terré & Lió): analytic
// first-order energies against quadrature of an F# function, second and third order against exact diagonalisation.
// Run from the repository root after `dotnet build Vae.sln -c Release`:
//     dotnet fsi examples/fsharp/perturbation.fsx
// Exits with code 1 if a sanity check fails.
#r "nuget: MathNet.Numerics, 5.0.0"
#r "nuget: System.Numerics.Tensors, 10.0.0"
#r "../../src/Vae.Core/bin/Release/net10.0/Vae.Core.dll"
#r "../../src/Vae.Quantum/bin/Release/net10.0/Vae.Quantum.dll"

open System
open Vae.Core.Numerics
open Vae.Quantum.Numerics
open Vae.Quantum.Perturbation
open Vae.Quantum.Potentials
open Vae.Quantum.Systems

VaeNumerics.UseBestAvailable(NumericsOptions(PassiveOpenMpWait = true)) |> ignore // the application opts in (docs/numerics.md)

let t, lambda, basis = 1.3, 0.2, 24
let box = ParticleInBox.Unit
let analytic = PerturbationExpansion.ForSinePotential(box, SinePotential t, basis)
// The same potential as an F# function: its matrix elements come from Gauss–Legendre quadrature.
let numeric = PerturbationExpansion.ForPotential(box, Potential.FromFunction((fun z -> sin (2.0 * Math.PI * t * z)), "sin(2πtz)"), basis)
let exact = BasisDiagonalization.Energies(analytic, lambda)
let exactHalf = BasisDiagonalization.Energies(analytic, lambda / 2.0)

let sci (x: float) = x.ToString("0.000e0", Globalization.CultureInfo.InvariantCulture)
printfn "unit box, V(z) = sin(2π·%g·z), λ = %g, basis N = %d (energies in units of A/L²)" t lambda basis
printfn "  n        E⁰         E¹ (closed)  E¹ (quadrature)   E²          E³          exact E(λ)   |exact − 2nd|  ratio λ→λ/2"
let rows =
    [ for n in 1 .. 5 ->
        let c = analytic.Correction n
        let error l (energies: Collections.Generic.IReadOnlyList<float>) = abs (energies[n - 1] - c.ThroughSecondOrder l)
        let e2, e2half = error lambda exact, error (lambda / 2.0) exactHalf
        printfn "%3d  %11.5f  %12.8f  %15.8f  %10.6f  %10.6f  %12.6f  %12s  %10.2f"
            n c.Unperturbed c.FirstOrder (numeric.FirstOrderEnergy n) c.SecondOrder c.ThirdOrder exact[n - 1] (sci e2) (e2 / e2half)
        n, abs (c.FirstOrder - numeric.FirstOrderEnergy n), abs (exact[n - 1] - c.ThroughThirdOrder lambda), e2, e2 / e2half ]

let failures =
    [ for n, quadrature, third, second, ratio in rows do
        if quadrature > 1e-10 then $"level {n}: closed-form and quadrature E¹ differ by {quadrature}"
        if not (third < second) then $"level {n}: third order ({third}) is not closer than second order ({second})"
        // The second-order error is O(λ³): halving λ divides it by about 8.
        if not (ratio > 6.0 && ratio < 10.0) then $"level {n}: error ratio {ratio} is not ≈ 8" ]
for f in failures do eprintfn "perturbation.fsx: %s" f
if not failures.IsEmpty then exit 1
