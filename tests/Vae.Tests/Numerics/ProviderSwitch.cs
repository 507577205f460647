using MathNet.Numerics.Providers.LinearAlgebra;
using NUnit.Framework;
using Vae.Core.Numerics;

namespace Vae.Tests.Numerics;

/// <summary>Runs a computation under a chosen MathNet provider and proves which one did the work.</summary>
internal static class ProviderSwitch
{
    /// <summary>Requires MKL (fails when VAE_REQUIRE_MKL=1, otherwise marks the test inconclusive-ignored).</summary>
    internal static void RequireMkl()
    {
        if (VaeNumerics.Mkl.IsAvailable) return;
        if (Environment.GetEnvironmentVariable(VaeNumerics.RequireMklVariable) == "1")
            Assert.Fail($"MKL is required but unavailable: {VaeNumerics.Mkl.FailureReason}");
        Assert.Ignore($"MKL is not installed here ({VaeNumerics.Mkl.FailureReason}); run scripts/setup.sh.");
    }

    /// <summary>Runs <paramref name="compute"/> with MKL installed and asserts MKL was called during it.</summary>
    internal static TResult OnMkl<TResult>(Func<TResult> compute)
    {
        VaeNumerics.UseMkl();
        Assert.That(VaeNumerics.Backend, Is.EqualTo(NumericsBackend.Mkl));
        var provider = VaeNumerics.ActiveMkl!;
        long before = provider.NativeCalls;
        var result = compute();
        Assert.That(provider.NativeCalls, Is.GreaterThan(before), "the computation did not reach MKL");
        return result;
    }

    /// <summary>Runs <paramref name="compute"/> on MathNet's managed provider, then restores MKL.</summary>
    internal static TResult OnManaged<TResult>(Func<TResult> compute)
    {
        LinearAlgebraControl.UseManaged();
        try
        {
            Assert.That(VaeNumerics.Backend, Is.EqualTo(NumericsBackend.Managed));
            return compute();
        }
        finally
        {
            VaeNumerics.UseMkl();
        }
    }
}
