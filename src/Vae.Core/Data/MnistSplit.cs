namespace Vae.Core.Data;

/// <summary>Which of the two official MNIST file sets to read from a directory.</summary>
public enum MnistSplit
{
    /// <summary>The 60 000-image training set: <c>train-images-idx3-ubyte[.gz]</c> and <c>train-labels-idx1-ubyte[.gz]</c>.</summary>
    Training,

    /// <summary>The 10 000-image test set: <c>t10k-images-idx3-ubyte[.gz]</c> and <c>t10k-labels-idx1-ubyte[.gz]</c>.</summary>
    Test,
}
