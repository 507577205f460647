namespace Vae.Core.IO;

/// <summary>
/// An exclusive, non-blocking lock on a lock file: the first process to take it holds it until <see cref="Dispose"/> or
/// until the process dies (the operating system releases it, so a killed writer never leaves a stale lock). A second
/// taker fails at once with <see cref="IOException"/>; nobody waits.
/// </summary>
/// <remarks>
/// <para>Mechanism: the file is opened with <see cref="FileShare.None"/>, which .NET on Linux and macOS implements as
/// <c>flock(LOCK_EX | LOCK_NB)</c>; on Windows it is a sharing-mode lock. The lock file is deleted on
/// <see cref="Dispose"/> while it is still held; a taker that opened the old file just before then finds (through
/// <c>/proc/self/fd</c>) that it locked a deleted file and takes the lock anew, so two holders never coexist.</para>
/// <para>The lock is advisory: it excludes other users of <see cref="OutputLock"/>, not programs that ignore it. Network
/// file systems without <c>flock</c> support may not honour it across machines.</para>
/// </remarks>
internal sealed class OutputLock : IDisposable
{
    private readonly FileStream _stream;

    private OutputLock(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The full path of the lock file.</summary>
    public string Path { get; }

    /// <summary>Takes the lock on <paramref name="lockFile"/> (created if missing; its directory must exist).</summary>
    /// <param name="lockFile">The lock file.</param>
    /// <param name="resource">What the lock protects, for the error message (e.g. <c>--out '/data/run1'</c>).</param>
    /// <returns>The held lock; dispose it to release the lock and delete the file.</returns>
    /// <exception cref="OutputLockedException">Another process holds the lock: "<paramref name="resource"/> is in use by another vae process".</exception>
    /// <exception cref="UnauthorizedAccessException">The lock file cannot be created (the directory is not writable).</exception>
    public static OutputLock Acquire(string lockFile, string resource)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lockFile);
        var full = System.IO.Path.GetFullPath(lockFile);
        for (int attempt = 0; attempt < 8; attempt++)
        {
            FileStream stream;
            try
            {
                stream = new FileStream(full, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            }
            catch (IOException e) when (e is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
            {
                throw new OutputLockedException($"{resource} is in use by another vae process (lock file '{full}'); wait for it to finish or choose another path.", e);
            }
            if (!LocksDeletedFile(stream)) return new OutputLock(full, stream);
            stream.Dispose(); // the previous holder deleted the file between our open and our lock: take the new one
        }
        throw new IOException($"{resource}: could not take the lock file '{full}' (it was deleted and re-created repeatedly by other processes).");
    }

    /// <summary>Takes the lock when it is free.</summary>
    /// <returns>The held lock, or null when another process holds it.</returns>
    internal static OutputLock? TryAcquire(string lockFile)
    {
        try { return Acquire(lockFile, lockFile); }
        catch (OutputLockedException) { return null; }
    }

    /// <summary>Deletes the lock file (while still holding it) and releases the lock. Idempotent.</summary>
    public void Dispose()
    {
        if (_stream.SafeFileHandle.IsClosed) return;
        try { File.Delete(Path); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        _stream.Dispose();
    }

    /// <summary>Whether the open file behind <paramref name="stream"/> has been unlinked (Linux: <c>/proc/self/fd/N</c> reads "… (deleted)").</summary>
    private static bool LocksDeletedFile(FileStream stream)
    {
        if (!OperatingSystem.IsLinux()) return !File.Exists(stream.Name);
        try
        {
            var link = new FileInfo($"/proc/self/fd/{stream.SafeFileHandle.DangerousGetHandle()}").LinkTarget;
            return link is null ? !File.Exists(stream.Name) : link.EndsWith(" (deleted)", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return !File.Exists(stream.Name);
        }
    }
}

/// <summary>Another process holds an <see cref="OutputLock"/>.</summary>
internal sealed class OutputLockedException(string message, Exception inner) : IOException(message, inner);
