using System.CommandLine;
using Vae.Core.IO;

namespace Vae.Cli.Output;

/// <summary>
/// The output contract of every writing command (docs/reliability.md): an exclusive lock on the target, refusal of an
/// existing non-empty target unless <c>--force</c>, all files staged in a hidden directory next to the target and
/// moved into place by <see cref="Commit"/>, and the leftovers of a killed run cleaned by the next run.
/// </summary>
/// <remarks>
/// <para>Usage, a few lines per command: validate every option and input first, then
/// <c>using var output = CommandOutput.Directory(path, force);</c>, write into <see cref="Path"/>, call
/// <see cref="Commit"/> last. Disposing an uncommitted output deletes the staged files and any parent directories it
/// created, so a failed command leaves nothing behind and the previous result untouched.</para>
/// <para>Names next to the target <c>T</c>: <c>.T.vae-lock</c> (the lock, deleted on exit), <c>.T.vae-tmp-*</c> (staging),
/// <c>.T.vae-old-*</c> (the previous result during the few renames of <see cref="Commit"/>).</para>
/// </remarks>
internal sealed class CommandOutput : IDisposable
{
    private const string StagingInfix = ".vae-tmp-";
    private const string OldInfix = ".vae-old-";

    private readonly OutputLock _lock;
    private readonly string _parent;
    private readonly string _name;
    private readonly string? _createdAncestor;
    private readonly bool _isFile;
    private readonly IReadOnlyList<string> _salvage;
    private bool _committed;

    private CommandOutput(string final, string parent, string staging, bool isFile, OutputLock outputLock, string? createdAncestor, IReadOnlyList<string> salvage)
    {
        FinalPath = final;
        _parent = parent;
        _name = System.IO.Path.GetFileName(final);
        StagingDirectory = staging;
        _isFile = isFile;
        _lock = outputLock;
        _createdAncestor = createdAncestor;
        _salvage = salvage;
    }

    /// <summary>The <c>--force</c> option of a writing command.</summary>
    internal static Option<bool> ForceOption() => new("--force") { Description = "Replace an existing non-empty output (files the new result does not produce are kept)." };

    /// <summary>Where the result ends up (full path).</summary>
    internal string FinalPath { get; }

    /// <summary>The hidden staging directory (for a directory target: where the command writes).</summary>
    internal string StagingDirectory { get; }

    /// <summary>Where the command writes now: the staging directory, or for a file target the staged file.</summary>
    internal string Path => _isFile ? System.IO.Path.Combine(StagingDirectory, _name) : StagingDirectory;

    /// <summary>Opens a directory target: takes the lock, refuses a non-empty directory unless <paramref name="force"/>, stages.</summary>
    /// <param name="path">The directory given on the command line.</param>
    /// <param name="force">Allow replacing a non-empty directory.</param>
    /// <param name="option">The option's name, for messages.</param>
    /// <exception cref="ArgumentException">The path is empty, is a file, or is a non-empty directory without <paramref name="force"/> (exit code 2).</exception>
    /// <exception cref="UnauthorizedAccessException">The path or its parent cannot be written (exit code 1).</exception>
    /// <exception cref="IOException">Another vae process writes the same target (exit code 1).</exception>
    /// <param name="salvage">File or directory names that a killed run's staging directory may hold and this run continues
    /// from (e.g. <c>checkpoint.safetensors</c> for <c>train --resume</c>, <c>sweeps</c> for <c>reproduce</c>): the newest of
    /// each is moved into the new staging directory instead of being deleted with the rest.</param>
    internal static CommandOutput Directory(string path, bool force, string option = "--out", IReadOnlyList<string>? salvage = null) =>
        Open(path, force, option, isFile: false, salvage ?? []);

    /// <summary>Opens a single-file target (e.g. <c>--csv FILE</c>): the same contract for one file.</summary>
    /// <inheritdoc cref="Directory" path="/exception"/>
    internal static CommandOutput File(string path, bool force, string option) => Open(path, force, option, isFile: true, []);

    /// <summary>Moves the staged result into place: one rename when the target is absent; otherwise the previous result
    /// is renamed aside, the new one renamed in, the previous result's files that the new one lacks moved back, and the
    /// rest deleted. Call once, after the last file is written.</summary>
    internal void Commit()
    {
        if (_committed) throw new InvalidOperationException("The output was already committed.");
        if (_isFile)
        {
            System.IO.File.Move(Path, FinalPath, overwrite: true);
            System.IO.Directory.Delete(StagingDirectory, recursive: true);
        }
        else if (!System.IO.Directory.Exists(FinalPath))
        {
            System.IO.Directory.Move(StagingDirectory, FinalPath);
        }
        else
        {
            var old = System.IO.Path.Combine(_parent, $".{_name}{OldInfix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            System.IO.Directory.Move(FinalPath, old);
            System.IO.Directory.Move(StagingDirectory, FinalPath);
            MergeBack(old, FinalPath);
        }
        _committed = true;
    }

    /// <summary>Deletes what an uncommitted run staged (and the parents it created), then releases the lock. The salvage
    /// entries (see <see cref="Directory"/>) are kept in the staging directory, which then stays as <c>.T.vae-tmp-*</c>
    /// for the next run to take over: an interrupted <c>reproduce</c> (Ctrl+C, SIGTERM) or a failed one keeps its
    /// finished sweep runs.</summary>
    public void Dispose()
    {
        if (!_committed)
        {
            DiscardStaging(StagingDirectory, _salvage);
            _lock.Dispose();
            if (_createdAncestor is not null) TryDeleteEmptyChain(_createdAncestor, _parent);
        }
        _lock.Dispose();
    }

    /// <summary>Deletes the staging directory, or, when it holds a salvage entry, everything in it but the salvage entries.</summary>
    private static void DiscardStaging(string staging, IReadOnlyList<string> salvage)
    {
        try
        {
            if (!System.IO.Directory.Exists(staging)) return;
            var entries = System.IO.Directory.EnumerateFileSystemEntries(staging).ToList();
            bool IsSalvage(string entry) => salvage.Contains(System.IO.Path.GetFileName(entry), StringComparer.Ordinal);
            if (!entries.Any(IsSalvage))
            {
                TryDelete(staging);
                return;
            }
            foreach (var entry in entries.Where(e => !IsSalvage(e)))
            {
                if (System.IO.Directory.Exists(entry)) System.IO.Directory.Delete(entry, recursive: true);
                else System.IO.File.Delete(entry);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static CommandOutput Open(string path, bool force, string option, bool isFile, IReadOnlyList<string> salvage)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new ArgumentException($"{option} is empty.", option);
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var parent = System.IO.Path.GetDirectoryName(full);
        if (parent is null) throw new ArgumentException($"{option} '{full}' is a root directory; choose a directory below it.", option);
        if (!isFile && System.IO.File.Exists(full)) throw new ArgumentException($"{option} '{full}' is a file, not a directory.", option);
        if (isFile && System.IO.Directory.Exists(full)) throw new ArgumentException($"{option} '{full}' is a directory, not a file.", option);
        string? created = null, staging = null;
        OutputLock? held = null;
        try
        {
            created = NotWritableOnError(() => CreateAncestors(parent));
            var name = System.IO.Path.GetFileName(full);
            var lockFile = System.IO.Path.Combine(parent, $".{name}.vae-lock");
            held = NotWritableOnError(() => OutputLock.Acquire(lockFile, $"{option} '{full}'"));
            NotWritableOnError(() => { RestorePrevious(parent, name, full); return 0; });
            // A killed run's staging loses everything but its salvage entries now; those (reproduce's finished sweeps)
            // must survive a re-run refused for lack of --force, so they move only after the check below.
            foreach (var orphan in System.IO.Directory.EnumerateDirectories(parent, $".{name}{StagingInfix}*").ToList()) DiscardStaging(orphan, salvage);
            bool occupied = isFile ? System.IO.File.Exists(full) : System.IO.Directory.Exists(full) && System.IO.Directory.EnumerateFileSystemEntries(full).Any();
            if (occupied && !force)
                throw new ArgumentException(isFile
                    ? $"{option} '{full}' exists; choose another file or pass --force."
                    : $"{option} '{full}' exists and is not empty; choose another directory or pass --force.", option);
            staging = System.IO.Path.Combine(parent, $".{name}{StagingInfix}{Environment.ProcessId}-{Guid.NewGuid():N}");
            NotWritableOnError(() => System.IO.Directory.CreateDirectory(staging));
            NotWritableOnError(() => { CleanStaging(parent, name, staging, salvage); return 0; });
            return new CommandOutput(full, parent, staging, isFile, held, created, salvage);
        }
        catch
        {
            if (staging is not null) DiscardStaging(staging, salvage);
            held?.Dispose();
            if (created is not null) TryDeleteEmptyChain(created, parent);
            throw;
        }

        T NotWritableOnError<T>(Func<T> action)
        {
            try { return action(); }
            catch (Exception e) when (e is UnauthorizedAccessException || (e is IOException && e is not OutputLockedException))
            {
                throw new UnauthorizedAccessException($"{option} '{full}' is not writable: {e.Message}", e);
            }
        }
    }

    /// <summary>Creates <paramref name="directory"/> and its missing ancestors; returns the topmost one created, or null.</summary>
    private static string? CreateAncestors(string directory)
    {
        string? topmost = null;
        for (var d = directory; d is not null && !System.IO.Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d)) topmost = d;
        System.IO.Directory.CreateDirectory(directory);
        return topmost;
    }

    /// <summary>A previous result caught between the renames of <see cref="Commit"/> by a kill: renamed back when the target
    /// is absent, otherwise its files the target lacks moved back (safe: we hold the target's lock).</summary>
    private static void RestorePrevious(string parent, string name, string final)
    {
        foreach (var old in System.IO.Directory.EnumerateDirectories(parent, $".{name}{OldInfix}*"))
        {
            if (!System.IO.Directory.Exists(final)) System.IO.Directory.Move(old, final);
            else MergeBack(old, final);
        }
    }

    /// <summary>Deletes the staging directories a killed run left, after moving the newest of each salvaged file into <paramref name="staging"/>.</summary>
    private static void CleanStaging(string parent, string name, string staging, IReadOnlyList<string> salvage)
    {
        var orphans = System.IO.Directory.EnumerateDirectories(parent, $".{name}{StagingInfix}*").Where(d => d != staging).ToList();
        foreach (var entry in salvage)
        {
            var newest = Newest(orphans, entry);
            if (newest is null) continue;
            var target = System.IO.Path.Combine(staging, entry);
            if (System.IO.Directory.Exists(newest)) System.IO.Directory.Move(newest, target);
            else System.IO.File.Move(newest, target);
        }
        foreach (var orphan in orphans) System.IO.Directory.Delete(orphan, recursive: true);
    }

    /// <summary>The newest copy of the salvage entry <paramref name="entry"/> (see <see cref="Directory"/>) that killed runs
    /// left in their staging directories next to the directory target <paramref name="path"/>, or null: what
    /// <see cref="Directory"/> would take over. Read without the lock, so that a command can check it before opening its output.</summary>
    internal static string? Salvageable(string path, string entry)
    {
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        var parent = System.IO.Path.GetDirectoryName(full);
        if (parent is null || !System.IO.Directory.Exists(parent)) return null;
        return Newest(System.IO.Directory.EnumerateDirectories(parent, $".{System.IO.Path.GetFileName(full)}{StagingInfix}*"), entry);
    }

    private static string? Newest(IEnumerable<string> stagingDirectories, string entry) =>
        stagingDirectories.Select(d => System.IO.Path.Combine(d, entry)).Where(p => System.IO.File.Exists(p) || System.IO.Directory.Exists(p))
            .MaxBy(System.IO.File.GetLastWriteTimeUtc);

    /// <summary>Moves the entries of <paramref name="old"/> that <paramref name="target"/> lacks into it, then deletes <paramref name="old"/>.</summary>
    private static void MergeBack(string old, string target)
    {
        foreach (var entry in System.IO.Directory.EnumerateFileSystemEntries(old))
        {
            var destination = System.IO.Path.Combine(target, System.IO.Path.GetFileName(entry));
            if (System.IO.File.Exists(destination) || System.IO.Directory.Exists(destination)) continue;
            if (System.IO.Directory.Exists(entry)) System.IO.Directory.Move(entry, destination);
            else System.IO.File.Move(entry, destination);
        }
        System.IO.Directory.Delete(old, recursive: true);
    }

    private static void TryDelete(string directory)
    {
        try { if (System.IO.Directory.Exists(directory)) System.IO.Directory.Delete(directory, recursive: true); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    /// <summary>Deletes <paramref name="directory"/> and its parents up to <paramref name="topmost"/>, each only if empty.</summary>
    private static void TryDeleteEmptyChain(string topmost, string directory)
    {
        for (var d = directory; d is not null && d.Length >= topmost.Length; d = System.IO.Path.GetDirectoryName(d))
        {
            try
            {
                if (!System.IO.Directory.Exists(d) || System.IO.Directory.EnumerateFileSystemEntries(d).Any()) return;
                System.IO.Directory.Delete(d);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
        }
    }
}
