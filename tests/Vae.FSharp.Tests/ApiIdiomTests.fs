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

[<Test>]
let ``option and data records compare lists by content, so they work as keys`` () =
    let counts = dict [ Vae.Fluids.Learning.FluidVaeOptions(HiddenSizes = [ 64 ]), "small"
                        Vae.Fluids.Learning.FluidVaeOptions(HiddenSizes = [ 256 ]), "default width" ]
    Assert.That(counts[Vae.Fluids.Learning.FluidVaeOptions(HiddenSizes = [| 64 |])], equalTo "small")
    let bars = Vae.Plotting.Plots.BarChart(Categories = [ "a"; "b" ], Series = [ Vae.Plotting.Plots.BarSeries("n", [ 1.0; 2.0 ]) ])
    Assert.That((bars = Vae.Plotting.Plots.BarChart(bars)), Is.True)
    Assert.That((bars = Vae.Plotting.Plots.BarChart(bars, Categories = [ "a"; "c" ])), Is.False)

[<Test>]
let ``lists handed out by the library cannot be downcast and mutated`` () =
    let histogram = Vae.Plotting.Plots.HistogramPlot(Values = [ 0.1; 0.2; 0.7 ]).Compute()
    let writable (list: obj) =
        match list with
        | :? System.Array -> true
        | :? System.Collections.IList as l -> not l.IsReadOnly
        | _ -> false
    Assert.That(writable histogram.Counts || writable histogram.Edges, Is.False)
    let ticks = Vae.Plotting.Axes.Ticks.Linear(0.0, 1.0, 5)
    Assert.That(writable ticks.Values || writable ticks.Labels, Is.False)
    let architecture = Vae.Core.Models.VaeArchitecture.Mlp([| 784 |], [| 200 |], 20)
    Assert.That(writable architecture.HiddenSizes, Is.False)
    Assert.That((histogram.Counts |> Seq.sum), equalTo 3)
