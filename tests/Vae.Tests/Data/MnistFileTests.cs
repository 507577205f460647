using NUnit.Framework;
using Vae.Core.Data;

namespace Vae.Tests.Data;

/// <summary>Reading MNIST-format IDX files from a directory: standard names, gzip detection, and every corruption check.</summary>
[TestFixture]
public sealed class MnistFileTests
{
    private IdxTestFiles _files = null!;

    [SetUp]
    public void CreateDirectory() => _files = new IdxTestFiles();

    [TearDown]
    public void DeleteDirectory() => _files.Dispose();

    [Test]
    public void TrainingFilesWithStandardNamesLoad()
    {
        // A fabricated "60 000-style" training set: standard names, plain IDX, 37 images.
        var pixels = IdxTestFiles.Pixels(37, seed: 1);
        var labels = Enumerable.Range(0, 37).Select(i => (byte)(i % 10)).ToArray();
        _files.Write("train-images-idx3-ubyte", IdxTestFiles.Images(pixels, 37));
        _files.Write("train-labels-idx1-ubyte", IdxTestFiles.Labels(labels));

        var data = Mnist.Load(_files.Directory, MnistSplit.Training);

        Assert.That(data.Name, Is.EqualTo("mnist-train"));
        Assert.That(data.Count, Is.EqualTo(37));
        Assert.That(data.SampleShape, Is.EqualTo(new[] { 1, 28, 28 }));
        Assert.That(data.Labels, Is.EqualTo(labels.Select(b => (int)b)));
        var features = data.Features;
        for (int i = 0; i < pixels.Length; i++)
            Assert.That(features[i], Is.EqualTo(pixels[i] / 255f), $"pixel {i}");
    }

    [Test]
    public void PlainAndGzipFilesGiveIdenticalData()
    {
        var images = IdxTestFiles.Images(IdxTestFiles.Pixels(12, seed: 2), 12);
        var labels = IdxTestFiles.Labels([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]);
        var plain = Mnist.LoadFiles(_files.Write("a-images", images), _files.Write("a-labels", labels), "plain");
        // Gzip is detected by content, not by name: the compressed pair has no .gz suffix here.
        var gzip = Mnist.LoadFiles(_files.Write("b-images", IdxTestFiles.Gzip(images)), _files.Write("b-labels", IdxTestFiles.Gzip(labels)), "gzip");

        Assert.That(gzip.Features.SequenceEqual(plain.Features), Is.True);
        Assert.That(gzip.Labels, Is.EqualTo(plain.Labels));
    }

    [Test]
    public void GzipTestFilesInADirectoryEqualTheEmbeddedSet()
    {
        foreach (var name in Mnist.EmbeddedFileNames)
        {
            using var source = Mnist.OpenEmbedded(name);
            using var target = File.Create(Path.Combine(_files.Directory, name));
            source.CopyTo(target);
        }
        var fromDirectory = Mnist.Load(_files.Directory, MnistSplit.Test);
        var embedded = Mnist.LoadEmbeddedTestSet();
        Assert.That(fromDirectory.Features.SequenceEqual(embedded.Features), Is.True);
        Assert.That(fromDirectory.Labels, Is.EqualTo(embedded.Labels));
    }

    [Test]
    public void PlainFileIsPreferredWhenBothFormsExist()
    {
        var labels = IdxTestFiles.Labels([1, 2]);
        _files.Write("t10k-images-idx3-ubyte", IdxTestFiles.Images(new byte[2 * 784], 2));
        _files.Write("t10k-images-idx3-ubyte.gz", [0x1F, 0x8B, 0, 0]); // corrupt: would throw if read
        _files.Write("t10k-labels-idx1-ubyte.gz", IdxTestFiles.Gzip(labels));
        var data = Mnist.Load(_files.Directory, MnistSplit.Test);
        Assert.That(data.Labels, Is.EqualTo(new[] { 1, 2 }));
    }

    [Test]
    public void MissingFileNamesBothAcceptedNames()
    {
        _files.Write("train-images-idx3-ubyte", IdxTestFiles.Images(new byte[784], 1));
        var ex = Assert.Throws<FileNotFoundException>(() => Mnist.Load(_files.Directory, MnistSplit.Training));
        Assert.That(ex!.Message, Does.Contain("train-labels-idx1-ubyte").And.Contain("train-labels-idx1-ubyte.gz"));
        Assert.Throws<DirectoryNotFoundException>(() => Mnist.Load(Path.Combine(_files.Directory, "nope"), MnistSplit.Test));
        Assert.Throws<ArgumentOutOfRangeException>(() => Mnist.Load(_files.Directory, (MnistSplit)7));
    }

    [TestCase(true)]
    [TestCase(false)]
    public void TruncatedImageFileIsRejected(bool gzip)
    {
        var full = IdxTestFiles.Images(IdxTestFiles.Pixels(5, seed: 3), 5);
        var truncated = full.AsSpan(0, full.Length - 100).ToArray();
        var ex = LoadExpectingCorruption(Maybe(gzip, truncated), IdxTestFiles.Labels([0, 1, 2, 3, 4]));
        Assert.That(ex.Message, Does.Contain("images.idx").And.Contain("truncated")
            .And.Contain("expected 3920 data bytes").And.Contain("found 3820").And.Contain("[5, 28, 28]"));
    }

    [Test]
    public void TrailingBytesAreRejected()
    {
        var image = IdxTestFiles.Images(new byte[785], 1); // one pixel too many
        var ex = LoadExpectingCorruption(image, IdxTestFiles.Labels([0]));
        Assert.That(ex.Message, Does.Contain("trailing bytes").And.Contain("expected 784").And.Contain("found 785"));
    }

    [Test]
    public void TruncatedHeaderIsRejected()
    {
        var ex = LoadExpectingCorruption([0, 0, 8, 3, 0, 0], IdxTestFiles.Labels([0]));
        Assert.That(ex.Message, Does.Contain("16-byte header").And.Contain("only 6 bytes"));
        ex = LoadExpectingCorruption([0, 0], IdxTestFiles.Labels([0]));
        Assert.That(ex.Message, Does.Contain("at least 4 bytes").And.Contain("only 2 bytes"));
    }

    [Test]
    public void WrongMagicIsRejectedNamingBothNumbers()
    {
        // Labels file given as images: magic 0x801 instead of 0x803.
        var labels = IdxTestFiles.Labels([0, 1]);
        var ex = LoadExpectingCorruption(labels, labels);
        Assert.That(ex.Message, Does.Contain("images.idx").And.Contain("expected magic number 0x00000803")
            .And.Contain("found 0x00000801").And.Contain("MNIST labels"));

        // Float IDX (type 0x0D) is not MNIST.
        ex = LoadExpectingCorruption(IdxTestFiles.Idx(0x00000D03, [1, 28, 28], new byte[784]), IdxTestFiles.Labels([0]));
        Assert.That(ex.Message, Does.Contain("found 0x00000D03 (IDX float, 3 dimensions)"));

        // Not IDX at all (e.g. a PNG).
        ex = LoadExpectingCorruption([0x89, 0x50, 0x4E, 0x47, 0, 0, 0, 0], IdxTestFiles.Labels([0]));
        Assert.That(ex.Message, Does.Contain("found 0x89504E47").And.Contain("not an IDX file"));
    }

    [Test]
    public void CountMismatchBetweenImagesAndLabelsIsRejected()
    {
        var ex = LoadExpectingCorruption(IdxTestFiles.Images(new byte[3 * 784], 3), IdxTestFiles.Labels([0, 1]));
        Assert.That(ex.Message, Does.Contain("3 images").And.Contain("2 labels").And.Contain("images.idx").And.Contain("labels.idx"));
    }

    [Test]
    public void WrongImageSizeZeroDimensionAndBadLabelAreRejected()
    {
        var ex = LoadExpectingCorruption(IdxTestFiles.Images(new byte[2 * 16 * 16], 2, 16, 16), IdxTestFiles.Labels([0, 1]));
        Assert.That(ex.Message, Does.Contain("expected MNIST images of 28×28").And.Contain("found 16×16"));

        ex = LoadExpectingCorruption(IdxTestFiles.Images([], 0), IdxTestFiles.Labels([]));
        Assert.That(ex.Message, Does.Contain("dimension 0").And.Contain("found 0"));

        ex = LoadExpectingCorruption(IdxTestFiles.Images(new byte[2 * 784], 2), IdxTestFiles.Labels([3, 10]));
        Assert.That(ex.Message, Does.Contain("labels.idx").And.Contain("label 1 is 10"));
    }

    [Test]
    public void CorruptGzipStreamIsRejected()
    {
        var gz = IdxTestFiles.Gzip(IdxTestFiles.Images(IdxTestFiles.Pixels(4, seed: 5), 4));
        for (int i = 20; i < gz.Length - 20; i++) gz[i] ^= 0x5A; // scramble the deflate body
        var ex = LoadExpectingCorruption(gz, IdxTestFiles.Labels([0, 1, 2, 3]));
        Assert.That(ex.Message, Does.Contain("images.idx"));
    }

    [Test]
    public void TruncatedGzipFileIsRejected()
    {
        var gz = IdxTestFiles.Gzip(IdxTestFiles.Images(IdxTestFiles.Pixels(4, seed: 6), 4));
        var ex = LoadExpectingCorruption(gz.AsSpan(0, gz.Length / 2).ToArray(), IdxTestFiles.Labels([0, 1, 2, 3]));
        Assert.That(ex.Message, Does.Contain("images.idx"));
    }

    private InvalidDataException LoadExpectingCorruption(byte[] images, byte[] labels)
    {
        var imagesPath = _files.Write("images.idx", images);
        var labelsPath = _files.Write("labels.idx", labels);
        var ex = Assert.Throws<InvalidDataException>(() => Mnist.LoadFiles(imagesPath, labelsPath, "corrupt"));
        return ex!;
    }

    private static byte[] Maybe(bool gzip, byte[] content) => gzip ? IdxTestFiles.Gzip(content) : content;
}
