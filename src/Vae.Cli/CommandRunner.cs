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
            Console.Error.WriteLine($"vae: error: {Flatten(e)}");
            return e is ArgumentException or FileNotFoundException or DirectoryNotFoundException ? Usage : Failure;
        }
    }

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

    private static string Flatten(Exception e)
    {
        var message = e.Message.ReplaceLineEndings(" ");
        return e.InnerException is { } inner && !message.Contains(inner.Message, StringComparison.Ordinal)
            ? $"{message} ({inner.Message.ReplaceLineEndings(" ")})"
            : message;
    }
}
