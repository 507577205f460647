// One source for two compilers: Vae.Core compiles this file (VAE_CORE is defined there), and build/Vae.Core.targets
// compiles it as an MSBuild inline task (RoslynCodeTaskFactory, VAE_CORE undefined), so the runtime and the build
// patch libLibTorchSharp.so with the same code. Keep it to C# that both compilers accept (no file-scoped namespace).
#nullable enable
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace Vae.Core.Torch
{
    /// <summary>
    /// Reads and edits the symbol-version requirements (<c>.gnu.version_r</c>, ELF <c>SHT_GNU_verneed</c>) of a
    /// little-endian ELF64 shared library, and asks the dynamic loader whether the host's libraries define a version.
    /// </summary>
    /// <remarks>
    /// The one edit is setting <c>VER_FLG_WEAK</c> (0x2) in the <c>vna_flags</c> of an <c>Elf64_Vernaux</c> entry: glibc's
    /// loader then accepts a host that lacks that version instead of refusing to load the library (glibc
    /// <c>elf/dl-version.c</c>, <c>match_symbol</c> with <c>weak</c>). No byte other than those flags changes.
    /// Layouts: System V gABI §4 (section header) and the LSB "Symbol Versioning" chapter (Verneed 16 bytes:
    /// vn_version, vn_cnt, vn_file, vn_aux, vn_next; Vernaux 16 bytes: vna_hash, vna_flags, vna_other, vna_name, vna_next).
    /// </remarks>
    internal static class ElfVersionNeeds
    {
        internal const ushort WeakFlag = 0x2;
        private const uint ShtGnuVerneed = 0x6ffffffe;

        /// <summary>One required version: the library that must define it, its name and its flags, with the file
        /// offset of <c>vna_flags</c>.</summary>
        internal sealed class Requirement
        {
            internal Requirement(string file, string version, ushort flags, long flagsOffset)
            {
                File = file; Version = version; Flags = flags; FlagsOffset = flagsOffset;
            }

            internal string File { get; }
            internal string Version { get; }
            internal ushort Flags { get; }
            internal long FlagsOffset { get; }
            internal bool IsWeak => (Flags & WeakFlag) != 0;
        }

        /// <summary>Every version requirement of <paramref name="elf"/>.</summary>
        /// <exception cref="InvalidDataException">Not a little-endian ELF64 file, or a table points outside the file.</exception>
        internal static Requirement[] Read(byte[] elf)
        {
            if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
                throw new InvalidDataException("Not an ELF file (the magic 0x7f 'ELF' is missing).");
            if (elf[4] != 2 || elf[5] != 1)
                throw new InvalidDataException($"Only little-endian ELF64 is supported (class {elf[4]}, data {elf[5]}).");
            long shoff = checked((long)U64(elf, 0x28));
            int shentsize = U16(elf, 0x3a), shnum = U16(elf, 0x3c);
            if (shentsize < 64 || shoff < 0 || shoff + (long)shnum * shentsize > elf.Length)
                throw new InvalidDataException($"The section header table (offset {shoff}, {shnum} × {shentsize} bytes) lies outside the file.");
            var result = new System.Collections.Generic.List<Requirement>();
            for (int s = 0; s < shnum; s++)
            {
                long h = shoff + (long)s * shentsize;
                if (U32(elf, h + 4) != ShtGnuVerneed) continue;
                long offset = checked((long)U64(elf, h + 24)), size = checked((long)U64(elf, h + 32));
                int link = (int)U32(elf, h + 40);
                if (link >= shnum || offset < 0 || offset + size > elf.Length)
                    throw new InvalidDataException($"The .gnu.version_r section (offset {offset}, size {size}) lies outside the file.");
                long strings = checked((long)U64(elf, shoff + (long)link * shentsize + 24));
                long need = offset;
                for (int guard = 0; guard < 4096; guard++)
                {
                    int count = U16(elf, need + 2);
                    string file = Str(elf, strings + U32(elf, need + 4));
                    long aux = need + U32(elf, need + 8);
                    for (int a = 0; a < count; a++)
                    {
                        result.Add(new Requirement(file, Str(elf, strings + U32(elf, aux + 8)), U16(elf, aux + 4), aux + 4));
                        uint nextAux = U32(elf, aux + 12);
                        if (nextAux == 0) break;
                        aux += nextAux;
                    }
                    uint next = U32(elf, need + 12);
                    if (next == 0) break;
                    need += next;
                }
            }
            return result.ToArray();
        }

        /// <summary>Sets <c>VER_FLG_WEAK</c> on every non-weak requirement of <paramref name="version"/>.</summary>
        /// <returns>The number of entries changed (0 when there was nothing to do).</returns>
        /// <exception cref="InvalidDataException">The file is not a well-formed little-endian ELF64 file.</exception>
        internal static int MarkWeak(byte[] elf, string version)
        {
            int changed = 0;
            foreach (var r in Read(elf))
            {
                if (r.Version != version || r.IsWeak) continue;
                ushort flags = (ushort)(r.Flags | WeakFlag);
                elf[r.FlagsOffset] = (byte)flags;
                elf[r.FlagsOffset + 1] = (byte)(flags >> 8);
                changed++;
            }
            return changed;
        }

        /// <summary>True when <paramref name="elf"/> has a non-weak requirement of <paramref name="version"/>.</summary>
        internal static bool RequiresStrictly(byte[] elf, string version)
        {
            foreach (var r in Read(elf))
                if (r.Version == version && !r.IsWeak) return true;
            return false;
        }

        /// <summary>Asks the host's dynamic loader whether <paramref name="library"/> (loaded as the process would load it)
        /// defines <paramref name="symbol"/> at <paramref name="version"/>: <c>dlvsym</c>, glibc ≥ 2.34 in libc.so.6.</summary>
        /// <returns>True when defined; false when not, or when the library cannot be loaded.</returns>
        internal static bool HostDefines(string library, string symbol, string version)
        {
            // P/Invoke rather than NativeLibrary: the MSBuild inline task compiles against netstandard 2.0.
            if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux)) return true;
            try
            {
                IntPtr handle = DlOpen(library, RtldNow);
                return handle != IntPtr.Zero && DlVSym(handle, symbol, version) != IntPtr.Zero;
            }
            catch (EntryPointNotFoundException)
            {
                IntPtr handle = DlOpenOld(library, RtldNow); // glibc < 2.34 keeps dlopen/dlvsym in libdl
                return handle != IntPtr.Zero && DlVSymOld(handle, symbol, version) != IntPtr.Zero;
            }
        }

        /// <summary>Atomically replaces <paramref name="target"/> by <paramref name="source"/> (POSIX <c>rename</c>): a
        /// process that has the old file mapped keeps its copy.</summary>
        /// <exception cref="IOException">The rename failed.</exception>
        internal static void Rename(string source, string target)
        {
            if (RenameFile(source, target) != 0)
                throw new IOException($"rename('{source}', '{target}') failed with errno {Marshal.GetLastWin32Error()}.");
        }

        private const int RtldNow = 0x2;

        [DllImport("libc.so.6", EntryPoint = "dlopen", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr DlOpen(string file, int mode);

        [DllImport("libc.so.6", EntryPoint = "dlvsym", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr DlVSym(IntPtr handle, string symbol, string version);

        [DllImport("libdl.so.2", EntryPoint = "dlopen", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr DlOpenOld(string file, int mode);

        [DllImport("libdl.so.2", EntryPoint = "dlvsym", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
        private static extern IntPtr DlVSymOld(IntPtr handle, string symbol, string version);

        [DllImport("libc.so.6", EntryPoint = "rename", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true, SetLastError = true)]
        private static extern int RenameFile(string source, string target);

        private static ushort U16(byte[] b, long o) { Check(b, o, 2); return (ushort)(b[o] | b[o + 1] << 8); }

        private static uint U32(byte[] b, long o) { Check(b, o, 4); return (uint)(b[o] | b[o + 1] << 8 | b[o + 2] << 16 | b[o + 3] << 24); }

        private static ulong U64(byte[] b, long o) => U32(b, o) | (ulong)U32(b, o + 4) << 32;

        private static string Str(byte[] b, long o)
        {
            long end = o;
            while (true) { Check(b, end, 1); if (b[end] == 0) break; end++; }
            return Encoding.ASCII.GetString(b, (int)o, (int)(end - o));
        }

        private static void Check(byte[] b, long o, int n)
        {
            if (o < 0 || o + n > b.Length) throw new InvalidDataException($"An ELF table entry at offset {o} lies outside the {b.Length}-byte file.");
        }
    }
}

#if !VAE_CORE
/// <summary>MSBuild task: when the host's libstdc++ lacks <see cref="Version"/>, marks that requirement of
/// <see cref="Library"/> weak in place (see <c>ElfVersionNeeds</c>). Does nothing where the host has the version.</summary>
public sealed class VaeMarkVersionWeak : Microsoft.Build.Utilities.Task
{
    [Microsoft.Build.Framework.Required] public string Library { get; set; } = "";
    [Microsoft.Build.Framework.Required] public string Version { get; set; } = "";
    [Microsoft.Build.Framework.Required] public string Symbol { get; set; } = "";
    [Microsoft.Build.Framework.Required] public string HostLibrary { get; set; } = "";

    public override bool Execute()
    {
        if (!System.IO.File.Exists(Library)) return true;
        if (Vae.Core.Torch.ElfVersionNeeds.HostDefines(HostLibrary, Symbol, Version)) return true;
        var bytes = System.IO.File.ReadAllBytes(Library);
        if (Vae.Core.Torch.ElfVersionNeeds.MarkWeak(bytes, Version) == 0) return true;
        // A unique staging name: parallel builds (a project built for two referencing projects at once) may patch the
        // same output file concurrently; each renames its own identical copy into place, and the last rename wins.
        string staged = $"{Library}.{System.Diagnostics.Process.GetCurrentProcess().Id}.{Guid.NewGuid():N}.vae-tmp";
        System.IO.File.WriteAllBytes(staged, bytes);
        try
        {
            Vae.Core.Torch.ElfVersionNeeds.Rename(staged, Library);
        }
        catch (System.IO.IOException) when (!Vae.Core.Torch.ElfVersionNeeds.RequiresStrictly(System.IO.File.ReadAllBytes(Library), Version))
        {
            System.IO.File.Delete(staged); // another build patched it first
        }
        Log.LogMessage(Microsoft.Build.Framework.MessageImportance.High,
            $"Vae: marked {Version} weak in {Library} (the host's {HostLibrary} lacks it; see docs/numerics.md).");
        return true;
    }
}
#endif
