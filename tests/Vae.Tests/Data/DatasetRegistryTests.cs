using System.IO.Compression;
using System.Text.Json.Nodes;
using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>The data-set registry: names, the full Fashion-MNIST from Debian's package (installed by scripts/setup.sh),
/// corrupt files, and the messages for what is missing.</summary>
[TestFixture]
public sealed class DatasetRegistryTests
{
    [Test]
    public void FashionMnistComesFromDebiansPackageWithItsOwnNames()
    {
        Assert.That(Directory.Exists(DatasetRegistry.FashionMnistDirectory), Is.True,
            $"{DatasetRegistry.FashionMnistDirectory} is missing: scripts/setup.sh installs Debian's dataset-fashion-mnist");
        var data = DatasetRegistry.Load("Fashion-MNIST");
        Assert.That(data.Name, Is.EqualTo("fashion-mnist"));
        Assert.That(data.Train.Name, Is.EqualTo("fashion-mnist-train"));
        Assert.That(data.Test.Name, Is.EqualTo("fashion-mnist-t10k"));
        Assert.That((data.Train.Count, data.Test.Count), Is.EqualTo((60_000, 10_000)));
        Assert.That(data.Train.SampleShape, Is.EqualTo(new[] { 1, 28, 28 }));
        // Zalando's published class balance: 6 000 training and 1 000 test images of each of the 10 classes.
        Assert.That(data.Train.Labels.GroupBy(l => l).Select(g => g.Count()), Is.All.EqualTo(6_000));
        Assert.That(data.Test.Labels.GroupBy(l => l).Select(g => g.Count()), Is.All.EqualTo(1_000));
        // First training label of the published file: 9 (ankle boot).
        Assert.That(data.Train.Labels[0], Is.EqualTo(9));
    }

    [Test]
    public void ATruncatedFashionMnistFileNamesTheFileAndWhatWasExpected()
    {
        var directory = Directory.CreateTempSubdirectory("vae-fashion-").FullName;
        try
        {
            foreach (var f in Directory.GetFiles(DatasetRegistry.FashionMnistDirectory))
                File.Copy(f, Path.Combine(directory, Path.GetFileName(f)));
            // Keep the gzip valid but cut the decompressed image file short.
            var images = Path.Combine(directory, "train-images-idx3-ubyte.gz");
            byte[] raw;
            using (var gz = new GZipStream(File.OpenRead(images), CompressionMode.Decompress))
            using (var buffer = new MemoryStream()) { gz.CopyTo(buffer); raw = buffer.ToArray(); }
            using (var gz = new GZipStream(File.Create(images), CompressionLevel.Fastest)) gz.Write(raw, 0, raw.Length - 1000);
            var e = Assert.Throws<InvalidDataException>(() => DatasetRegistry.Load("fashion-mnist", directory));
            Assert.That(e!.Message, Does.Contain("train-images-idx3-ubyte.gz"));
            TestContext.Out.WriteLine(e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Test]
    public void MissingAndMisnamedDataGiveMessagesThatSayWhatToDo()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vae-no-such-{Guid.NewGuid():N}");
        var e = Assert.Throws<DirectoryNotFoundException>(() => DatasetRegistry.Load("fashion-mnist", missing));
        Assert.That(e!.Message, Does.Contain(missing).And.Contain("dataset-fashion-mnist"));
        var full = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("mnist-full"));
        Assert.That(full!.Message, Does.Contain("--data-dir").And.Contain("train-images-idx3-ubyte"));
        var unknown = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("cifar"));
        Assert.That(unknown!.Message, Does.Contain("'cifar'").And.Contain("fashion-mnist"));
        Assert.Throws<ArgumentException>(() => DatasetRegistry.Load("mnist", "/tmp"));
        // The embedded set is the official test set with the project's split.
        var mnist = DatasetRegistry.Load("mnist");
        Assert.That((mnist.Name, mnist.Train.Count, mnist.Test.Count), Is.EqualTo(("mnist", 9_000, 1_000)));
        Assert.That(DatasetRegistry.Names, Is.EqualTo(new[] { "mnist", "mnist-full", "fashion-mnist", "classification" }));
    }

    [Test]
    public void ValidateThrowsWhatLoadThrowsWithoutLoading()
    {
        // The pairings Load refuses, with Load's exception: type, parameter name and message.
        foreach (var (name, directory) in new[] { ("cifar", ""), ("mnist", "/tmp"), ("Classification", "/tmp"), ("mnist-full", ""), (" MNIST-Full ", " ") })
        {
            var byLoad = Assert.Throws<ArgumentException>(() => DatasetRegistry.Load(name, directory), name);
            var byValidate = Assert.Throws<ArgumentException>(() => DatasetRegistry.Validate(name, directory), name);
            Assert.That((byValidate!.GetType(), byValidate.ParamName, byValidate.Message), Is.EqualTo((byLoad!.GetType(), byLoad.ParamName, byLoad.Message)), name);
        }
        Assert.That(Assert.Throws<ArgumentException>(() => DatasetRegistry.Validate("cifar"))!.ParamName, Is.EqualTo("name"));
        Assert.That(Assert.Throws<ArgumentException>(() => DatasetRegistry.Validate("mnist-full"))!.ParamName, Is.EqualTo("dataDirectory"));
        // Valid pairings, case-insensitive as Load; the directories are not opened (Load would throw DirectoryNotFoundException).
        var missing = Path.Combine(Path.GetTempPath(), $"vae-no-such-{Guid.NewGuid():N}");
        Assert.DoesNotThrow(() => DatasetRegistry.Validate("MNIST"));
        Assert.DoesNotThrow(() => DatasetRegistry.Validate("classification"));
        Assert.DoesNotThrow(() => DatasetRegistry.Validate("mnist-full", missing));
        Assert.DoesNotThrow(() => DatasetRegistry.Validate("Fashion-MNIST", missing));
        Assert.DoesNotThrow(() => DatasetRegistry.Validate("fashion-mnist"));
        Assert.Throws<DirectoryNotFoundException>(() => DatasetRegistry.Load("mnist-full", missing));
    }
}
