using Vae.Core.Collections;
using Vae.Quantum.Spectrum;

namespace Vae.Reproduce.QuantumPaper;

/// <summary>The pipeline of the paper's Fig. 2: make_classification data → VAE → ψ network.</summary>
/// <remarks>The paper gives no sizes; these defaults are ours (docs/quantum.md §8).</remarks>
public sealed record Figure2Options
{
    /// <summary>The defaults.</summary>
    public static Figure2Options Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public Figure2Options() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>Figure2Options(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public Figure2Options(Figure2Options original)
    {
        ArgumentNullException.ThrowIfNull(original);
        Samples = original.Samples;
        Features = original.Features;
        Informative = original.Informative;
        ClassSeparation = original.ClassSeparation;
        LatentSize = original.LatentSize;
        _vaeHiddenSizes = original._vaeHiddenSizes;
        VaeEpochs = original.VaeEpochs;
        Psi = original.Psi;
        MinimaFromClusters = original.MinimaFromClusters;
        Seed = original.Seed;
    }

    /// <summary>Samples, ≥ 10. Default 1000.</summary>
    public int Samples { get; init; } = 1000;

    /// <summary>Features ("highly dimensional"), default 50, of which <see cref="Informative"/> informative and 5 redundant.</summary>
    public int Features { get; init; } = 50;

    /// <summary>Informative features, default 5 (room for up to 32 clusters).</summary>
    public int Informative { get; init; } = 5;

    /// <summary>make_classification class separation, default 2 (clearly separable clusters, as the paper's tSNE panels show).</summary>
    public double ClassSeparation { get; init; } = 2.0;

    /// <summary>VAE latent size d_z, default 2.</summary>
    public int LatentSize { get; init; } = 2;

    /// <summary>VAE hidden layers, default 64, 32 (ReLU, Gaussian decoder).</summary>
    public IReadOnlyList<int> VaeHiddenSizes { get => _vaeHiddenSizes; init => _vaeHiddenSizes = ValueList.Copy(value); }
    private readonly IReadOnlyList<int> _vaeHiddenSizes = ValueList.Copy<int>([64, 32]);

    /// <summary>VAE epochs, default 40.</summary>
    public int VaeEpochs { get; init; } = 40;

    /// <summary>ψ-network options; its <see cref="PsiNetworkOptions.Minima"/> is replaced by the cluster count k when
    /// <see cref="MinimaFromClusters"/> is true.</summary>
    public PsiNetworkOptions Psi { get; init; } = PsiNetworkOptions.Default;

    /// <summary>Use t = k (one minimum of V per cluster). Default true.</summary>
    public bool MinimaFromClusters { get; init; } = true;

    /// <summary>Seed of the data, the VAE and the ψ network.</summary>
    public int Seed { get; init; }

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(Figure2Options? other) =>
        other is not null && Samples == other.Samples && Features == other.Features
        && Informative == other.Informative && ClassSeparation.Equals(other.ClassSeparation)
        && LatentSize == other.LatentSize && VaeHiddenSizes.SequenceEqual(other.VaeHiddenSizes)
        && VaeEpochs == other.VaeEpochs && Equals(Psi, other.Psi)
        && MinimaFromClusters == other.MinimaFromClusters && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Samples);
        hash.Add(Features);
        hash.Add(Informative);
        hash.Add(ClassSeparation);
        hash.Add(LatentSize);
        foreach (var item in VaeHiddenSizes) hash.Add(item);
        hash.Add(VaeEpochs);
        hash.Add(Psi);
        hash.Add(MinimaFromClusters);
        hash.Add(Seed);
        return hash.ToHashCode();
    }
}
