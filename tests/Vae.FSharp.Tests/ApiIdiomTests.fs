/// F# idioms made possible by API fixes: span-free copies, content equality of option and data records, and
/// read-only collections that cannot be downcast and mutated.
module Vae.FSharp.Tests.ApiIdiomTests

open NUnit.Framework
open Vae.Core.Data
open Vae.FSharp.Tests.TestSupport

[<Test>]
let ``CopySample can be captured by seq and closures where the Sample span cannot`` () =
    // An array literal written inline in the argument list does not convert to the ReadOnlySpan parameter (FS0001);
    // a bound array does.
    let features = [| 0.0f; 1.0f; 2.0f; 3.0f; 4.0f; 5.0f |]
    let data = Dataset.Create("toy", features, [| 0; 1; 0 |], [| 2 |])
    let rows = seq { for i in 0 .. data.Count - 1 -> data.CopySample i }
    let secondRow = fun () -> data.CopySample 1
    Assert.That(rows |> Seq.map List.ofArray |> List.ofSeq, equalTo [ [ 0.0f; 1.0f ]; [ 2.0f; 3.0f ]; [ 4.0f; 5.0f ] ])
    let copy = secondRow ()
    copy[0] <- -1.0f
    Assert.That(data.CopySample 1, equalTo [| 2.0f; 3.0f |])
