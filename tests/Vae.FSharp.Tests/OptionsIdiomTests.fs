/// The F# idioms for the library's C# option records, results and delegates — and where they stop.
module Vae.FSharp.Tests.OptionsIdiomTests

open System
open System.Collections.Generic
open NUnit.Framework
open Vae.Core.Data
open Vae.Core.Models.Objectives
open Vae.Core.Training
open Vae.Fluids.Sampling
open Vae.Plotting.Plots
open Vae.FSharp.Tests.TestSupport

[<Test>]
let ``named-property construction starts from the defaults`` () =
    let options = MetropolisOptions(Gamma = 0.4)
    Assert.That(options.Gamma, equalTo 0.4)
    // Everything else is the default: C# records compare by value, and F#'s = uses that equality.
    // (Parenthesise an equality inside a method call: there `a = b` would be read as a named argument.)
    Assert.That((MetropolisOptions(Gamma = MetropolisOptions.Default.Gamma) = MetropolisOptions.Default), Is.True)
    Assert.That((options = MetropolisOptions.Default), Is.False)
    Assert.That(options.Particles, equalTo MetropolisOptions.Default.Particles)

[<Test>]
let ``copy-and-update goes through the copy constructor`` () =
    // F# has no `with` for C# records and cannot set an init property after construction (FS0810), but it can
    // set init properties in any constructor call: the public copy constructor X(original) is F#'s copy-and-update.
    let baseOptions = MetropolisOptions(Particles = 8, Box = 6.0, Seed = 1L)
    let sweep = [ 0.5; 1.0; 2.0 ] |> List.map (fun gamma -> MetropolisOptions(baseOptions, Gamma = gamma))
    Assert.That(sweep |> List.map (fun o -> o.Gamma), equalTo [ 0.5; 1.0; 2.0 ])
    Assert.That(sweep |> List.forall (fun o -> o.Particles = 8 && o.Box = 6.0 && o.Seed = 1L), Is.True)
    // Only the named property differs: the copy equals the original once that property is set back.
    Assert.That((MetropolisOptions(sweep.Head, Gamma = baseOptions.Gamma) = baseOptions), Is.True)
    Assert.That(baseOptions.Gamma, equalTo MetropolisOptions.Default.Gamma)

[<Test>]
let ``copy-and-update works on values you did not construct, and nests`` () =
    let options = TrainingOptions.Default
    let faster = TrainingOptions(options, Epochs = 2, Optimizer = AdamOptions(options.Optimizer, LearningRate = 1e-2))
    Assert.That((faster.Epochs, faster.BatchSize, faster.Optimizer.LearningRate, faster.Optimizer.Beta2),
                equalTo((2, options.BatchSize, 1e-2, options.Optimizer.Beta2)))
    // Derived records (every plot derives from Plot) copy their base properties too.
    let line = LinePlot(Title = "loss", Width = 300.0, Series = [| LineSeries.FromValues("train", [| 3.0; 2.0; 1.5 |]) |])
    let marked = LinePlot(line, ShowMarkers = true)
    Assert.That((marked.Title, marked.Width, marked.ShowMarkers, marked.Series.Count), equalTo(("loss", 300.0, true, 1)))
    let axis = Vae.Plotting.Axes.Axis(Vae.Plotting.Axes.Axis.Default, Label = "epoch")
    Assert.That((axis.Label, axis.TargetTickCount), equalTo(("epoch", Vae.Plotting.Axes.Axis.Default.TargetTickCount)))

[<Test>]
let ``nested options records compose`` () =
    let options = TrainingOptions(Epochs = 3, Optimizer = AdamOptions(LearningRate = 1e-2))
    Assert.That((options.Epochs, options.Optimizer.LearningRate, options.Optimizer.Beta1), equalTo((3, 1e-2, 0.9)))
    Assert.DoesNotThrow(fun () -> options.Validate())

[<Test>]
let ``F# lists and arrays pass where IReadOnlyList is expected and results read as sequences`` () =
    let options = MakeClassificationOptions(Weights = [ 0.25; 0.75 ], SampleCount = 40)
    let data = MakeClassification.Generate options
    let labels : IReadOnlyList<int> = data.Labels
    Assert.That(labels |> Seq.filter ((=) 1) |> Seq.length, Is.GreaterThan(20))
    Assert.That(data.SampleShape |> List.ofSeq, equalTo [ 20 ])

[<Test>]
let ``records are compared by value in F#, lists element by element`` () =
    // The option and data records compare their list members element by element, so F# = works on content,
    // whatever collection was passed (an F# list, an array).
    let a = LineSeries("s", [| 1.0 |], [| 2.0 |])
    Assert.That((a = LineSeries("s", [ 1.0 ], [ 2.0 ])), Is.True)
    Assert.That((a = LineSeries("s", [| 1.0 |], [| 2.5 |])), Is.False)
    Assert.That((MakeClassificationOptions(Weights = [ 0.25; 0.75 ]) = MakeClassificationOptions(Weights = [| 0.25; 0.75 |])), Is.True)
    // Equal hash codes too, so records work as keys and in distinct.
    let variants = [ Vae.Quantum.Spectrum.PsiNetworkOptions(); Vae.Quantum.Spectrum.PsiNetworkOptions.Default; Vae.Quantum.Spectrum.PsiNetworkOptions(HiddenSizes = [ 32; 32 ]) ]
    Assert.That(variants |> List.distinct |> List.length, equalTo 1)
    let split = Mnist.StandardSplit()
    let train, test = split.Train, split.Test
    Assert.That(train.Count + test.Count, equalTo Mnist.TestSetCount)

[<Test>]
let ``F# lambdas convert to Func and Action parameters`` () =
    let mutable written = 0
    let path = IO.Path.Combine(IO.Path.GetTempPath(), $"vae-fsharp-{Guid.NewGuid():N}.txt")
    try
        Vae.Core.IO.AtomicFile.Write(path, fun stream -> stream.WriteByte 65uy; written <- written + 1)
        Assert.That((written, IO.File.ReadAllText path), equalTo((1, "A")))
    finally
        IO.File.Delete path

[<Test>]
let ``a factory's result takes extra properties through the copy constructor`` () =
    let values = array2D [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ]
    let titled = Heatmap(Heatmap.FromArray values, Title = "distances", ColorBarLabel = "d")
    Assert.That((titled.Title, titled.ColorBarLabel), equalTo(("distances", "d")))
    Assert.That(titled.Values |> Seq.map List.ofSeq |> List.ofSeq, equalTo [ [ 1.0; 2.0 ]; [ 3.0; 4.0 ] ])
    Assert.That(titled.ToSvg(), Does.Contain "<title>distances</title>")

[<Test>]
let ``an architecture from a factory takes a different activation through the copy constructor`` () =
    let mlp = Vae.Core.Models.VaeArchitecture.Mlp([| 6 |], [| 4 |], 2)
    let architecture = Vae.Core.Models.VaeArchitecture(mlp, Activation = Vae.Core.Models.ActivationFunction.Tanh)
    Assert.That((List.ofSeq architecture.HiddenSizes, architecture.LatentSize, architecture.Decoder),
                equalTo(([ 4 ], 2, mlp.Decoder)))
    Assert.DoesNotThrow(fun () -> architecture.Validate())
    let model = Vae.Core.Models.VariationalAutoencoder.Create(architecture, 0)
    // Encoder 6→4 and heads 4→2 (twice), decoder 2→4→6: 28 + 10 + 10 + 12 + 30 parameters.
    Assert.That(model.ParameterCount, equalTo 90L)
    Assert.That(string architecture, Does.Contain "Tanh")
    Assert.That((architecture = mlp), Is.False)

[<Test>]
let ``objective records copy and update through their copy constructors, base properties included`` () =
    // ElboLoss derives from VaeObjective: its copy constructor also carries the base record's Samples.
    let annealed = ElboLoss(Beta = BetaSchedule.LinearAnnealing 20L)
    let sampled = ElboLoss(annealed, Samples = 5)
    Assert.That((sampled.Samples, sampled.Beta, sampled.AnalyticKl), equalTo((5, annealed.Beta, true)))
    Assert.That((ElboLoss(sampled, Samples = annealed.Samples) = annealed), Is.True)
    // β ramps linearly: half-way through 20 steps it is ½ (BetaSchedule.ValueAt, read through the IVaeObjective interface).
    Assert.That((sampled :> IVaeObjective).BetaAt 10L, equalTo 0.5)
    let iwae = RenyiBound.Iwae 8
    Assert.That((iwae.Alpha, iwae.Samples), equalTo((0.0, 8)))
    // An objective is an options-record member like any other.
    let options = TrainingOptions(TrainingOptions.Default, Objective = sampled)
    Assert.That((options.Objective = (sampled :> IVaeObjective)), Is.True)
    let e = throws<ArgumentOutOfRangeException>(fun () -> ElboLoss(Samples = 0).Validate())
    Assert.That((e.ParamName, e.ActualValue), equalTo(("Samples", box 0)))

[<Test>]
let ``an int literal widens to a long seed and nullable metrics become options`` () =
    let options = MetropolisOptions(Seed = 7)
    Assert.That(options.Seed, equalTo 7L)
    let summary = EpochSummary(1, 2.0, 2.0, Nullable(), Nullable 3.5, 0.1, 1.0, 10L, "")
    Assert.That((Option.ofNullable summary.TestNegativeElbo, Option.ofNullable summary.TestLogLikelihood), equalTo((None: float option), Some 3.5))
