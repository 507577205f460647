// TorchSharp 0.107's Scalar lifetime race, reproduced (docs/reliability.md, "A TorchSharp lifetime race").
// One thread runs libtorch operations that take implicitly converted Scalars, (x / 3.0).add(x * 0.5, alpha: 0.25) on a
// 4×4 tensor, and checks every result exactly. Modes:
//   allocator   (default) a second thread allocates managed garbage, so collections start while the first is in libtorch;
//   background  no second thread; every 1000 iterations a gen-2 collection is requested without blocking (a background
//               collection under .NET's default concurrent GC, running beside the native calls).
// Run it with and without the guard (VAE_SCALAR_QUARANTINE=0 leaves TorchSharp as it is), from the repository root:
//     nice -n 19 dotnet run -c Release tools/experiments/scalar_race.cs [seconds] [allocator|background]
#:project ../../src/Vae.Core/Vae.Core.csproj

using TorchSharp;
using Vae.Core.Torch;
using static TorchSharp.torch;

TorchRuntime.Initialize();
double seconds = args.Length > 0 ? double.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 60;
bool background = args.Contains("background");
if (!background)
    new Thread(() => { var keep = new object[1024]; for (long i = 0; ; i++) keep[i % keep.Length] = new byte[100 + i % 900]; }) { IsBackground = true }.Start();
Console.WriteLine($"mode: {(background ? "background collections" : "allocating thread")}, {seconds} s; Scalar quarantine {TorchRuntime.ScalarQuarantineStatus}");

using var x = arange(16, dtype: float64).reshape(4, 4);
var expected = x.data<double>().ToArray().Select(v => v / 3.0 + 0.5 * v * 0.25).ToArray();
long iterations = 0, wrong = 0, errors = 0;
int[] collectionsBefore = [GC.CollectionCount(0), GC.CollectionCount(2)];
var clock = System.Diagnostics.Stopwatch.StartNew();
while (clock.Elapsed.TotalSeconds < seconds)
{
    for (int i = 0; i < 1000; i++, iterations++)
    {
        using var scope = NewDisposeScope();
        try
        {
            var y = (x / 3.0).add(x * 0.5, alpha: 0.25);
            if (!y.data<double>().ToArray().SequenceEqual(expected)) wrong++;
        }
        catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidOperationException)
        {
            if (errors++ < 3) Console.WriteLine($"error at iteration {iterations}: {e.Message.Split('\n')[0]}");
        }
    }
    if (background) GC.Collect(2, GCCollectionMode.Forced, blocking: false);
}
Console.WriteLine($"{iterations} iterations in {clock.Elapsed.TotalSeconds:F0} s; collections: gen 0 {GC.CollectionCount(0) - collectionsBefore[0]}, gen 2 {GC.CollectionCount(2) - collectionsBefore[1]}");
Console.WriteLine($"wrong results {wrong}, libtorch errors {errors}; Scalar quarantine {TorchRuntime.ScalarQuarantineStatus}");
