namespace Vae.FSharp.Tests

open NUnit.Framework
open Vae.Core.Numerics

/// Installs the best linear-algebra backend once for the whole assembly (MKL in CI, where VAE_REQUIRE_MKL=1).
[<SetUpFixture>]
type AssemblySetUp() =
    [<OneTimeSetUp>]
    member _.InstallBackend() = VaeNumerics.UseBestAvailable(NumericsOptions(PassiveOpenMpWait = true)) |> ignore
