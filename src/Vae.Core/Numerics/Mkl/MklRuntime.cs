using System.Runtime.InteropServices;

namespace Vae.Core.Numerics.Mkl;

/// <summary>
/// Loads <c>libmkl_rt.so</c> once per process and chooses its threading layer before the first computation.
/// </summary>
/// <remarks>
/// <para>The trap: <c>libmkl_rt</c> defaults to the Intel OpenMP layer, which needs <c>libiomp5</c>; Debian's
/// <c>libmkl-rt</c> package does not ship it, and inside a .NET process the first threaded call aborts with
/// <c>undefined symbol: omp_get_num_procs</c> (a fatal loader error, not a catchable exception).</para>
/// <para>The choice: unless the user set <c>MKL_THREADING_LAYER</c> explicitly, we <c>dlopen</c> GNU OpenMP
/// (<c>libgomp.so.1</c>) with <c>RTLD_GLOBAL</c> so its symbols are visible to MKL, then call
/// <c>MKL_Set_Threading_Layer(MKL_THREADING_GNU)</c>; all cores are used. When libgomp cannot be loaded we
/// select <c>MKL_THREADING_SEQUENTIAL</c> (one core, still correct) and record why.</para>
/// </remarks>
internal static unsafe partial class MklRuntime
{
    private const int ThreadingSequential = 1;
    private const int ThreadingGnu = 3;
    private const int RtldNow = 0x2;
    private const int RtldGlobal = 0x100;

    private static readonly Lazy<MklStatus> Lazy = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    internal static MklStatus Status => Lazy.Value;

    private static volatile NumericsOptions _options = NumericsOptions.Default;

    /// <summary>Sets what the first load may do to the process; no effect once MKL is loaded.</summary>
    internal static void Configure(NumericsOptions options)
    {
        if (!Lazy.IsValueCreated) _options = options;
    }

    [LibraryImport("libc.so.6", EntryPoint = "dlopen", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr DlOpen(string fileName, int flags);

    private static MklStatus Load()
    {
        if (!NativeLibrary.TryLoad(MklNative.Library, typeof(MklRuntime).Assembly, null, out _))
            return MklStatus.Unavailable("libmkl_rt.so could not be loaded (install Debian's libmkl-rt: scripts/setup.sh)");
        try
        {
            string layer;
            var requested = Environment.GetEnvironmentVariable("MKL_THREADING_LAYER");
            if (!string.IsNullOrWhiteSpace(requested))
            {
                layer = requested.Trim().ToUpperInvariant() + " (from MKL_THREADING_LAYER)";
            }
            else if (OperatingSystem.IsLinux() && TryLoadGnuOpenMp())
            {
                MklNative.SetThreadingLayer(ThreadingGnu);
                layer = "GNU";
            }
            else
            {
                MklNative.SetThreadingLayer(ThreadingSequential);
                layer = "SEQUENTIAL (libgomp.so.1 not loadable)";
            }

            // Run-to-run bit-reproducibility with a fixed thread count (threaded GEMM otherwise varies its reduction
            // order): CNR mode must be chosen before MKL's first computation. MKL_CBWR, when set, is honoured by MKL itself.
            if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("MKL_CBWR")))
                MklNative.SetConditionalNumericalReproducibility(MklNative.CbwrAuto);

            var buffer = stackalloc byte[256];
            MklNative.GetVersionString(buffer, 256);
            var version = Marshal.PtrToStringUTF8((IntPtr)buffer)?.Trim() ?? "unknown";
            int threads = MklNative.GetMaxThreads();
            VerifyGemm();
            return new MklStatus(true, version, layer, threads, "");
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or InvalidOperationException)
        {
            return MklStatus.Unavailable($"libmkl_rt.so loaded but is unusable: {e.Message}");
        }
    }

    [LibraryImport("libc.so.6", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);

    private static bool TryLoadGnuOpenMp()
    {
        // libgomp reads OMP_WAIT_POLICY when it is loaded. Its default (active spinning after every parallel region)
        // makes MKL's idle worker spin while the engine does single-threaded element-wise work between GEMMs, and on a
        // shared 2-core machine a 100×784×200 training step became 10–20× slower. PASSIVE lets idle workers sleep.
        // A value the user set is kept (overwrite = 0). Only when the caller opted in (NumericsOptions.PassiveOpenMpWait):
        // the library changes no environment on its own.
        if (_options.PassiveOpenMpWait)
        {
            try { SetEnv("OMP_WAIT_POLICY", "PASSIVE", 0); }
            catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { }
        }
        try { return DlOpen("libgomp.so.1", RtldNow | RtldGlobal) != IntPtr.Zero; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>A 2×2 product through the chosen threading layer: proves the library computes, not just loads.</summary>
    private static void VerifyGemm()
    {
        double[] a = [1, 3, 2, 4], b = [5, 7, 6, 8], c = new double[4]; // column-major [[1,2],[3,4]]·[[5,6],[7,8]]
        fixed (double* pa = a, pb = b, pc = c)
            MklNative.cblas_dgemm(MklNative.ColumnMajor, MklNative.CblasNoTrans, MklNative.CblasNoTrans, 2, 2, 2, 1.0, pa, 2, pb, 2, 0.0, pc, 2);
        if (c[0] != 19 || c[1] != 43 || c[2] != 22 || c[3] != 50)
            throw new InvalidOperationException($"MKL dgemm self-check returned [{string.Join(", ", c)}], expected [19, 43, 22, 50].");
    }
}
