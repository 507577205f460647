namespace Vae.Core.Data;

/// <summary>A named data set split into training and held-out samples, as the registry loads it.</summary>
/// <param name="Name">The registry name (<c>mnist</c>, <c>mnist-full</c>, <c>fashion-mnist</c>, <c>classification</c>), recorded in metrics files.</param>
/// <param name="Train">Training samples.</param>
/// <param name="Test">Held-out samples.</param>
/// <param name="Source">Where the data came from (the embedded resource, a directory, or the generator and its seed).</param>
public sealed record NamedDataSplit(string Name, Dataset Train, Dataset Test, string Source);

/// <summary>
/// The data sets every command knows by name, one place for <c>vae train</c>, <c>geometry</c> and <c>reproduce</c>:
/// <list type="bullet">
/// <item><c>mnist</c>: the embedded official MNIST test set, images [0, 9000) for training and [9000, 10000) held out.</item>
/// <item><c>mnist-full</c>: a user's official MNIST files (60 000 training + 10 000 test images) from a directory.</item>
/// <item><c>fashion-mnist</c>: Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017; Zalando, MIT licence), 60 000 + 10 000
/// images, from Debian's <c>dataset-fashion-mnist</c> package (<see cref="FashionMnistDirectory"/>) or a directory.</item>
/// <item><c>classification</c>: scikit-learn's <c>make_classification</c> defaults with 10 000 samples, split 9 000 / 1 000.</item>
/// </list>
/// MNIST-format files are validated by <see cref="Mnist.LoadFiles"/> (magic numbers, sizes, labels).
/// </summary>
public static class DatasetRegistry
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs Fashion-MNIST.</summary>
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The registry's names, in the order help texts list them.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(["mnist", "mnist-full", "fashion-mnist", "classification"]);

    /// <summary>Checks a name and its data-directory pairing as <see cref="Load"/> does, without loading anything: for
    /// validating a command line or a sweep file before anything is written.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive, surrounding white space ignored).</param>
    /// <param name="dataDirectory">Directory of the IDX files: required for <c>mnist-full</c>, optional for
    /// <c>fashion-mnist</c>, not allowed for <c>mnist</c> and <c>classification</c>; empty for none.</param>
    /// <returns>The registry name: <paramref name="name"/> trimmed and in lower case, one of <see cref="Names"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">An unknown name, or a data directory given where none is used or missing where
    /// one is needed: exactly the exception <see cref="Load"/> throws. Whether the directory exists and holds the files is
    /// left to <see cref="Load"/>.</exception>
    public static string Validate(string name, string dataDirectory = "")
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(dataDirectory);
        var key = name.Trim().ToLowerInvariant();
        bool hasDirectory = dataDirectory.Trim().Length > 0;
        switch (key)
        {
            case "mnist" or "classification":
                if (hasDirectory)
                    throw new ArgumentException($"dataset '{key}' takes no data directory (use mnist-full for the official MNIST files).", nameof(dataDirectory));
                break;
            case "mnist-full":
                if (!hasDirectory)
                    throw new ArgumentException("mnist-full needs --data-dir: a directory with the official MNIST files train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (plain or .gz) from http://yann.lecun.com/exdb/mnist/.", nameof(dataDirectory));
                break;
            case "fashion-mnist":
                break;
            default:
                throw new ArgumentException($"dataset '{name}' is not one of {string.Join(", ", Names)}.", nameof(name));
        }
        return key;
    }

    /// <summary>Loads a data set by name.</summary>
    /// <param name="name">One of <see cref="Names"/> (case-insensitive).</param>
    /// <param name="dataDirectory">Directory of the IDX files: required for <c>mnist-full</c>, optional for
    /// <c>fashion-mnist</c> (default <see cref="FashionMnistDirectory"/>), not allowed for <c>mnist</c> and <c>classification</c>;
    /// empty for none.</param>
    /// <param name="seed">Seed of the <c>classification</c> generator (ignored by the others).</param>
    /// <exception cref="ArgumentException">An unknown name, or a data directory given where none is used or missing where one
    /// is needed (checked first, by <see cref="Validate"/>).</exception>
    /// <exception cref="DirectoryNotFoundException">The directory does not exist; the message says how to get the data.</exception>
    /// <exception cref="FileNotFoundException">A file of the set is missing.</exception>
    /// <exception cref="InvalidDataException">A file is truncated or corrupt (the message names it and what was expected), or a
    /// full set does not have 60 000 training and 10 000 test images.</exception>
    public static NamedDataSplit Load(string name, string dataDirectory = "", int seed = 0)
    {
        var key = Validate(name, dataDirectory);
        switch (key)
        {
            case "mnist":
                var standard = Mnist.StandardSplit();
                return new NamedDataSplit(key, standard.Train, standard.Test, "embedded MNIST test set (t10k), split 9000/1000");
            case "mnist-full":
                return Full(key, "mnist", dataDirectory, "download the official MNIST files (http://yann.lecun.com/exdb/mnist/) into it");
            case "fashion-mnist":
                return Full(key, "fashion-mnist", dataDirectory.Trim().Length > 0 ? dataDirectory : FashionMnistDirectory,
                    "install Debian's dataset-fashion-mnist package (bash scripts/setup.sh does) or pass --data-dir with the four Fashion-MNIST IDX files");
            case "classification":
                var all = MakeClassification.Generate(MakeClassificationOptions.Default with { SampleCount = 10_000, Seed = seed });
                return new NamedDataSplit(key, all.Slice(0, 9_000), all.Slice(9_000, 1_000), $"make_classification defaults, 10 000 samples, seed {seed}, split 9000/1000");
            default:
                throw new System.Diagnostics.UnreachableException($"Validate accepted the unknown dataset '{key}'.");
        }
    }

    private static NamedDataSplit Full(string key, string prefix, string directory, string howToGet)
    {
        var full = Path.GetFullPath(directory);
        if (!Directory.Exists(full))
            throw new DirectoryNotFoundException($"{key}: the directory '{full}' does not exist; {howToGet}.");
        var train = Mnist.Load(full, MnistSplit.Training, prefix);
        var test = Mnist.Load(full, MnistSplit.Test, prefix);
        if (train.Count != 60_000 || test.Count != Mnist.TestSetCount)
            throw new InvalidDataException($"{key} in '{full}' has {train.Count} training and {test.Count} test images; the full set has 60000 and 10000.");
        return new NamedDataSplit(key, train, test, full);
    }
}
