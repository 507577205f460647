/// Vae.Core.Data from F#: the embedded MNIST test set, its standard split, the IDX reader and make_classification.
module Vae.FSharp.Tests.DataTests

open System
open System.IO
open System.IO.Compression
open NUnit.Framework
open MathNet.Numerics.LinearAlgebra
open Vae.Core.Data
open Vae.Core.Numerics
open Vae.FSharp.Tests.TestSupport

/// Per-digit counts of the official MNIST test set (t10k), as published with the data set.
let private t10kDigitCounts = [| 980; 1135; 1032; 1010; 982; 892; 958; 1028; 974; 1009 |]

let private countsByDigit (labels: Collections.Generic.IReadOnlyList<int>) =
    labels |> Seq.countBy id |> Map.ofSeq |> fun m -> Array.init 10 (fun d -> Map.tryFind d m |> Option.defaultValue 0)

[<Test>]
let ``the standard split is the embedded test set cut at 9000`` () =
    let split = Mnist.StandardSplit()
    let train, test = split.Train, split.Test
    Assert.That((train.Count, test.Count), equalTo((Mnist.StandardTrainingCount, Mnist.StandardEvaluationCount)))
    Assert.That(train.SampleShape, equalTo [ 1; 28; 28 ])
    Assert.That(train.FeatureCount, equalTo 784)
    // The famous first labels of t10k, and the published per-digit totals over both halves.
    Assert.That(train.Labels |> Seq.take 10 |> List.ofSeq, equalTo [ 7; 2; 1; 0; 4; 1; 4; 9; 5; 9 ])
    let total = Array.map2 (+) (countsByDigit train.Labels) (countsByDigit test.Labels)
    Assert.That(total, equalTo t10kDigitCounts)
    // Every digit occurs in the held-out thousand.
    Assert.That(countsByDigit test.Labels |> Array.min, Is.GreaterThan 50)
    let pixels = train.CopyFeatures()
    Assert.That(pixels |> Array.forall (fun p -> p >= 0.0f && p <= 1.0f), Is.True)

[<Test>]
let ``the reader of a user directory agrees with an independent IDX parse in F#`` () =
    let dir = Path.Combine(repositoryRoot (), "data", "mnist")
    let fromDirectory = Mnist.Load(dir, MnistSplit.Test)
    // Independent parse of the gzip IDX file: big-endian header (magic 0x803, count, 28, 28), then bytes.
    use gz = new GZipStream(File.OpenRead(Path.Combine(dir, "t10k-images-idx3-ubyte.gz")), CompressionMode.Decompress)
    use ms = new MemoryStream()
    gz.CopyTo ms
    let bytes = ms.ToArray()
    let bigEndian offset = Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(ReadOnlySpan(bytes, offset, 4))
    Assert.That((bigEndian 0, bigEndian 4, bigEndian 8, bigEndian 12), equalTo((0x803, 10000, 28, 28)))
    let features = fromDirectory.CopyFeatures()
    Assert.That(features.Length, equalTo(bytes.Length - 16))
    let mismatches = features |> Seq.indexed |> Seq.filter (fun (i, v) -> v <> float32 bytes[16 + i] / 255.0f) |> Seq.length
    Assert.That(mismatches, equalTo 0)
    // And the embedded copy is the same data.
    Assert.That(Mnist.LoadEmbeddedTestSet().CopyFeatures(), equalTo features)

[<Test>]
let ``a missing MNIST directory raises DirectoryNotFoundException`` () =
    Assert.Throws<DirectoryNotFoundException>(fun () -> Mnist.Load("/nonexistent/mnist", MnistSplit.Training) |> ignore) |> ignore

[<Test>]
let ``make_classification allocates samples as scikit-learn does`` () =
    // n = 1000, weights (0.7, 0.3), 2 clusters per class, no label noise: clusters of 350, 150, 350, 150.
    let options = MakeClassificationOptions(SampleCount = 1000, Weights = [| 0.7 |], FlipY = 0.0, Seed = 3)
    let data = MakeClassification.Generate options
    Assert.That((data.Count, data.FeatureCount, data.ClassCount), equalTo((1000, 20, 2)))
    Assert.That(data.Labels |> Seq.filter ((=) 0) |> Seq.length, equalTo 700)

[<Test>]
let ``make_classification's redundant features lie in the informative span`` () =
    // Unshuffled columns: 3 informative, 2 redundant (linear combinations), 0 repeated, 3 noise.
    let options =
        MakeClassificationOptions(SampleCount = 400, FeatureCount = 8, InformativeCount = 3, RedundantCount = 2,
                                  ClustersPerClass = 1, Shuffle = false, FlipY = 0.0, Seed = 11)
    let result = MakeClassification.GenerateWithStructure options
    Assert.That(result.FeatureKinds |> Seq.take 5 |> Seq.forall (fun k -> k <> MakeClassificationFeatureKind.Useless), Is.True)
    let x = result.Data.ToMatrix()
    // Rank of the first five columns is 3: the 4th and 5th singular values vanish (to single precision).
    let s = (ThinSvd.Of(x.SubMatrix(0, 400, 0, 5))).S
    Assert.That(s[3] / s[0], Is.LessThan 1e-5)
    Assert.That(s[2] / s[0], Is.GreaterThan 1e-2)
    // All 8 columns: rank 3 + 3 independent noise features = 6.
    let all = (ThinSvd.Of x).S
    Assert.That(all[5] / all[0], Is.GreaterThan 1e-2)
    Assert.That(all[6] / all[0], Is.LessThan 1e-5)

[<Test>]
let ``make_classification's cluster means sit on the hypercube vertices`` () =
    let options =
        MakeClassificationOptions(SampleCount = 4000, FeatureCount = 2, InformativeCount = 2, RedundantCount = 0,
                                  ClassSep = 2.0, Shuffle = false, FlipY = 0.0, Seed = 5)
    let result = MakeClassification.GenerateWithStructure options
    let centroids = result.Centroids
    Assert.That(centroids.Enumerate() |> Seq.forall (fun v -> abs v = 2.0), Is.True)
    let x = result.Data.ToMatrix()
    for k in 0 .. centroids.RowCount - 1 do
        let rows = [| for i in 0 .. x.RowCount - 1 do if result.Clusters[i] = k then yield i |]
        for j in 0 .. 1 do
            let values = rows |> Array.map (fun i -> x[i, j])
            let mean, se = meanAndStandardError values
            // Z·A has mean zero, so each cluster's mean is its centroid (within 4 standard errors).
            Assert.That(abs (mean - centroids[k, j]), Is.LessThan(4.0 * se), $"cluster {k} feature {j}")

[<Test>]
let ``make_classification is reproducible for a seed and validates its options`` () =
    let options = MakeClassificationOptions(SampleCount = 50, Seed = 9)
    Assert.That((MakeClassification.Generate options).CopyFeatures(), equalTo((MakeClassification.Generate options).CopyFeatures()))
    let e = throws<ArgumentOutOfRangeException>(fun () -> MakeClassification.Generate(MakeClassificationOptions(FlipY = 2.0)) |> ignore)
    Assert.That(e.ActualValue, equalTo 2.0)

[<Test>]
let ``a Dataset is created from F# arrays and sliced immutably`` () =
    let features = [| for i in 0 .. 11 -> float32 i |]
    // An F# array converts to the ReadOnlySpan<float32> parameter (type-directed conversion, F# 6+).
    let data = Dataset.Create("toy", features, [| 0; 1; 1 |], [| 4 |])
    features[0] <- 99.0f // the factory copied its input
    Assert.That(data.CopyFeatures()[0], equalTo 0.0f)
    let tail = data.Slice(1, 2)
    Assert.That((tail.Count, tail.ClassCount, tail.CopyFeatures()[0]), equalTo((2, 2, 4.0f)))
    let picked = data.Select [| 2; 0 |]
    Assert.That(picked.Labels, equalTo [ 1; 0 ])
    Assert.That(data.ToMatrix().Row(2).ToArray(), equalTo [| 8.0; 9.0; 10.0; 11.0 |])
