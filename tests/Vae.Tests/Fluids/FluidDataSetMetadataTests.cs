using System.CommandLine;
using NUnit.Framework;
using Vae.Cli.Commands;
using Vae.Core.IO;
using Vae.Fluids.Data;

namespace Vae.Tests.Fluids;

/// <summary><see cref="FluidDataSetMetadata"/> reads what <c>vae fluids sample</c> and <c>vae fluids anomaly-data</c>
/// write, and refuses the malformed metadata the fuzz target explores (docs/fuzzing.md).</summary>
public sealed class FluidDataSetMetadataTests
{
    private static string RunFluids(params string[] arguments)
    {
        var dir = Path.Combine(Path.GetTempPath(), "vae-fluids-meta-" + Guid.NewGuid().ToString("N"));
        var root = new RootCommand { FluidsCommand.Create() };
        int code = root.Parse([.. arguments, "--out", dir]).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        Assert.That(code, Is.Zero);
        return dir;
    }

    [Test]
    public void ReadsTheMetadataOfFluidsSample()
    {
        var dir = RunFluids("fluids", "sample", "--gamma", "0.5,1", "--count", "4", "--particles", "5", "--box", "5", "--sweeps", "5", "--seed", "3");
        try
        {
            var meta = FluidDataSetMetadata.Read(dir);
            Assert.That(meta.Box, Is.EqualTo(5.0));
            Assert.That(meta.Particles, Is.EqualTo(5));
            Assert.That(meta.Entries.Select(e => (e.Name, e.DistancesFile, e.Count)),
                Is.EqualTo(new[] { ("0.5", "gamma_0.5_distances.npy", 4), ("1", "gamma_1_distances.npy", 4) }));
            foreach (var e in meta.Entries)
                Assert.That(Npy.Read(Path.Combine(dir, e.DistancesFile)).Shape, Is.EqualTo(new[] { e.Count, meta.Particles, meta.Particles }));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Test]
    public void ReadsTheMetadataOfFluidsAnomalyData()
    {
        var dir = RunFluids("fluids", "anomaly-data", "--count", "3", "--particles", "5", "--box", "5", "--sweeps", "5", "--moved", "2", "--mask-block", "2");
        try
        {
            var meta = FluidDataSetMetadata.Read(dir);
            Assert.That(meta.Particles, Is.EqualTo(5));
            Assert.That(meta.Entries.Select(e => e.Name), Does.Contain("normal").And.Contain("masked"));
            foreach (var e in meta.Entries)
            {
                Assert.That(e.Count, Is.EqualTo(3));
                Assert.That(Npy.Read(Path.Combine(dir, e.DistancesFile)).Shape, Is.EqualTo(new[] { 3, 5, 5 }));
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    private const string Sample = """{"particles":5,"box":5.0,"dataSets":[{"gamma":0.5,"distancesFile":"gamma_0.5_distances.npy","count":4}]}""";

    [TestCase("../gamma_0.5_distances.npy", "without a directory part")]
    [TestCase("/etc/passwd.npy", "without a directory part")]
    [TestCase("gamma_0.5_distances.txt", "without a directory part")]
    public void RefusesAFileOutsideTheDirectory(string file, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => FluidDataSetMetadata.Parse(Sample.Replace("gamma_0.5_distances.npy", file, StringComparison.Ordinal), "m.json"));
        Assert.That(e!.Message, Does.Contain("m.json").And.Contain("dataSets[0].distancesFile").And.Contain(message));
    }

    [Test]
    public void RefusesTwoEntriesNamingOneFile()
    {
        var json = Sample.Replace("}]}", """},{"gamma":0.50001,"distancesFile":"gamma_0.5_distances.npy","count":4}]}""", StringComparison.Ordinal);
        var e = Assert.Throws<InvalidDataException>(() => FluidDataSetMetadata.Parse(json, "m.json"));
        Assert.That(e!.Message, Does.Contain("dataSets[1].distancesFile").And.Contain("earlier entry"));
    }

    [TestCase("""{"particles":5,"box":5.0,"box":6.0,"dataSets":[]}""", "not valid JSON")]
    [TestCase("""{"particles":5,"box":0,"dataSets":[{"gamma":1,"distancesFile":"a.npy","count":1}]}""", "'box' = 0 must be > 0")]
    [TestCase("""{"particles":1.5,"box":1,"dataSets":[{"gamma":1,"distancesFile":"a.npy","count":1}]}""", "'particles' = 1.5 must be an integer")]
    [TestCase("""{"particles":5,"box":1,"dataSets":[]}""", "non-empty array")]
    [TestCase("""{"particles":5,"box":1,"dataSets":[{"gamma":1,"distancesFile":"a.npy","count":-1}]}""", "'dataSets[0].count' = -1 must be ≥ 0")]
    [TestCase("""{"normal":{"particles":5,"box":1},"families":[{"distancesFile":"a.npy","count":1}]}""", "lacks the field 'families[0].family'")]
    [TestCase("""{"particles":5,"box":1,"dataSets":[],"families":[]}""", "exactly one of")]
    [TestCase("""[1]""", "must be an object")]
    public void RefusesMalformedMetadataNamingTheField(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => FluidDataSetMetadata.Parse(json, "m.json"));
        Assert.That(e!.Message, Does.Contain(message));
    }
}
