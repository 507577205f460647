using System.CommandLine;

namespace Vae.Cli;

/// <summary>
/// Runs the command tree with the project's error convention: a one-line message on standard error and a
/// non-zero exit code, never a stack trace (set <c>VAE_DEBUG=1</c> to see one).
/// Exit codes: 0 success, 1 failure while running, 2 bad command line, 130 stopped by SIGINT/SIGTERM (System.CommandLine
/// cancels the command's token on both signals; commands that train save their position first).
/// </summary>
internal static class CommandRunner
{
    internal const int Failure = 1;
    internal const int Usage = 2;
    internal const int Interrupted = 130;

    /// <summary>How long a command may take to stop after SIGINT/SIGTERM cancelled its token (it writes a checkpoint).</summary>
    private static readonly TimeSpan TerminationGrace = TimeSpan.FromSeconds(60);

    internal static int Run(RootCommand root, string[] args)
    {
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                Console.Error.WriteLine($"vae: {error.Message}");
            return Usage;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = TerminationGrace });
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("VAE_DEBUG") != "1")
        {
            e = Unwrap(e);
            Console.Error.WriteLine($"vae: error: {Flatten(e)}");
            return ExitCode(e);
        }
    }

    /// <summary>Exit code of an exception that ended a command: 2 for what the user typed (bad option value, missing
    /// input path), 1 for everything else (corrupt data, unwritable or busy output, runtime failure).</summary>
    internal static int ExitCode(Exception e) =>
        Unwrap(e) is ArgumentException or FileNotFoundException or DirectoryNotFoundException ? Usage : Failure;

    /// <summary>The first real failure inside wrappers (<see cref="AggregateException"/>, reflection's <see cref="System.Reflection.TargetInvocationException"/>).</summary>
    private static Exception Unwrap(Exception e)
    {
        while (true)
        {
            if (e is AggregateException { InnerExceptions.Count: > 0 } a) e = a.Flatten().InnerExceptions.FirstOrDefault(x => x is not OperationCanceledException) ?? a.InnerExceptions[0];
            else if (e is System.Reflection.TargetInvocationException { InnerException: { } inner }) e = inner;
            else return e;
        }
    }

    /// <summary>The application's numerics set-up: MKL with passive OpenMP waiting (the library leaves that choice to us),
    /// otherwise the managed provider and one line on standard error saying why.</summary>
    internal static Vae.Core.Numerics.NumericsBackend UseBestNumerics()
    {
        var backend = Vae.Core.Numerics.VaeNumerics.UseBestAvailable(Vae.Core.Numerics.NumericsOptions.Default with { PassiveOpenMpWait = true });
        if (backend == Vae.Core.Numerics.NumericsBackend.Managed && Interlocked.Exchange(ref _fallbackReported, 1) == 0)
            Console.Error.WriteLine($"vae: Intel MKL not available ({Vae.Core.Numerics.VaeNumerics.Mkl.FailureReason}); using MathNet's managed provider.");
        return backend;
    }

    private static int _fallbackReported;

    /// <summary>Runs a long command body on the thread pool, so that the action returns its task at once (System.CommandLine
    /// installs its SIGINT/SIGTERM handler, which cancels <paramref name="cancellationToken"/>, only after the action has
    /// returned); a cancellation the signal caused becomes one line on standard error and exit code 130.</summary>
    internal static Task<int> Interruptible(Func<int> body, CancellationToken cancellationToken, Func<string> interrupted) =>
        Task.Run(() =>
        {
            try
            {
                return body();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine(interrupted());
                return Interrupted;
            }
        }, CancellationToken.None);

    /// <summary>One line: the message (and the inner one when it adds something). Exceptions that only a bug lets through
    /// (an unvalidated value reaching arithmetic or parsing) also name their type, so a report can point at it.</summary>
    private static string Flatten(Exception e)
    {
        var message = Plain(e.Message);
        if (e is OverflowException or FormatException or NullReferenceException or InvalidCastException or IndexOutOfRangeException
            or KeyNotFoundException or System.Text.Json.JsonException or OutOfMemoryException)
            message = $"{message} [{e.GetType().Name}; please report it with VAE_DEBUG=1 set]";
        return e.InnerException is { } inner && !message.Contains(Plain(inner.Message), StringComparison.Ordinal)
            ? $"{message} ({Plain(inner.Message)})"
            : message;
    }

    /// <summary>A message on one line without .NET's "(Parameter 'x')" and "Actual value was v." suffixes (our messages name
    /// the option and the value themselves).</summary>
    private static string Plain(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message.ReplaceLineEndings(" "), @"\s*(\(Parameter '[^']*'\)|Actual value was [^\n]*?\.$)", "").Trim();
}
