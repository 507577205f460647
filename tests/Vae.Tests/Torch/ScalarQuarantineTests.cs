using NUnit.Framework;
using TorchSharp;
using Vae.Core.Torch;
using static TorchSharp.torch;

namespace Vae.Tests.Torch;

/// <summary>
/// The guard against TorchSharp 0.107's Scalar lifetime race (docs/reliability.md): TorchSharp's disposed Scalars go
/// through <c>libvae_scalar_quarantine.so</c>, which holds them before libtorch frees them.
/// </summary>
[TestFixture]
public sealed class ScalarQuarantineTests
{
    [Test]
    public void IsActiveInThisProcess()
    {
        Assert.That(TorchRuntime.IsScalarQuarantineActive, Is.True, TorchRuntime.ScalarQuarantineStatus);
        Assert.That(TorchRuntime.Describe(), Does.Contain("Scalar quarantine: on ("));
    }

    [Test]
    public void HoldsAtMostTwoToTheEighteenScalarsThenReleasesTheOldest()
    {
        const int capacity = 1 << 18;
        var before = ScalarQuarantine.Counts();
        for (int i = 0; i < capacity + 1000; i++) ((double)i).ToScalar().Dispose();
        var after = ScalarQuarantine.Counts();
        Assert.That(after.Held - before.Held, Is.GreaterThanOrEqualTo((ulong)(capacity + 1000)));
        Assert.That(after.Released - before.Released, Is.GreaterThanOrEqualTo(1000UL), "the 2^18 cap releases the oldest");
        Assert.That(after.Holding, Is.LessThanOrEqualTo((ulong)capacity));
        Assert.That(after.Held - after.Released, Is.EqualTo(after.Holding), "every Scalar is either held or released");
    }

    [Test]
    public void ReleasesAScalarHeldForOneSecond()
    {
        1.0.ToScalar().Dispose();
        var before = ScalarQuarantine.Counts();
        Thread.Sleep(TimeSpan.FromSeconds(1.1));
        2.0.ToScalar().Dispose();
        var after = ScalarQuarantine.Counts();
        Assert.That(after.Released - before.Released, Is.GreaterThanOrEqualTo(1UL), "a Scalar held for ≥ 1 s is released at the next disposal");
    }

    /// <summary>The race itself (tools/experiments/scalar_race.cs): one thread runs libtorch operations that take
    /// implicitly converted Scalars and checks every value exactly while another thread allocates, so that collections start
    /// while the first is inside libtorch. Without the quarantine the same loop gave about 2 libtorch errors per second on this
    /// machine (tools/experiments/scalar_race.out.md: 130 in 6.67 M iterations), so 10–20 are expected in the ~0.9 M iterations here.</summary>
    [Test]
    public void OperationsTakingScalarsStayExactWhileAnotherThreadAllocates()
    {
        Assert.That(TorchRuntime.IsScalarQuarantineActive, Is.True, TorchRuntime.ScalarQuarantineStatus);
        using var x = arange(16, dtype: float64).reshape(4, 4);
        var expected = x.data<double>().ToArray().Select(v => v / 3.0 + 0.5 * v * 0.25).ToArray();
        using var stop = new CancellationTokenSource();
        var allocator = new Thread(() =>
        {
            var keep = new object[1024];
            for (long i = 0; !stop.IsCancellationRequested; i++) keep[i % keep.Length] = new byte[100 + i % 900];
        }) { IsBackground = true };
        allocator.Start();
        long iterations = 0, wrong = 0, errors = 0;
        string firstError = "";
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            while (clock.Elapsed < TimeSpan.FromSeconds(12))
            {
                for (int i = 0; i < 1000; i++, iterations++)
                {
                    using var scope = NewDisposeScope();
                    try
                    {
                        var y = (x / 3.0).add(x * 0.5, alpha: 0.25);
                        if (!y.data<double>().ToArray().SequenceEqual(expected)) wrong++;
                    }
                    catch (Exception e) when (e is System.Runtime.InteropServices.ExternalException or InvalidOperationException)
                    {
                        if (errors++ == 0) firstError = e.Message.Split('\n')[0];
                    }
                }
            }
        }
        finally
        {
            stop.Cancel();
            allocator.Join();
            // Hand the memory the allocating thread churned through back now, not gradually during later tests (the
            // resident-set probes of SafeTensorsTests read a heap that shrinks under them as a smaller growth).
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        TestContext.Out.WriteLine($"{iterations} iterations, {wrong} wrong, {errors} errors; {TorchRuntime.ScalarQuarantineStatus}");
        Assert.That(iterations, Is.GreaterThan(100_000));
        Assert.That(errors, Is.Zero, firstError);
        Assert.That(wrong, Is.Zero);
    }
}
