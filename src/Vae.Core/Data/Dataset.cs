using System.Collections.ObjectModel;
using MathNet.Numerics.LinearAlgebra;

namespace Vae.Core.Data;

/// <summary>
/// An immutable in-memory data set: <see cref="Count"/> samples of <see cref="FeatureCount"/> single-precision
/// features each, stored row-major (<c>[samples, features]</c>), with an integer class label per sample.
/// </summary>
/// <remarks>
/// Factories copy their inputs ("independent from the provided arrays"); accessors return read-only views or
/// fresh copies, never the internal buffer.
/// </remarks>
public sealed class Dataset
{
    private readonly float[] _features;
    private readonly int[] _labels;

    private Dataset(string name, float[] features, int[] labels, int[] sampleShape)
    {
        Name = name;
        _features = features;
        _labels = labels;
        SampleShape = Array.AsReadOnly(sampleShape);
        FeatureCount = sampleShape.Aggregate(1, (a, b) => a * b);
        Count = labels.Length;
        Labels = Array.AsReadOnly(labels);
        ClassCount = labels.Length == 0 ? 0 : labels.Max() + 1;
    }

    /// <summary>A short description of where the data came from (e.g. <c>mnist-t10k[0..9000)</c>).</summary>
    public string Name { get; }

    /// <summary>Number of samples.</summary>
    public int Count { get; }

    /// <summary>Number of features per sample: the product of <see cref="SampleShape"/>.</summary>
    public int FeatureCount { get; }

    /// <summary>Shape of one sample, e.g. <c>[1, 28, 28]</c> (channels, height, width) for MNIST or <c>[features]</c> for tabular data.</summary>
    public IReadOnlyList<int> SampleShape { get; }

    /// <summary>Class label of each sample, in <c>[0, ClassCount)</c>; shape <c>[samples]</c>.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Number of classes: the largest label + 1 (0 for an empty set).</summary>
    public int ClassCount { get; }

    /// <summary>All features, row-major <c>[samples, features]</c>, as a read-only view.</summary>
    public ReadOnlySpan<float> Features => _features;

    /// <summary>The features of sample <paramref name="index"/>, shape <c>[features]</c>, as a read-only view
    /// (<see cref="CopySample"/> copies them).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <c>[0, Count)</c>.</exception>
    public ReadOnlySpan<float> Sample(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return _features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>A fresh copy of the features of sample <paramref name="index"/>, shape <c>[features]</c>: the copying
    /// twin of <see cref="Sample"/>, for code that keeps the values (F# closures, <c>seq { }</c>, async code cannot
    /// hold a span).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside <c>[0, Count)</c>.</exception>
    public float[] CopySample(int index) => Sample(index).ToArray();

    /// <summary>A fresh copy of the features, row-major <c>[samples, features]</c>.</summary>
    public float[] CopyFeatures() => (float[])_features.Clone();

    /// <summary>The features as a new MathNet matrix <c>[samples, features]</c> in double precision.</summary>
    public Matrix<double> ToMatrix()
    {
        var m = Matrix<double>.Build.Dense(Count, FeatureCount);
        for (int i = 0; i < Count; i++)
        for (int j = 0; j < FeatureCount; j++)
            m[i, j] = _features[i * FeatureCount + j];
        return m;
    }

    /// <summary>The product of <paramref name="shape"/>'s dimensions (all ≥ 1), capped at <see cref="int.MaxValue"/> + 1 so
    /// that it cannot overflow: a result above <see cref="int.MaxValue"/> means "more features than one sample can hold".</summary>
    internal static long CappedFeatureCount(IReadOnlyList<int> shape) => shape.Aggregate(1L, (a, b) => Math.Min(a * b, int.MaxValue + 1L));

    /// <summary>Creates a data set from row-major features; the arrays are copied.</summary>
    /// <param name="name">Description of the source.</param>
    /// <param name="features">Row-major <c>[samples, features]</c>; every value finite.</param>
    /// <param name="labels">Labels <c>[samples]</c>, each ≥ 0.</param>
    /// <param name="sampleShape">Shape of one sample; its product is the number of features.</param>
    /// <exception cref="ArgumentException">Lengths disagree, a dimension is not positive, the shape has more than
    /// <see cref="int.MaxValue"/> features, a label is negative, or a feature is not finite.</exception>
    public static Dataset Create(string name, ReadOnlySpan<float> features, IReadOnlyList<int> labels, IReadOnlyList<int> sampleShape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(sampleShape);
        if (sampleShape.Count == 0 || sampleShape.Any(d => d <= 0))
            throw new ArgumentException($"sampleShape [{string.Join(", ", sampleShape)}] must have positive dimensions.", nameof(sampleShape));
        long featureCount = CappedFeatureCount(sampleShape);
        if (featureCount > int.MaxValue)
            throw new ArgumentException($"sampleShape [{string.Join(", ", sampleShape)}] has more than {int.MaxValue} features per sample.", nameof(sampleShape));
        if (features.Length != labels.Count * featureCount)
            throw new ArgumentException($"features has {features.Length} values; {labels.Count} samples of shape [{string.Join(", ", sampleShape)}] need {labels.Count * featureCount}.", nameof(features));
        for (int i = 0; i < labels.Count; i++)
            if (labels[i] < 0) throw new ArgumentException($"labels[{i}] = {labels[i]} is negative.", nameof(labels));
        for (int i = 0; i < features.Length; i++)
            if (!float.IsFinite(features[i])) throw new ArgumentException($"features[{i}] = {features[i]} is not finite.", nameof(features));
        return new Dataset(name, features.ToArray(), labels.ToArray(), sampleShape.ToArray());
    }

    /// <summary>The samples <c>[start, start + count)</c> as a new data set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The range is not inside <c>[0, Count)</c>.</exception>
    public Dataset Slice(int start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (start + count > Count)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"start {start} + count {count} exceeds the {Count} samples.");
        return new Dataset($"{Name}[{start}..{start + count})",
            _features.AsSpan(start * FeatureCount, count * FeatureCount).ToArray(),
            _labels.AsSpan(start, count).ToArray(), SampleShape.ToArray());
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order, as a new data set.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An index is outside <c>[0, Count)</c>.</exception>
    public Dataset Select(IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var features = new float[indices.Count * FeatureCount];
        var labels = new int[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            int k = indices[i];
            if ((uint)k >= (uint)Count) throw new ArgumentOutOfRangeException(nameof(indices), k, $"indices[{i}] is outside [0, {Count}).");
            Array.Copy(_features, k * FeatureCount, features, i * FeatureCount, FeatureCount);
            labels[i] = _labels[k];
        }
        return new Dataset($"{Name}[selection of {indices.Count}]", features, labels, SampleShape.ToArray());
    }

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Count} samples of shape [{string.Join(", ", SampleShape)}], {ClassCount} classes";
}
