/// Vae.Core.IO from F#: atomic writes, NumPy .npy and safetensors, each checked by an independent parse of the bytes.
module Vae.FSharp.Tests.IoTests

open System
open System.IO
open System.Text
open System.Text.Json
open NUnit.Framework
open Vae.Core.IO
open Vae.FSharp.Tests.TestSupport

let private tempDirectory () =
    let dir = Path.Combine(Path.GetTempPath(), "vae-fsharp-" + Guid.NewGuid().ToString("N"))
    Directory.CreateDirectory dir |> ignore
    dir

[<Test>]
let ``AtomicFile takes an F# lambda and leaves no temporary file`` () =
    let dir = tempDirectory ()
    try
        let path = Path.Combine(dir, "a.bin")
        AtomicFile.Write(path, fun stream -> stream.Write([| 1uy; 2uy; 3uy |], 0, 3))
        AtomicFile.WriteAllText(Path.Combine(dir, "b.txt"), "ψ")
        Assert.That(File.ReadAllBytes path, equalTo [| 1uy; 2uy; 3uy |])
        Assert.That(File.ReadAllText(Path.Combine(dir, "b.txt")), equalTo "ψ")
        // A writer that throws leaves the previous file intact.
        Assert.Throws<InvalidOperationException>(fun () ->
            AtomicFile.Write(path, fun stream -> stream.WriteByte 9uy; invalidOp "boom")) |> ignore
        Assert.That(File.ReadAllBytes path, equalTo [| 1uy; 2uy; 3uy |])
        Assert.That(Directory.GetFiles dir |> Array.map Path.GetFileName |> Array.sort, equalTo [| "a.bin"; "b.txt" |])
    finally
        Directory.Delete(dir, true)

[<Test>]
let ``an npy file written from F# has NumPy's layout`` () =
    let dir = tempDirectory ()
    try
        let path = Path.Combine(dir, "x.npy")
        let values = [| 1.5; -2.0; 3.25; 0.0; 1e-300; 42.0 |]
        Npy.Write(path, ReadOnlyMemory values, [| 2; 3 |])
        // Independent parse (NEP 1): magic, version 1.0, uint16 header length, dict literal, data at a 64-byte boundary.
        let bytes = File.ReadAllBytes path
        Assert.That(bytes[0..5], equalTo(Array.append [| 0x93uy |] (Encoding.ASCII.GetBytes "NUMPY")))
        Assert.That((bytes[6], bytes[7]), equalTo((1uy, 0uy)))
        let headerLength = int (BitConverter.ToUInt16(bytes, 8))
        let header = Encoding.ASCII.GetString(bytes, 10, headerLength)
        Assert.That((10 + headerLength) % 64, equalTo 0)
        Assert.That(header, Does.Contain("'descr': '<f8'").And.Contain("'fortran_order': False").And.Contain("'shape': (2, 3)"))
        let data = [| for i in 0 .. 5 -> BitConverter.ToDouble(bytes, 10 + headerLength + 8 * i) |]
        Assert.That(data, equalTo values)
        let back = Npy.Read path
        Assert.That((List.ofSeq back.Shape, back.DataType), equalTo(([ 2; 3 ], NpyDataType.Float64)))
        Assert.That(back.ToDoubleArray(), equalTo values)
    finally
        Directory.Delete(dir, true)

[<Test>]
let ``a safetensors file has the documented header and offsets`` () =
    let dir = tempDirectory ()
    try
        let path = Path.Combine(dir, "w.safetensors")
        let weight = SafeTensorsEntry.FromSingle("layer.weight", [| 2; 2 |], ReadOnlySpan [| 1.0f; 2.0f; 3.0f; 4.0f |])
        let bias = SafeTensorsEntry.FromDouble("layer.bias", [| 2 |], ReadOnlySpan [| 0.5; -0.5 |])
        SafeTensorsFile([| weight; bias |], readOnlyDict [ "format", "pt" ]).Write path
        let bytes = File.ReadAllBytes path
        let n = int (BitConverter.ToInt64(bytes, 0))
        use json = JsonDocument.Parse(ReadOnlyMemory(bytes, 8, n))
        let root = json.RootElement
        Assert.That(root.GetProperty("__metadata__").GetProperty("format").GetString(), equalTo "pt")
        let w = root.GetProperty "layer.weight"
        Assert.That(w.GetProperty("dtype").GetString(), equalTo "F32")
        let offsets (name: string) = root.GetProperty(name).GetProperty("data_offsets").EnumerateArray() |> Seq.map (fun e -> e.GetInt64()) |> List.ofSeq
        Assert.That((offsets "layer.weight", offsets "layer.bias"), equalTo(([ 0L; 16L ], [ 16L; 32L ])))
        Assert.That(BitConverter.ToSingle(bytes, 8 + n + 12), equalTo 4.0f)
        Assert.That(BitConverter.ToDouble(bytes, 8 + n + 24), equalTo -0.5)
        let back = SafeTensorsFile.Read path
        Assert.That(back["layer.bias"].ToDoubleArray(), equalTo [| 0.5; -0.5 |])
        Assert.That(back.TryGet "missing", Is.Null)
    finally
        Directory.Delete(dir, true)
