using NUnit.Framework;

namespace Vae.Tests.Report;

/// <summary><see cref="Vae.Reproduce.SynchronousProgress{T}"/> runs its handler at once on the reporting thread (docs/reliability.md:
/// System.Progress posts to the thread pool, which allocated concurrently with libtorch calls).</summary>
public sealed class SynchronousProgressTests
{
    [Test]
    public void Reports_run_at_once_on_the_reporting_thread()
    {
        var seen = new List<(int Value, int Thread)>();
        IProgress<int> progress = new Vae.Reproduce.SynchronousProgress<int>(v => seen.Add((v, Environment.CurrentManagedThreadId)));
        progress.Report(1);
        progress.Report(2);
        Assert.That(seen, Is.EqualTo(new[] { (1, Environment.CurrentManagedThreadId), (2, Environment.CurrentManagedThreadId) }));
    }
}
