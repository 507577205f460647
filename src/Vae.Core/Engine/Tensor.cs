using System.Numerics;

namespace Vae.Core.Engine;

/// <summary>
/// A dense row-major tensor of <typeparamref name="T"/> (<c>float</c> or <c>double</c>) for the neural engine.
/// The first dimension is the batch (<c>[batch, features]</c>, <c>[batch, channels, height, width]</c>).
/// </summary>
/// <remarks>
/// <para>Layers own their output and gradient tensors and reuse them between steps (a training step allocates
/// no large arrays): a tensor returned by <see cref="Layer{T}.Forward"/> is overwritten by that layer's next
/// forward pass. Copy it (<see cref="ToArray"/>) to keep it.</para>
/// <para>The backing array may be larger than <see cref="Length"/> (capacity kept when the batch shrinks).</para>
/// </remarks>
/// <typeparam name="T">Element type: <c>float</c> (training) or <c>double</c> (gradient checks).</typeparam>
public sealed class Tensor<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] _data;
    private int[] _shape;

    private Tensor(T[] data, int[] shape)
    {
        _data = data;
        _shape = shape;
        Length = checked(shape.Aggregate(1, (a, b) => a * b));
    }

    /// <summary>The shape, e.g. <c>[batch, features]</c>.</summary>
    public IReadOnlyList<int> Shape => Array.AsReadOnly(_shape);

    /// <summary>Number of dimensions.</summary>
    public int Rank => _shape.Length;

    /// <summary>Number of elements: the product of <see cref="Shape"/>.</summary>
    public int Length { get; private set; }

    /// <summary>Size of dimension <paramref name="dimension"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is outside <c>[0, Rank)</c>.</exception>
    public int Dimension(int dimension)
    {
        if ((uint)dimension >= (uint)_shape.Length)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, $"The tensor has rank {_shape.Length}.");
        return _shape[dimension];
    }

    /// <summary>The element at a row-major multi-index.</summary>
    /// <exception cref="ArgumentException">The index has the wrong rank or is out of range.</exception>
    public T this[params int[] index]
    {
        get => _data[Offset(index)];
        set => _data[Offset(index)] = value;
    }

    /// <summary>A read-only view of the <see cref="Length"/> elements, row-major.</summary>
    public ReadOnlySpan<T> AsReadOnlySpan() => _data.AsSpan(0, Length);

    /// <summary>A fresh row-major copy of the elements.</summary>
    public T[] ToArray() => _data.AsSpan(0, Length).ToArray();

    /// <summary>Copies <paramref name="values"/> (row-major, exactly <see cref="Length"/> elements) into the tensor.</summary>
    /// <exception cref="ArgumentException">The length differs from <see cref="Length"/>.</exception>
    public void CopyFrom(ReadOnlySpan<T> values)
    {
        if (values.Length != Length)
            throw new ArgumentException($"values has {values.Length} elements; the tensor {ShapeText(_shape)} has {Length}.", nameof(values));
        values.CopyTo(_data);
    }

    /// <summary>A tensor of zeros with the given shape.</summary>
    /// <exception cref="ArgumentException">The shape is empty or has a non-positive dimension.</exception>
    public static Tensor<T> Zeros(params int[] shape)
    {
        var s = ValidShape(shape, nameof(shape));
        return new Tensor<T>(new T[s.Aggregate(1, (a, b) => checked(a * b))], s);
    }

    /// <summary>A tensor with the given shape holding a copy of <paramref name="values"/> (row-major).</summary>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static Tensor<T> FromArray(ReadOnlySpan<T> values, params int[] shape)
    {
        var t = Zeros(shape);
        t.CopyFrom(values);
        return t;
    }

    /// <summary>A tensor with the given shape holding a copy of <paramref name="values"/> (row-major); the array
    /// overload, so that F# can pass the shape as <c>params</c>: <c>Tensor&lt;float&gt;.FromArray([| 1.0; 2.0 |], 1, 2)</c>.</summary>
    /// <param name="values">Row-major values, as many as the product of <paramref name="shape"/>; copied.</param>
    /// <param name="shape">The shape, e.g. <c>[batch, features]</c>; every dimension ≥ 1.</param>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    /// <exception cref="ArgumentException">The shape is invalid or its product differs from the number of values.</exception>
    public static Tensor<T> FromArray(T[] values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(values);
        return FromArray(new ReadOnlySpan<T>(values), shape);
    }

    /// <inheritdoc />
    public override string ToString() => $"Tensor<{typeof(T).Name}>{ShapeText(_shape)}";

    /// <summary>The full span over <see cref="Length"/> elements, for engine kernels.</summary>
    internal Span<T> Span => _data.AsSpan(0, Length);

    internal int[] ShapeArray => _shape;

    /// <summary>Row <paramref name="index"/> of the first dimension (one sample), as a writable span.</summary>
    internal Span<T> Row(int index)
    {
        int size = Length / _shape[0];
        return _data.AsSpan(index * size, size);
    }

    /// <summary>Sets a new shape, reusing the backing array when it is large enough.</summary>
    internal void Reset(ReadOnlySpan<int> shape)
    {
        int length = 1;
        foreach (var d in shape) length = checked(length * d);
        if (shape.SequenceEqual(_shape)) return;
        if (length > _data.Length) _data = new T[length];
        _shape = shape.ToArray();
        Length = length;
    }

    /// <summary>A tensor sharing this tensor's array under another shape with the same length (a view).</summary>
    internal Tensor<T> ViewAs(int[] shape)
    {
        var view = new Tensor<T>(_data, shape);
        if (view.Length != Length)
            throw new ArgumentException($"Cannot view {ShapeText(_shape)} as {ShapeText(shape)}: lengths {Length} and {view.Length} differ.", nameof(shape));
        return view;
    }

    /// <summary>Reuses <paramref name="buffer"/> for shape <c>[batch, ..sampleShape]</c> or allocates it.</summary>
    internal static Tensor<T> Ensure(ref Tensor<T>? buffer, int batch, IReadOnlyList<int> sampleShape)
    {
        Span<int> shape = stackalloc int[sampleShape.Count + 1];
        shape[0] = batch;
        for (int i = 0; i < sampleShape.Count; i++) shape[i + 1] = sampleShape[i];
        if (buffer is null) buffer = new Tensor<T>(new T[Product(shape)], shape.ToArray());
        else buffer.Reset(shape);
        return buffer;
    }

    internal static string ShapeText(IReadOnlyList<int> shape) => $"[{string.Join(", ", shape)}]";

    private static int Product(ReadOnlySpan<int> shape)
    {
        int p = 1;
        foreach (var d in shape) p = checked(p * d);
        return p;
    }

    private static int[] ValidShape(int[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape, name);
        if (shape.Length == 0 || shape.Any(d => d <= 0))
            throw new ArgumentException($"Shape {ShapeText(shape)} must have at least one dimension, all positive.", name);
        return (int[])shape.Clone();
    }

    private int Offset(int[] index)
    {
        if (index.Length != _shape.Length)
            throw new ArgumentException($"Index of rank {index.Length} for a tensor of shape {ShapeText(_shape)}.", nameof(index));
        int offset = 0;
        for (int i = 0; i < index.Length; i++)
        {
            if ((uint)index[i] >= (uint)_shape[i])
                throw new ArgumentException($"Index {ShapeText(index)} is outside shape {ShapeText(_shape)}.", nameof(index));
            offset = offset * _shape[i] + index[i];
        }
        return offset;
    }
}
