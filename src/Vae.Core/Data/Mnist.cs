using System.Numerics.Tensors;
using System.Reflection;

namespace Vae.Core.Data;

/// <summary>
/// The MNIST database of handwritten digits (LeCun &amp; Cortes; CC BY-SA 3.0): the official 10 000-image test
/// set embedded in this assembly, a reader for the official IDX files in a user directory, and the project's
/// standard train/evaluation split.
/// </summary>
/// <remarks>
/// Every loader returns a <see cref="Dataset"/> of sample shape <c>[1, 28, 28]</c> (channels, height, width),
/// pixels scaled to [0, 1] as <c>byte / 255f</c> (the same division as torchvision's <c>ToTensor</c>), and labels
/// 0–9. Files may be plain IDX or gzip-compressed; the gzip magic bytes decide, not the file name.
/// Source: Y. LeCun, C. Cortes, C. J. C. Burges, "THE MNIST DATABASE of handwritten digits".
/// </remarks>
public static class Mnist
{
    /// <summary>Image height and width in pixels.</summary>
    public const int ImageSize = 28;

    /// <summary>Number of classes (digits 0–9).</summary>
    public const int ClassCount = 10;

    /// <summary>Number of images in the official test set.</summary>
    public const int TestSetCount = 10_000;

    /// <summary>Images of the test set used for training in the project's standard split (the first 9 000).</summary>
    public const int StandardTrainingCount = 9_000;

    /// <summary>Images of the test set held out for evaluation in the project's standard split (the last 1 000).</summary>
    public const int StandardEvaluationCount = TestSetCount - StandardTrainingCount;

    private const string ResourcePrefix = "Vae.Core.Data.mnist.";

    /// <summary>Resource names of the embedded official test-set files (gzip-compressed IDX, byte-identical to the published files).</summary>
    internal static IReadOnlyList<string> EmbeddedFileNames { get; } = ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"];

    /// <summary>The official MNIST test set (10 000 images) embedded in this assembly: the default data of the project.</summary>
    /// <returns>A new data set named <c>mnist-t10k</c>: 10 000 samples of shape <c>[1, 28, 28]</c>, pixels in [0, 1], labels 0–9.</returns>
    /// <exception cref="InvalidDataException">The embedded resources are missing or corrupt (a broken build).</exception>
    /// <remarks>Decompresses and converts on every call (about 31 MB of floats); keep the result if you need it twice.</remarks>
    public static Dataset LoadEmbeddedTestSet()
    {
        var images = ReadEmbedded(EmbeddedFileNames[0], IdxReader.ImagesMagic);
        var labels = ReadEmbedded(EmbeddedFileNames[1], IdxReader.LabelsMagic);
        return ToDataset("mnist-t10k", images, labels);
    }

    /// <summary>Reads one of the official MNIST file sets from a directory holding the standard file names.</summary>
    /// <param name="directory">Directory with <c>train-images-idx3-ubyte</c>, <c>train-labels-idx1-ubyte</c> (for
    /// <see cref="MnistSplit.Training"/>) or <c>t10k-images-idx3-ubyte</c>, <c>t10k-labels-idx1-ubyte</c> (for
    /// <see cref="MnistSplit.Test"/>), each optionally with a <c>.gz</c> suffix. When both forms exist the plain file wins.</param>
    /// <param name="split">Which file set to read.</param>
    /// <returns>A new data set named <c>mnist-train</c> or <c>mnist-t10k</c>, sample shape <c>[1, 28, 28]</c>, pixels in [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is empty or <paramref name="split"/> is not defined.</exception>
    /// <exception cref="DirectoryNotFoundException"><paramref name="directory"/> does not exist.</exception>
    /// <exception cref="FileNotFoundException">Neither the plain nor the <c>.gz</c> form of a file exists.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt: wrong magic number, truncated, trailing bytes, images not 28×28,
    /// a label outside 0–9, or different image and label counts. The message names the file, what was expected and what was found.</exception>
    public static Dataset Load(string directory, MnistSplit split) => Load(directory, split, "mnist");

    /// <summary>Reads an MNIST-format file set (MNIST itself, Fashion-MNIST) from a directory with the standard file
    /// names; the data set is named <c>{prefix}-train</c> or <c>{prefix}-t10k</c>.</summary>
    internal static Dataset Load(string directory, MnistSplit split, string prefixName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string prefix = split switch
        {
            MnistSplit.Training => "train",
            MnistSplit.Test => "t10k",
            _ => throw new ArgumentOutOfRangeException(nameof(split), split, "split must be Training or Test."),
        };
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"{prefixName} directory '{full}' does not exist.");
        var imagesPath = FindFile(full, $"{prefix}-images-idx3-ubyte");
        var labelsPath = FindFile(full, $"{prefix}-labels-idx1-ubyte");
        return LoadFiles(imagesPath, labelsPath, split == MnistSplit.Training ? $"{prefixName}-train" : $"{prefixName}-t10k");
    }

    /// <summary>Reads an MNIST-format image file and label file (plain or gzip IDX) of any names.</summary>
    /// <param name="imagesPath">IDX file with magic 0x00000803 and dimensions <c>[count, 28, 28]</c>.</param>
    /// <param name="labelsPath">IDX file with magic 0x00000801 and dimension <c>[count]</c>, values 0–9.</param>
    /// <param name="name">Name of the resulting data set.</param>
    /// <returns>A new data set of sample shape <c>[1, 28, 28]</c>, pixels in [0, 1].</returns>
    /// <exception cref="ArgumentException">A path or <paramref name="name"/> is empty.</exception>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">A file is corrupt, or the two files hold different numbers of items.</exception>
    public static Dataset LoadFiles(string imagesPath, string labelsPath, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(imagesPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(labelsPath);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var images = IdxReader.ReadFile(imagesPath, IdxReader.ImagesMagic);
        var labels = IdxReader.ReadFile(labelsPath, IdxReader.LabelsMagic);
        return ToDataset(name, images, labels);
    }

    /// <summary>The project's standard split of the embedded test set: images [0, 9000) train, [9000, 10000) evaluate.</summary>
    /// <returns>Two new data sets named <c>mnist-t10k[0..9000)</c> and <c>mnist-t10k[9000..10000)</c>.</returns>
    /// <remarks>The official split order is kept (no shuffling), so the split is the same on every machine. The last
    /// 1 000 images hold every digit (85–119 of each; see docs/data.md).</remarks>
    public static MnistStandardSplit StandardSplit() => StandardSplit(LoadEmbeddedTestSet());

    /// <summary>The project's standard split of a test set loaded by other means (e.g. <see cref="Load(string, MnistSplit)"/> with <see cref="MnistSplit.Test"/>).</summary>
    /// <param name="testSet">The official test set: exactly 10 000 samples of shape <c>[1, 28, 28]</c>.</param>
    /// <returns>Images [0, 9000) as <see cref="MnistStandardSplit.Train"/>, [9000, 10000) as <see cref="MnistStandardSplit.Test"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="testSet"/> does not have 10 000 samples of shape <c>[1, 28, 28]</c>.</exception>
    public static MnistStandardSplit StandardSplit(Dataset testSet)
    {
        ArgumentNullException.ThrowIfNull(testSet);
        if (testSet.Count != TestSetCount || !testSet.SampleShape.SequenceEqual([1, ImageSize, ImageSize]))
            throw new ArgumentException($"testSet is '{testSet}'; the standard split needs the {TestSetCount}-image MNIST test set of shape [1, {ImageSize}, {ImageSize}].", nameof(testSet));
        return new MnistStandardSplit(
            testSet.Slice(0, StandardTrainingCount),
            testSet.Slice(StandardTrainingCount, StandardEvaluationCount));
    }

    /// <summary>Opens an embedded MNIST file (the published gzip bytes).</summary>
    /// <exception cref="InvalidDataException">The resource is missing from the assembly.</exception>
    internal static Stream OpenEmbedded(string fileName)
    {
        var assembly = typeof(Mnist).Assembly;
        return assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new InvalidDataException($"Embedded resource '{ResourcePrefix + fileName}' is missing from {assembly.GetName().Name}; the build did not embed data/mnist/{fileName}.");
    }

    private static IdxArray ReadEmbedded(string fileName, int magic)
    {
        using var stream = OpenEmbedded(fileName);
        return IdxReader.Read(stream, $"embedded:{fileName}", magic);
    }

    private static string FindFile(string directory, string baseName)
    {
        var plain = Path.Combine(directory, baseName);
        if (File.Exists(plain)) return plain;
        var gz = plain + ".gz";
        if (File.Exists(gz)) return gz;
        throw new FileNotFoundException($"MNIST file '{baseName}' not found in '{directory}': expected '{baseName}' or '{baseName}.gz'.", plain);
    }

    private static Dataset ToDataset(string name, IdxArray images, IdxArray labels)
    {
        var dims = images.Dimensions;
        if (dims[1] != ImageSize || dims[2] != ImageSize)
            throw new InvalidDataException($"IDX file '{images.Source}': expected MNIST images of {ImageSize}×{ImageSize} pixels but found {dims[1]}×{dims[2]}.");
        int count = dims[0];
        if (labels.Dimensions[0] != count)
            throw new InvalidDataException($"MNIST files disagree: '{images.Source}' holds {count} images but '{labels.Source}' holds {labels.Dimensions[0]} labels; expected equal counts.");

        var labelBytes = labels.Data;
        var labelValues = new int[count];
        for (int i = 0; i < count; i++)
        {
            if (labelBytes[i] >= ClassCount)
                throw new InvalidDataException($"IDX file '{labels.Source}': expected digit labels 0–{ClassCount - 1} but label {i} is {labelBytes[i]}.");
            labelValues[i] = labelBytes[i];
        }

        var pixels = new float[images.Data.Length];
        TensorPrimitives.ConvertTruncating<byte, float>(images.Data, pixels);
        TensorPrimitives.Divide(pixels, 255f, pixels);
        return Dataset.Create(name, pixels, labelValues, [1, ImageSize, ImageSize]);
    }
}
