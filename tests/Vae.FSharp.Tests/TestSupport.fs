/// Small helpers shared by the F# tests: the repository root and tolerant comparisons.
module Vae.FSharp.Tests.TestSupport

open System.IO
open NUnit.Framework

/// The repository root: the first ancestor of the test directory that holds Vae.sln.
let repositoryRoot () =
    let rec up (dir: DirectoryInfo | null) =
        match dir with
        | null -> failwith "Vae.sln not found above the test directory."
        | d when File.Exists(Path.Combine(d.FullName, "Vae.sln")) -> d.FullName
        | d -> up d.Parent
    up (DirectoryInfo TestContext.CurrentContext.TestDirectory)

/// Asserts |actual − expected| ≤ tolerance with a message naming the quantity.
let assertClose (name: string) (tolerance: float) (expected: float) (actual: float) =
    Assert.That(actual, Is.EqualTo(expected).Within(tolerance), name)

/// NUnit's Is.EqualTo with the expected value as obj: NUnit 4's generic overloads (T, T[], IEnumerable<T>) are
/// ambiguous for F# lists and arrays, and NUnit compares any two collections element by element anyway.
let equalTo (expected: obj) = Is.EqualTo(expected)

/// Assert.Throws returning the exception as a non-null value (NUnit 4 annotates it as nullable).
let throws<'E when 'E :> exn and 'E : not struct and 'E : not null> (action: unit -> unit) : 'E =
    match Assert.Throws<'E>(TestDelegate action) with
    | null -> failwith $"expected {typeof<'E>.Name}"
    | e -> e

/// Sample mean and its standard error √(s²/n) (s² with divisor n) of independent values.
let meanAndStandardError (values: float[]) =
    let mean = Array.average values
    mean, sqrt ((values |> Array.averageBy (fun v -> (v - mean) ** 2.0)) / float values.Length)
