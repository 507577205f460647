using System.Runtime.ExceptionServices;

namespace Vae.Fluids.Sampling;

/// <summary><see cref="Parallel.For(int, int, ParallelOptions, Action{int})"/> that rethrows the first worker exception as itself (not an <see cref="AggregateException"/>).</summary>
internal static class ParallelRunner
{
    internal static void For(int count, ParallelOptions options, Action<int> body)
    {
        try
        {
            Parallel.For(0, count, options, body);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    internal static void For<TLocal>(int count, ParallelOptions options, Func<TLocal> init, Func<int, TLocal, TLocal> body)
    {
        try
        {
            Parallel.For(0, count, options, init, (k, _, local) => body(k, local), _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
