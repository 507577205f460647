/// Vae.Quantum from F#: particle in a box, first- and second-order perturbation theory with V(z) = sin(2πtz),
/// against closed forms derived here, quadrature of an F# lambda, and exact diagonalisation.
module Vae.FSharp.Tests.QuantumTests

open System
open NUnit.Framework
open Vae.Core.Metrics
open Vae.Quantum.Numerics
open Vae.Quantum.Perturbation
open Vae.Quantum.Potentials
open Vae.Quantum.Spectrum
open Vae.Quantum.Systems
open MathNet.Numerics.LinearAlgebra
open Vae.FSharp.Tests.TestSupport

/// E_n¹ = 2∫₀¹ sin²(nπz) sin(2πtz) dz on the unit box. With sin² = (1 − cos 2nπz)/2 and cos 2π(t ± n) = cos 2πt:
/// E_n¹ = (1 − cos 2πt)/(2πt) − (1 − cos 2πt)/(4π)·(1/(t + n) + 1/(t − n)) = (1 − cos 2πt)·n² / (2πt(n² − t²)).
let firstOrderClosedForm (t: float) (n: int) =
    let n2 = float (n * n)
    (1.0 - cos (2.0 * Math.PI * t)) * n2 / (2.0 * Math.PI * t * (n2 - t * t))

[<Test>]
let ``the unit box has energies π²n² and orthonormal eigenfunctions`` () =
    let box = ParticleInBox.Unit
    for n in 1 .. 5 do
        assertClose $"E_{n}⁰" 1e-12 (Math.PI ** 2.0 * float (n * n)) (box.Energy n)
    // ⟨φ_2|φ_3⟩ = 0 and ⟨φ_3|φ_3⟩ = 1, by MathNet's Gauss–Legendre rule.
    let overlap m n = MathNet.Numerics.Integration.GaussLegendreRule.Integrate((fun z -> box.Eigenfunction(m, z) * box.Eigenfunction(n, z)), 0.0, 1.0, 64)
    assertClose "⟨φ2|φ3⟩" 1e-12 0.0 (overlap 2 3)
    assertClose "⟨φ3|φ3⟩" 1e-12 1.0 (overlap 3 3)

[<TestCase(0.3)>]
[<TestCase(1.7)>]
[<TestCase(4.25)>]
let ``first-order energies match the closed form on [0, 1]`` (t: float) =
    let expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, SinePotential t, 8)
    for n in 1 .. 8 do
        assertClose $"E_{n}¹ (t = {t})" 1e-12 (firstOrderClosedForm t n) (expansion.FirstOrderEnergy n)
        assertClose $"V_{n}{n}" 1e-12 (firstOrderClosedForm t n) (expansion.MatrixElement(n, n))

[<Test>]
let ``an F# lambda as the potential gives the same matrix elements by quadrature`` () =
    let t = 0.3
    let lambdaPotential = Potential.FromFunction((fun z -> sin (2.0 * Math.PI * t * z)), "sin(2π·0.3·z) in F#")
    let numeric = PerturbationExpansion.ForPotential(ParticleInBox.Unit, lambdaPotential, 6)
    let analytic = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, SinePotential t, 6)
    Assert.That((numeric.MatrixElements() - analytic.MatrixElements()).InfinityNorm(), Is.LessThan 1e-11)
    Assert.That(numeric.Source, Is.Not.EqualTo analytic.Source)

[<Test>]
let ``perturbation theory through second order is exact diagonalisation up to O(λ³)`` () =
    let expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, SinePotential 1.3, 24)
    let error lambda n =
        let exact = (BasisDiagonalization.Energies(expansion, lambda))[n - 1]
        abs (exact - (expansion.Correction n).ThroughSecondOrder lambda)
    for n in 1 .. 3 do
        // Halving λ divides an O(λ³) error by 8.
        let ratio = error 0.4 n / error 0.2 n
        Assert.That(ratio, Is.InRange(6.5, 9.5), $"level {n}: error ratio {ratio}")
        let c = expansion.Correction n
        Assert.That((c.Level, c.Truncation), equalTo((n, 24)))
        // Third order makes it smaller still.
        let exact = (BasisDiagonalization.Energies(expansion, 0.2))[n - 1]
        Assert.That(abs (exact - c.ThroughThirdOrder 0.2), Is.LessThan(error 0.2 n))

[<Test>]
let ``finite differences converge to the perturbed spectrum`` () =
    let potential = SinePotential 0.7
    let expansion = PerturbationExpansion.ForSinePotential(ParticleInBox.Unit, potential, 30)
    let reference = (BasisDiagonalization.Energies(expansion, 1.0))[0]
    let fd m = (FiniteDifferenceHamiltonian.Energies(ParticleInBox.Unit, potential, 1.0, m, 1))[0]
    let e1, e2 = abs (fd 63 - reference), abs (fd 127 - reference)
    // Second-order central differences: halving h divides the error by about 4.
    Assert.That(e1 / e2, Is.InRange(3.5, 4.5))

[<Test>]
let ``quantum options and errors follow the conventions`` () =
    let options = Vae.Quantum.Validation.ValidationOptions(MaxLevel = 3, Minima = [ 0.5; 1.5 ])
    Assert.That((options.MaxLevel, List.ofSeq options.Minima, options.Length), equalTo((3, [ 0.5; 1.5 ], 1.0)))
    let e = throws<ArgumentOutOfRangeException> (fun () -> ParticleInBox.Unit.Energy 0 |> ignore)
    Assert.That(e.ParamName, equalTo "n")

[<Test>]
let ``the ψ-network's level energy is α n² + E¹ at integer n, and its derivative matches central differences`` () =
    let alpha, t = 0.01, 4.0 + 0.35
    for n in 1 .. 6 do
        assertClose $"E({n})" 1e-12 (alpha * float (n * n) + firstOrderClosedForm t n) (LevelEnergy.Value(float n, alpha, t))
    for n in [ 0.7; 2.3; 5.5 ] do
        let h = 1e-5
        let numeric = (LevelEnergy.Value(n + h, alpha, t) - LevelEnergy.Value(n - h, alpha, t)) / (2.0 * h)
        assertClose $"dE/dn({n})" 1e-7 numeric (LevelEnergy.Derivative(n, alpha, t))

[<Test>]
let ``the adjusted Rand index has Hubert and Arabie's values`` () =
    // [0,0,1,2] vs [0,0,1,1]: Σ C(n_ij, 2) = 1, a = 1, b = 2, C(4, 2) = 6 → (1 − 1/3)/(3/2 − 1/3) = 4/7.
    assertClose "ARI" 1e-15 (4.0 / 7.0) (Clustering.AdjustedRandIndex([ 0; 0; 1; 2 ], [ 0; 0; 1; 1 ]))
    assertClose "relabelled" 1e-15 1.0 (Clustering.AdjustedRandIndex([| 0; 0; 1; 1 |], [| 1; 1; 0; 0 |]))
    // scikit-learn 1.2: adjusted_rand_score([0,0,0,1,1,1], [0,1,2,0,1,2]) = −4/11.
    assertClose "below chance" 1e-15 (-4.0 / 11.0) (Clustering.AdjustedRandIndex([ 0; 0; 0; 1; 1; 1 ], [ 0; 1; 2; 0; 1; 2 ]))

[<Test>]
let ``the ψ network trains on latent codes from F# and its predictions obey n = arcsin(ψ²/2)/(πz)`` () =
    let latent = Matrix<float>.Build.Random(120, 2, 5)
    let options = PsiNetworkOptions(Epochs = 30, HiddenSizes = [ 16 ], Seed = 3)
    let network = PsiNetwork.Fit(latent, options)
    let loss = network.TrainingLoss
    Assert.That(loss.Count, equalTo 30)
    Assert.That(loss |> Seq.forall Double.IsFinite, Is.True)
    Assert.That(loss[loss.Count - 1], Is.LessThan(loss[0]), "training lowers the mean energy")
    let p = network.Predict latent
    for i in 0 .. 119 do
        assertClose "n" 1e-9 (asin (p.Psi[i] ** 2.0 / 2.0) / (Math.PI * p.Coordinate[i])) p.QuantumNumber[i]
        assertClose "E(n)" 1e-9 (LevelEnergy.Value(p.QuantumNumber[i], options.Alpha, options.Minima)) p.Energy[i]
        Assert.That(p.Coordinate[i], Is.InRange(1e-6, 1.0))

[<Test>]
let ``dynamic quantum clustering runs from F# with copied options, separates two blobs and has the Parzen ground level d/2`` () =
    let random = Random(11)
    let gauss () = sqrt (-2.0 * log (1.0 - random.NextDouble())) * cos (2.0 * Math.PI * random.NextDouble())
    let truth = Array.init 80 (fun i -> i % 2)
    let codes = Matrix<float>.Build.Dense(80, 2, fun i j -> (if j = 0 then 5.0 * float truth[i] else 0.0) + 0.5 * gauss ())
    let options = Vae.Quantum.Schrodinger.DynamicQuantumClusteringOptions(Clustering = Vae.Quantum.Schrodinger.QuantumClusteringOptions(Sigma = 0.8))
    Assert.That((Vae.Quantum.Schrodinger.DynamicQuantumClusteringOptions(options, TimeStep = 1.0) = options), Is.True, "copy-and-update with the same value")
    let result = Vae.Quantum.Schrodinger.DynamicQuantumClustering.Fit(codes, options)
    assertClose "ARI" 1e-15 1.0 (Clustering.AdjustedRandIndex(truth, result.Labels))
    // Every point is a basis Gaussian (80 ≤ 300) and m = 1: ψ = Σ g_b is an exact eigenstate of H with E = d/2 = 1.
    assertClose "E0" 1e-9 1.0 result.Energies[0]
    Assert.That(result.Unconverged, equalTo 0)

[<Test>]
let ``posterior kernels from F#: at the encoder's scale the wave function is the aggregate posterior`` () =
    // ψ(z) = n σ^d (2π)^(d/2) q(z) at σ² = g, q(z) = (1/n) Σ_i Π_j N(z_j; μ_ij, σ_ij), here with g = e^(−2) exactly.
    let mean = Matrix<float>.Build.DenseOfRowArrays([| [| 0.0; 0.0 |]; [| 1.0; 0.5 |]; [| -0.5; 1.5 |] |])
    let logVariance = Matrix<float>.Build.DenseOfRowArrays([| [| -2.0; -2.0 |]; [| -1.0; -3.0 |]; [| -2.5; -1.5 |] |])
    let posterior = Vae.Core.Models.PosteriorCodes(mean, logVariance)
    let sigma = exp -1.0
    let result = Vae.Quantum.Schrodinger.QuantumClustering.Fit(posterior, Vae.Quantum.Schrodinger.QuantumClusteringOptions(Sigma = sigma))
    let normal m v x = exp (-((x - m) ** 2.0) / (2.0 * v)) / sqrt (2.0 * Math.PI * v)
    for z in [ [| 0.2; 0.1 |]; [| 0.9; 0.8 |]; [| -0.4; 1.2 |] ] do
        let q = [ 0 .. 2 ] |> List.averageBy (fun i -> normal mean[i, 0] (exp logVariance[i, 0]) z[0] * normal mean[i, 1] (exp logVariance[i, 1]) z[1])
        assertClose "ψ" 1e-12 (3.0 * sigma ** 2.0 * 2.0 * Math.PI * q) (result.Potential.WaveFunction z)
