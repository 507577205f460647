using NUnit.Framework;
using TorchSharp;
using Vae.Reproduce;

namespace Vae.Tests.Report;

/// <summary>The MNIST and replicas sections dispose the TorchSharp models they train (review finding 13): their native
/// parameters must not be left to finalizers, which run during native calls (the Scalar hazard of docs/reliability.md).
/// Measured by TorchSharp's own count of tensors created on this thread and not yet disposed; the sections train on the
/// calling thread, so every parameter of every model shows up in it.</summary>
[TestFixture]
[NonParallelizable]
public sealed class PartModelDisposalTests
{
    [TestCase("mnist")]
    [TestCase("replicas")]
    public void A_section_leaves_no_model_parameters_alive(string id)
    {
        var part = ReportParts.All.Single(p => p.Id == id);
        var options = new ReproduceOptions(Path.GetTempPath(), ReproduceScale.Smoke, 1, []);
        GC.KeepAlive(part.Run(options, new Progress<double>(), CancellationToken.None)); // warm-up: lazily created statics
        long before = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        GC.KeepAlive(part.Run(options, new Progress<double>(), CancellationToken.None));
        long after = DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        // One smallest model, 784-200-200-10 with a Bernoulli decoder, has 12 parameter tensors; a leak is at least that.
        Assert.That(after - before, Is.LessThan(12), $"{after - before} tensors created by the section are still alive");
    }
}
