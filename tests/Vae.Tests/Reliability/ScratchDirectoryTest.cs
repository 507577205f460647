using NUnit.Framework;

namespace Vae.Tests.Reliability;

/// <summary>A fresh scratch directory per test (<see cref="Scratch"/>), deleted afterwards.</summary>
public abstract class ScratchDirectoryTest
{
    /// <summary>The test's own empty directory.</summary>
    protected string Scratch { get; private set; } = "";

    [SetUp]
    public void CreateScratch() => Scratch = Directory.CreateTempSubdirectory("vae-reliability-").FullName;

    [TearDown]
    public void DeleteScratch() => Directory.Delete(Scratch, recursive: true);
}
