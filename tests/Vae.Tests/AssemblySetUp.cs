using NUnit.Framework;
using Vae.Core.Numerics;

namespace Vae.Tests;

/// <summary>Installs the best backend once for the whole test assembly (MKL in CI, where VAE_REQUIRE_MKL=1).</summary>
[SetUpFixture]
public sealed class AssemblySetUp
{
    [OneTimeSetUp]
    public void InstallBackend() => VaeNumerics.UseBestAvailable(NumericsOptions.Default with { PassiveOpenMpWait = true });
}
