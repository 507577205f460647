using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;
using System.Security.Cryptography;

namespace Vae.Core.Torch;

/// <summary>
/// Run-time half of the libstdc++ workaround for TorchSharp's native shim (the build half is
/// <c>build/Vae.Core.targets</c>; both use <see cref="ElfVersionNeeds"/>; docs/numerics.md explains why).
/// </summary>
/// <remarks>
/// <para>When the loader refuses <c>libLibTorchSharp.so</c> and only then (.NET raises
/// <see cref="AssemblyLoadContext.ResolvingUnmanagedDll"/> after every normal probe failed), and only when the host's
/// libstdc++ lacks <c>GLIBCXX_3.4.32</c>, this writes a copy of the library with that one requirement marked weak to
/// <c>$XDG_CACHE_HOME/vae/native/&lt;sha256&gt;/</c> (staged, then renamed) and loads it. This serves hosts that load the
/// package's file directly, such as <c>dotnet fsi</c> scripts; builds already carry a patched copy.</para>
/// <para>The handler is registered when Vae.Core is first used (module initializer). A script that calls TorchSharp
/// before any Vae type must call <see cref="TorchRuntime.Initialize"/> first.</para>
/// </remarks>
internal static class LibStdCxxCompatibility
{
    internal const string Version = "GLIBCXX_3.4.32";
    internal const string Symbol = "_ZSt21ios_base_library_initv";
    internal const string HostLibrary = "libstdc++.so.6";
    private const string FileName = "libLibTorchSharp.so";
    private static readonly Lock Gate = new();
    private static readonly Lazy<bool> HostHasVersionLazy = new(() => ElfVersionNeeds.HostDefines(HostLibrary, Symbol, Version));
    private static int _registered;

    /// <summary>True when the host's libstdc++ defines <see cref="Version"/> (then nothing needs patching).</summary>
    internal static bool HostHasVersion => !OperatingSystem.IsLinux() || HostHasVersionLazy.Value;

    /// <summary>The patched copy this process loaded, or empty.</summary>
    internal static string RuntimeCopy { get; private set; } = "";

    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "Registering the handler must precede TorchSharp's first native call; the handler acts only when loading already failed.")]
    internal static void Register()
    {
        if (!OperatingSystem.IsLinux() || Interlocked.Exchange(ref _registered, 1) == 1) return;
        AssemblyLoadContext.Default.ResolvingUnmanagedDll += Resolve;
    }

    private static IntPtr Resolve(Assembly assembly, string name)
    {
        if (name is not ("LibTorchSharp" or FileName) || HostHasVersion) return IntPtr.Zero;
        lock (Gate)
        {
            foreach (var original in Candidates(assembly))
            {
                if (!File.Exists(original)) continue;
                string patched;
                try { patched = PatchedCopy(original); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException) { continue; }
                // Its NEEDED libraries resolve by soname once loaded; libtorch.so is the one TorchSharp has not loaded yet.
                // Only when the host cannot find libtorch load the copies beside the shim: loading them by path next to
                // another libtorch already in the process (e.g. dotnet fsi with the libtorch package, and a Vae.Core.dll
                // referenced from a build output that carries its own runtimes/) maps libtorch twice, which aborts.
                if (!NativeLibrary.TryLoad("torch", assembly, null, out _))
                {
                    var directory = Path.GetDirectoryName(original)!;
                    foreach (var dependency in new[] { "libc10.so", "libtorch_cpu.so", "libtorch.so" })
                        if (File.Exists(Path.Combine(directory, dependency))) NativeLibrary.TryLoad(Path.Combine(directory, dependency), out _);
                }
                if (NativeLibrary.TryLoad(patched, out var handle))
                {
                    RuntimeCopy = patched;
                    return handle;
                }
            }
        }
        return IntPtr.Zero;
    }

    /// <summary>Where TorchSharp's shim may live: beside the assembly or the application, in the native search
    /// directories the host passed, and in the NuGet package folder of this TorchSharp version.</summary>
    internal static IEnumerable<string> Candidates(Assembly assembly)
    {
        var directories = new List<string>();
        if (assembly.Location.Length > 0) directories.Add(Path.GetDirectoryName(assembly.Location)!);
        directories.Add(AppContext.BaseDirectory);
        if (AppContext.GetData("NATIVE_DLL_SEARCH_DIRECTORIES") is string search)
            directories.AddRange(search.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        foreach (var d in directories.ToArray()) directories.Add(Path.Combine(d, "runtimes", "linux-x64", "native"));
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        if (!string.IsNullOrEmpty(version))
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(packages)) packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            directories.Add(Path.Combine(packages, "torchsharp", version, "runtimes", "linux-x64", "native"));
        }
        return directories.Distinct(StringComparer.Ordinal).Select(d => Path.Combine(d, FileName));
    }

    /// <summary>A copy of <paramref name="original"/> with <see cref="Version"/> marked weak, in the user's cache,
    /// keyed by the original's SHA-256; written once (staged, then renamed).</summary>
    /// <exception cref="InvalidDataException">The file is not ELF64.</exception>
    /// <exception cref="IOException">The cache cannot be written.</exception>
    internal static string PatchedCopy(string original, string? cacheRoot = null)
    {
        var bytes = File.ReadAllBytes(original);
        var key = Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
        cacheRoot ??= CacheRoot();
        var directory = Path.Combine(cacheRoot, key);
        var target = Path.Combine(directory, FileName);
        if (File.Exists(target)) return target;
        ElfVersionNeeds.MarkWeak(bytes, Version);
        Directory.CreateDirectory(directory);
        var staged = Path.Combine(directory, $".{FileName}.{Environment.ProcessId}.tmp");
        File.WriteAllBytes(staged, bytes);
        File.Move(staged, target, overwrite: true);
        return target;
    }

    private static string CacheRoot()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(root, "vae", "native");
    }

    /// <summary>The path of the loaded <c>libLibTorchSharp.so</c> (from <c>/proc/self/maps</c>), or empty.</summary>
    internal static string LoadedPath()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/maps")) return "";
        foreach (var line in File.ReadLines("/proc/self/maps"))
        {
            int slash = line.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0 && line.EndsWith("/" + FileName, StringComparison.Ordinal)) return line[slash..];
        }
        return "";
    }
}
