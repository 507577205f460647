/// Vae.Plotting from F#: figures rendered to SVG and parsed back as XML; nice ticks against their definition.
module Vae.FSharp.Tests.PlottingTests

open System.Xml.Linq
open NUnit.Framework
open Vae.Core.Data
open Vae.Plotting
open Vae.Plotting.Axes
open Vae.Plotting.Plots
open Vae.FSharp.Tests.TestSupport

let private svg = XNamespace.Get "http://www.w3.org/2000/svg"

/// Elements of the parsed document whose class attribute contains the given class.
let private withClass (cls: string) (doc: XDocument) =
    doc.Descendants()
    |> Seq.filter (fun e -> match e.Attribute(XName.Get "class") with
                            | null -> false
                            | a -> a.Value.Split(' ') |> Array.contains cls)
    |> List.ofSeq

/// The value of an attribute that must be present.
let private attribute (name: XName) (e: XElement) =
    match e.Attribute name with
    | null -> failwith $"<{e.Name.LocalName}> has no attribute {name}"
    | a -> a.Value

[<Test>]
let ``a line plot renders to well-formed SVG with one polyline point per sample`` () =
    let xs = [| for i in 0 .. 49 -> float i / 49.0 * 2.0 * System.Math.PI |]
    let plot =
        LinePlot(Title = "sin and cos",
                 Series = [| LineSeries("sin", xs, xs |> Array.map sin); LineSeries("cos", xs, xs |> Array.map cos) |],
                 XAxis = Axis(Label = "t"), YAxis = Axis(Label = "value", Range = AxisRange.Fixed(-1.0, 1.0)),
                 Width = 500.0)
    let doc = XDocument.Parse(plot.ToSvg())
    let root = nonNull doc.Root
    Assert.That(root.Name, equalTo(svg + "svg"))
    Assert.That((attribute (XName.Get "width") root, attribute (XName.Get "viewBox") root), equalTo(("500", "0 0 500 400")))
    Assert.That((nonNull (root.Element(svg + "title"))).Value, equalTo "sin and cos")
    let series = withClass "series" doc
    Assert.That(series |> List.map (attribute (XName.Get "data-name")), equalTo [ "sin"; "cos" ])
    for s in series do
        Assert.That((attribute (XName.Get "points") s).Split(' ').Length, equalTo 50)
    Assert.That(withClass "legend-entry" doc |> List.length, equalTo 2)

[<Test>]
let ``nice ticks follow their definition`` () =
    // Among steps m·10^k (m ∈ {1, 2, 5}) the one whose tick count inside [0, 1] is closest to 6 is 0.2.
    let ticks = Ticks.Linear(0.0, 1.0, 6)
    Assert.That(List.ofSeq ticks.Values, equalTo([ 0.0; 0.2; 0.4; 0.6; 0.8; 1.0 ]).Within(1e-15))
    Assert.That(List.ofSeq ticks.Labels, equalTo [ "0"; "0.2"; "0.4"; "0.6"; "0.8"; "1.0" ])
    let brute =
        [ for k in -3 .. 3 do for m in [ 1.0; 2.0; 5.0 ] -> m * 10.0 ** float k ]
        |> List.map (fun s -> s, floor (1.0 / s + 1e-9) + 1.0)
        |> List.filter (fun (_, n) -> n >= 2.0)
        |> List.minBy (fun (s, n) -> abs (n - 6.0), -s)
        |> fst
    Assert.That(Ticks.NiceStep(0.0, 1.0, 6), equalTo(brute).Within(1e-15))
    Assert.That((Ticks.Logarithmic(1.0, 1000.0, 6)).Values |> Seq.contains 100.0, Is.True)

[<Test>]
let ``a scatter plot draws every point in its class group`` () =
    let plot = ScatterPlot(X = [| 0.0; 1.0; 2.0; 3.0 |], Y = [| 1.0; 0.0; 1.0; 0.0 |], Classes = [| 0; 1; 1; 2 |],
                           ClassNames = [| "a"; "b"; "c" |])
    let doc = XDocument.Parse(plot.ToSvg())
    Assert.That(withClass "point" doc |> List.length, equalTo 4)
    Assert.That(withClass "class" doc |> List.map (fun g -> g.Elements() |> Seq.length), equalTo [ 1; 2; 1 ])

[<Test>]
let ``a histogram counts as numpy.histogram does`` () =
    // Edges 0, 1, 2, 3: [0, 1), [1, 2), [2, 3] — the last bin closed, 3.5 outside.
    let plot = HistogramPlot(Values = [| 0.0; 0.5; 1.0; 2.0; 2.5; 3.0; 3.5 |], Bins = HistogramBins.FromEdges [| 0.0; 1.0; 2.0; 3.0 |])
    let counts = plot.Compute()
    Assert.That(List.ofSeq counts.Counts, equalTo [ 2; 1; 3 ])
    let bars = withClass "bar" (XDocument.Parse(plot.ToSvg()))
    Assert.That(bars |> List.map (attribute (XName.Get "data-count")), equalTo [ "2"; "1"; "3" ])

[<Test>]
let ``an image grid of MNIST digits embeds one PNG per image`` () =
    let digits = Mnist.StandardSplit().Test.Slice(0, 6)
    let image k = GrayImage.FromPixels(28, 28, System.ReadOnlySpan(digits.CopyFeatures(), 784 * k, 784))
    let grid = ImageGrid(Rows = [| ImageGridRow("first", [| for k in 0 .. 2 -> image k |]); ImageGridRow("second", [| for k in 3 .. 5 -> image k |]) |])
    let images = withClass "image" (XDocument.Parse(grid.ToSvg()))
    Assert.That(images |> List.length, equalTo 6)
    let xlink = XNamespace.Get "http://www.w3.org/1999/xlink"
    let href (e: XElement) = match e.Attribute(XName.Get "href") with null -> attribute (xlink + "href") e | a -> a.Value
    Assert.That(images |> List.forall (fun e -> (href e).StartsWith "data:image/png;base64,"), Is.True)

[<Test>]
let ``an invalid plot names the property`` () =
    let e = throws<System.ArgumentException>(fun () -> LinePlot(Series = [| LineSeries("bad", [| 0.0 |], [| nan |]) |]).ToSvg() |> ignore)
    Assert.That(e.Message, Does.Contain "Series[0].Y")
