using Vae.Core.Collections;
namespace Vae.Core.Data;

/// <summary>
/// Parameters of <see cref="MakeClassification"/>, with scikit-learn's defaults for
/// <c>sklearn.datasets.make_classification</c> (each property names its scikit-learn parameter).
/// </summary>
/// <remarks>
/// C#: <c>MakeClassificationOptions.Default with { SampleCount = 5000, ClassCount = 3 }</c>;
/// F#: <c>MakeClassificationOptions(SampleCount = 5000, ClassCount = 3)</c>. Validated by
/// <see cref="MakeClassification.Generate"/>, with scikit-learn's conditions.
/// </remarks>
public sealed record MakeClassificationOptions
{
    /// <summary>scikit-learn's defaults: 100 samples, 20 features (2 informative, 2 redundant), 2 classes of 2 clusters, flip_y 0.01, seed 0.</summary>
    public static MakeClassificationOptions Default { get; } = new();

    /// <summary>Every property at its documented default (equal to <see cref="Default"/>).</summary>
    public MakeClassificationOptions() { }

    /// <summary>A copy of <paramref name="original"/> with every property the same; C#'s <c>with</c> calls it, and F#
    /// copies and updates with it: <c>MakeClassificationOptions(original, Property = value)</c>.</summary>
    /// <param name="original">The record to copy.</param>
    /// <exception cref="ArgumentNullException"><paramref name="original"/> is null.</exception>
    public MakeClassificationOptions(MakeClassificationOptions original)
    {
        ArgumentNullException.ThrowIfNull(original);
        SampleCount = original.SampleCount;
        FeatureCount = original.FeatureCount;
        InformativeCount = original.InformativeCount;
        RedundantCount = original.RedundantCount;
        RepeatedCount = original.RepeatedCount;
        ClassCount = original.ClassCount;
        ClustersPerClass = original.ClustersPerClass;
        _weights = original._weights;
        FlipY = original.FlipY;
        ClassSep = original.ClassSep;
        Hypercube = original.Hypercube;
        Shift = original.Shift;
        RandomShift = original.RandomShift;
        Scale = original.Scale;
        RandomScale = original.RandomScale;
        Shuffle = original.Shuffle;
        Seed = original.Seed;
    }

    /// <summary>Number of samples, ≥ 1 (scikit-learn: <c>n_samples</c>, default 100).</summary>
    public int SampleCount { get; init; } = 100;

    /// <summary>Total number of features, ≥ 1 and ≥ informative + redundant + repeated; the rest are N(0, 1) noise
    /// ("useless") features (scikit-learn: <c>n_features</c>, default 20).</summary>
    public int FeatureCount { get; init; } = 20;

    /// <summary>Number of informative features d ≥ 1: the clusters sit on vertices of a d-dimensional hypercube
    /// (scikit-learn: <c>n_informative</c>, default 2). Requires ClassCount · ClustersPerClass ≤ 2^d.</summary>
    public int InformativeCount { get; init; } = 2;

    /// <summary>Number of redundant features ≥ 0: random linear combinations of the informative ones
    /// (scikit-learn: <c>n_redundant</c>, default 2).</summary>
    public int RedundantCount { get; init; } = 2;

    /// <summary>Number of repeated features ≥ 0: copies of informative or redundant features chosen at random with
    /// replacement (scikit-learn: <c>n_repeated</c>, default 0).</summary>
    public int RepeatedCount { get; init; } = 0;

    /// <summary>Number of classes ≥ 1 (scikit-learn: <c>n_classes</c>, default 2).</summary>
    public int ClassCount { get; init; } = 2;

    /// <summary>Number of Gaussian clusters per class ≥ 1 (scikit-learn: <c>n_clusters_per_class</c>, default 2).</summary>
    public int ClustersPerClass { get; init; } = 2;

    /// <summary>Class proportions: empty for balanced classes (the default), or <c>ClassCount</c> values, or
    /// <c>ClassCount − 1</c> values with the last inferred as 1 − their sum. Each ≥ 0, sum ≤ 1
    /// (scikit-learn: <c>weights</c>, default None).</summary>
    public IReadOnlyList<double> Weights { get => _weights; init => _weights = ValueList.Copy(value); }
    private readonly IReadOnlyList<double> _weights = ValueList.Copy<double>([]);

    /// <summary>Fraction of samples whose label is redrawn uniformly from all classes (so about
    /// FlipY · (1 − 1/ClassCount) of labels actually change), in [0, 1] (scikit-learn: <c>flip_y</c>, default 0.01).</summary>
    public double FlipY { get; init; } = 0.01;

    /// <summary>Half the side of the hypercube, &gt; 0: cluster centroids have coordinates ±ClassSep
    /// (scikit-learn: <c>class_sep</c>, default 1.0).</summary>
    public double ClassSep { get; init; } = 1.0;

    /// <summary>True: centroids on hypercube vertices. False: vertices of a random polytope, each centroid scaled by a
    /// U[0, 1) factor per cluster and per feature (scikit-learn: <c>hypercube</c>, default true).</summary>
    public bool Hypercube { get; init; } = true;

    /// <summary>Constant added to every feature before scaling, finite (scikit-learn: <c>shift</c> as a float,
    /// default 0.0). Ignored when <see cref="RandomShift"/> is true.</summary>
    public double Shift { get; init; } = 0.0;

    /// <summary>True: shift each feature by its own U[−ClassSep, ClassSep) value (scikit-learn: <c>shift=None</c>).</summary>
    public bool RandomShift { get; init; } = false;

    /// <summary>Factor multiplying every feature after shifting, &gt; 0 and finite (scikit-learn: <c>scale</c> as a
    /// float, default 1.0). Ignored when <see cref="RandomScale"/> is true.</summary>
    public double Scale { get; init; } = 1.0;

    /// <summary>True: scale each feature by its own 1 + 100·U[0, 1) value (scikit-learn: <c>scale=None</c>; its docs
    /// say "[1, 100]", its code draws from [1, 101)).</summary>
    public bool RandomScale { get; init; } = false;

    /// <summary>Shuffle the samples and the features (scikit-learn: <c>shuffle</c>, default true). Unshuffled, the
    /// columns are informative, redundant, repeated, then useless, and the samples are grouped by cluster.</summary>
    public bool Shuffle { get; init; } = true;

    /// <summary>Seed of the Mersenne Twister that drives every random draw (scikit-learn: <c>random_state</c>).</summary>
    public int Seed { get; init; } = 0;

    /// <summary>Value equality, comparing the lists element by element.</summary>
    public bool Equals(MakeClassificationOptions? other) =>
        other is not null && SampleCount == other.SampleCount && FeatureCount == other.FeatureCount
        && InformativeCount == other.InformativeCount && RedundantCount == other.RedundantCount
        && RepeatedCount == other.RepeatedCount && ClassCount == other.ClassCount
        && ClustersPerClass == other.ClustersPerClass && Weights.SequenceEqual(other.Weights)
        && FlipY.Equals(other.FlipY) && ClassSep.Equals(other.ClassSep) && Hypercube == other.Hypercube
        && Shift.Equals(other.Shift) && RandomShift == other.RandomShift && Scale.Equals(other.Scale)
        && RandomScale == other.RandomScale && Shuffle == other.Shuffle && Seed == other.Seed;

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(SampleCount);
        hash.Add(FeatureCount);
        hash.Add(InformativeCount);
        hash.Add(RedundantCount);
        hash.Add(RepeatedCount);
        hash.Add(ClassCount);
        hash.Add(ClustersPerClass);
        foreach (var item in Weights) hash.Add(item);
        hash.Add(FlipY);
        hash.Add(ClassSep);
        hash.Add(Hypercube);
        hash.Add(Shift);
        hash.Add(RandomShift);
        hash.Add(Scale);
        hash.Add(RandomScale);
        hash.Add(Shuffle);
        hash.Add(Seed);
        return hash.ToHashCode();
    }
}
