using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Vae.Core.Torch;

/// <summary>
/// Guard against a use-after-free in TorchSharp 0.107 (docs/reliability.md, "A TorchSharp lifetime race"): disposed
/// <see cref="Scalar"/>s are held for a while before libtorch frees them.
/// </summary>
/// <remarks>
/// <para>TorchSharp turns every .NET number it passes to libtorch (<c>x / 2.0</c>, <c>add(y, alpha)</c>, each step of
/// its Adam) into a finalizable <see cref="Scalar"/> and hands libtorch only its native handle. A garbage collection
/// started by another thread while such a call is inside libtorch can finalize that Scalar, and libtorch then reads freed
/// memory: an error ("Unknown scalar type") or, worse, a wrong value. <c>tools/experiments/scalar_race.cs</c> reproduces
/// it.</para>
/// <para>The guard: on Linux, TorchSharp's native library "LibTorchSharp" resolves, through a
/// <see cref="NativeLibrary.SetDllImportResolver"/> on TorchSharp's assembly, to <c>libvae_scalar_quarantine.so</c>, a
/// small library (built with Vae.Core, <c>Torch/Native/scalar_quarantine.c</c>) that depends on the real
/// <c>libLibTorchSharp.so</c>, so every export but one resolves there. The one it defines, <c>THSTorch_dispose_scalar</c>,
/// holds each disposed Scalar for at least one second, or until 2¹⁸ newer ones are held, before the real one frees it.
/// Memory held: at most 2¹⁸ Scalars, under 20 MB.</para>
/// <para>Installed when Vae.Core is first used (module initializer), which must precede TorchSharp's first native call;
/// a script that uses TorchSharp before any Vae type calls <see cref="TorchRuntime.Initialize"/> first.
/// <see cref="TorchRuntime.IsScalarQuarantineActive"/> says whether it is active. Set <c>VAE_SCALAR_QUARANTINE=0</c> to leave
/// TorchSharp as it is (to measure the race).</para>
/// </remarks>
internal static class ScalarQuarantine
{
    internal const string FileName = "libvae_scalar_quarantine.so";
    private const string TorchSharpLibrary = "LibTorchSharp";
    private static readonly Lock Gate = new();
    private static IntPtr _shim;
    private static bool _resolved;
    private static bool _installed;
    private static string _failure = "TorchSharp's native library has not been loaded yet";

    [ThreadStatic] private static bool _resolving;

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "The resolver must be in place before TorchSharp binds its first native function.")]
    internal static void Register()
    {
        if (!OperatingSystem.IsLinux())
        {
            _failure = "off Linux (the library is built for linux-x64 only)";
            return;
        }
        if (Environment.GetEnvironmentVariable("VAE_SCALAR_QUARANTINE") == "0")
        {
            _failure = "turned off by VAE_SCALAR_QUARANTINE=0";
            return;
        }
        // Not typeof(torch): Vae.Core must stay usable where TorchSharp is absent (scripts that only use the numerics).
        AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Install(e.LoadedAssembly);
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies()) Install(assembly);
    }

    private static void Install(Assembly assembly)
    {
        if (assembly.GetName().Name != "TorchSharp") return;
        lock (Gate)
        {
            if (_installed) return;
            _installed = true;
            try
            {
                NativeLibrary.SetDllImportResolver(assembly, Resolve);
            }
            catch (InvalidOperationException)
            {
                _failure = "another DllImportResolver is set on TorchSharp's assembly";
            }
        }
    }

    /// <summary>Scalars held in total, released in total, and held now; all zero when the guard is not active.</summary>
    internal static (ulong Held, ulong Released, ulong Holding) Counts()
    {
        IntPtr shim;
        lock (Gate) shim = _shim;
        if (shim == IntPtr.Zero) return (0, 0, 0);
        Span<ulong> counts = stackalloc ulong[3];
        unsafe
        {
            var read = (delegate* unmanaged<ulong*, void>)NativeLibrary.GetExport(shim, "vae_scalar_quarantine_counts");
            fixed (ulong* p = counts) read(p);
        }
        return (counts[0], counts[1], counts[2]);
    }

    /// <summary>Whether TorchSharp's Scalars go through the quarantine: a Scalar is made and disposed, and the count of
    /// held Scalars must move. Otherwise the reason.</summary>
    internal static (bool Active, string Reason) Probe()
    {
        TorchRuntime.Initialize();
        var before = Counts().Held;
        1.5.ToScalar().Dispose();
        if (Counts().Held > before) return (true, "");
        lock (Gate)
            return (false, _shim == IntPtr.Zero ? _failure : "TorchSharp bound THSTorch_dispose_scalar before Vae.Core was loaded (call TorchRuntime.Initialize first)");
    }

    private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // The runtime asks once per native function; NativeLibrary.TryLoad below asks again on this thread.
        if (name != TorchSharpLibrary || _resolving) return IntPtr.Zero;
        lock (Gate)
        {
            if (_resolved) return _shim;
            _resolving = true;
            try
            {
                // The real library first, found as the runtime would (including the libstdc++ workaround's fallback);
                // the quarantine library's NEEDED entry then binds to it by soname.
                if (!NativeLibrary.TryLoad(TorchSharpLibrary, assembly, searchPath, out var real)) return IntPtr.Zero;
                _resolved = true;
                var shim = LoadShim(real);
                if (shim != IntPtr.Zero) _shim = shim;
                return shim;
            }
            finally
            {
                _resolving = false;
            }
        }
    }

    private static IntPtr LoadShim(IntPtr real)
    {
        var path = Candidates().FirstOrDefault(File.Exists);
        if (path is null)
        {
            _failure = $"{FileName} is not beside Vae.Core.dll (built with gcc on linux-x64; see docs/reliability.md)";
            return IntPtr.Zero;
        }
        if (!NativeLibrary.TryLoad(path, out var shim))
        {
            _failure = $"{path} could not be loaded";
            return IntPtr.Zero;
        }
        // Everything but the guarded function must come from the real library through the shim's NEEDED entry.
        if (!NativeLibrary.TryGetExport(real, "THSTorch_dispose_scalar", out var dispose)
            || !NativeLibrary.TryGetExport(real, "THSTensor_add", out var add)
            || !NativeLibrary.TryGetExport(shim, "THSTensor_add", out var addThroughShim) || addThroughShim != add
            || !NativeLibrary.TryGetExport(shim, "vae_scalar_quarantine_init", out var init))
        {
            _failure = $"{path} does not resolve TorchSharp's exports to the loaded libLibTorchSharp.so";
            return IntPtr.Zero;
        }
        unsafe { ((delegate* unmanaged<IntPtr, void>)init)(dispose); }
        return shim;
    }

    private static IEnumerable<string> Candidates()
    {
        var directory = Path.GetDirectoryName(typeof(ScalarQuarantine).Assembly.Location);
        if (string.IsNullOrEmpty(directory)) directory = AppContext.BaseDirectory;
        yield return Path.Combine(directory, FileName); // project references and RID-specific outputs
        yield return Path.Combine(directory, "runtimes", "linux-x64", "native", FileName); // package references
        yield return Path.GetFullPath(Path.Combine(directory, "..", "..", "runtimes", "linux-x64", "native", FileName)); // the package folder (scripts)
        yield return Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", FileName);
    }
}
