namespace Vae.Cli.Reproduce;

/// <summary>Checks an output directory before any long computation starts.</summary>
internal static class OutputDirectory
{
    /// <summary>
    /// Creates <paramref name="path"/> if needed and proves it is writable. An existing non-empty directory is
    /// refused unless <paramref name="force"/> is set.
    /// </summary>
    /// <exception cref="ArgumentException">The directory is not empty and <paramref name="force"/> is false, or the path is a file.</exception>
    /// <exception cref="UnauthorizedAccessException">The directory cannot be created or written.</exception>
    internal static string Prepare(string path, bool force)
    {
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
            throw new ArgumentException($"--out '{full}' is a file, not a directory.");
        if (Directory.Exists(full) && Directory.EnumerateFileSystemEntries(full).Any() && !force)
            throw new ArgumentException($"--out '{full}' exists and is not empty; choose another directory or pass --force.");
        try
        {
            Directory.CreateDirectory(full);
            var probe = Path.Combine(full, $".vae-write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UnauthorizedAccessException($"--out '{full}' is not writable: {e.Message}", e);
        }
        return full;
    }
}
