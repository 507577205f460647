using System.Diagnostics;
using NUnit.Framework;
using Vae.Core.Torch;

namespace Vae.Tests.Torch;

/// <summary>
/// libtorch loading on this host: the ELF version-needs patcher behind the libstdc++ workaround (TorchSharp 0.107's
/// libLibTorchSharp.so asks for GLIBCXX_3.4.32; Debian 12's libstdc++ has 3.4.30), the run-time patched copy for
/// <c>dotnet fsi</c>, <see cref="TorchRuntime.Describe"/> and device names.
/// </summary>
[TestFixture]
public sealed class TorchRuntimeTests
{
    private const string Library = "libstdc++.so.6";
    private const string Version = "GLIBCXX_3.4.32";
    private const string Symbol = "_ZSt21ios_base_library_initv";

    private static string OutputCopy => Path.Combine(TestContext.CurrentContext.TestDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    /// <summary>The NuGet package's own file, never modified by the build.</summary>
    private static string Original
    {
        get
        {
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (string.IsNullOrEmpty(packages)) packages = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            return Path.Combine(packages, "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        }
    }

    private static bool HostHasVersion => ElfVersionNeeds.HostDefines(Library, Symbol, Version);

    private string _directory = "";

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("vae-torch-runtime-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void ThisHostsLibStdCxxLacksTheVersionAndHasTheOlderOnes()
    {
        // Debian 12 ships GCC 12's libstdc++ (GLIBCXX up to 3.4.30); the check asks the host's loader through dlvsym.
        TestContext.Out.WriteLine($"host defines {Version}: {HostHasVersion}");
        Assert.That(ElfVersionNeeds.HostDefines(Library, "_ZNSt6chrono3_V212system_clock3nowEv", "GLIBCXX_3.4.19"), Is.True, "a symbol every libstdc++ since GCC 4.9 has");
        Assert.That(ElfVersionNeeds.HostDefines(Library, Symbol, "GLIBCXX_9.9.99"), Is.False);
        Assert.That(ElfVersionNeeds.HostDefines("libvae-does-not-exist.so", Symbol, Version), Is.False);
        if (File.Exists("/etc/debian_version") && File.ReadAllText("/etc/debian_version").StartsWith("12.", StringComparison.Ordinal))
            Assert.That(HostHasVersion, Is.False, "Debian 12 lacks GLIBCXX_3.4.32");
    }

    [Test]
    public void BothCopiesRequireTheVersionFromLibStdCxx()
    {
        foreach (var path in new[] { Original, OutputCopy })
        {
            Assert.That(File.Exists(path), path);
            var requirements = ElfVersionNeeds.Read(File.ReadAllBytes(path));
            var r = requirements.Where(r => r.Version == Version).ToArray();
            Assert.That(r, Has.Length.EqualTo(1), path);
            Assert.That(r[0].File, Is.EqualTo(Library), path);
            Assert.That(requirements.Select(q => q.Version), Does.Contain("GLIBCXX_3.4").And.Contain("GLIBC_2.2.5"), path);
        }
        Assert.That(ElfVersionNeeds.Read(File.ReadAllBytes(Original)).Single(r => r.Version == Version).IsWeak, Is.False, "the package's file requires it strictly");
    }

    [Test]
    public void TheBuildPatchedOnlyTheFlagsOfThatRequirement()
    {
        var original = File.ReadAllBytes(Original);
        var copy = File.ReadAllBytes(OutputCopy);
        Assert.That(copy, Has.Length.EqualTo(original.Length));
        var requirement = ElfVersionNeeds.Read(original).Single(r => r.Version == Version);
        var differing = Enumerable.Range(0, original.Length).Where(i => original[i] != copy[i]).ToArray();
        if (HostHasVersion)
        {
            Assert.That(differing, Is.Empty, "a host with the version gets the package's file unchanged");
            return;
        }
        Assert.That(ElfVersionNeeds.Read(copy).Single(r => r.Version == Version).IsWeak, Is.True);
        Assert.That(differing, Is.Not.Empty);
        Assert.That(differing, Is.SubsetOf(new[] { requirement.FlagsOffset, requirement.FlagsOffset + 1 }.Select(o => (int)o)),
            "only the vna_flags bytes of the GLIBCXX_3.4.32 entry differ");
        ushort flags = (ushort)(copy[requirement.FlagsOffset] | copy[requirement.FlagsOffset + 1] << 8);
        Assert.That(flags, Is.EqualTo(requirement.Flags | ElfVersionNeeds.WeakFlag));
    }

    [Test]
    public void MarkWeakChangesOnlyTheFlagsFieldAndIsIdempotent()
    {
        var original = File.ReadAllBytes(Original);
        var before = ElfVersionNeeds.Read(original);
        var target = before.Single(r => r.Version == Version);
        var bytes = original.ToArray();
        Assert.That(ElfVersionNeeds.RequiresStrictly(bytes, Version), Is.True);
        Assert.That(ElfVersionNeeds.MarkWeak(bytes, Version), Is.EqualTo(1));
        var differing = Enumerable.Range(0, bytes.Length).Where(i => bytes[i] != original[i]).ToArray();
        // vna_flags is 16 bits little-endian; 0x0000 → 0x0002 changes its low byte only (the high byte stays 0).
        Assert.That(target.Flags, Is.Zero);
        Assert.That(differing, Is.EqualTo(new[] { (int)target.FlagsOffset }));
        Assert.That(bytes[target.FlagsOffset], Is.EqualTo(2));
        Assert.That(bytes[target.FlagsOffset + 1], Is.EqualTo(original[target.FlagsOffset + 1]));
        Assert.That(ElfVersionNeeds.RequiresStrictly(bytes, Version), Is.False);
        var after = ElfVersionNeeds.Read(bytes);
        Assert.That(after.Select(r => (r.File, r.Version, r.FlagsOffset)), Is.EqualTo(before.Select(r => (r.File, r.Version, r.FlagsOffset))));
        Assert.That(after.Where(r => r.Version != Version).Select(r => r.Flags), Is.EqualTo(before.Where(r => r.Version != Version).Select(r => r.Flags)), "no other requirement changes");

        var again = bytes.ToArray();
        Assert.That(ElfVersionNeeds.MarkWeak(again, Version), Is.Zero, "nothing left to do");
        Assert.That(again, Is.EqualTo(bytes));
        Assert.That(ElfVersionNeeds.MarkWeak(original.ToArray(), "GLIBCXX_9.9.99"), Is.Zero, "a version it does not need");
    }

    [Test]
    public void MalformedInputsAreInvalidData()
    {
        var original = File.ReadAllBytes(Original);
        Assert.That(Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read([1, 2, 3]))!.Message, Does.Contain("Not an ELF file"));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(new byte[128]));
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(System.Text.Encoding.ASCII.GetBytes("#!/bin/sh\necho this is a script, not a shared library\n" + new string(' ', 100))));
        var elf32 = original[..4096];
        elf32[4] = 1;
        Assert.That(Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(elf32))!.Message, Does.Contain("ELF64"));
        Assert.That(Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(original[..4096]))!.Message, Does.Contain("outside the file"), "truncated: the section headers are at the end");
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(original[..(original.Length / 2)], Version));
        var bytes = new byte[] { 1, 2, 3 };
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.MarkWeak(bytes, Version));
        Assert.Throws<InvalidDataException>(() => LibStdCxxCompatibility.PatchedCopy(WriteFile("not-elf.so", new byte[64]), _directory));
    }

    [Test]
    public void PatchedCopyWritesTheMarkWeakBytesOnceAndReusesThem()
    {
        var expected = File.ReadAllBytes(Original);
        ElfVersionNeeds.MarkWeak(expected, Version);
        var cache = Path.Combine(_directory, "cache");
        var path = LibStdCxxCompatibility.PatchedCopy(Original, cache);
        Assert.That(path, Does.StartWith(cache + Path.DirectorySeparatorChar).And.EndWith("libLibTorchSharp.so"));
        Assert.That(File.ReadAllBytes(path), Is.EqualTo(expected));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Is.EqualTo(new[] { path }), "no staging file left");
        var stamp = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(path, stamp);
        Assert.That(LibStdCxxCompatibility.PatchedCopy(Original, cache), Is.EqualTo(path));
        Assert.That(File.GetLastWriteTimeUtc(path), Is.EqualTo(stamp), "the second call reuses the cached copy");
        Assert.That(File.ReadAllBytes(Original), Is.Not.EqualTo(expected), "the package's file is untouched");
    }

    [Test]
    public void DescribeNamesLibTorchTheDeviceAndTheWorkaround()
    {
        var text = TorchRuntime.Describe();
        TestContext.Out.WriteLine(text);
        Assert.That(TorchRuntime.LibTorchVersion, Is.EqualTo("2.10.0"));
        Assert.That(TorchRuntime.TorchSharpVersion, Is.EqualTo("0.107.0"));
        Assert.That(text, Does.StartWith("libtorch 2.10.0 (TorchSharp 0.107.0)").And.Contain("device: cpu").And.Contain("libstdc++ workaround: "));
        if (HostHasVersion)
        {
            Assert.That(text, Does.Contain("not needed"));
        }
        else
        {
            // The test host loads the build-patched copy from its output directory, not the package's file.
            Assert.That(LibStdCxxCompatibility.LoadedPath(), Is.EqualTo(OutputCopy));
            Assert.That(text, Does.Contain($"in use: the host lacks {Version}; loaded the build-patched {OutputCopy}"));
        }
    }

    [Test]
    public void DeviceNamesResolveOrFailClearly()
    {
        Assert.That(TorchRuntime.ResolveDevice("cpu").type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        Assert.That(TorchRuntime.ResolveDevice(" CPU ").type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        Assert.That(TorchRuntime.IsCudaAvailable, Is.False, "this machine has no GPU");
        Assert.That(TorchRuntime.ResolveDevice("auto").type, Is.EqualTo(TorchSharp.DeviceType.CPU));
        foreach (var cuda in new[] { "cuda", "cuda:0", "CUDA:1" })
        {
            var e = Assert.Throws<NotSupportedException>(() => TorchRuntime.ResolveDevice(cuda));
            Assert.That(e!.Message, Does.Contain($"device '{cuda}'").And.Contain("no CUDA device").And.Contain("libtorch"));
        }
        foreach (var bad in new[] { "gpu", "cuda:x", "", "cuda:-1", "cuda:" })
        {
            var e = Assert.Throws<ArgumentException>(() => TorchRuntime.ResolveDevice(bad));
            Assert.That(e!.ParamName, Is.EqualTo("device"));
            Assert.That(e.Message, Does.Contain($"device '{bad}'").And.Contain("auto, cpu, cuda or cuda:i"));
        }
        Assert.Throws<ArgumentNullException>(() => TorchRuntime.ResolveDevice(null!));
    }

    [TestCase(false)]
    [TestCase(true)]
    public void AnFSharpScriptLoadsLibTorchThroughTheRunTimeCopy(bool torchSharpFirst)
    {
        // dotnet fsi loads TorchSharp's shim from the NuGet package, which the build never patches: on a host without
        // GLIBCXX_3.4.32 only the run-time resolver (a weak-marked copy in $XDG_CACHE_HOME/vae/native) lets it load.
        // Which TorchSharp.dll fsi binds depends on what the script touches first: a Vae type first binds the one beside
        // Vae.Core.dll (this build output, with its own runtimes/ folder), a TorchSharp type first binds the package's.
        var core = Path.Combine(TestContext.CurrentContext.TestDirectory, "Vae.Core.dll");
        var first = torchSharpFirst ? "printfn \"first %s\" (typeof<TorchSharp.torch>.Name)" : "";
        var script = WriteFile("probe.fsx", $$"""
            #r "nuget: TorchSharp, 0.107.0"
            #r "nuget: libtorch-cpu-linux-x64, 2.10.0"
            #r "nuget: MathNet.Numerics, 5.0.0"
            #r @"{{core}}"
            {{first}}
            open Vae.Core.Models
            let model = VariationalAutoencoder.Create(VaeArchitecture.Mlp([| 6 |], [| 4 |], 2), 1)
            printfn "parameters %d" model.ParameterCount
            let seeded = Vae.Core.Torch.TorchRuntime.CreateSeeded(3, fun () -> TorchSharp.torch.ones([| 3L; 2L |]).sum().item<float32>())
            printfn "sum %g" seeded
            printfn "%s" (Vae.Core.Torch.TorchRuntime.Describe())
            printfn "bound %s" (typeof<TorchSharp.torch>.Assembly.Location)
            """);
        var cache = Path.Combine(_directory, "xdg-cache");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "fsi", "--quiet", script }) info.ArgumentList.Add(a);
        info.Environment["XDG_CACHE_HOME"] = cache;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.That(process.WaitForExit(TimeSpan.FromMinutes(8)), Is.True, "dotnet fsi finished");
        TestContext.Out.WriteLine(output.Result);
        TestContext.Out.WriteLine(error.Result);
        Assert.That(process.ExitCode, Is.Zero, error.Result);
        // 6·4 + 4 (encoder) + 2·(4·2 + 2) (heads) + 2·4 + 4 + 4·6 + 6 (decoder) = 90
        Assert.That(output.Result, Does.Contain("parameters 90").And.Contain("sum 6").And.Contain("libtorch 2.10.0 (TorchSharp 0.107.0)"));
        if (HostHasVersion)
        {
            Assert.That(output.Result, Does.Contain("libstdc++ workaround: not needed"));
            return;
        }
        var packageAssembly = Path.Combine(Path.GetDirectoryName(Original)!, "..", "..", "..", "lib", "net8.0", "TorchSharp.dll");
        var bound = torchSharpFirst ? Path.GetFullPath(packageAssembly) : Path.Combine(TestContext.CurrentContext.TestDirectory, "TorchSharp.dll");
        Assert.That(output.Result, Does.Contain($"bound {bound}"));
        var copies = Directory.GetFiles(Path.Combine(cache, "vae", "native"), "libLibTorchSharp.so", SearchOption.AllDirectories);
        Assert.That(copies, Has.Length.EqualTo(1));
        Assert.That(output.Result, Does.Contain($"libstdc++ workaround: in use: the host lacks {Version}; loaded the run-time copy {copies[0]}"));
        var expected = File.ReadAllBytes(Original);
        ElfVersionNeeds.MarkWeak(expected, Version);
        Assert.That(File.ReadAllBytes(copies[0]), Is.EqualTo(expected));
    }

    private string WriteFile(string name, object content)
    {
        var path = Path.Combine(_directory, name);
        if (content is byte[] bytes) File.WriteAllBytes(path, bytes);
        else File.WriteAllText(path, (string)content);
        return path;
    }
}
