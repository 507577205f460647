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
        Assert.That(lines[^1], Is.EqualTo(expected));
        Assert.That(lines, Has.Some.StartsWith("SIMD: Vector<float>.Count = " + System.Numerics.Vector<float>.Count));
        Assert.That(lines, Has.Some.StartsWith(".NET: .NET 10"));
        if (VaeNumerics.Mkl.IsAvailable)
        {
            Assert.That(lines, Has.Some.StartsWith("MKL: Intel(R) Math Kernel Library"));
            Assert.That(lines, Has.Some.Matches(@"^MKL max threads: \d+$"));
            Assert.That(lines, Has.Some.StartsWith("MKL threading layer: "));
        }
    }
}
