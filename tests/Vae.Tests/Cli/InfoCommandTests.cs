using NUnit.Framework;
using Vae.Cli.Commands;
using Vae.Core.Numerics;

namespace Vae.Tests.Cli;

public sealed class InfoCommandTests
{
    [Test]
    public void Info_reports_the_backend_MKL_version_threads_and_simd_width()
    {
        var lines = InfoCommand.Lines().ToList();
        var expected = VaeNumerics.Backend == NumericsBackend.Mkl ? "backend: MKL" : "backend: managed";
        Assert.That(lines, Has.One.EqualTo(expected));
        Assert.That(lines, Has.Some.StartsWith("SIMD: Vector<float>.Count = " + System.Numerics.Vector<float>.Count));
        Assert.That(lines, Has.Some.StartsWith(".NET: .NET 10"));
        if (VaeNumerics.Mkl.IsAvailable)
        {
            Assert.That(lines, Has.Some.StartsWith("MKL: Intel(R) Math Kernel Library"));
            Assert.That(lines, Has.Some.Matches(@"^MKL max threads: \d+$"));
            Assert.That(lines, Has.Some.StartsWith("MKL threading layer: "));
        }
    }

    [Test]
    public void Info_reports_libtorch_version_device_threads_and_the_libstdcxx_workaround()
    {
        var lines = InfoCommand.Lines().ToList();
        Assert.That(lines, Has.One.EqualTo($"libtorch: 2.10.0 (TorchSharp 0.107.0)"));
        Assert.That(lines, Has.One.EqualTo("libtorch device: cpu (CUDA not available)"), "no GPU on the build machines");
        Assert.That(lines, Has.One.Matches(@"^libtorch threads: \d+ by default here; training uses TrainingOptions.Threads \(default 1"));
        var workaround = lines.Single(l => l.StartsWith("libstdc++ workaround: ", StringComparison.Ordinal));
        Assert.That(lines.Single(l => l.StartsWith("Scalar quarantine: ", StringComparison.Ordinal)), Does.StartWith("Scalar quarantine: on ("),
            "the guard against TorchSharp's Scalar lifetime race is active in the vae command (docs/reliability.md)");
        bool hostHasVersion = Vae.Core.Torch.ElfVersionNeeds.HostDefines("libstdc++.so.6", "_ZSt21ios_base_library_initv", "GLIBCXX_3.4.32");
        Assert.That(workaround, hostHasVersion ? Does.Contain("not needed") : Does.StartWith("libstdc++ workaround: in use: the host lacks GLIBCXX_3.4.32; loaded the build-patched "));
    }
}
