using System.Reflection;
using TorchSharp;

namespace Vae.Core.Torch;

/// <summary>
/// libtorch as Vae uses it: loading (with the libstdc++ workaround where the host needs it), devices and threads.
/// </summary>
/// <remarks>
/// <para>Devices are <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:i</c>. <c>auto</c> takes CUDA when TorchSharp reports it
/// (a CUDA build of libtorch referenced by the application and a GPU present), else the CPU. Asking for CUDA without it
/// throws. docs/core-training.md says which libtorch package an application references for CPU and for CUDA.</para>
/// <para>Threads: libtorch's intra-op thread count is process-wide (<c>torch.set_num_threads</c>); the trainer sets it from
/// <c>TrainingOptions.Threads</c> (default 1, measured in docs/core-training.md) for the duration of the run and restores
/// the process's count afterwards.</para>
/// </remarks>
public static partial class TorchRuntime
{
    private static readonly Lock SeedGate = new();

    /// <summary>Loads libtorch now instead of at the first tensor, so that a missing or unloadable native library fails
    /// here with a clear message. Idempotent. A script that uses TorchSharp before any Vae type calls this first.</summary>
    /// <exception cref="InvalidOperationException">libtorch cannot be loaded; the message says why and what to reference.</exception>
    public static void Initialize()
    {
        LibStdCxxCompatibility.Register();
        try
        {
            torch.InitializeDeviceType(DeviceType.CPU);
        }
        catch (Exception e) when (e is TypeInitializationException or NotSupportedException or DllNotFoundException)
        {
            var inner = e is TypeInitializationException { InnerException: { } i } ? i.Message : e.Message;
            throw new InvalidOperationException(
                "libtorch could not be loaded. An application that uses Vae.Core references a libtorch package: libtorch-cpu-linux-x64 "
                + $"2.10.0 for the CPU (docs/core-training.md). Loader message: {FirstLine(inner)}", e);
        }
    }

    /// <summary>Builds modules with PyTorch's default initialisation drawn from libtorch's global generator seeded with
    /// <paramref name="seed"/>, then restores the generator's previous state, so the caller's random stream is untouched.
    /// Serialised across threads (the generator is process-wide).</summary>
    /// <typeparam name="TModule">What <paramref name="build"/> returns, e.g. a <c>torch.nn.Module</c>.</typeparam>
    /// <param name="seed">The seed (<c>torch.manual_seed</c>).</param>
    /// <param name="build">Constructs the modules.</param>
    /// <returns>What <paramref name="build"/> returned.</returns>
    public static TModule CreateSeeded<TModule>(int seed, Func<TModule> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        Initialize();
        lock (SeedGate)
        {
            using var state = torch.random.get_rng_state();
            torch.random.manual_seed(seed);
            try { return build(); }
            finally { torch.random.set_rng_state(state); }
        }
    }

    /// <summary>
    /// Bounds the native heap growth of training on glibc: fixes glibc's <c>M_MMAP_THRESHOLD</c> at 128 KiB (its default
    /// value), which turns off glibc's dynamic threshold. With the dynamic threshold, libtorch's 64-byte-aligned
    /// temporaries of a few hundred KiB are carved from the heap and fragment it: a 784-200-200-30 MNIST VAE grows by about
    /// 1.3 MB per step to a ~750 MB plateau. With the fixed threshold they are mapped and unmapped, memory stays near
    /// 400 MB, and small-model steps get slower (page faults; measured in docs/core-training.md). Process-wide; the
    /// <c>vae</c> command calls it, the library never does on its own.
    /// </summary>
    /// <returns>True when applied; false when not glibc, or when <c>MALLOC_MMAP_THRESHOLD_</c> is set (the user's choice
    /// stands).</returns>
    public static bool UseFixedMmapThreshold()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_") is not null) return false;
        try { return Native.MallOpt(Native.MmapThreshold, 128 * 1024) == 1; }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException) { return false; }
    }

    /// <summary>The libtorch version TorchSharp was built against, e.g. <c>2.10.0</c>.</summary>
    public static string LibTorchVersion => torch.NormalizeNuGetVersion(torch.__version__);

    /// <summary>The TorchSharp package version, e.g. <c>0.107.0</c>.</summary>
    public static string TorchSharpVersion =>
        typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>True when TorchSharp reports a usable CUDA device.</summary>
    /// <remarks>Asked once per process (TorchSharp probes for the CUDA backend on every call otherwise).</remarks>
    public static bool IsCudaAvailable => CudaAvailable.Value;

    private static readonly Lazy<bool> CudaAvailable = new(() =>
    {
        Initialize();
        try { return torch.cuda.is_available(); }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or DllNotFoundException) { return false; }
    });

    /// <summary>libtorch's current intra-op thread count (process-wide).</summary>
    public static int Threads
    {
        get { Initialize(); return torch.get_num_threads(); }
    }

    private static readonly Lock ThreadGate = new();
    private static int _threadScopes;
    private static int _threadsBeforeScopes;

    /// <summary>Sets libtorch's process-wide intra-op thread count for the lifetime of the returned scope; when the last
    /// open scope is disposed, the count the process had before the first one is restored. Scopes may overlap (the
    /// in-process workers of a sweep each train in one): while any is open the count is the latest one set.</summary>
    /// <param name="threads">Threads, ≥ 1.</param>
    /// <returns>The scope; dispose it once.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="threads"/> &lt; 1.</exception>
    internal static IDisposable UseThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        Initialize();
        lock (ThreadGate)
        {
            if (_threadScopes++ == 0) _threadsBeforeScopes = torch.get_num_threads();
            torch.set_num_threads(threads);
        }
        return new ThreadScope();
    }

    private sealed class ThreadScope : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            lock (ThreadGate)
            {
                if (--_threadScopes == 0) torch.set_num_threads(_threadsBeforeScopes);
            }
        }
    }

    /// <summary>True when TorchSharp's disposed Scalars go through Vae's quarantine, the guard against TorchSharp 0.107's
    /// Scalar lifetime race (docs/reliability.md): checked by disposing a Scalar and watching the quarantine's count.</summary>
    public static bool IsScalarQuarantineActive => ScalarQuarantine.Probe().Active;

    /// <summary>One line: whether the Scalar quarantine is active, how many Scalars it has held and released, or why it is
    /// not active.</summary>
    public static string ScalarQuarantineStatus
    {
        get
        {
            var (active, reason) = ScalarQuarantine.Probe();
            if (!active) return $"off: {reason}";
            var (held, released, holding) = ScalarQuarantine.Counts();
            return $"on ({held} Scalars held so far, {released} released, {holding} held now)";
        }
    }

    /// <summary>Whether the libstdc++ workaround is in use in this process, and how (see docs/numerics.md).</summary>
    public static string LibStdCxxWorkaround
    {
        get
        {
            if (!OperatingSystem.IsLinux()) return "not needed (not Linux)";
            if (LibStdCxxCompatibility.HostHasVersion) return $"not needed (the host's libstdc++ has {LibStdCxxCompatibility.Version})";
            Initialize();
            if (LibStdCxxCompatibility.RuntimeCopy.Length > 0)
                return $"in use: the host lacks {LibStdCxxCompatibility.Version}; loaded the run-time copy {LibStdCxxCompatibility.RuntimeCopy}";
            var loaded = LibStdCxxCompatibility.LoadedPath();
            return $"in use: the host lacks {LibStdCxxCompatibility.Version}; loaded the build-patched {(loaded.Length > 0 ? loaded : "libLibTorchSharp.so")}";
        }
    }

    /// <summary>Resolves a device name.</summary>
    /// <param name="device"><c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:i</c> (i ≥ 0), case-insensitive.</param>
    /// <returns>The TorchSharp device.</returns>
    /// <exception cref="ArgumentException">The name is not one of those forms.</exception>
    /// <exception cref="NotSupportedException">CUDA was asked for and TorchSharp reports none, or the index is past the last GPU.</exception>
    public static torch.Device ResolveDevice(string device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var d = device.Trim().ToLowerInvariant();
        if (d == "cpu") { Initialize(); return torch.CPU; }
        if (d == "auto") return IsCudaAvailable ? torch.CUDA : torch.CPU;
        int index = 0;
        if (d.StartsWith("cuda:", StringComparison.Ordinal))
        {
            if (!int.TryParse(d.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index))
                throw new ArgumentException($"device '{device}' is not auto, cpu, cuda or cuda:i with an integer i ≥ 0.", nameof(device));
        }
        else if (d != "cuda")
        {
            throw new ArgumentException($"device '{device}' is not auto, cpu, cuda or cuda:i with an integer i ≥ 0.", nameof(device));
        }
        if (!IsCudaAvailable)
            throw new NotSupportedException($"device '{device}': TorchSharp reports no CUDA device. A GPU needs an NVIDIA driver and a CUDA build of libtorch referenced by the application instead of libtorch-cpu (docs/core-training.md).");
        int count = torch.cuda.device_count();
        if (index >= count)
            throw new NotSupportedException($"device '{device}': only {count} CUDA device(s) are visible.");
        return torch.device(DeviceType.CUDA, index);
    }

    /// <summary>One paragraph: libtorch and TorchSharp versions, CUDA, threads, the libstdc++ workaround and the Scalar quarantine.</summary>
    public static string Describe()
    {
        Initialize();
        return $"libtorch {LibTorchVersion} (TorchSharp {TorchSharpVersion}); device: {(IsCudaAvailable ? $"cuda ({torch.cuda.device_count()} GPU)" : "cpu (CUDA not available)")}; "
            + $"intra-op threads {Threads}; libstdc++ workaround: {LibStdCxxWorkaround}; Scalar quarantine: {ScalarQuarantineStatus}";
    }

    private static string FirstLine(string s)
    {
        int n = s.IndexOf('\n', StringComparison.Ordinal);
        return (n < 0 ? s : s[..n]).Trim();
    }

    private static partial class Native
    {
        internal const int MmapThreshold = -3; // M_MMAP_THRESHOLD in glibc's malloc.h

        [System.Runtime.InteropServices.LibraryImport("libc.so.6", EntryPoint = "mallopt")]
        internal static partial int MallOpt(int parameter, int value);
    }
}
